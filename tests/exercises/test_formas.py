"""Cada questão separa respostas erradas plausíveis das formas equivalentes da certa.

Para cada questão de cada capítulo, ``tests/exercises/formas/<capitulo>.py`` lista
ao menos três respostas erradas plausíveis (nenhuma pode levar a nota toda) e ao
menos duas formas da resposta certa (todas levam a nota toda). Assim, uma
verificação que só olha a forma (o tipo, o número de linhas) ou uma tolerância
estreita demais aparece aqui, e não na correção de uma turma.
"""

import importlib
import os

import pytest

from mlops_lab.exercises import CHAPTERS
from mlops_lab.exercises.core import CORRECT, render

MODULOS = {nome: importlib.import_module(f"mlops_lab.exercises.{nome}") for nome in CHAPTERS}
TODAS = [(capitulo, q) for capitulo, m in MODULOS.items() for q in m.QUESTIONS]


def _formas(capitulo, q):
    try:
        modulo = importlib.import_module(f"tests.exercises.formas.{capitulo}")
    except ModuleNotFoundError as erro:
        if erro.name != f"tests.exercises.formas.{capitulo}":
            raise
        pytest.fail(f"falta tests/exercises/formas/{capitulo}.py, com FORMAS = {{'q1': "
                    "{'erradas': [...], 'certas': [...]}, ...} para cada questão do capítulo")
    formas = getattr(modulo, "FORMAS", {})
    if q.name not in formas:
        pytest.fail(f"tests/exercises/formas/{capitulo}.py não tem FORMAS[{q.name!r}]: "
                    f"declare as respostas erradas e certas de {capitulo}.{q.name}")
    return formas[q.name]


def _nota(q, forma, pasta):
    pasta.mkdir()
    anterior = os.getcwd()
    os.chdir(pasta)
    try:
        resposta = forma()
        return q.grade(resposta, base_dir=pasta)
    finally:
        os.chdir(anterior)


@pytest.mark.parametrize("capitulo,q", TODAS, ids=[f"{c}-{q.name}" for c, q in TODAS])
def test_erradas_nao_levam_a_nota_toda(capitulo, q, tmp_path):
    erradas = _formas(capitulo, q).get("erradas", [])
    assert len(erradas) >= 3, f"{capitulo}.{q.name}: declare ao menos 3 respostas erradas"
    for i, forma in enumerate(erradas):
        resultado = _nota(q, forma, tmp_path / f"errada_{i}")
        assert resultado.score < 1 and resultado.status != CORRECT, (
            f"{capitulo}.{q.name}: a resposta errada nº {i + 1} levou a nota toda:\n"
            + render(q, resultado))
        assert resultado.messages, f"{capitulo}.{q.name}: errada nº {i + 1} sem retorno"


@pytest.mark.parametrize("capitulo,q", TODAS, ids=[f"{c}-{q.name}" for c, q in TODAS])
def test_certas_levam_a_nota_toda(capitulo, q, tmp_path):
    certas = _formas(capitulo, q).get("certas", [])
    assert len(certas) >= 2, f"{capitulo}.{q.name}: declare ao menos 2 formas da resposta certa"
    for i, forma in enumerate(certas):
        resultado = _nota(q, forma, tmp_path / f"certa_{i}")
        assert resultado.status == CORRECT and resultado.score == 1, (
            f"{capitulo}.{q.name}: a forma certa nº {i + 1} não levou a nota toda:\n"
            + render(q, resultado))
