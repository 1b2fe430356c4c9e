"""O comando ``aiops``: telemetria, anomalias e alertas (:func:`mlops_lab.aiops.run_aiops`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_aiops"]


def add_aiops(sub: Subcommands) -> None:
    """Registra ``mlops-lab aiops``."""
    from mlops_lab.aiops import COURSE_SEED

    p = sub.add_parser(
        "aiops", help="gera telemetria com incidentes, detecta anomalias e avalia os alertas",
        description="Gera métricas e logs de um serviço com incidentes injetados, ajusta uma "
                    "linha de base num histórico, abre alertas e mede precisão e revocação "
                    "por incidente.",
        epilog="Exemplo: mlops-lab aiops --days 3 --out telemetria")
    p.add_argument("--days", type=int, default=3, help="dias de telemetria avaliada (padrão: 3)")
    p.add_argument("--history-days", type=int, default=7,
                   help="dias de histórico para a linha de base (padrão: 7)")
    p.add_argument("--seed", type=int, default=COURSE_SEED,
                   help=f"semente (padrão: {COURSE_SEED})")
    p.add_argument("--method", choices=["seasonal", "isolation_forest"], default="seasonal",
                   help="detector: linha de base sazonal ou IsolationForest (padrão: seasonal)")
    p.add_argument("--out", metavar="PASTA",
                   help="grava metrics.csv, logs.csv, incidents.csv e alerts.csv nesta pasta")
    p.set_defaults(func=_cmd_aiops)


def _cmd_aiops(args: argparse.Namespace) -> int:
    from mlops_lab.aiops import format_report, run_aiops, write_outputs

    if args.days < 1 or args.days > 60:
        raise MlopsLabError(f"--days deve estar entre 1 e 60 (recebi {args.days}).")
    resultado = run_aiops(args.days, seed=args.seed, history_days=args.history_days,
                          method=args.method)
    if args.out:
        write_outputs(resultado, args.out)
    print(format_report(resultado))
    if args.out:
        print(f"\nTelemetria e alertas gravados em {args.out}")
    return 0
