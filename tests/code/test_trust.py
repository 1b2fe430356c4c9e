"""Calibração e cartão do modelo (mlops_lab.trust): contas feitas à mão e o cartão da execução."""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import brier_score_loss

from mlops_lab.errors import MlopsLabError
from mlops_lab.package import load_model
from mlops_lab.trust import (
    MODEL_CARD_FILE,
    SECTIONS,
    brier_score,
    calibrate,
    calibration_metrics,
    cost_threshold,
    decision_cost,
    expected_calibration_error,
    reliability_table,
)

# Um caso pequeno, feito à mão, com as 10 faixas do metrics.json:
#   faixa [0,0; 0,1): p = 0,05 e 0,05, y = 0 e 0 -> prevista 0,05, observada 0
#   faixa [0,3; 0,4): p = 0,3 e 0,3, y = 1 e 0  -> prevista 0,30, observada 0,5
#   faixa [0,9; 1,0]: p = 0,9 e 1,0, y = 1 e 1  -> prevista 0,95, observada 1 (o 1,0 fica na última)
Y = [0, 0, 1, 0, 1, 1]
P = [0.05, 0.05, 0.3, 0.3, 0.9, 1.0]


def test_brier_feito_a_mao():
    # (0,05² + 0,05² + 0,7² + 0,3² + 0,1² + 0²) / 6 = 0,595 / 6
    assert brier_score(Y, P) == pytest.approx(0.595 / 6, abs=1e-6)
    assert brier_score(Y, P) == pytest.approx(brier_score_loss(Y, P), abs=1e-6)


def test_ece_feito_a_mao():
    # 2/6 × |0,05 − 0| + 2/6 × |0,3 − 0,5| + 2/6 × |0,95 − 1| = (0,05 + 0,2 + 0,05) / 3 = 0,1
    assert expected_calibration_error(Y, P) == pytest.approx(0.1, abs=1e-6)
    tabela = reliability_table(Y, P)
    assert tabela["faixa"].tolist() == ["0,0–0,1", "0,3–0,4", "0,9–1,0"]
    assert tabela["casos"].tolist() == [2, 2, 2]
    # Probabilidades perfeitas: ECE zero; sempre 0,5 num conjunto 50/50: ECE zero e Brier 0,25.
    assert expected_calibration_error([0, 1], [0.0, 1.0]) == 0
    assert (expected_calibration_error([0, 1], [0.5, 0.5]), brier_score([0, 1], [0.5, 0.5])) \
        == (0, 0.25)


@pytest.mark.parametrize(("y", "p", "trecho"), [
    ([0, 1], [0.2], "mesmo tamanho"), (["Sim", "Não"], [0.2, 0.3], "0 ou 1"),
    ([2, 0], [0.2, 0.3], "0 ou 1"),
    ([0, 1], [0.2, 1.3], "entre 0 e 1"), ([], [], "não vazias")])
def test_entrada_errada_tem_mensagem_clara(y, p, trecho):
    with pytest.raises(MlopsLabError, match=trecho):
        brier_score(y, p)


def test_metrics_json_tem_a_calibracao_certa(model_dir, split):
    """As chaves novas estão no metrics.json e batem com a conta refeita no teste."""
    _, X_test, _, y_test = split
    registro = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))
    assert {"test", "algorithm", "params", "cv", "seed"} < set(registro)
    modelo = load_model(model_dir)[0]
    assert registro["calibration"] == calibration_metrics(modelo, X_test, y_test)
    prob = modelo.predict_proba(X_test)[:, list(modelo.classes_).index("Sim")]
    assert registro["calibration"]["brier"] == pytest.approx(
        brier_score_loss(y_test == "Sim", prob), abs=1e-6)
    assert registro["calibration"]["ece_bins"] == 10


class Distorcido(ClassifierMixin, BaseEstimator):
    """Ordena bem, mas com probabilidades erradas: a chance real é x, e ele diz x³."""

    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        p = np.asarray(X, dtype=float)[:, 0] ** 3
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


def _amostra(n, semente):
    rng = np.random.default_rng(semente)
    x = rng.uniform(0, 1, n)
    return x.reshape(-1, 1), (rng.uniform(0, 1, n) < x).astype(int)


