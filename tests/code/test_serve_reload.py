"""Reimplantação: um ``mlops-lab run`` na pasta servida põe a versão nova no ar.

O servidor não para: a requisição seguinte já usa o modelo novo, e uma versão
que não carrega não derruba a que está no ar.
"""

import httpx
import pytest

from mlops_lab.package import load_model
from mlops_lab.pipeline import run_pipeline
from mlops_lab.predict import predict
from mlops_lab.stream import simulate
from tests.helpers import serve_process


def _records(df):
    return df.astype(object).where(df.notna(), None).to_dict("records")


@pytest.fixture()
def served(tmp_path):
    pasta = tmp_path / "artifacts"
    run_pipeline(out=pasta, algorithms=["logistic_regression"], plots=False, progress=False)
    with serve_process(pasta, tmp_path) as base, httpx.Client(base_url=base, timeout=60,
                                                              trust_env=False) as client:
        yield pasta, client


def test_a_new_run_in_the_served_folder_is_served_without_restart(served, tmp_path):
    pasta, client = served
    antes = client.get("/metadata").json()
    assert antes["algorithm"] == "logistic_regression"

    # Dados do mercado depois da deriva, com o rótulo: a versão 2 do modelo.
    novos = tmp_path / "recentes.csv"
    simulate(3000, seed=9, drift=True).to_csv(novos, index=False)
    run_pipeline(novos, "cancelou", out=pasta, algorithms=["random_forest"], plots=False,
                 progress=False)

    depois = client.get("/metadata").json()
    assert depois["algorithm"] == "random_forest"
    assert depois["model_sha256"] != antes["model_sha256"]
    assert depois["data"]["file"] == "recentes.csv"

    linhas = simulate(20, seed=11, drift=True).drop(columns=["cancelou"])
    resposta = client.post("/predict", json=_records(linhas))
    assert resposta.status_code == 200, resposta.text
    model, metadata = load_model(pasta)
    esperado = predict(model, metadata, linhas)
    assert [p["previsao"] for p in resposta.json()["previsoes"]] == esperado["previsao"].tolist()


def test_a_broken_new_version_keeps_the_old_one_serving(served):
    pasta, client = served
    antes = client.get("/metadata").json()
    (pasta / "model.skops").write_bytes(b"isto nao e um modelo")
    assert client.get("/health").status_code == 200
    assert client.get("/metadata").json()["model_sha256"] == antes["model_sha256"]
    linha = simulate(1, seed=3).drop(columns=["cancelou"])
    assert client.post("/predict", json=_records(linha)[0]).status_code == 200
