"""Vários processos atrás da mesma porta: ``mlops-lab serve --workers N``.

Um processo Python usa um núcleo de cada vez para calcular (o GIL); para usar
os outros, o ``uvicorn`` abre ``N`` processos, e todos aceitam conexões do mesmo
*socket*. Cada processo carrega o seu modelo e tem o seu
:class:`~mlops_lab.serve.slot.ModelSlot`: uma versão nova gravada na pasta é
vista por cada processo na requisição seguinte que ele atender.

As métricas de ``GET /metrics`` somam os processos: antes de abri-los, a função
cria uma pasta temporária e a aponta em ``PROMETHEUS_MULTIPROC_DIR``; cada
processo grava ali os seus contadores, e a pasta é apagada quando o servidor para.
"""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING

from mlops_lab.serve.metrics import MULTIPROC_ENV

if TYPE_CHECKING:
    import socket
    from pathlib import Path

    from fastapi import FastAPI

__all__ = ["COMPILED_ENV", "MODEL_ENV", "TRUST_ENV", "app_from_environment", "run_workers"]

MODEL_ENV = "MLOPS_LAB_SERVE_MODEL"
TRUST_ENV = "MLOPS_LAB_SERVE_TRUST"
COMPILED_ENV = "MLOPS_LAB_SERVE_COMPILED"


def app_from_environment() -> FastAPI:
    """A aplicação de cada processo, com o modelo de ``MLOPS_LAB_SERVE_MODEL``.

    O ``uvicorn`` chama esta função (``factory=True``) em cada processo novo.
    """
    from mlops_lab.serve.app import create_app

    return create_app(os.environ[MODEL_ENV], trust=os.environ.get(TRUST_ENV) == "1",
                      compiled=os.environ.get(COMPILED_ENV, "1") == "1")


def run_workers(model_dir: str | Path, sock: socket.socket, workers: int, trust: bool = False,
                log_level: str = "info", compiled: bool = True) -> None:
    """Serve o modelo com ``workers`` processos no *socket* já aberto, até Ctrl+C.

    Parameters
    ----------
    model_dir : str ou Path
        Pasta do modelo (já conferida por quem chama).
    sock : socket.socket
        *Socket* em escuta, dividido pelos processos.
    workers : int
        Quantos processos.
    trust : bool, padrão False
        Repassado a :func:`mlops_lab.serve.create_app`.
    log_level : str, padrão "info"
        Nível do log do ``uvicorn``.
    compiled : bool, padrão True
        Repassado a :func:`mlops_lab.serve.create_app` (``False``: ``--no-compile``).
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    with tempfile.TemporaryDirectory(prefix="mlops-lab-metrics-") as pasta:
        os.environ[MULTIPROC_ENV] = pasta
        os.environ[MODEL_ENV] = str(model_dir)
        os.environ[TRUST_ENV] = "1" if trust else "0"
        os.environ[COMPILED_ENV] = "1" if compiled else "0"
        config = uvicorn.Config("mlops_lab.serve.workers:app_from_environment", factory=True,
                                workers=workers, log_level=log_level)
        Multiprocess(config, sockets=[sock]).run()
