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
    linhas = [linha.split("\t") for linha in arquivo.read_text(encoding="utf-8").splitlines()]
    assert [(nome, codigo) for nome, _, _, codigo in linhas] == [("conta", "0"), ("falha", "3")]
    relogio, cpu = float(linhas[0][1]), float(linhas[0][2])
    assert relogio > 0 and cpu > 0  # a CPU do processo filho conta
    resumo = _etapa("--resumo", arquivo=arquivo).stdout
    assert "conta" in resumo and "falha" in resumo and "total" in resumo
    assert _etapa("--inicio", arquivo=arquivo).returncode == 0 and not arquivo.exists()
