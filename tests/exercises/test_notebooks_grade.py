"""Cada mestre soma 100% na correção em lote; o notebook do aluno é derivado do mestre.

O notebook do aluno, em branco, não é executado aqui: o nbval já o executa inteiro no
ambiente do Binder (``make notebooks``) e falha em qualquer erro, e cada questão sem
resposta vale 0 (``tests/exercises/test_questions.py``).
"""

from pathlib import Path

import nbformat
import pytest

from mlops_lab.exercises import CHAPTERS
from mlops_lab.exercises.build import same_sources, student_notebook
from mlops_lab.exercises.grader import grade_notebook

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize("capitulo", list(CHAPTERS))
def test_mestre_soma_tudo(capitulo):
    arquivo = CHAPTERS[capitulo]
    mestre = grade_notebook(NOTEBOOKS / "masters" / arquivo, timeout=600)
    assert mestre["erro"] == "", mestre
    assert mestre["total"] == mestre["maximo"] >= 3, mestre


@pytest.mark.parametrize("capitulo", list(CHAPTERS))
def test_aluno_e_derivado_do_mestre(capitulo):
    arquivo = CHAPTERS[capitulo]
    mestre = nbformat.read(NOTEBOOKS / "masters" / arquivo, as_version=4)
    aluno = nbformat.read(NOTEBOOKS / arquivo, as_version=4)
    assert same_sources(student_notebook(mestre), aluno)
    fontes = "\n".join(c.source for c in aluno.cells)
    assert "SOLUCAO" not in fontes  # nenhuma solução vaza para o aluno
    assert mestre.metadata["mlops_lab"]["chapter"] == capitulo


def test_primeira_celula_instala_so_no_colab():
    for arquivo in CHAPTERS.values():
        nb = nbformat.read(NOTEBOOKS / arquivo, as_version=4)
        primeira = next(c for c in nb.cells if c.cell_type == "code")
        assert '"google.colab" in sys.modules' in primeira.source
        assert "pip install" in primeira.source
