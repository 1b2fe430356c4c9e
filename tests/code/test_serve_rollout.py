"""Lançar um candidato com ``mlops-lab serve``: sombra, canário e teste A/B.

A aplicação é a de verdade (:func:`mlops_lab.serve.create_app`), chamada por HTTP
no próprio processo (``httpx.ASGITransport``); os dois modelos são pastas de
``mlops-lab run``. O servidor uvicorn, com a linha de comando, está em
``test_serve_rollout_http.py``.
"""

import asyncio
import json
import shutil
import time

import httpx
import pytest

from mlops_lab.cli import main
from mlops_lab.errors import MlopsLabError
from mlops_lab.package import load_model
from mlops_lab.pipeline import run_pipeline
from mlops_lab.predict import predict
from mlops_lab.serve import create_app
from mlops_lab.serve.ab_stats import ab_effect, arm_outcomes, sample_size
from mlops_lab.serve.rollout import RolloutConfig, bucket
from mlops_lab.serve.rollout_log import read_jsonl
from mlops_lab.stream import simulate


def _records(df) -> list[dict]:
    return df.astype(object).where(df.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def candidate_dir(tmp_path_factory):
    """O candidato: regressão logística treinada em dados recentes (depois do *drift*)."""
    pasta = tmp_path_factory.mktemp("candidato")
    simulate(1500, seed=9, drift=True).to_csv(pasta / "recentes.csv", index=False)
    run_pipeline(pasta / "recentes.csv", "cancelou", out=pasta / "modelo", cv=2,
                 algorithms=["logistic_regression"], plots=False, progress=False)
    return pasta / "modelo"


@pytest.fixture(scope="module")
def broken_dir(model_dir, tmp_path_factory):
    """Um candidato empacotado errado: o metadata.json diz que 'plano' é numérico.

    Carrega, mas recusa todo registro de produção (que traz 'plano' como texto).
    """
    pasta = tmp_path_factory.mktemp("quebrado") / "modelo"
    shutil.copytree(model_dir, pasta)
    metadados = json.loads((pasta / "metadata.json").read_text(encoding="utf-8"))
    metadados["schema"]["categorical"].remove("plano")
    metadados["schema"]["numeric"].append("plano")
    (pasta / "metadata.json").write_text(json.dumps(metadados), encoding="utf-8")
    return pasta


@pytest.fixture(scope="module")
def traffic():
    """Clientes recentes, sem o rótulo, cada um com o seu id_cliente."""
    return simulate(16, seed=11, drift=True).drop(columns=["cancelou"])


def _run(app, cenario):
    """Roda ``cenario(cliente)`` contra ``app`` e espera as comparações na sombra."""
    async def principal():
        transporte = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transporte, base_url="http://servico") as c:
            resultado = await cenario(c)
            if hasattr(app.state, "rollout"):
                await app.state.rollout.wait_shadow()
            return resultado
    return asyncio.run(principal())


def _bodies(traffic) -> list:
    """Um registro por requisição, e um lote com todos no fim."""
    linhas = _records(traffic)
    return [*linhas, linhas]


async def _post_all(cliente, corpos) -> list[httpx.Response]:
    return [await cliente.post("/predict", json=corpo) for corpo in corpos]


# --- divisão pelo hash da chave ---------------------------------------------------------------


@pytest.mark.parametrize(("salt", "share"), [("canary", 0.1), ("ab:0", 0.5), ("ab:7", 0.5)])
def test_divisao_dentro_da_tolerancia_binomial(salt, share):
    n = 10_000
    no_candidato = sum(bucket(f"CLI-{i:06d}", salt) < share for i in range(n))
    sigma = (n * share * (1 - share)) ** 0.5
    assert abs(no_candidato - n * share) <= 4 * sigma


def test_divisao_grudenta_e_aumentar_a_fracao_so_acrescenta_clientes():
    chaves = [f"CLI-{i:06d}" for i in range(2000)]
    com_10 = {c for c in chaves if bucket(c, "canary") < 0.1}
    com_25 = {c for c in chaves if bucket(c, "canary") < 0.25}
    assert com_10 < com_25
    assert com_10 == {c for c in chaves if bucket(c, "canary") < 0.1}  # mesma chave, mesmo braço
    # O teste A/B divide com outra semente: não repete os clientes do canário.
    no_ab = {c for c in chaves if bucket(c, "ab:0") < 0.1}
    assert len(com_10 & no_ab) < len(com_10) / 2


# --- sombra ----------------------------------------------------------------------------------


