"""O comando ``ml-test-score``: a rubrica do ML Test Score (:mod:`mlops_lab.ml_test_score`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_ml_test_score"]


def add_ml_test_score(sub: Subcommands) -> None:
    """Registra ``mlops-lab ml-test-score``."""
    p = sub.add_parser(
        "ml-test-score", help="mostra o ML Test Score do mlops_lab, por seção",
        description="Aplica a rubrica do ML Test Score (Breck et al., 2017) ao próprio "
                    "mlops_lab: 28 testes, 1 ponto se automatizado, 0,5 se manual; a nota "
                    "final é a menor das quatro seções.")
    p.add_argument("--detail", action="store_true", help="lista também os 28 testes")
    p.set_defaults(func=_cmd_score)


def _cmd_score(args: argparse.Namespace) -> int:
    import pandas as pd

    from mlops_lab.ml_test_score import interpret, load_rubric, ml_test_score

    rubrica = load_rubric()
    if args.detail:
        with pd.option_context("display.max_colwidth", 70, "display.width", 200):
            print(rubrica[["secao", "numero", "teste", "situacao", "pontos"]]
                  .to_string(index=False))
            print()
    placar = ml_test_score(rubrica)
    print(placar.to_string())
    final = float(placar.loc["nota final", "pontos"])
    print(f"\nML Test Score: {final:g} ({interpret(final)})")
    return 0
