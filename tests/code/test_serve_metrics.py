"""``GET /metrics``: o texto do Prometheus conta o que o serviço fez de verdade.

As contagens são lidas com o *parser* do próprio ``prometheus_client``, depois de
requisições reais: previsões, erros do cliente, rotas inexistentes.
"""

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from mlops_lab.data import load_example
from mlops_lab.serve import create_app
from mlops_lab.serve.metrics import LATENCY_BUCKETS
from tests.helpers import serve_process


def _amostras(texto: str) -> dict:
    """{(nome, (rótulos ordenados)): valor} de todas as amostras."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for familia in text_string_to_metric_families(texto) for s in familia.samples}


def _valor(amostras: dict, nome: str, **rotulos) -> float:
    return amostras.get((nome, tuple(sorted(rotulos.items()))), 0.0)


def _registros(n: int, seed: int = 0) -> list[dict]:
    df = load_example().drop(columns=["cancelou"]).sample(n, random_state=seed)
    return df.astype(object).where(df.notna(), None).to_dict("records")


def test_metrics_conta_requisicoes_latencia_previsoes_e_versao(model_dir):
    with TestClient(create_app(model_dir)) as cliente:  # um event loop só, como no servidor
        previsoes = []
        for tamanho in (1, 5, 10):
            resposta = cliente.post("/predict", json=_registros(tamanho, seed=tamanho))
            assert resposta.status_code == 200
            previsoes += [p["previsao"] for p in resposta.json()["previsoes"]]
        assert cliente.post("/predict", content=b"{quebrado",
                            headers={"content-type": "application/json"}).status_code == 400
        assert cliente.get("/nao-existe/123").status_code == 404
        metadata = cliente.get("/metadata").json()

        resposta = cliente.get("/metrics")
        assert resposta.headers["content-type"].startswith("text/plain")
        a = _amostras(resposta.text)
        req = "mlops_lab_http_requests_total"
        assert _valor(a, req, route="/predict", method="POST", status="200") == 3
        assert _valor(a, req, route="/predict", method="POST", status="400") == 1
        # Endereço inexistente: uma série só ("outra"), não uma por endereço pedido.
        assert _valor(a, req, route="outra", method="GET", status="404") == 1
        assert not any("nao-existe" in str(chave) for chave in a)
    lat = "mlops_lab_http_request_duration_seconds"
    assert _valor(a, f"{lat}_count", route="/predict") == 4
    assert _valor(a, f"{lat}_bucket", route="/predict", le="+Inf") == 4
    assert 0.25 in LATENCY_BUCKETS  # a fronteira do SLO de latência
    for classe in set(previsoes):
        assert _valor(a, "mlops_lab_predictions_total",
                      predicted_class=str(classe)) == previsoes.count(classe)
    assert _valor(a, "mlops_lab_prediction_probability_count") == 16
    assert _valor(a, "mlops_lab_model_info", model_sha256=metadata["model_sha256"],
                  algorithm="logistic_regression") == 1


@pytest.mark.lento  # sobe dois processos do servidor: fora do make check
def test_dois_processos_servem_somam_metricas_e_trocam_de_versao(model_dir, tmp_path):
    """``--workers 2``: os dois atendem, ``/metrics`` soma os dois e a versão nova chega a ambos."""
    import shutil

    pasta = tmp_path / "modelo"
    shutil.copytree(model_dir, pasta)
    with serve_process(pasta, tmp_path, timeout=300, extra=("--workers", "2")) as base, \
            httpx.Client(base_url=base, timeout=60, trust_env=False) as cliente:
        antes = cliente.get("/metadata").json()["model_sha256"]
        _pedidos_em_conexoes_novas(base, 40)
        a = _amostras(cliente.get("/metrics").text)
        # A soma dos dois processos: 41 pedidos a /metadata, em qualquer um deles.
        assert _valor(a, "mlops_lab_http_requests_total", route="/metadata", method="GET",
                      status="200") == 41
        versoes = _versoes_por_processo(a)
        assert len(versoes) == 2 and set(versoes.values()) == {(antes, "logistic_regression")}

        # Versão nova (outra semente, outro modelo), gravada como o 'run' grava: troca da
        # pasta inteira.
        from mlops_lab.data import file_hash
        from mlops_lab.pipeline import run_pipeline

        nova = tmp_path / "nova"
        run_pipeline(out=nova, algorithms=["logistic_regression"], seed=7, plots=False,
                     progress=False)
        novo = file_hash(nova / "model.skops")
        assert novo != antes
        shutil.rmtree(pasta)
        nova.rename(pasta)
        assert _pedidos_em_conexoes_novas(base, 40) == {novo}
        versoes = _versoes_por_processo(_amostras(cliente.get("/metrics").text))
        assert len(versoes) == 2 and {v[0] for v in versoes.values()} == {novo}


def _pedidos_em_conexoes_novas(base: str, n: int) -> set:
    """``n`` pedidos a ``/metadata``, cada um numa conexão nova (o sistema as reparte entre
    os processos); devolve as versões vistas."""
    vistas = set()
    for _ in range(n):
        with httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
            vistas.add(c.get("/metadata").json()["model_sha256"])
    return vistas


def _versoes_por_processo(amostras: dict) -> dict:
    """{pid: (hash, algoritmo)} das séries de ``model_info`` com valor 1."""
    versoes = {}
    for (nome, rotulos), valor in amostras.items():
        r = dict(rotulos)
        if nome == "mlops_lab_model_info" and valor == 1:
            assert r["pid"] not in versoes, "um processo com duas versões no ar"
            versoes[r["pid"]] = (r["model_sha256"], r["algorithm"])
    return versoes
