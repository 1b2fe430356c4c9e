"""Cada questão: branco é "não respondida", lixo nunca quebra a conferência."""

import importlib

import pytest

from mlops_lab.exercises import CHAPTERS
from mlops_lab.exercises.core import CORRECT, INCORRECT, NOT_ANSWERED, PARTIAL

MODULOS = {nome: importlib.import_module(f"mlops_lab.exercises.{nome}") for nome in CHAPTERS}
TODAS = [(nome, q) for nome, m in MODULOS.items() for q in m.QUESTIONS]


def test_pelo_menos_30_questoes_e_3_por_capitulo():
    assert len(TODAS) >= 30
    assert all(len(m.QUESTIONS) >= 3 for m in MODULOS.values())
    tipos = {q.kind for _, q in TODAS}
    assert {"escolha", "numero", "codigo", "funcao", "artefato"} <= tipos


@pytest.mark.parametrize("capitulo,q", TODAS, ids=[f"{c}-{q.name}" for c, q in TODAS])
def test_branco_e_lixo(capitulo, q, capsys):
    assert q.grade(...).status == NOT_ANSWERED
    for lixo in (object(), "zzz", -1):
        r = q.grade(lixo)
        assert r.status == INCORRECT and r.score == 0 and r.messages
    for parecido in ([1, 2], {"a": 1}, 0.5):
        assert q.grade(parecido).score < 1
    q.check(...)
    q.hint()
    q.solution()
    saida = capsys.readouterr().out
    assert "Ainda sem resposta" in saida and "Dica 1" in saida and "Solução" in saida
    assert q.prompt and q.hints and q.answer.startswith("resposta_")


def test_retorno_ensina_o_que_esta_errado():
    from mlops_lab.exercises import cap02, cap03_3

    r = cap02.q1.grade("a")
    assert r.status == INCORRECT and "não supervisionado" in r.messages[0]
    r = cap03_3.q3.grade(lambda e, o: 0.0)
    assert r.status == PARTIAL and 0 < r.score < 1
    assert any("esperava 0.1694596" in m for m in r.messages)
    assert cap02.q5.grade(lambda r, m: "Sim" if r >= 3 or m < 6 else "Não").status == CORRECT
