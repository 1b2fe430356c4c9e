"""``mlops-lab stream``: pontuação em micro-lotes, deriva, alertas e relatório."""

import json

import pandas as pd
import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.package import load_model
from mlops_lab.predict import predict
from mlops_lab.stream import (
    ALERTS_FILE,
    BATCHES_FILE,
    DRIFT_FILE,
    PLOT_FILE,
    REPORT_FILE,
    SUMMARY_FILE,
    read_predictions,
    run_stream,
    simulate,
    simulated_batches,
)
from tests.helpers import run_cli


def test_simulated_source_is_deterministic_and_independent_of_batching():
    a = pd.concat([next(simulated_batches(500, seed=7))], ignore_index=True)
    lotes = simulated_batches(100, seed=7)
    b = pd.concat([next(lotes) for _ in range(5)], ignore_index=True)
    assert a.equals(simulate(500, seed=7))
    assert len(b) == 500 and b["id_cliente"].is_unique
    assert b.equals(pd.concat([simulate(100, seed=7, start=100 * k) for k in range(5)],
                              ignore_index=True))


def test_drift_starts_exactly_at_the_chosen_row():
    lote = next(simulated_batches(400, seed=1, drift_from=250))
    antes, depois = lote.iloc[:250], lote.iloc[250:]
    assert depois["valor_mensal"].mean() > 1.25 * antes["valor_mensal"].mean()
    assert lote.equals(pd.concat([simulate(250, seed=1), simulate(150, seed=1, drift=True,
                                                                   start=250)],
                                 ignore_index=True))


def test_drifted_market_cancels_more_when_the_price_is_high():
    antes, depois = simulate(4000, seed=2), simulate(4000, seed=2, drift=True)
    taxa = lambda df: (df["cancelou"] == "Sim").mean()  # noqa: E731
    assert taxa(depois) > taxa(antes) + 0.05


def test_stream_without_drift_scores_every_row_and_raises_no_alert(model_dir, tmp_path):
    out = tmp_path / "mon"
    resultado = run_stream(model_dir, out=out, rate=0, rows=2000, batch_size=250,
                           progress=False)
    assert (resultado.rows, resultado.batches, resultado.alerts) == (2000, 8, [])
    pontuados = read_predictions(out)
    assert len(pontuados) == 2000
    model, metadata = load_model(model_dir)
    chegaram = pd.concat([simulate(250, start=250 * k) for k in range(8)], ignore_index=True)
    esperado = predict(model, metadata, chegaram)
    pd.testing.assert_series_equal(pontuados["previsao"], esperado["previsao"])
    lotes = pd.read_csv(out / BATCHES_FILE)
    assert lotes["lote"].tolist() == list(range(1, 9))
    assert not lotes["alerta"].any()
    assert lotes["acuracia_janela"].between(0.75, 1).all()  # o rótulo veio junto
    assert not (out / ALERTS_FILE).exists()
    for nome in (DRIFT_FILE, SUMMARY_FILE, REPORT_FILE, PLOT_FILE):
        assert (out / nome).stat().st_size > 0


def test_injected_drift_fires_one_alert_soon_after_it_starts(model_dir, tmp_path):
    out = tmp_path / "mon"
    # 4000 registros/s e deriva no segundo 0,5: a deriva começa no registro 2000.
    resultado = run_stream(model_dir, out=out, rate=4000, rows=4000, batch_size=200,
                           window=1000, drift_at=0.5, progress=False)
    assert len(resultado.alerts) == 1
    alerta = resultado.alerts[0]
    assert 2000 < alerta["linhas"] <= 2800
    mudaram = {"valor_mensal", "reclamacoes_12m", "chamados_suporte_90d", "plano", "previsao",
               "prob_Sim"}
    assert set(alerta["atributos"]) <= mudaram
    ultimo = resultado.last_drift.set_index("atributo")
    assert ultimo.loc["valor_mensal", "nivel"] == "grande"
    assert ultimo.loc["uf", "nivel"] == "estável"
    assert "ALERTA" in (out / ALERTS_FILE).read_text(encoding="utf-8")
    lotes = pd.read_csv(out / BATCHES_FILE)
    assert not lotes.loc[lotes["linhas_acumuladas"] <= 2000, "alerta"].any()
    assert lotes["alerta"].iloc[-1]
    # O mercado mudou: o modelo antigo acerta menos na janela recente.
    assert lotes["acuracia_janela"].iloc[-1] < lotes["acuracia_janela"].iloc[9] - 0.03
    relatorio = (out / REPORT_FILE).read_text(encoding="utf-8")
    assert "valor_mensal" in relatorio and "ALERTA" in relatorio
    assert "http://" not in relatorio and "https://" not in relatorio  # autocontido
    resumo = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert resumo["alerts"][0]["lote"] == alerta["lote"]


