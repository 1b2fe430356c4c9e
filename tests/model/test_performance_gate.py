"""Portão de desempenho: o modelo treinado nos dados embutidos precisa passar dos mínimos.

É o portão de qualidade do capítulo "DevOps, MLOps, AIOps e DataOps" e os testes
5, 6 e 7 de "modelo" e 4 de "infraestrutura" do ML Test Score
(``mlops_lab/datasets/ml_test_score.csv``): se uma mudança no código ou nos dados
piorar o modelo, o CI falha antes que ele chegue a alguém.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.dummy import DummyClassifier
from sklearn.metrics import roc_auc_score

from mlops_lab.clean import normalize_key
from mlops_lab.drift import build_reference, read_reference
from mlops_lab.evaluate import evaluate
from mlops_lab.features import UF_PARA_REGIAO
from mlops_lab.package import load_model

F1_MINIMO = 0.50  # combinado com o negócio: o mesmo do capítulo
AUC_MINIMA = 0.85
AUC_MINIMA_POR_FATIA = 0.80
FOLGA_SOBRE_O_INGENUO = 0.20


@pytest.fixture(scope="module")
def modelo(model_dir):
    return load_model(model_dir)[0]


def _auc_por_fatia(modelo, X, y, fatias):
    prob = modelo.predict_proba(X)[:, list(modelo.classes_).index("Sim")]
    alvo = (y == "Sim").to_numpy()
    return {str(nome): roc_auc_score(alvo[idx], prob[idx])
            for nome, idx in fatias.groupby(fatias, observed=True).indices.items()}


def test_o_portao_mede_em_linhas_que_o_modelo_nao_viu(model_dir, split):
    """O teste de ``split`` não tem linhas do treino do modelo (uma semente trocada de um
    lado só faria o portão medir o modelo nos dados em que ele treinou)."""
    X_train, X_test, _, _ = split
    assert not set(X_train.index) & set(X_test.index)
    # reference.json é o retrato das linhas de treino do modelo: o X_train de split tem de
    # dar exatamente o mesmo retrato.
    modelo, metadados = load_model(model_dir)
    assert metadados["data"]["rows"] == len(X_train) + len(X_test)
    assert (build_reference(modelo, X_train, metadados["schema"], metadados["seed"])
            == read_reference(model_dir))


def test_portao_de_desempenho(modelo, split):
    _, X_test, _, y_test = split
    metricas = evaluate(modelo, X_test, y_test)
    assert metricas["f1"] >= F1_MINIMO, metricas
    assert metricas["roc_auc"] >= AUC_MINIMA, metricas


def test_modelo_supera_o_modelo_ingenuo(modelo, split):
    X_train, X_test, y_train, y_test = split
    ingenuo = DummyClassifier(strategy="stratified", random_state=0).fit(X_train, y_train)
    nosso, dele = evaluate(modelo, X_test, y_test), evaluate(ingenuo, X_test, y_test)
    for metrica in ("f1", "roc_auc", "balanced_accuracy"):
        assert nosso[metrica] >= dele[metrica] + FOLGA_SOBRE_O_INGENUO, metrica


def test_qualidade_em_cada_fatia(modelo, split):
    _, X_test, _, y_test = split
    regiao = X_test["uf"].str.strip().str.upper().map(UF_PARA_REGIAO)
    plano = X_test["plano"].map(normalize_key)
    for nome, fatias in (("região", regiao), ("plano", plano)):
        aucs = _auc_por_fatia(modelo, X_test, y_test, fatias)
        assert len(aucs) >= 3, nome
        piores = {k: round(v, 3) for k, v in aucs.items() if v < AUC_MINIMA_POR_FATIA}
        assert not piores, f"{nome}: AUC abaixo de {AUC_MINIMA_POR_FATIA} em {piores}"


def test_nenhuma_faixa_etaria_fica_para_tras(modelo, split):
    _, X_test, _, y_test = split
    faixas = np.select([X_test["idade"] < 30, X_test["idade"] < 45, X_test["idade"] < 60,
                        X_test["idade"] >= 60], ["18-29", "30-44", "45-59", "60+"], "sem idade")
    aucs = _auc_por_fatia(modelo, X_test, y_test, pd.Series(faixas, index=X_test.index))
    assert {"18-29", "30-44", "45-59", "60+"} <= set(aucs)
    piores = {k: round(v, 3) for k, v in aucs.items() if v < AUC_MINIMA_POR_FATIA}
    assert not piores, f"AUC abaixo de {AUC_MINIMA_POR_FATIA} em {piores}"
