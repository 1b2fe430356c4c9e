"""Cada mestre soma 100% na correção em lote; o notebook do aluno é derivado do mestre.

O notebook do aluno, em branco, não é executado aqui: o nbval já o executa inteiro no
ambiente do Binder (``make notebooks``) e falha em qualquer erro, e cada questão sem
resposta vale 0 (``tests/exercises/test_questions.py``).

Do mestre, o corretor executa só a seção de exercícios (com a primeira célula, a da
instalação no Colab): quem reabre o notebook e vai direto aos exercícios, com o kernel
reiniciado, precisa conseguir fazê-los sem rodar a demonstração inteira (a do capítulo 7,
com o DVC e o MLflow, leva minutos). A demonstração já roda inteira no nbval.
"""

from pathlib import Path

import nbformat
import pytest

from mlops_lab.exercises import CHAPTERS
from mlops_lab.exercises.build import same_sources, student_notebook
from mlops_lab.exercises.grader import grade_notebook

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


EXERCICIOS = "## Exercícios com correção automática"


def so_os_exercicios(nb):
    """A primeira célula de código e tudo a partir do título dos exercícios."""
    inicio = next(i for i, c in enumerate(nb.cells)
                  if c.cell_type == "markdown" and c.source.startswith(EXERCICIOS))
    primeira = next(c for c in nb.cells if c.cell_type == "code")
    copia = nbformat.v4.new_notebook(metadata=nb.metadata)
    copia.cells = [primeira, *nb.cells[inicio:]]
    return copia


@pytest.mark.parametrize("capitulo", list(CHAPTERS))
def test_mestre_soma_tudo(capitulo, tmp_path):
    arquivo = CHAPTERS[capitulo]
    mestre = nbformat.read(NOTEBOOKS / "masters" / arquivo, as_version=4)
    exercicios = so_os_exercicios(mestre)
    assert sum(c.cell_type == "code" for c in exercicios.cells) >= 4
    nbformat.write(exercicios, tmp_path / arquivo)
    nota = grade_notebook(tmp_path / arquivo, timeout=600)
    assert nota["erro"] == "", nota
    assert nota["total"] == nota["maximo"] >= 3, nota


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
