"""O comando ``dataops``: valida, limpa e publica (:func:`mlops_lab.dataops.run_dataops`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mlops_lab.cli.options import DATA_FORMATS, add_read_options, read_options

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_dataops"]


def add_dataops(sub: Subcommands) -> None:
    """Registra ``mlops-lab dataops``."""
    p = sub.add_parser(
        "dataops", help="valida, limpa e publica uma versão dos dados com relatório de qualidade",
        description="Pipeline de dados: extrai o CSV, confere o contrato de entrada (esquema e "
                    "checagens estatísticas), limpa, confere o contrato de saída e publica uma "
                    "versão (Parquet + manifesto + relatório). Se uma checagem falhar, nada é "
                    "publicado.",
        epilog="Exemplo: mlops-lab dataops --data remessa.csv --out published")
    p.add_argument("--data", metavar="ARQUIVO",
                   help=DATA_FORMATS + " da remessa; sem esta opção, usa os dados embutidos")
    p.add_argument("--out", metavar="PASTA", default="published",
                   help="pasta das versões publicadas (padrão: published)")
    add_read_options(p)
    p.set_defaults(func=_cmd_dataops)


def _cmd_dataops(args: argparse.Namespace) -> int:
    from mlops_lab.dataops import run_dataops

    print(run_dataops(args.data, args.out, read_options=read_options(args)).summary())
    return 0
