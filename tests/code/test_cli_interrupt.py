"""Ctrl+C de verdade (SIGINT) num comando: código 130 e uma mensagem que diz o que ficou gravado."""

import re
import signal
import subprocess
import sys
import time

import pytest

from mlops_lab.stream import BATCHES_FILE, PARTS_DIR

pytestmark = pytest.mark.lento  # sobe processos e treina (fixture model_dir)


def _ctrl_c(args, quando, log, limite=120.0):
    """Roda ``mlops-lab``, espera ``quando(saida_de_erro)`` e manda SIGINT (o Ctrl+C).

    Devolve o código de saída e a saída de erro completa.
    """
    erro = log / "stderr.txt"
    with erro.open("w", encoding="utf-8") as arquivo:
        proc = subprocess.Popen([sys.executable, "-m", "mlops_lab.cli", *map(str, args)],
                                stdout=subprocess.DEVNULL, stderr=arquivo)
    fim = time.monotonic() + limite
    while not quando(erro.read_text(encoding="utf-8")):
        if proc.poll() is not None:
            pytest.fail(f"o comando terminou antes do Ctrl+C:\n{erro.read_text()}")
        if time.monotonic() > fim:
            proc.kill()
            pytest.fail("o comando não chegou ao ponto esperado a tempo")
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    return proc.returncode, erro.read_text(encoding="utf-8")


def _gravados(partes) -> list:
    """Os micro-lotes completos: sem o arquivo temporário (oculto) do lote sendo gravado."""
    return [p for p in partes.glob("*.parquet") if not p.name.startswith(".")]


def test_ctrl_c_no_stream_diz_quantos_micro_lotes_ficaram(model_dir, tmp_path):
    out = tmp_path / "mon"
    partes = out / PARTS_DIR
    codigo, erro = _ctrl_c(["stream", "--model", model_dir, "--out", out, "--rate", 100,
                            "--batch-size", 20, "--duration", 120, "--quiet"],
                           # O Parquet do lote 3 só aparece depois que o lote 2 terminou: com
                           # três à vista, pelo menos dois lotes estão completos (o Ctrl+C
                           # desfaz o lote que estava no meio, Parquet e CSVs juntos).
                           lambda _: len(_gravados(partes)) >= 3, tmp_path)
    assert codigo == 130, erro
    assert "Traceback" not in erro and "nada foi gravado" not in erro
    achado = re.search(r"interrompido pelo usuário; os (\d+) micro-lotes já pontuados nesta "
                       r"execução ficaram em (\S+) ", erro)
    assert achado, erro
    assert int(achado[1]) == len(_gravados(partes)) >= 2
    assert achado[2] == str(out) and (out / BATCHES_FILE).is_file()
    assert "rode de novo com o mesmo --out" in erro


def test_ctrl_c_no_run_nao_grava_nada(tmp_path):
    destino = tmp_path / "destino"
    destino.mkdir()
    out = destino / "art"
    # Interrompe durante a busca de hiperparâmetros (a barra de progresso já apareceu).
    codigo, erro = _ctrl_c(["run", "--out", out, "--no-plots"],
                           lambda texto: "Buscando hiperparâmetros" in texto, tmp_path)
    assert codigo == 130, erro
    assert erro.rstrip().endswith("mlops-lab: interrompido pelo usuário; nada foi gravado.")
    assert "Traceback" not in erro
    assert list(destino.iterdir()) == []  # nem o destino nem uma pasta temporária
