"""AIOps: telemetria gerada, detector, alertas e placar por incidente."""

import pandas as pd
import pytest

from mlops_lab.aiops import (
    COURSE_SEED,
    INCIDENT_TYPES,
    METRICS,
    SeasonalBaseline,
    alerts,
    detect,
    evaluate_alerts,
    generate_telemetry,
    run_aiops,
)
from mlops_lab.errors import MlopsLabError
from tests.helpers import run_cli

# Mensagem de log que denuncia cada tipo de incidente (números viram <n>).
CAUSA = {"pico de latência": "consulta lenta ao banco (mais de <n> s)",
         "surto de erros": "HTTP <n>: pool de conexões do banco esgotado",
         "queda de vazão": "balanceador sem resposta do servidor de origem",
         "degradação lenta": "uso de memória do processo em <n>%"}


@pytest.fixture(scope="module")
def curso():
    """O cenário do capítulo: 7 dias de histórico e 3 dias avaliados, semente do curso."""
    return run_aiops(days=3, seed=COURSE_SEED, history_days=7)


@pytest.fixture(scope="module")
def base():
    return SeasonalBaseline().fit(generate_telemetry(7, seed=COURSE_SEED + 1,
                                                     start="2026-10-26").metrics)


def test_mesma_semente_mesma_telemetria():
    a, b = generate_telemetry(1, seed=5), generate_telemetry(1, seed=5)
    pd.testing.assert_frame_equal(a.metrics, b.metrics)
    pd.testing.assert_frame_equal(a.logs, b.logs)
    pd.testing.assert_frame_equal(a.incidents, b.incidents)
    assert not a.metrics.equals(generate_telemetry(1, seed=6).metrics)


def test_telemetria_realista():
    t = generate_telemetry(2, seed=COURSE_SEED)
    m = t.metrics
    assert list(m.columns) == METRICS and len(m) == 2 * 1440
    assert m.index.to_series().diff().dropna().eq(pd.Timedelta("1min")).all()
    normal = m.drop(index=[i for inc in t.incidents.itertuples()
                           for i in m.loc[inc.inicio:inc.fim].index])
    por_hora = normal.groupby(normal.index.hour).median()
    # Ciclo diário: mais tráfego à tarde do que de madrugada; p95 sempre acima do p50.
    assert por_hora.loc[16, "vazao_rpm"] > 2 * por_hora.loc[4, "vazao_rpm"]
    assert (m["latencia_p95_ms"] > m["latencia_p50_ms"]).all()
    assert m["taxa_erro"].between(0, 1).all() and normal["taxa_erro"].median() < 0.01
    assert set(t.logs["nivel"].unique()) == {"INFO", "WARN", "ERROR"}


def test_incidentes_injetados_de_todos_os_tipos():
    inc = generate_telemetry(3, seed=COURSE_SEED).incidents
    assert len(inc) == 6 and set(inc["tipo"]) == set(INCIDENT_TYPES)
    assert (inc["fim"] > inc["inicio"]).all()
    assert inc["inicio"].is_monotonic_increasing and (inc["inicio"].iloc[1:].to_numpy()
                                                      > inc["fim"].iloc[:-1].to_numpy()).all()
    assert generate_telemetry(3, seed=COURSE_SEED, incidents=False).incidents.empty


def test_detector_pega_os_incidentes_com_poucos_alarmes_falsos(curso):
    placar = curso["score"]
    assert placar["recall"] >= 5 / 6, placar["per_incident"]
    assert placar["precision"] >= 0.8, curso["alerts"]


def test_incidentes_bruscos_sao_detectados_em_minutos(curso):
    inc = curso["score"]["per_incident"]
    bruscos = inc[inc["tipo"] != "degradação lenta"]
    assert bruscos["detectado"].all()
    assert (bruscos["atraso_min"] <= 5).all(), bruscos


def test_causa_provavel_vem_dos_logs(curso):
    inc = curso["telemetry"].incidents
    for alerta in curso["alerts"].itertuples():
        dentro = inc[(inc["inicio"] <= alerta.inicio) & (alerta.inicio < inc["fim"]
                                                         + pd.Timedelta("15min"))]
        if len(dentro):
            assert alerta.causa_provavel == CAUSA[dentro["tipo"].iloc[0]]


@pytest.mark.parametrize("metodo", ["seasonal", "isolation_forest"])
def test_sem_incidentes_quase_nenhum_alarme(base, metodo):
    calmo = generate_telemetry(3, seed=COURSE_SEED, incidents=False)
    assert len(alerts(detect(calmo.metrics, base, method=metodo))) <= 1


def test_isolation_forest_tambem_detecta(base):
    t = generate_telemetry(3, seed=COURSE_SEED)
    placar = evaluate_alerts(alerts(detect(t.metrics, base, method="isolation_forest")),
                             t.incidents)
    assert placar["recall"] >= 0.5 and placar["precision"] >= 0.8


def test_minuto_anomalo_isolado_nao_abre_alerta():
    idx = pd.date_range("2026-01-01", periods=60, freq="min")
    marcas = pd.Series(False, index=idx)
    marcas.iloc[[5, 20, 40, 41]] = True
    assert alerts(marcas).empty
    marcas.iloc[50:53] = True
    assert len(alerts(marcas)) == 1


def test_placar_por_incidente():
    t0 = pd.Timestamp("2026-01-01 10:00")
    inc = pd.DataFrame({"tipo": ["a", "b"], "inicio": [t0, t0 + pd.Timedelta("3h")],
                        "fim": [t0 + pd.Timedelta("30min"), t0 + pd.Timedelta("4h")]})
    al = pd.DataFrame({"inicio": [t0 + pd.Timedelta("4min"), t0 + pd.Timedelta("40min"),
                                  t0 + pd.Timedelta("10h")]})
    r = evaluate_alerts(al, inc)
    # O alerta 10 min depois do fim ainda conta (folga de 15 min); o de 10h é falso.
    assert (r["detected"], r["false_alerts"]) == (1, 1)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == 0.5
    assert r["per_incident"]["atraso_min"].iloc[0] == 4


def test_entradas_invalidas():
    with pytest.raises(MlopsLabError, match="divisor de 1440"):
        SeasonalBaseline(slot_minutes=7)
    with pytest.raises(MlopsLabError, match="faltam as colunas"):
        SeasonalBaseline().fit(pd.DataFrame({"x": [1.0]}))
    with pytest.raises(MlopsLabError, match="pelo menos 1"):
        generate_telemetry(0)


def test_cli_aiops(tmp_path):
    out = tmp_path / "telemetria"
    r = run_cli("aiops", "--days", "1", "--history-days", "2", "--out", out)
    assert r.returncode == 0, r.stderr
    assert "Revocação" in r.stdout and "Precisão" in r.stdout
    assert {p.name for p in out.iterdir()} == {"metrics.csv", "logs.csv", "incidents.csv",
                                               "alerts.csv"}
    assert len(pd.read_csv(out / "metrics.csv")) == 1440


def test_cli_aiops_dias_invalidos():
    r = run_cli("aiops", "--days", "0")
    assert r.returncode == 2 and "--days deve estar entre 1 e 60" in r.stderr
    assert "Traceback" not in r.stderr
