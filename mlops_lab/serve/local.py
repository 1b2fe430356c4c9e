"""O serviço de verdade dentro do próprio processo, para notebooks: uvicorn numa *thread*.

:func:`serve_in_thread` sobe a aplicação de :func:`~mlops_lab.serve.create_app`
com o uvicorn, numa porta livre de 127.0.0.1, e a encerra no fim do bloco
``with``; :func:`call` faz uma requisição HTTP com a biblioteca padrão
(``urllib``). É o mesmo servidor de ``mlops-lab serve``, sem o custo de abrir
outro processo (e de importar tudo de novo) a cada modo.

Examples
--------
>>> call.__name__, serve_in_thread.__name__
('call', 'serve_in_thread')
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

__all__ = ["call", "serve_in_thread"]


@contextlib.contextmanager
def serve_in_thread(app: Any, timeout: float = 30) -> Iterator[str]:
    """Serve ``app`` com o uvicorn numa *thread*; devolve a URL base (``http://127.0.0.1:N``).

    Raises
    ------
    RuntimeError
        Se o servidor não subir em ``timeout`` segundos.
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    servidor = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    fio = threading.Thread(target=servidor.run, kwargs={"sockets": [sock]}, daemon=True)
    fio.start()
    limite = time.monotonic() + timeout
    while not servidor.started:
        if not fio.is_alive() or time.monotonic() > limite:
            sock.close()
            raise RuntimeError("o servidor não subiu; veja o log do uvicorn acima.")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        servidor.should_exit = True
        fio.join(timeout)
        sock.close()


def call(base: str, route: str, body: object = None) -> tuple[int, Any]:
    """``GET`` (sem ``body``) ou ``POST`` com JSON; devolve ``(código HTTP, JSON da resposta)``.

    Um código 4xx ou 5xx não levanta exceção: volta como os outros, com o
    ``{"erro": ...}`` do serviço.
    """
    dados = None if body is None else json.dumps(body).encode("utf-8")
    pedido = urllib.request.Request(base + route, data=dados,
                                    headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(pedido, timeout=60) as resposta:
            return resposta.status, json.load(resposta)
    except urllib.error.HTTPError as erro:
        with erro:
            return erro.code, json.load(erro)
