"""Comportamento do modelo: direção e invariância (o desempenho mínimo é o portão de
``test_performance_gate.py``).

Testes no estilo de Ribeiro et al. (2020, "CheckList") e do ML Test Score:
não olham os pesos do modelo, e sim o que ele faz com entradas controladas.
"""

import pytest

from mlops_lab.package import load_model
from mlops_lab.predict import predict


@pytest.fixture(scope="module")
def modelo(model_dir):
    return load_model(model_dir)


def _prob(modelo, linhas):
    return predict(*modelo, linhas)["prob_Sim"].to_numpy()


def test_mais_reclamacoes_aumentam_o_risco(modelo, split):
    _, X_test, _, _ = split
    base = X_test.head(200)
    pior = base.assign(reclamacoes_12m=base["reclamacoes_12m"] + 4)
    assert (_prob(modelo, pior) >= _prob(modelo, base)).mean() > 0.95


def test_fidelidade_reduz_o_risco(modelo, split):
    _, X_test, _, _ = split
    base = X_test.head(200)
    com = base.assign(possui_fidelidade="Sim")
    sem = base.assign(possui_fidelidade="Não")
    assert _prob(modelo, com).mean() < _prob(modelo, sem).mean()


def test_invariancia_ao_identificador_e_a_grafia(modelo, split):
    _, X_test, _, _ = split
    base = X_test.head(200)
    outro_id = base.assign(id_cliente="CLI-999999")
    grafia = base.assign(plano=base["plano"].replace({"Pós-pago": "POS PAGO",
                                                      "Pré-pago": "pre-pago"}))
    assert _prob(modelo, outro_id) == pytest.approx(_prob(modelo, base))
    assert _prob(modelo, grafia) == pytest.approx(_prob(modelo, base))


def test_ausentes_e_categorias_novas_nao_quebram(modelo, split):
    _, X_test, _, _ = split
    base = X_test.head(20).assign(idade=None, plano="Plano Família 5G", uf="XX")
    prob = _prob(modelo, base)
    assert ((prob >= 0) & (prob <= 1)).all()