@pytest.mark.parametrize(("metodo", "folga"), [("sigmoid", 1.10), ("isotonic", 1.03)])
def test_limiar_da_conta_volta_a_valer_depois_de_calibrar(metodo, folga):
    """Com R$ 50 por contato e R$ 500 por perda, o limiar certo é 50/500 = 0,1 se as
    probabilidades forem calibradas. No modelo distorcido, o limiar 0,1 custa 50% a mais
    que o do oráculo (que conhece a chance real); recalibrado em outros dados, o mesmo limiar
    fica quase no custo do oráculo. A sigmoide (uma curva de 2 parâmetros) não tem o formato
    de x³ e fica um pouco atrás da isotônica."""
    X_cal, y_cal = _amostra(3000, 1)
    X, y = _amostra(3000, 2)
    modelo = Distorcido().fit(X_cal, y_cal)
    cru = modelo.predict_proba(X)[:, 1]
    calibrado = calibrate(modelo, X_cal, y_cal, metodo).predict_proba(X)[:, 1]
    oraculo = decision_cost(y, X[:, 0], 0.1)
    assert decision_cost(y, cru, 0.1) > 1.5 * oraculo
    assert decision_cost(y, calibrado, 0.1) <= folga * oraculo
    assert cost_threshold(y, cru)[0] == 0.02  # sem calibrar, a grade vai ao fundo
    assert expected_calibration_error(y, calibrado) < expected_calibration_error(y, cru) / 3


def test_metodo_de_calibracao_desconhecido(model_dir, split):
    _, X_test, _, y_test = split
    with pytest.raises(MlopsLabError, match="sigmoid, isotonic"):
        calibrate(load_model(model_dir)[0], X_test, y_test, "platt")


def _secoes(texto):
    partes = texto.split("\n## ")[1:]
    return {p.split("\n", 1)[0]: p.split("\n", 1)[1].strip() for p in partes}


def test_cartao_do_modelo_tem_as_secoes_preenchidas_pela_execucao(model_dir):
    texto = (model_dir / MODEL_CARD_FILE).read_text(encoding="utf-8")
    secoes = _secoes(texto)
    assert list(secoes) == list(SECTIONS)
    assert all(secoes.values()), [k for k, v in secoes.items() if not v]
    assert "(A preencher" not in texto  # os dados embutidos têm uso pretendido conhecido
    meta = json.loads((model_dir / "metadata.json").read_text(encoding="utf-8"))
    registro = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))
    assert f"`{meta['algorithm']}`" in secoes["Detalhes do modelo"]
    for nome, valor in registro["test"].items():
        assert f"| {nome} | {valor:.3f} |".replace(".", ",") in secoes["Métricas no teste"]
    cal = registro["calibration"]
    assert f"{cal['brier']:.3f}".replace(".", ",") in secoes["Calibração"]
    assert f"{cal['ece']:.3f}".replace(".", ",") in secoes["Calibração"]
    linhagem = secoes["Versão e linhagem"]
    assert f"Semente: {meta['seed']}." in linhagem
    assert meta["data"]["file_sha256"] in linhagem and meta["data"]["clean_sha256"] in linhagem
    assert f"mlops-lab {meta['libraries']['mlops-lab']}" in linhagem
    assert "DATASHEET.md" in secoes["Dados de treino"]
    # Os subgrupos: a região (da UF) e o plano, cada um com a linha de todos os clientes.
    assert "### `regiao`" in secoes["Métricas por subgrupo"]
    assert "| Sudeste |" in secoes["Métricas por subgrupo"]
    assert "### `plano`" in secoes["Métricas por subgrupo"]
    assert secoes["Métricas por subgrupo"].count("equal_opportunity_difference") == 2


def test_datasheet_responde_as_perguntas_para_cada_conjunto():
    from mlops_lab.datasets import __file__ as pacote

    pasta = Path(pacote).parent
    texto = (pasta / "DATASHEET.md").read_text(encoding="utf-8")
    partes = texto.split("\n# *Datasheet*: ")[1:]
    assert [p.split("\n", 1)[0] for p in partes] == ["`telecom_churn.csv`",
                                                      "`credito_inadimplencia.csv`",
                                                      "`clientes_mensais.csv`"]
    for parte in partes:
        titulos = [linha[3:] for linha in parte.splitlines() if linha.startswith("## ")]
        assert titulos == ["Motivação", "Composição", "Processo de coleta",
                           "Preparação, limpeza e rotulagem", "Usos", "Distribuição",
                           "Manutenção"]
        assert parte.count("**") >= 2 * 10  # as perguntas, cada uma com a resposta
    assert "DATASHEET.md" in (pasta / "README.md").read_text(encoding="utf-8")
