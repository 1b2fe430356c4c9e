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
    from mlops_lab.exercises import deployment, machine_learning

    r = machine_learning.q1.grade("a")
    assert r.status == INCORRECT and "não supervisionado" in r.messages[0]
    r = deployment.q3.grade(lambda e, o: 0.0)
    assert r.status == PARTIAL and 0 < r.score < 1
    assert any("esperava 0.1694596" in m for m in r.messages)
    resposta = machine_learning.q5.grade(lambda r, m: "Sim" if r >= 3 or m < 6 else "Não")
    assert resposta.status == CORRECT


# ----- dicas em passos ---------------------------------------------------------------

def _questao_nova():
    from mlops_lab.exercises.core import Numeric

    return Numeric("q9", "resposta_9", "Quanto é 1/4?", 0.25,
                   ["Pense numa pizza.", "Divida por quatro."], "resposta_9 = 1 / 4",
                   decimals=2, share=True)


def test_cada_hint_mostra_a_proxima_dica(capsys):
    q = _questao_nova()
    q.hint()
    primeira = capsys.readouterr().out
    assert "Dica 1 de 2" in primeira and "Pense numa pizza" in primeira
    assert "Divida" not in primeira  # só uma dica por vez
    q.hint()
    segunda = capsys.readouterr().out
    assert "Dica 2 de 2" in segunda and "última" in segunda and "solution()" in segunda
    q.hint()
    acabou = capsys.readouterr().out
    assert "Não há mais dicas" in acabou and "solution()" in acabou and "Dica" not in acabou
    q.hint(1)
    assert "Dica 1 de 2" in capsys.readouterr().out
    q.hint(7)
    assert "hint(1)" in capsys.readouterr().out
    assert q.hints_shown == 2 and q.solution_shown is False
    q.solution()
    assert q.solution_shown is True and "resposta_9 = 1 / 4" in capsys.readouterr().out


MEUS = ["machine_learning", "data_preparation", "model_building"]
MINHAS = [(c, q) for c in MEUS for q in MODULOS[c].QUESTIONS]


@pytest.mark.parametrize("capitulo,q", MINHAS, ids=[f"{c}-{q.name}" for c, q in MINHAS])
def test_codigo_so_na_solucao(capitulo, q):
    """Nenhuma dica entrega a solução: nem a atribuição da resposta, nem uma linha dela."""
    linhas = {" ".join(linha.split()) for linha in q.solution_text.splitlines()
              if len(linha.strip()) > 12}
    for dica in q.hints:
        assert q.answer not in dica, (q.name, dica)
        texto = " ".join(dica.split())
        assert not any(linha in texto for linha in linhas), (q.name, dica)
    assert 1 <= len(q.hints) <= 4


# ----- números como quem estuda escreve ------------------------------------------------

def test_numero_com_virgula_arredondado_e_unidade():
    q = _questao_nova()
    for certo in (0.25, "0,25", "0.25", 0.249, " 0,25 "):
        assert q.grade(certo).status == CORRECT, certo
    assert q.grade(0.26).status == INCORRECT
    assert "porcentagem" in q.grade(25).messages[0]
    assert "porcentagem" in q.grade("25%").messages[0]
    assert "entre 0 e 1" in q.grade(7).messages[0]
    assert "não consegui ler" in q.grade("um quarto").messages[0]
    assert q.grade(True).status == INCORRECT


def test_contagem_exige_inteiro_e_reconhece_contagem_no_lugar_da_fracao():
    from mlops_lab.exercises.core import Numeric

    contagem = Numeric("q1", "resposta_1", "Quantas?", 120, ["..."], "...")
    assert contagem.grade(120).status == CORRECT and contagem.grade("120").status == CORRECT
    assert contagem.grade(119.9).status == INCORRECT
    assert "inteiro" in contagem.grade(119.9).messages[0]
    assert contagem.grade(121).status == INCORRECT
    fracao = Numeric("q2", "resposta_2", "Que fração?", 0.25, ["..."], "...", share=True,
                     total=200)
    assert "contagem" in fracao.grade(50).messages[0] and "200" in fracao.grade(50).messages[0]


