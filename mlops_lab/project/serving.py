"""O critério "Servido": sobe ``mlops-lab serve`` de verdade e faz pedidos HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from mlops_lab.project.runner import environment, kill_group

__all__ = ["HOST", "free_port", "probe"]

HOST = "127.0.0.1"


def free_port() -> int:
    """Uma porta TCP livre nesta máquina."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _request(url: str, corpo: dict | None = None, timeout: float = 30) -> tuple[int, object]:
    dados = None if corpo is None else json.dumps(corpo).encode("utf-8")
    pedido = urllib.request.Request(url, data=dados, method="GET" if corpo is None else "POST",
                                    headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(pedido, timeout=timeout) as resposta:
            status, texto = resposta.status, resposta.read(100_000)
    except urllib.error.HTTPError as erro:
        status, texto = erro.code, erro.read(100_000)
    try:
        return status, json.loads(texto)
    except ValueError:
        return status, None


def _cut(texto: str, limite: int = 160) -> str:
    """O começo de ``texto``, cortado entre palavras.

    >>> _cut("uma mensagem comprida demais", 15)
    'uma mensagem…'
    """
    if len(texto) <= limite:
        return texto
    return texto[:limite].rsplit(" ", 1)[0].rstrip(".,;:") + "…"


def _wait_health(proc, base: str, limite: float) -> tuple[bool, str]:
    fim = time.monotonic() + limite
    while time.monotonic() < fim:
        if proc.poll() is not None:
            return False, f"`mlops-lab serve` saiu com código {proc.returncode} antes de responder"
        try:
            status, corpo = _request(base + "/health", timeout=5)
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
            continue
        return status == 200, f"GET /health: {status} {json.dumps(corpo, ensure_ascii=False)}"
    return False, f"GET /health não respondeu em {limite:.0f} s"


def probe(model_dir: Path, work: Path, valido: dict, invalido: dict,
          timeout: float) -> dict[str, tuple[bool, str]]:
    """Sobe o serviço com o modelo de ``model_dir`` e confere saúde, previsão e erro 4xx.

    O serviço é o ``mlops-lab serve`` instalado, rodado de ``work`` (a pasta do
    corretor) em modo isolado (``python -I``): um pacote ``mlops_lab`` dentro do
    projeto não toma o lugar dele.
    """
    porta = free_port()
    base = f"http://{HOST}:{porta}"
    log = open(Path(work) / "serve.log", "wb")  # noqa: SIM115 (fechado no finally)
    proc = subprocess.Popen([sys.executable, "-I", "-m", "mlops_lab.cli", "serve", "--model",
                             str(Path(model_dir).resolve()), "--host", HOST, "--port", str(porta)],
                            cwd=work, env=environment(work), stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    sem = "o serviço não respondeu a /health"
    try:
        saude = _wait_health(proc, base, timeout)
        if not saude[0]:
            log.flush()
            fim = Path(log.name).read_bytes()[-600:].decode("utf-8", "replace").strip()
            achado = saude[1] + (f": {fim.splitlines()[-1]}" if fim else "")
            return {"health": (False, achado), "predict": (False, sem), "invalid": (False, sem)}
        status, corpo = _request(base + "/predict", valido)
        previsoes = corpo.get("previsoes") if isinstance(corpo, dict) else None
        ok = status == 200 and isinstance(previsoes, list) and len(previsoes) == 1
        predicao = (ok, f"POST /predict com um registro do teste: {status}, previsão "
                        f"{previsoes[0].get('previsao')!r}" if ok
                    else f"POST /predict com um registro válido: {status} "
                         f"{json.dumps(corpo, ensure_ascii=False)[:200]}")
        status, corpo = _request(base + "/predict", invalido)
        erro = (400 <= status < 500,
                f"POST /predict com um registro sem uma coluna usada: {status}"
                + (f" ({_cut(str(corpo.get('erro', '')))})" if isinstance(corpo, dict) else ""))
        return {"health": saude, "predict": predicao, "invalid": erro}
    except (urllib.error.URLError, OSError) as falha:
        return {"health": (True, "GET /health: 200"), "predict": (False, f"sem resposta ({falha})"),
                "invalid": (False, f"sem resposta ({falha})")}
    finally:
        kill_group(proc)
        log.close()
