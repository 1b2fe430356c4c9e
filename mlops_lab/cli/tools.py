"""O comando ``tools``: o catálogo de ferramentas (:func:`mlops_lab.catalog.comparison`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_tools"]


def add_tools(sub: Subcommands) -> None:
    """Registra ``mlops-lab tools``."""
    from mlops_lab.catalog import CATEGORIES, FORMATS, STAGES

    p = sub.add_parser("tools", help="compara as ferramentas de MLOps e DataOps do curso",
                       description="Mostra o catálogo de ferramentas do curso (categoria, "
                                   "etapas, licença, situação, se roda localmente), filtrado "
                                   "por etapa do ciclo de vida ou por categoria.",
                       epilog="Exemplo: mlops-lab tools --stage orquestracao --format markdown")
    p.add_argument("--stage", metavar="ETAPA",
                   help="só as ferramentas que cobrem esta etapa: " + ", ".join(STAGES))
    p.add_argument("--category", metavar="CATEGORIA",
                   help="só as de uma categoria: " + " ou ".join(CATEGORIES))
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="formato da saída: table (tela), markdown ou csv (padrão: table)")
    p.add_argument("--full", action="store_true",
                   help="mostra todas as colunas (padrão: as principais)")
    p.set_defaults(func=_cmd_tools)


def _cmd_tools(args: argparse.Namespace) -> int:
    from mlops_lab.catalog import comparison, to_markdown

    colunas = None if args.full or args.format == "csv" else [
        "nome", "categoria", "etapas", "licenca", "situacao", "ultima_versao", "demo_local"]
    tabela = comparison(stage=args.stage, category=args.category, columns=colunas)
    if args.format == "csv":
        tabela.to_csv(sys.stdout, index=False)
    elif args.format == "markdown":
        print(to_markdown(tabela))
    else:
        import pandas as pd

        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            print(tabela.to_string(index=False))
    return 0
