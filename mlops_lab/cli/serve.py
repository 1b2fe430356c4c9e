"""O comando ``serve``: o modelo por HTTP (:func:`mlops_lab.serve.create_app`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mlops_lab.cli.options import add_trust_option, port
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import socket
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_serve"]


def add_serve(sub: Subcommands) -> None:
    """Registra ``mlops-lab serve``."""
    serve = sub.add_parser("serve", help="serve o modelo por HTTP (POST /predict)",
                           description="Carrega o modelo uma vez e atende previsões por HTTP: "
                                       "POST /predict, GET /health, GET /metadata e a "
                                       "documentação em /docs.",
                           epilog="Exemplo: mlops-lab serve --model artifacts --port 8000")
    serve.add_argument("--model", metavar="PASTA", required=True,
                       help="pasta criada por 'mlops-lab run'")
    serve.add_argument("--host", metavar="ENDEREÇO", default="127.0.0.1",
                       help="endereço de escuta (padrão: 127.0.0.1, só esta máquina; use "
                            "0.0.0.0 para aceitar conexões de outras máquinas)")
    serve.add_argument("--port", metavar="PORTA", type=port, default=8000,
                       help="porta (padrão: 8000)")
    serve.add_argument("--no-compile", action="store_true",
                       help="não usa o caminho compilado de previsão (mais rápido, conferido "
                            "na carga); prevê sempre pelo pipeline do scikit-learn")
    add_trust_option(serve)
    serve.set_defaults(func=_cmd_serve)


def _bind(host: str, porta: int) -> socket.socket:
    """Abre o socket antes do servidor, para dar um erro claro se a porta estiver ocupada."""
    import socket

    try:
        familia, tipo, proto, _, endereco = socket.getaddrinfo(
            host, porta, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror:
        raise MlopsLabError(f"o endereço '{host}' não existe nesta máquina. Use --host "
                            "127.0.0.1 (padrão) ou o IP de uma das suas interfaces.") from None
    sock = socket.socket(familia, tipo, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(endereco)
    except OSError as erro:
        sock.close()
        raise MlopsLabError(f"não foi possível escutar em {host}:{porta} ({erro.strerror}). "
                            "A porta pode estar em uso: escolha outra com --port.") from None
    sock.listen(2048)
    return sock


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from mlops_lab.serve import create_app

    # Modelo ruim: erro antes de escutar.
    app = create_app(args.model, trust=args.trust, compiled=not args.no_compile)
    sock = _bind(args.host, args.port)
    endereco = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Servindo o modelo de '{args.model}' em http://{endereco}:{args.port} "
          f"(documentação em /docs). Ctrl+C para parar.", file=sys.stderr, flush=True)
    servidor = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="info"))
    try:
        servidor.run(sockets=[sock])
    finally:
        sock.close()
    return 0
