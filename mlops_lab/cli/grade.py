"""O comando ``grade``: correção em lote (:func:`mlops_lab.exercises.grader.grade_submissions`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mlops_lab.cli.options import non_negative_int

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_grade"]


def add_grade(sub: Subcommands) -> None:
    """Registra ``mlops-lab grade``."""
    grade = sub.add_parser("grade", help="corrige em lote notebooks de exercícios entregues",
                           description="Executa cada notebook num kernel novo, com limite de "
                                       "tempo, e corrige as respostas com as questões do pacote.")
    grade.add_argument("submissions", nargs="+", metavar="ENTREGA",
                       help="notebooks .ipynb entregues")
    grade.add_argument("--out", metavar="CSV", default="notas.csv",
                       help="tabela de notas (padrão: notas.csv)")
    grade.add_argument("--timeout", type=non_negative_int, default=120,
                       help="limite de segundos por notebook (padrão: 120)")
    grade.add_argument("--jobs", metavar="N", type=non_negative_int, default=1,
                       help="notebooks corrigidos ao mesmo tempo (padrão: 1); rende até o "
                            "número de núcleos da máquina")
    grade.add_argument("--hidden", metavar="PASTA",
                       help="pasta com testes ocultos do professor (um <capitulo>.py por "
                            "capítulo)")
    grade.add_argument("--quiet", action="store_true", help="sem barra de progresso")
    grade.set_defaults(func=_cmd_grade)


def _cmd_grade(args: argparse.Namespace) -> int:
    from mlops_lab.exercises.grader import grade_submissions

    tabela = grade_submissions(args.submissions, args.out, timeout=args.timeout,
                               hidden_dir=args.hidden, progress=not args.quiet,
                               jobs=args.jobs)
    print(tabela.drop(columns=["erro"]).to_string(index=False))
    com_erro = tabela[tabela["erro"].fillna("") != ""]
    for _, linha in com_erro.iterrows():
        print(f"aviso: {linha['arquivo']}: {linha['erro']}")
    print(f"Notas de {len(tabela)} entregas gravadas em {args.out}")
    return 0