def test_sombra_nao_muda_nenhuma_resposta(model_dir, candidate_dir, traffic, tmp_path):
    corpos = _bodies(traffic)
    corpos.append({"idade": "trinta"})  # um erro do cliente: o mesmo 422 nos dois
    so_campeao = _run(create_app(model_dir), lambda c: _post_all(c, corpos))
    app = create_app(model_dir, rollout=RolloutConfig(candidate_dir, "shadow", tmp_path))
    com_sombra = _run(app, lambda c: _post_all(c, corpos))
    assert [r.status_code for r in com_sombra] == [200] * (len(corpos) - 1) + [422]
    assert [r.content for r in com_sombra] == [r.content for r in so_campeao]

    resumo = app.state.rollout.status()["summary"]["shadow"]
    assert resumo["records"] == 2 * len(traffic) and resumo["candidate_errors"] == 0
    # A concordância anotada é a das previsões dos dois modelos, feitas aqui.
    campeao, candidato = (predict(*load_model(p), traffic) for p in (model_dir, candidate_dir))
    assert resumo["agreement"] == round((campeao["previsao"] == candidato["previsao"]).mean(), 4)
    assert 0 < resumo["max_abs_diff"] <= 1


def test_sombra_com_candidato_quebrado_ou_lento_nao_muda_a_resposta(model_dir, broken_dir,
                                                                     traffic, tmp_path):
    corpos = _bodies(traffic.head(5))
    so_campeao = _run(create_app(model_dir), lambda c: _post_all(c, corpos))
    quebrado = create_app(model_dir, rollout=RolloutConfig(broken_dir, "shadow", tmp_path / "q"))
    assert [r.content for r in _run(quebrado, lambda c: _post_all(c, corpos))] == \
        [r.content for r in so_campeao]
    linhas = read_jsonl(tmp_path / "q", "requests")
    assert len(linhas) == len(corpos) and all("plano" in linha["error"] for linha in linhas)

    lento = create_app(model_dir, rollout=RolloutConfig(model_dir, "shadow", tmp_path / "l"))
    slot = lento.state.rollout.candidate
    modelo, metadados, extra = slot.state

    class Lento:  # o mesmo modelo, um segundo mais lento
        classes_ = modelo.classes_

        def predict_proba(self, X):
            time.sleep(1.0)
            return modelo.predict_proba(X)

    # Sem o caminho compilado: o candidato passa pelo predict_proba do modelo lento.
    slot.state = (Lento(), metadados, {**extra, "compiled": None})

    async def cronometrado(cliente):
        inicio = time.perf_counter()
        resposta = await cliente.post("/predict", json=corpos[0])
        return resposta, time.perf_counter() - inicio

    resposta, segundos = _run(lento, cronometrado)
    assert resposta.content == so_campeao[0].content
    assert segundos < 1.0  # a resposta não esperou o candidato
    [linha] = read_jsonl(tmp_path / "l", "requests")
    assert linha["ms"] >= 1000 and linha["agree"] == 1 and linha["diffs"] == [0.0]


# --- canário ---------------------------------------------------------------------------------


def test_canario_cada_cliente_no_seu_braco(model_dir, candidate_dir, traffic, tmp_path):
    config = RolloutConfig(candidate_dir, "canary", tmp_path, share=0.3)
    respostas = _run(create_app(model_dir, rollout=config),
                     lambda c: _post_all(c, _bodies(traffic)))
    assert all(r.status_code == 200 for r in respostas)
    no_candidato = [bucket(k, "canary") < 0.3 for k in traffic["id_cliente"]]
    assert 0 < sum(no_candidato) < len(traffic)
    campeao, candidato = (predict(*load_model(p), traffic) for p in (model_dir, candidate_dir))
    lote = respostas[-1].json()["previsoes"]  # o lote misturado, na ordem do envio
    for i, vai in enumerate(no_candidato):
        esperado = (candidato if vai else campeao).iloc[i]
        for resposta in (respostas[i].json()["previsoes"][0], lote[i]):
            assert resposta["previsao"] == esperado["previsao"]
            assert resposta["probabilidades"]["Sim"] == pytest.approx(esperado["prob_Sim"])
    linhas = read_jsonl(tmp_path, "requests")
    assert [linha["arm"] for linha in linhas[:len(traffic)]] == [
        "candidate" if vai else "champion" for vai in no_candidato]


def test_canario_volta_ao_campeao_quando_o_candidato_falha(model_dir, broken_dir, traffic,
                                                           tmp_path):
    config = RolloutConfig(broken_dir, "canary", tmp_path, share=0.5, window=10, min_calls=5)
    app = create_app(model_dir, rollout=config)
    corpos = _bodies(traffic)
    respostas = _run(app, lambda c: _post_all(c, corpos))
    so_campeao = _run(create_app(model_dir), lambda c: _post_all(c, corpos))
    # Quem chamou não viu o erro: o campeão respondeu no lugar do candidato.
    assert [r.content for r in respostas] == [r.content for r in so_campeao]

    estado = app.state.rollout.status()
    assert estado["rolled_back"].startswith("taxa de erro do candidato 100%")
    [reversao] = [e for e in read_jsonl(tmp_path, "events") if e["event"] == "rollback"]
    assert "5 chamadas" in reversao["reason"]
    # Depois da reversão, nenhum registro vai mais ao candidato.
    chamadas = [linha for linha in read_jsonl(tmp_path, "requests") if linha["arm"] == "candidate"]
    assert len(chamadas) == 5 and estado["summary"]["arms"]["candidate"]["errors"] == 5


# --- teste A/B -------------------------------------------------------------------------------


