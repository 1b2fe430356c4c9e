"""A linha de comando ``mlops-lab``: uma camada fina sobre as funções do pacote.

A CLI é o último andar: ela importa os módulos do pacote, e nenhum deles a
importa. Cada subcomando vive num módulo deste pacote, com uma função
``add_<comando>(sub)`` que cria o subcomando e liga a função que o executa com
``set_defaults(func=...)`` (recebe ``args``, devolve o código de saída). As
opções comuns a vários comandos estão em :mod:`mlops_lab.cli.options`; as
mensagens do argparse em português, em :mod:`mlops_lab.cli.parser`. Importar
este pacote não muda nada fora dele (nem o argparse).

Erros de entrada saem com código 2 e uma mensagem em português na saída de
erro, sem *traceback*; use ``--debug`` para ver o *traceback* completo.

Examples
--------
>>> parser = build_parser()
>>> parser.parse_args(["predict", "--model", "artifacts", "--data", "novos.csv"]).func.__name__
'_cmd_predict'
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from mlops_lab import __version__
from mlops_lab.cli import (
    aiops,
    dataops,
    dvc_stages,
    grade,
    lgpd,
    ml_test_score,
    pipeline,
    project,
    rollout,
    serve,
    stream,
    tools,
)
from mlops_lab.cli.parser import Parser
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["COMMANDS", "build_parser", "main"]

# Os subcomandos, na ordem em que 'mlops-lab --help' os lista.
COMMANDS: tuple[Callable[[Subcommands], None], ...] = (
    pipeline.add_run, pipeline.add_predict, serve.add_serve,
    rollout.add_rollout_report, grade.add_grade, pipeline.add_info,
    dvc_stages.add_prepare, dvc_stages.add_train, dvc_stages.add_evaluate, stream.add_stream,
    tools.add_tools, aiops.add_aiops, dataops.add_dataops, ml_test_score.add_ml_test_score,
    project.add_project, lgpd.add_pseudonymize, lgpd.add_lineage,
)

# O que a interrupção (Ctrl+C) deixa para trás num comando que só grava no fim.
_NOTHING_WRITTEN = "nada foi gravado."


def build_parser() -> argparse.ArgumentParser:
    """O analisador de ``mlops-lab``, com todos os subcomandos, em português."""
    parser = Parser(
        prog="mlops-lab",
        description="Laboratório do curso de MLOps: prepara dados, treina, avalia, "
                    "empacota modelos e faz previsões.",
        epilog="Exemplo: mlops-lab run  (usa os dados embutidos e grava em artifacts/)",
    )
    parser.add_argument("--version", action="version", version=f"mlops-lab {__version__}",
                        help="mostra a versão e sai")
    parser.add_argument("--debug", action="store_true",
                        help="mostra o traceback completo em caso de erro")
    sub = parser.add_subparsers(dest="comando", title="comandos", metavar="COMANDO",
                                parser_class=Parser)
    for add_command in COMMANDS:
        add_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Roda ``mlops-lab`` com ``argv`` (padrão: ``sys.argv[1:]``); devolve o código de saída.

    0 deu certo; 2 entrada inválida (mensagem em português, sem *traceback*);
    1 erro do sistema ou defeito; 130 interrompido com Ctrl+C.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.comando is None:
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        # A saída foi fechada antes do fim (por exemplo, '| head'): não é erro.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt as interrupcao:
        # Um comando que grava aos poucos diz o que ficou (options.Interrupted).
        ficou = getattr(interrupcao, "kept", _NOTHING_WRITTEN)
        print(f"mlops-lab: interrompido pelo usuário; {ficou}", file=sys.stderr)
        return 130
    except Exception as erro:
        if args.debug:
            raise
        return _report(erro)


def _report(erro: Exception) -> int:
    """Mostra o erro em português, sem *traceback*, e devolve o código de saída."""
    if isinstance(erro, MlopsLabError):
        print(f"mlops-lab: erro: {erro}", file=sys.stderr)
        return 2
    if isinstance(erro, OSError | MemoryError):
        print(f"mlops-lab: erro do sistema: {erro}. Confira permissões e espaço em disco.",
              file=sys.stderr)
        return 1
    print(f"mlops-lab: erro inesperado ({type(erro).__name__}: {erro}). Isto é um defeito "
          "do mlops-lab: rode de novo com --debug e relate o problema.", file=sys.stderr)
    return 1
