"""Funções de apoio dos testes."""

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time

HOST = "127.0.0.1"


def load_script(nome: str):
    """Importa ``scripts/<nome>.py`` (os scripts não são um pacote) e devolve o módulo."""
    from pathlib import Path

    caminho = Path(__file__).resolve().parents[1] / "scripts" / f"{nome}.py"
    spec = importlib.util.spec_from_file_location(nome, caminho)
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


def run_cli(*args, cwd=None, timeout=900):
    """Roda ``mlops-lab`` como um usuário rodaria, num processo separado."""
    return subprocess.run([sys.executable, "-m", "mlops_lab.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_process(model_dir, log_dir, timeout=90, extra=()):
    """``mlops-lab serve`` de verdade numa porta livre; devolve a URL base.

    Espera ``/health`` responder e encerra o servidor na saída.
    """
    import httpx
    import pytest

    porta = free_port()
    log = (log_dir / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlops_lab.cli", "serve", "--model", str(model_dir),
         "--host", HOST, "--port", str(porta), *extra],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    base = f"http://{HOST}:{porta}"
    try:
        limite = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.flush()
                pytest.fail(f"o servidor saiu com código {proc.returncode}:\n"
                            + open(log.name, encoding="utf-8").read())
            try:
                if httpx.get(f"{base}/health", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > limite:
                pytest.fail(f"o servidor não respondeu /health em {timeout} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()
