"""SLOs e alertas: as regras do Prometheus do repositório são as de ``mlops_lab.slo``,
usam só métricas que o serviço exporta, e o ``promtool`` as valida e testa."""

import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from mlops_lab import slo
from mlops_lab.serve.metrics import ServiceMetrics

REGRAS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"


def test_arquivo_de_regras_e_o_gerado_pelo_modulo():
    assert (REGRAS / "rules.yml").read_text(encoding="utf-8") == slo.rules_yaml(), (
        "deploy/prometheus/rules.yml desatualizado: python -m mlops_lab.slo "
        "deploy/prometheus/rules.yml")


def test_expressoes_so_usam_metricas_que_o_servico_exporta():
    m = ServiceMetrics()
    m.observe_request("/predict", "POST", 500, 0.3)
    m.observe_predictions({"previsoes": [{"previsao": "Sim", "probabilidades": {"Sim": 0.7}}]},
                          "Sim")
    exportadas = {s.name for f in text_string_to_metric_families(m.exposition().decode())
                  for s in f.samples}
    regras = yaml.safe_load((REGRAS / "rules.yml").read_text(encoding="utf-8"))
    gravadas = {r["record"] for g in regras["groups"] for r in g["rules"] if "record" in r}
    for grupo in regras["groups"]:
        for regra in grupo["rules"]:
            nomes = set(re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*(?=\{|\[| >)", regra["expr"]))
            nomes -= {"sum", "rate"}
            assert nomes and nomes <= exportadas | gravadas, (regra, nomes - exportadas)
    # Cada alerta combina uma janela longa e uma curta de cada par do padrão.
    alertas = [r for g in regras["groups"] for r in g["rules"] if "alert" in r]
    assert len(alertas) == 2 * len(slo.SLOS)
    assert {a["labels"]["severity"] for a in alertas} == {"page", "ticket"}


def test_orcamento_e_taxas_de_queima_do_padrao_do_sre_workbook():
    assert [round(slo.burn_rate(f, longa), 1) for _, longa, _, f in slo.ALERT_WINDOWS] == [
        14.4, 6.0, 3.0, 1.0]
    b = slo.error_budget(0.999, 30, requests_per_day=50_000)
    assert math.isclose(b["minutes"], 43.2) and b["requests"] == 1500
    assert math.isclose(b["hours_to_exhaust_at_14_4"], 50.0)


def _promtool() -> str:
    caminho = shutil.which("promtool")
    if caminho is None:
        if os.environ.get("CI") == "true":
            pytest.fail("promtool não encontrado: o make test instala o pacote 'prometheus' do "
                        "Debian (scripts/system-deps.sh)")
        pytest.skip("sem promtool: sudo apt-get install prometheus")
    return caminho


def test_promtool_valida_as_regras_e_os_alertas_disparam_quando_devem():
    promtool = _promtool()
    check = subprocess.run([promtool, "check", "rules", "rules.yml"], cwd=REGRAS,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    teste = subprocess.run([promtool, "test", "rules", "rules_test.yml"], cwd=REGRAS,
                           capture_output=True, text=True, timeout=60)
    assert teste.returncode == 0, teste.stdout + teste.stderr
