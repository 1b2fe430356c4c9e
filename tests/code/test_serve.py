"""O contrato da API HTTP (``mlops-lab serve``), contra um servidor de verdade.

O servidor roda num processo separado, só em 127.0.0.1, e é encerrado no fim
do módulo. As previsões da API têm de ser as mesmas de
:func:`mlops_lab.predict.predict` chamada no próprio processo.
"""

import json
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, wait

import httpx
import pandas as pd
import pytest

from mlops_lab.data import load_example
from mlops_lab.package import load_model
from mlops_lab.predict import predict
from mlops_lab.serve import MAX_BODY_BYTES, MAX_RECORDS, MAX_STRING_CHARS
from tests.helpers import HOST, free_port, run_cli, serve_process


def _as_records(df) -> list[dict]:
    """Linhas como dicionários prontos para JSON (NaN vira null)."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def rows():
    """Linhas do conjunto embutido, sem o alvo, incluindo algumas com valores ausentes."""
    df = load_example().drop(columns=["cancelou"])
    com_ausentes = df[df.isna().any(axis=1)].head(10)
    assert len(com_ausentes) > 0
    return pd.concat([df.sample(40, random_state=0), com_ausentes], ignore_index=True)


@pytest.fixture(scope="module")
def expected(model_dir, rows):
    model, metadata = load_model(model_dir)
    return predict(model, metadata, rows)


@pytest.fixture(scope="module")
def server(model_dir, tmp_path_factory):
    """Sobe ``mlops-lab serve`` numa porta livre e espera ``/health`` responder."""
    with serve_process(model_dir, tmp_path_factory.mktemp("serve-log")) as base:
        yield base


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=60, trust_env=False) as c:
        yield c


def _assert_same(resposta: dict, esperado) -> None:
    """Compara a resposta da API com o DataFrame de :func:`predict`."""
    previsoes = resposta["previsoes"]
    assert resposta["n"] == len(previsoes) == len(esperado)
    classes = [c.removeprefix("prob_") for c in esperado.columns if c.startswith("prob_")]
    for item, (_, linha) in zip(previsoes, esperado.iterrows()):
        assert item["previsao"] == linha["previsao"]
        assert list(item["probabilidades"]) == classes
        for classe in classes:
            assert item["probabilidades"][classe] == pytest.approx(linha[f"prob_{classe}"],
                                                                   abs=1e-9)


# --- rotas básicas ---------------------------------------------------------------------


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_um_registro_igual_ao_predict_local(client, rows, expected):
    for i in (0, len(rows) - 1):  # uma linha comum e uma com valores ausentes
        r = client.post("/predict", json=_as_records(rows.iloc[[i]])[0])
        assert r.status_code == 200, r.text
        _assert_same(r.json(), expected.iloc[[i]])


@pytest.mark.parametrize("formato", ["registros", "lista"])
def test_varios_registros_iguais_ao_predict_local(client, rows, expected, formato):
    registros = _as_records(rows)
    corpo = {"registros": registros} if formato == "registros" else registros
    r = client.post("/predict", json=corpo)
    assert r.status_code == 200, r.text
    _assert_same(r.json(), expected)


def test_colunas_ignoradas_podem_faltar_e_extras_sao_ignoradas(client, rows, expected):
    registro = _as_records(rows.iloc[[0]])[0]
    del registro["id_cliente"]  # identificador: o treino o ignorou
    registro["coluna_nova"] = "qualquer coisa"
    r = client.post("/predict", json=registro)
    assert r.status_code == 200, r.text
    _assert_same(r.json(), expected.iloc[[0]])


def test_metadata(client, model_dir):
    meta = json.loads((model_dir / "metadata.json").read_text(encoding="utf-8"))
    r = client.get("/metadata")
    assert r.status_code == 200
    info = r.json()
    assert info["algorithm"] == "logistic_regression" == meta["algorithm"]
    assert info["params"] == meta["params"]
    assert info["metrics"] == meta["metrics"] and "roc_auc" in info["metrics"]
    assert info["classes"] == meta["classes"] == ["Não", "Sim"]
    assert info["data"]["clean_sha256"] == meta["data"]["clean_sha256"]
    assert info["schema"]["columns"] == meta["schema"]["columns"]
    assert "idade" in info["schema"]["numeric"]
    assert info["format_version"] == meta["format_version"]
    assert {"python", "scikit-learn", "skops"} <= set(info["libraries"])
    assert info["limits"]["max_records"] == MAX_RECORDS


def test_openapi_e_docs(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    contrato = r.json()
    assert {"/predict", "/health", "/metadata"} <= set(contrato["paths"])
    corpo = contrato["paths"]["/predict"]["post"]["requestBody"]["content"]["application/json"]
    assert "idade" in corpo["schema"]["oneOf"][0]["properties"]
    assert client.get("/docs").status_code == 200


# --- requisições malformadas -------------------------------------------------------------

_JSON = {"Content-Type": "application/json"}
_BOM = {"idade": 43.0, "uf": "RN", "plano": "Controle", "meses_de_contrato": 45,
        "valor_mensal": 64.65, "uso_dados_gb": 17.3, "minutos_chamadas": 184,
        "reclamacoes_12m": 1, "chamados_suporte_90d": 1, "forma_pagamento": "Débito automático",
        "fatura_digital": "Não", "canal_aquisicao": "Loja física", "possui_fidelidade": "Sim"}


def _com(**mudancas) -> bytes:
    return json.dumps({**_BOM, **mudancas}).encode()


def _sem(coluna) -> bytes:
    return json.dumps({k: v for k, v in _BOM.items() if k != coluna}).encode()


# (id, método, rota, corpo, cabeçalhos, códigos aceitos, trecho esperado na mensagem)
BAD = [
    ("json_invalido", "POST", "/predict", b'{"idade": ', _JSON, {400}, "não é JSON válido"),
    ("corpo_vazio", "POST", "/predict", b"", _JSON, {400}, "está vazio"),
    ("so_espacos", "POST", "/predict", b"   \n ", _JSON, {400}, "está vazio"),
    ("texto_solto", "POST", "/predict", b'"oi"', _JSON, {422}, "é um texto"),
    ("numero_solto", "POST", "/predict", b"42", _JSON, {422}, "é um número"),
    ("null", "POST", "/predict", b"null", _JSON, {422}, "é null"),
    ("booleano", "POST", "/predict", b"true", _JSON, {422}, "é um booleano"),
    ("lista_vazia", "POST", "/predict", b"[]", _JSON, {422}, "está vazia"),
    ("registros_vazio", "POST", "/predict", b'{"registros": []}', _JSON, {422}, "está vazia"),
    ("registros_objeto", "POST", "/predict", b'{"registros": {}}', _JSON, {422},
     "deve ser uma lista"),
    ("registros_texto", "POST", "/predict", b'{"registros": "a"}', _JSON, {422},
     "deve ser uma lista"),
    ("registros_e_outras_chaves", "POST", "/predict",
     json.dumps({"registros": [_BOM], "idade": 3}).encode(), _JSON, {422}, "outras chaves"),
    ("lista_de_numeros", "POST", "/predict", b"[1, 2]", _JSON, {422}, "deve ser um objeto"),
    ("registros_demais", "POST", "/predict",
     json.dumps([_BOM] * (MAX_RECORDS + 1)).encode(), _JSON, {413}, "lotes menores"),
    ("objeto_vazio", "POST", "/predict", b"{}", _JSON, {422}, "faltam colunas"),
    ("falta_coluna", "POST", "/predict", _sem("idade"), _JSON, {422}, "faltam colunas"),
    ("falta_coluna_no_segundo", "POST", "/predict",
     json.dumps([_BOM, json.loads(_sem("plano"))]).encode(), _JSON, {422}, "registro 1"),
    ("texto_em_numerica", "POST", "/predict", _com(idade="quarenta"), _JSON, {422},
     "deveria ser numérica"),
    ("booleano_em_numerica", "POST", "/predict", _com(idade=True), _JSON, {422},
     "a coluna é numérica"),
    ("numero_em_categorica", "POST", "/predict", _com(plano=3), _JSON, {422},
     "a coluna é categórica"),
    ("objeto_aninhado", "POST", "/predict", _com(uf={"sigla": "RN"}), _JSON, {422},
     "é um objeto"),
    ("lista_aninhada", "POST", "/predict", _com(idade=[1, 2]), _JSON, {422}, "é uma lista"),
    ("texto_enorme", "POST", "/predict", _com(plano="x" * (MAX_STRING_CHARS * 100)), _JSON,
     {422}, "o limite é"),
    ("nan", "POST", "/predict", _com(idade=43).replace(b"43", b"NaN"), _JSON, {400},
     "não é JSON válido"),
    ("infinito", "POST", "/predict", _com(idade=43).replace(b"43", b"1e999"), _JSON, {422},
     "valor finito"),
    ("inteiro_fora_do_float", "POST", "/predict",
     _com(idade=43).replace(b"43", b"9" * 400), _JSON, {422}, "valor finito"),
    ("texto_infinito_em_numerica", "POST", "/predict", _com(idade="inf"), _JSON, {422},
     "infinito"),
    ("substituto_unicode", "POST", "/predict", _com(plano="\ud800"), _JSON, {422},
     "Unicode inválidos"),
    ("inteiro_gigante", "POST", "/predict", _com(idade=43).replace(b"43", b"9" * 5000), _JSON,
     {400}, "não é JSON válido"),
    ("aninhamento_profundo", "POST", "/predict", b"[" * 200_000 + b"]" * 200_000, _JSON,
     {400}, "aninhamento"),
    ("bytes_invalidos", "POST", "/predict", b"\xff\xfe\x00{", _JSON, {400}, "não é JSON válido"),
    ("corpo_grande_demais", "POST", "/predict", b" " * (MAX_BODY_BYTES + 1), _JSON, {413},
     "limite"),
    ("content_type_texto", "POST", "/predict", _com(), {"Content-Type": "text/plain"}, {415},
     "application/json"),
    ("content_type_form", "POST", "/predict", b"idade=3",
     {"Content-Type": "application/x-www-form-urlencoded"}, {415}, "não é aceito"),
    ("sem_content_type", "POST", "/predict", _com(), {}, {415}, "nenhum"),
    ("get_em_predict", "GET", "/predict", None, {}, {405}, "não é aceito"),
    ("rota_inexistente", "POST", "/predizer", _com(), _JSON, {404}, "não existe"),
]


def _send(client, metodo, rota, corpo, cabecalhos):
    return client.request(metodo, rota, content=corpo, headers=cabecalhos)


@pytest.mark.parametrize("caso", BAD, ids=[c[0] for c in BAD])
def test_requisicao_malformada_recebe_4xx_em_portugues(client, caso):
    _, metodo, rota, corpo, cabecalhos, codigos, trecho = caso
    r = _send(client, metodo, rota, corpo, cabecalhos)
    assert r.status_code in codigos, r.text[:500]
    assert r.headers["content-type"].startswith("application/json")
    erro = r.json()["erro"]
    assert isinstance(erro, str) and trecho in erro, erro
    assert "Traceback" not in erro


def test_servidor_continua_servindo_depois_dos_erros(client, rows, expected):
    for _, metodo, rota, corpo, cabecalhos, codigos, _ in BAD:
        assert _send(client, metodo, rota, corpo, cabecalhos).status_code in codigos
    assert client.get("/health").json() == {"status": "ok"}
    r = client.post("/predict", json={"registros": _as_records(rows)})
    assert r.status_code == 200
    _assert_same(r.json(), expected)


# --- carga -------------------------------------------------------------------------------


def test_carga_limitada_sem_erros(server, rows, expected):
    """400 requisições, 8 em paralelo, só em loopback: nenhuma falha ou resposta perdida."""
    registros = _as_records(rows)
    total, paralelas = 400, 8

    def uma(i):
        j = i % len(registros)
        with httpx.Client(base_url=server, timeout=30, trust_env=False) as c:
            r = c.post("/predict", json=registros[j])
        assert r.status_code == 200, r.text
        _assert_same(r.json(), expected.iloc[[j]])
        return i

    inicio = time.monotonic()
    with ThreadPoolExecutor(max_workers=paralelas) as pool:
        futuros = [pool.submit(uma, i) for i in range(total)]
        feitos, pendentes = wait(futuros, timeout=180)
        for f in pendentes:
            f.cancel()
    assert not pendentes, f"{len(pendentes)} requisições não terminaram em 180 s"
    assert sorted(f.result() for f in feitos) == list(range(total))
    assert time.monotonic() - inicio < 180


def test_requisicoes_simultaneas_com_defeito_nao_atingem_as_outras(server, rows, expected):
    """Requisições que chegam juntas dividem o modelo; a com defeito recebe 422 sozinha."""
    registros = _as_records(rows)

    def uma(i):
        j = i % len(registros)
        corpo = dict(registros[j])
        if i % 3 == 0:
            corpo["idade"] = "vinte e poucos"  # passa pelas conferências de tipo, o esquema recusa
        with httpx.Client(base_url=server, timeout=60, trust_env=False) as c:
            return i, j, c.post("/predict", json=corpo)

    with ThreadPoolExecutor(max_workers=8) as pool:
        respostas = list(pool.map(uma, range(48)))
    for i, j, r in respostas:
        if i % 3 == 0:
            assert r.status_code == 422, r.text
            assert "idade" in r.json()["erro"]
        else:
            assert r.status_code == 200, r.text
            _assert_same(r.json(), expected.iloc[[j]])


# --- linha de comando ----------------------------------------------------------------------


def test_serve_com_modelo_ruim_sai_com_codigo_2(tmp_path):
    r = run_cli("serve", "--model", tmp_path / "nao_existe", "--port", free_port(), timeout=60)
    assert r.returncode == 2
    assert "não é uma pasta de modelo" in r.stderr
    assert "Traceback" not in r.stderr and "Uvicorn running" not in r.stderr


def test_serve_com_porta_ocupada_sai_com_codigo_2(model_dir):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as ocupada:
        ocupada.bind((HOST, 0))
        ocupada.listen(1)
        porta = ocupada.getsockname()[1]
        r = run_cli("serve", "--model", model_dir, "--port", porta, timeout=60)
    assert r.returncode == 2
    assert "escolha outra com --port" in r.stderr and "Traceback" not in r.stderr


def test_serve_porta_invalida():
    r = run_cli("serve", "--model", "x", "--port", "99999", timeout=60)
    assert r.returncode == 2 and "entre 1 e 65535" in r.stderr


def test_importar_o_pacote_nao_carrega_fastapi():
    codigo = ("import sys, mlops_lab, mlops_lab.cli; mlops_lab.cli.build_parser(); "
              "sys.exit(int(any(m in sys.modules for m in ('fastapi', 'uvicorn'))))")
    assert subprocess.run([sys.executable, "-c", codigo], timeout=60).returncode == 0
