"""O comando ``serve``: o modelo por HTTP (:func:`mlops_lab.serve.create_app`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mlops_lab.cli.options import add_trust_option, non_negative, non_negative_int, port
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
    serve.add_argument("--workers", metavar="N", type=non_negative_int, default=1,
                       help="quantos processos atendem na mesma porta (padrão: 1); cada um "
                            "carrega o modelo, e GET /metrics soma os de todos")
    add_trust_option(serve)
    _add_rollout_options(serve)
    serve.set_defaults(func=_cmd_serve)


def _add_rollout_options(serve: argparse.ArgumentParser) -> None:
    """As opções do lançamento de um candidato (:mod:`mlops_lab.serve.rollout`)."""
    g = serve.add_argument_group(
        "lançar um modelo novo (sombra, canário ou teste A/B)",
        "Com --candidate, o serviço tem dois modelos: o de --model (o campeão) e o "
        "candidato. GET /rollout mostra o estado e o resumo; no teste A/B, POST /outcome "
        "registra o resultado de cada cliente.")
    g.add_argument("--candidate", metavar="PASTA", help="pasta do modelo candidato "
                   "(criada por 'mlops-lab run')")
    g.add_argument("--mode", choices=("shadow", "canary", "ab"),
                   help="shadow: o candidato só prevê em segundo plano; canary: uma fração "
                        "dos clientes vai para ele, com reversão automática; ab: teste A/B")
    g.add_argument("--log", metavar="PASTA", help="pasta do diário do lançamento (arquivos "
                   ".jsonl; uma pasta existente continua o mesmo diário)")
    g.add_argument("--share", metavar="FRAÇÃO", type=non_negative,
                   help="fração dos clientes atendida pelo candidato (padrão: 0,1 no canário, "
                        "0,5 no teste A/B)")
    g.add_argument("--key-field", metavar="CAMPO", default="id_cliente",
                   help="campo que identifica o cliente; o mesmo cliente cai sempre no mesmo "
                        "modelo (padrão: id_cliente)")
    g.add_argument("--rollback-error-rate", metavar="TAXA", type=non_negative, default=0.05,
                   help="canário: reverte se a taxa de erro do candidato passar disto "
                        "(padrão: 0,05)")
    g.add_argument("--rollback-p95-ms", metavar="MS", type=non_negative,
                   help="canário: reverte se a latência p95 do candidato passar disto, em "
                        "milissegundos (padrão: sem limite)")
    g.add_argument("--rollback-window", metavar="N", type=non_negative_int, default=100,
                   help="canário: quantas chamadas recentes ao candidato entram na conta "
                        "(padrão: 100; decide a partir de 20, ou de N se N < 20)")
    g.add_argument("--ab-seed", metavar="N", type=non_negative_int, default=0,
                   help="teste A/B: semente da divisão (um experimento novo, uma divisão nova)")


def _rollout(args: argparse.Namespace) -> object:
    """A configuração do lançamento, ou ``None`` sem ``--candidate``."""
    if args.candidate is None:
        if args.mode is not None or args.log is not None:
            raise MlopsLabError("--mode e --log só valem com um candidato: acrescente "
                                "--candidate PASTA (o modelo novo).")
        return None
    if args.mode is None or args.log is None:
        raise MlopsLabError("com --candidate, diga como lançá-lo e onde anotar: --mode "
                            "shadow|canary|ab e --log PASTA.")
    from mlops_lab.serve.rollout import RolloutConfig

    return RolloutConfig(args.candidate, args.mode, args.log, share=args.share,
                         key_field=args.key_field, max_error_rate=args.rollback_error_rate,
                         max_p95_ms=args.rollback_p95_ms, window=args.rollback_window,
                         min_calls=min(20, max(args.rollback_window, 1)), seed=args.ab_seed)


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
        if args.candidate is not None:
            # Cada processo teria o seu roteador: janelas de reversão e diários separados.
            raise MlopsLabError("--candidate funciona com um processo só: o canário decide a "
                                "reversão pelas chamadas que ele mesmo viu. Tire --workers "
                                "(ou use --workers 1) ao lançar um candidato.")
        _rollout(args)  # --mode ou --log sem candidato: a mesma mensagem de um processo
        return _serve_workers(args)
    import uvicorn

    from mlops_lab.serve import create_app

    # Modelo ruim (campeão ou candidato): erro antes de escutar.
    app = create_app(args.model, trust=args.trust, compiled=not args.no_compile,
                     rollout=_rollout(args))
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
    if args.candidate is not None:
        print(f"Candidato de '{args.candidate}' em modo {args.mode}; diário em '{args.log}' "
              "(resumo em GET /rollout).", file=sys.stderr, flush=True)


def _serve_workers(args: argparse.Namespace) -> int:
    from mlops_lab.package import load_model
    from mlops_lab.serve.workers import run_workers

    load_model(args.model, trust=args.trust)  # modelo ruim: erro antes de abrir os processos
    sock = _bind(args.host, args.port)
    _announce(args)
    try:
        run_workers(args.model, sock, args.workers, trust=args.trust,
                    compiled=not args.no_compile)
    finally:
        sock.close()
    return 0