def test_none_tem_retorno_proprio_e_branco_continua_branco():
    from mlops_lab.exercises import data_preparation

    branco, nada = data_preparation.q5.grade(...), data_preparation.q5.grade(None)
    assert branco.status == NOT_ANSWERED and "`...`" in branco.messages[0]
    assert nada.status == INCORRECT and "None" in nada.messages[0]
    assert "não devolvem nada" in nada.messages[0] and "`...`" not in nada.messages[0]


def test_diagnostico_de_erro_conhecido():
    from mlops_lab.exercises import _data, machine_learning, model_building

    r = machine_learning.q3.grade(_valor(lambda: _data.logistic_metrics()["recall"]))
    assert r.status == INCORRECT and "seed=42" in r.messages[0]
    r = model_building.q2.grade({"limiar": 0.4, "alertados": 223, "revocacao": 0.62})
    assert r.score == 0 and "capacidade" in r.messages[0]


def _valor(f):
    return f()


# ----- verificações: tipo não vale ponto, dependências param, sequências quaisquer ----------

def test_tipo_sozinho_nao_vale_ponto_e_tabela_vazia_vale_zero():
    import pandas as pd

    from mlops_lab.exercises.core import Checks, is_dataframe

    q = Checks("q1", "resposta_1", "Uma tabela com a coluna x.",
               [(is_dataframe, "é um DataFrame", "a resposta deve ser um DataFrame"),
                (lambda d: "x" in d.columns, "tem x", "falta x"),
                (lambda d: not d.duplicated().any(), "sem duplicatas", "há duplicatas")],
               hints=["..."], solution="...")
    assert q.grade(pd.DataFrame()).score == 0
    assert q.grade(pd.DataFrame({"x": []})).score == 0
    assert q.grade(pd.DataFrame({"y": [1, 2]})).score == 0.5  # só "sem duplicatas"
    assert q.grade(pd.DataFrame({"x": [1, 2]})).status == CORRECT
    for capitulo, questao in TODAS:
        if questao.kind in ("codigo", "artefato"):
            assert questao.grade(pd.DataFrame()).score == 0, (capitulo, questao.name)


def test_verificacoes_dependentes_param_na_primeira_falha():
    from mlops_lab.exercises.core import Checks, requires

    q = Checks("q1", "resposta_1", "...",
               [requires(lambda d: "prob_sim" in d, "falta a coluna prob_sim"),
                (lambda d: d["prob_sim"] >= 0, "não negativa", "negativa"),
                (lambda d: d["prob_sim"] <= 1, "até 1", "passa de 1"),
                (lambda d: d["prob_sim"] == 0.5, "é 0,5", "não é 0,5")],
               hints=["..."], solution="...", dependent=True)
    r = q.grade({"outra": 1})
    assert r.score == 0 and r.messages == ["✘ falta a coluna prob_sim"]
    r = q.grade({"prob_sim": 2})
    assert r.status == PARTIAL and round(r.score, 2) == 0.33
    assert sum(m.startswith("✘") for m in r.messages) == 1  # sem falhas em cascata
    assert any("não conferido" in m for m in r.messages)


def test_qualquer_sequencia_quando_a_ordem_nao_importa():
    import numpy as np

    from mlops_lab.exercises.core import AnyOrder, FunctionCases, same_items

    assert same_items(("b", "a"), ["a", "b"]) and same_items(np.array([2, 1]), {1, 2})
    assert not same_items(["a"], ["a", "a"]) and not same_items("ab", ["a", "b"])
    q = FunctionCases("q1", "resposta_1", "Os alertas.",
                      [((3,), AnyOrder(["x", "y"]), "dois alertas"), ((0,), [], "nenhum")],
                      hints=["..."], solution="...")
    for resposta in (lambda n: ("y", "x") if n else (), lambda n: {"x", "y"} if n else [],
                     lambda n: (c for c in "xy" if n)):
        assert q.grade(resposta).status == CORRECT
    assert q.grade(lambda n: ["x"] if n else []).status == PARTIAL
