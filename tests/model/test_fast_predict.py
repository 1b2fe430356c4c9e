"""O caminho compilado (``mlops_lab.fast_predict``) prevê o mesmo que o pipeline.

Para cada algoritmo que ``mlops-lab run`` pode escolher, a maior diferença de
probabilidade no conjunto de teste inteiro fica abaixo de 1e-6; vazios,
grafias variadas e categorias desconhecidas são tratados como no scikit-learn; e
o contrato HTTP (códigos e mensagens) é o mesmo com e sem o caminho compilado.
"""

import json
import logging

import numpy as np
import pytest
from fastapi.testclient import TestClient

from mlops_lab.fast_predict import TOLERANCE, Fallback, compile_model, load_compiled
from mlops_lab.fast_predict.probes import max_difference
from mlops_lab.package import load_model
from mlops_lab.serve import create_app
from mlops_lab.serve.batching import predict_records
from mlops_lab.train import ALGORITHMS, train_model

# Hiperparâmetros mínimos: o que se testa é a equivalência, não a qualidade.
PEQUENOS = {
    "random_forest": {"n_estimators": 15, "max_depth": 8},
    "gradient_boosting": {"max_iter": 15, "max_depth": None},
    "knn": {"n_neighbors": 15},
}


def _as_records(df) -> list[dict]:
    return df.astype(object).where(df.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def modelos(model_dir, split):
    """Um pipeline treinado por algoritmo: a regressão logística é a do ``model_dir``."""
    X_train, _, y_train, _ = split
    modelo, metadata = load_model(model_dir)
    schema = metadata["schema"]
    treinados = {"logistic_regression": modelo}
    for nome, params in PEQUENOS.items():
        treinados[nome] = train_model(X_train, y_train, nome, seed=0, **params)
    return treinados, schema


def test_todos_os_algoritmos_do_pipeline_estao_cobertos():
    assert set(PEQUENOS) | {"logistic_regression"} == set(ALGORITHMS)


@pytest.mark.parametrize("algoritmo", sorted(ALGORITHMS))
def test_mesmas_probabilidades_no_teste_inteiro(modelos, split, algoritmo):
    treinados, schema = modelos
    compilado = load_compiled(treinados[algoritmo], {"schema": schema})
    assert compilado is not None, "a conferência na carga recusou o caminho compilado"
    diferenca = max_difference(compilado, treinados[algoritmo], schema, _as_records(split[1]))
    assert diferenca <= TOLERANCE


@pytest.mark.parametrize("algoritmo", ["logistic_regression", "gradient_boosting"])
def test_vazios_grafias_e_categorias_desconhecidas(modelos, algoritmo):
    treinados, schema = modelos
    base = {c: None for c in schema["columns"]}
    registros = [
        base,  # tudo vazio: a mediana e a moda do treino
        {**base, "uf": " sp ", "plano": "PÓS-PAGO", "possui_fidelidade": "S"},
        {**base, "uf": "XX", "plano": "plano-que-nao-existe", "forma_pagamento": "   "},
        {**base, "idade": 10**6, "valor_mensal": -5, "uso_dados_gb": -3.0,
         "meses_de_contrato": 0, "fatura_digital": "nao"},
    ]
    compilado = compile_model(treinados[algoritmo], schema)
    assert max_difference(compilado, treinados[algoritmo], schema, registros) <= TOLERANCE


def test_texto_em_coluna_numerica_volta_ao_caminho_padrao(model_dir, split):
    modelo, metadata = load_model(model_dir)
    compilado = compile_model(modelo, metadata["schema"])
    registro = _as_records(split[1].head(1))[0]
    registro["valor_mensal"] = "99,90"  # o caminho padrão converte a vírgula decimal
    with pytest.raises(Fallback):
        compilado.predict_proba([registro])
    assert (predict_records(modelo, metadata, [registro], compilado)
            == predict_records(modelo, metadata, [registro]))


def test_conferencia_da_carga_pega_um_caminho_errado(model_dir, caplog):
    modelo, metadata = load_model(model_dir)
    compilado = compile_model(modelo, metadata["schema"])
    compilado.features.numeric.fill = compilado.features.numeric.fill + 1.0  # um defeito
    assert max_difference(compilado, modelo, metadata["schema"]) > TOLERANCE
    with caplog.at_level(logging.INFO, logger="mlops_lab.serve"):
        assert load_compiled(modelo.steps[-1][1], metadata) is None  # não é o pipeline
    assert "usando o caminho padrão" in caplog.text


def test_esquema_que_contradiz_o_pipeline_fica_no_caminho_padrao(model_dir):
    # Um metadata.json que diz 'plano' numérico: o caminho padrão recusa o texto em
    # 'plano'; o compilado, que segue o pipeline, aceitaria. Então ele não é usado.
    modelo, metadata = load_model(model_dir)
    esquema = dict(metadata["schema"])
    esquema["categorical"] = [c for c in esquema["categorical"] if c != "plano"]
    esquema["numeric"] = [*esquema["numeric"], "plano"]
    assert load_compiled(modelo, {**metadata, "schema": esquema}) is None
    # Uma coluna que o pipeline não conhece: o serviço ainda sobe, pelo caminho padrão.
    a_mais = {**metadata["schema"], "numeric": [*metadata["schema"]["numeric"], "renda_anual"]}
    assert load_compiled(modelo, {**metadata, "schema": a_mais}) is None
    assert load_compiled(modelo, metadata) is not None


CORPOS = [
    "ok1", "lote", '{"registros": []}', "[1, 2]", "{", '"texto"', "booleano", "faltando",
    "categoria_numero", "virgula",
]


def _corpo(nome: str, registros: list[dict]) -> str:
    um = registros[0]
    feitos = {
        "ok1": um, "lote": {"registros": registros},
        "booleano": {**um, "idade": True}, "faltando": {k: v for k, v in um.items()
                                                        if k != "idade"},
        "categoria_numero": {**um, "plano": 3}, "virgula": {**um, "valor_mensal": "99,90"},
    }
    return json.dumps(feitos[nome]) if nome in feitos else nome


def test_contrato_http_igual_com_e_sem_caminho_compilado(model_dir, split):
    registros = _as_records(split[1].head(8))
    registros[1]["plano"] = "categoria-nova"
    registros[2]["idade"] = None
    respostas = {}
    for compilado in (True, False):
        with TestClient(create_app(model_dir, compiled=compilado)) as cliente:
            respostas[compilado] = [
                cliente.post("/predict", content=_corpo(nome, registros),
                             headers={"Content-Type": "application/json"})
                for nome in CORPOS]
    for nome, rapida, padrao in zip(CORPOS, respostas[True], respostas[False]):
        assert rapida.status_code == padrao.status_code, nome
        if padrao.status_code != 200:
            assert rapida.json() == padrao.json(), nome
            continue
        previsoes = [(p["previsao"], p["probabilidades"]) for p in rapida.json()["previsoes"]]
        esperadas = [(p["previsao"], p["probabilidades"]) for p in padrao.json()["previsoes"]]
        assert [p for p, _ in previsoes] == [p for p, _ in esperadas], nome
        for (_, a), (_, b) in zip(previsoes, esperadas):
            assert np.allclose(list(a.values()), list(b.values()), atol=TOLERANCE), nome
    assert {r.status_code for r in respostas[True]} >= {200, 400, 422}


def test_linha_de_atributos_sem_pandas(modelos):
    """O caminho compilado monta a linha sem ``DataFrame``: só ``dict`` e NumPy."""
    treinados, schema = modelos
    compilado = compile_model(treinados["random_forest"], schema)
    linha = compilado.features.transform([{c: None for c in schema["columns"]}])
    assert isinstance(linha, np.ndarray) and linha.dtype == np.float64
    assert linha.shape == (1, treinados["random_forest"].steps[-1][1].n_features_in_)