def test_a_second_run_appends_to_the_same_log(model_dir, tmp_path):
    out = tmp_path / "mon"
    run_stream(model_dir, out=out, rate=0, rows=400, batch_size=200, progress=False)
    run_stream(model_dir, out=out, rate=0, rows=600, batch_size=200, seed=1, progress=False)
    lotes = pd.read_csv(out / BATCHES_FILE)
    assert lotes["lote"].tolist() == [1, 2, 3, 4, 5]
    assert lotes["linhas_acumuladas"].iloc[-1] == 1000
    assert len(read_predictions(out)) == 1000


def test_rate_paces_the_stream(model_dir, tmp_path):
    resultado = run_stream(model_dir, out=tmp_path / "mon", rate=500, rows=1000,
                           batch_size=100, progress=False)
    assert resultado.seconds >= 1.9  # 1000 registros a 500/s: pelo menos 2 s


def test_duration_stops_an_endless_source(model_dir, tmp_path):
    resultado = run_stream(model_dir, out=tmp_path / "mon", rate=1000, duration=1.0,
                           batch_size=100, progress=False)
    assert 0 < resultado.rows <= 1000


def test_cli_streams_a_csv_file(model_dir, tmp_path):
    dados = simulate(600, seed=5).drop(columns=["cancelou"])
    csv = tmp_path / "novos.csv"
    dados.to_csv(csv, index=False, sep=";", decimal=",")
    out = tmp_path / "mon"
    r = run_cli("stream", "--model", model_dir, "--source", csv, "--out", out, "--rate", "0",
                "--batch-size", "250", "--quiet")
    assert r.returncode == 0, r.stderr
    assert "600 registros em 3 lotes" in r.stdout
    model, metadata = load_model(model_dir)
    esperado = predict(model, metadata, dados)
    assert read_predictions(out)["previsao"].tolist() == esperado["previsao"].tolist()
    assert pd.read_csv(out / BATCHES_FILE)["acuracia_janela"].isna().all()  # sem rótulo


def _snapshot(pasta):
    return {p.relative_to(pasta): p.read_bytes() for p in pasta.rglob("*") if p.is_file()}


@pytest.mark.parametrize("args, trecho", [
    (["--drift-at", "3", "--rate", "0"], "--drift-at precisa"),
    (["--batch-size", "0"], "--batch-size deve ser pelo menos 1"),
    (["--window", "5"], "--window deve ser pelo menos 10"),
    (["--threshold", "0"], "--threshold deve ser maior que zero"),
    (["--rate", "-3"], "argumento --rate"),
    (["--rate", "rápido"], "não é um número"),
    (["--duration", "nan"], "deve ser um número >= 0"),
])
def test_cli_rejects_bad_options_with_exit_2(model_dir, tmp_path, args, trecho):
    out = tmp_path / "mon"
    r = run_cli("stream", "--model", model_dir, "--out", out, "--rows", "10", *args)
    assert r.returncode == 2
    assert trecho in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_cli_bad_csv_fails_before_writing_anything(model_dir, tmp_path):
    csv = tmp_path / "ruim.csv"
    simulate(50).drop(columns=["valor_mensal"]).to_csv(csv, index=False)
    out = tmp_path / "mon"
    r = run_cli("stream", "--model", model_dir, "--source", csv, "--out", out)
    assert r.returncode == 2
    assert "valor_mensal" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_cli_drift_at_only_for_the_simulated_source(model_dir, tmp_path):
    csv = tmp_path / "novos.csv"
    simulate(50).to_csv(csv, index=False)
    r = run_cli("stream", "--model", model_dir, "--source", csv, "--out", tmp_path / "m",
                "--drift-at", "1")
    assert r.returncode == 2 and "fonte simulada" in r.stderr


def test_cli_refuses_a_folder_with_other_files_and_leaves_it_intact(model_dir, tmp_path):
    out = tmp_path / "meus-dados"
    out.mkdir()
    (out / "planilha.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    antes = _snapshot(out)
    r = run_cli("stream", "--model", model_dir, "--out", out, "--rows", "10")
    assert r.returncode == 2 and "planilha.csv" in r.stderr
    assert _snapshot(out) == antes


def test_model_without_reference_gets_a_clear_message(model_dir, tmp_path):
    import shutil

    antigo = tmp_path / "modelo-antigo"
    shutil.copytree(model_dir, antigo)
    (antigo / "reference.json").unlink()
    with pytest.raises(MlopsLabError, match="reference.json"):
        run_stream(antigo, out=tmp_path / "mon", rows=10, progress=False)
    assert not (tmp_path / "mon").exists()