def test_ab_atribui_registra_resultados_e_recusa_resultado_invalido(model_dir, candidate_dir,
                                                                   traffic, tmp_path):
    app = create_app(model_dir, rollout=RolloutConfig(candidate_dir, "ab", tmp_path, seed=3))
    chaves = traffic["id_cliente"].tolist()

    async def cenario(cliente):
        await _post_all(cliente, _records(traffic))
        for i, chave in enumerate(chaves):
            r = await cliente.post("/outcome", json={"id_cliente": chave, "resultado": i % 3 == 0})
            assert r.status_code == 200, r.text
        ruins = [await cliente.post("/outcome", json=corpo) for corpo in
                 ({"resultado": 1}, {"id_cliente": "X", "resultado": "sim"})]
        return ruins, (await cliente.get("/rollout")).json()

    ruins, estado = _run(app, cenario)
    assert [r.status_code for r in ruins] == [422, 422]
    assert "id_cliente" in ruins[0].json()["erro"] and "número" in ruins[1].json()["erro"]
    bracos = {c: "candidate" if bucket(c, "ab:3") < 0.5 else "champion" for c in chaves}
    resultados = arm_outcomes(tmp_path)
    for braco in ("champion", "candidate"):
        esperado = [float(i % 3 == 0) for i, c in enumerate(chaves) if bracos[c] == braco]
        assert resultados[braco] == esperado
        assert estado["summary"]["ab"]["customers"][braco] == len(esperado)


def test_ab_stats_casos_conhecidos():
    # Fleiss, sem correção de continuidade: 10% contra 12%, alfa 5%, poder 80%.
    assert sample_size(0.10, 0.02) == 3841
    assert sample_size(0.50, 0.10, power=0.9) == 519
    efeito = ab_effect([1] * 200 + [0] * 800, [1] * 250 + [0] * 750)
    # 0,05 ± 1,96·√(0,2·0,8/1000 + 0,25·0,75/1000) = 0,05 ± 0,0365
    assert (efeito["ci_low"], efeito["difference"], efeito["ci_high"]) == (0.0135, 0.05, 0.0865)
    assert efeito["p_value"] == pytest.approx(0.0073, abs=1e-4)
    with pytest.raises(MlopsLabError, match="entre 0 e 1"):
        sample_size(0.95, 0.1)
    with pytest.raises(MlopsLabError, match="pelo menos 2"):
        ab_effect([1], [0, 1])


# --- linha de comando: entradas inválidas ------------------------------------------------------


@pytest.mark.parametrize(("args", "mensagem"), [
    (["serve", "--model", "m", "--candidate", "c"], "--mode shadow|canary|ab e --log"),
    (["serve", "--model", "m", "--mode", "canary"], "acrescente --candidate"),
    (["serve", "--model", "m", "--candidate", "c", "--mode", "canary", "--log", "d",
      "--share", "2"], "--share deve estar entre 0 e 1"),
    (["rollout-report", "."], "não tem o diário"),
])
def test_entrada_invalida_sai_com_codigo_2(args, mensagem, capsys):
    assert main(args) == 2
    erro = capsys.readouterr().err
    assert mensagem in erro and "Traceback" not in erro


def test_candidato_que_nao_e_modelo_impede_o_servidor(model_dir, tmp_path):
    with pytest.raises(MlopsLabError, match="não é uma pasta de modelo"):
        create_app(model_dir, rollout=RolloutConfig(tmp_path / "nada", "canary", tmp_path / "d"))


def test_canario_reverte_pela_latencia_p95(tmp_path):
    from mlops_lab.serve.rollout import Window
    from mlops_lab.serve.rollout_log import RolloutLog

    config = RolloutConfig("c", "canary", tmp_path, max_p95_ms=100, window=10, min_calls=5)
    janela = Window(config, RolloutLog(tmp_path))
    for _ in range(5):
        janela.record(20, failed=False)
    assert janela.rolled_back is None
    janela.record(500, failed=False)  # com 6 chamadas, o p95 é a mais lenta
    assert janela.rolled_back == "latência p95 do candidato 500 ms > 100 ms nas últimas 6 chamadas"
    janela.record(500, failed=True)  # depois da reversão, nada muda
    eventos = read_jsonl(tmp_path, "events")
    assert [e["reason"] for e in eventos] == [janela.rolled_back]


def test_servidor_numa_thread_responde_e_devolve_erros_sem_excecao(model_dir, tmp_path):
    from mlops_lab.serve.local import call, serve_in_thread

    app = create_app(model_dir, rollout=RolloutConfig(model_dir, "ab", tmp_path))
    with serve_in_thread(app) as base:
        assert call(base, "/health") == (200, {"status": "ok"})
        codigo, corpo = call(base, "/outcome", [{"id_cliente": "A", "resultado": 1},
                                                {"id_cliente": "B", "resultado": "sim"}])
        assert codigo == 422 and "número finito" in corpo["erro"]
        assert read_jsonl(tmp_path, "outcomes") == []  # um inválido: nenhum gravado
        assert call(base, "/outcome", [{"id_cliente": "A", "resultado": 1}]) == \
            (200, {"registrados": 1})
