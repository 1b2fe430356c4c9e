"""O comando ``serve``: o modelo por HTTP (:func:`mlops_lab.serve.create_app`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mlops_lab.cli.options import add_trust_option, non_negative_int, port
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import socket
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_serve"]


def add_serve(sub: Subcommands) -> None:
    """Registra ``mlops-lab serve``."""
    serve = sub.add_parser("serve", help="serve o modelo por HTTP (POST /predict)",
                           description="Carrega o modelo uma vez e atende previsões por HTTP: "
                                       "POST /predict, GET /health, GET /metadata, as "
                                       "métricas em GET /metrics e a documentação em /docs.",
                           epilog="Exemplo: mlops-lab serve --model artefatos --port 8000")
    serve.add_argument("--model", metavar="PASTA", required=True,
                       help="pasta criada por 'mlops-lab run'")
    serve.add_argument("--host", metavar="ENDEREÇO", default="127.0.0.1",
                       help="endereço de escuta (padrão: 127.0.0.1, só esta máquina; use "
                            "0.0.0.0 para aceitar conexões de outras máquinas)")
    serve.add_argument("--port", metavar="PORTA", type=port, default=8000,
                       help="porta (padrão: 8000)")
    serve.add_argument("--workers", metavar="N", type=non_negative_int, default=1,
                       help="quantos processos atendem na mesma porta (padrão: 1); cada um "
                            "carrega o modelo, e GET /metrics soma os de todos")
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
    if args.workers < 1:
        raise MlopsLabError(f"--workers {args.workers}: é preciso pelo menos 1 processo. Use "
                            "--workers 1 (padrão) ou um número até o de núcleos da máquina.")
    if args.workers > 1:
        return _serve_workers(args)
    import uvicorn

    from mlops_lab.serve import create_app

    app = create_app(args.model, trust=args.trust)  # modelo ruim: erro antes de escutar
    sock = _bind(args.host, args.port)
    _announce(args)
    servidor = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="info"))
    try:
        servidor.run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _announce(args: argparse.Namespace) -> None:
    endereco = f"[{args.host}]" if ":" in args.host else args.host
    processos = f", {args.workers} processos" if args.workers > 1 else ""
    print(f"Servindo o modelo de '{args.model}' em http://{endereco}:{args.port} "
          f"(documentação em /docs{processos}). Ctrl+C para parar.", file=sys.stderr, flush=True)


def _serve_workers(args: argparse.Namespace) -> int:
    from mlops_lab.package import load_model
    from mlops_lab.serve.workers import run_workers

    load_model(args.model, trust=args.trust)  # modelo ruim: erro antes de abrir os processos
    sock = _bind(args.host, args.port)
    _announce(args)
    try:
        run_workers(args.model, sock, args.workers, trust=args.trust)
    finally:
        sock.close()
    return 0
