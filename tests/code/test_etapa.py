"""scripts/etapa.py: o tempo de cada etapa do make test, com o código de saída do comando."""

import os
import subprocess
import sys
from pathlib import Path

ETAPA = Path(__file__).resolve().parents[2] / "scripts" / "etapa.py"


def _etapa(*args, arquivo):
    return subprocess.run([sys.executable, str(ETAPA), *args], capture_output=True, text=True,
                          env={**os.environ, "ETAPAS_ARQUIVO": str(arquivo)})


def test_mede_cada_etapa_e_devolve_o_codigo_do_comando(tmp_path):
    arquivo = tmp_path / "etapas.tsv"
    assert _etapa("--inicio", arquivo=arquivo).returncode == 0
    gasta_cpu = "sum(i * i for i in range(1_000_000))"
    ok = _etapa("conta", sys.executable, "-c", gasta_cpu, arquivo=arquivo)
    falha = _etapa("falha", sys.executable, "-c", "raise SystemExit(3)", arquivo=arquivo)
    assert ok.returncode == 0 and falha.returncode == 3
    assert "[etapa] conta:" in ok.stdout and "núcleos em média" in ok.stdout
    linhas = _etapas(arquivo)
    assert [(nome, codigo) for nome, _, _, codigo in linhas] == [("conta", "0"), ("falha", "3")]
    relogio, cpu = float(linhas[0][1]), float(linhas[0][2])
    assert relogio > 0 and cpu > 0  # a CPU do processo filho conta
    resumo = _etapa("--resumo", arquivo=arquivo).stdout
    assert "conta" in resumo and "falha" in resumo and "total" in resumo
    assert _etapa("--inicio", arquivo=arquivo).returncode == 0 and _etapas(arquivo) == []


def _etapas(arquivo):
    linhas = [linha.split("\t") for linha in arquivo.read_text(encoding="utf-8").splitlines()]
    return [linha for linha in linhas if not linha[0].startswith("#")]


def test_total_e_o_relogio_quando_etapas_correm_lado_a_lado(tmp_path):
    """O navegador e os ambientes próprios correm juntos: o total não soma os dois."""
    arquivo = tmp_path / "etapas.tsv"
    _etapa("--inicio", arquivo=arquivo)
    espera = [sys.executable, "-c", "import time; time.sleep(2)"]
    env = {**os.environ, "ETAPAS_ARQUIVO": str(arquivo)}
    juntas = [subprocess.Popen([sys.executable, str(ETAPA), nome, *espera], env=env,
                               stdout=subprocess.DEVNULL) for nome in ("a", "b (ao lado)")]
    assert [processo.wait() for processo in juntas] == [0, 0]
    soma = sum(float(relogio) for _, relogio, _, _ in _etapas(arquivo))
    resumo = _etapa("--resumo", arquivo=arquivo).stdout
    total = next(linha for linha in resumo.splitlines() if linha.strip().startswith("total"))
    assert soma >= 4
    assert int(total.split()[-2]) < soma
