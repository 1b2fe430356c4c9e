"""As etapas como comandos separados: ``prepare``, ``train`` e ``evaluate``.

Cada comando aceita ``--params params.yaml``; as opções explícitas valem mais
que o arquivo, e o arquivo vale mais que os padrões de :mod:`mlops_lab.dvc_stages`.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mlops_lab.cli.options import (
    DATA_FORMATS,
    add_read_options,
    add_trust_option,
    non_negative_int,
    read_options,
)

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_evaluate", "add_prepare", "add_train"]


def _merge(args: argparse.Namespace, section: str, nomes: Iterable[str]) -> dict[str, Any]:
    """Opções explícitas da CLI > params.yaml > padrões."""
    from mlops_lab.dvc_stages import read_params

    do_arquivo = read_params(args.params, section) if args.params else {}
    return {n: getattr(args, n) if getattr(args, n) is not None else do_arquivo.get(n)
            for n in nomes if getattr(args, n) is not None or n in do_arquivo}


def _add_params(p: argparse.ArgumentParser) -> None:
    p.add_argument("--params", metavar="YAML",
                   help="arquivo de parâmetros (por exemplo params.yaml); as opções "
                        "explícitas valem mais que ele")


def add_prepare(sub: Subcommands) -> None:
    """Registra ``mlops-lab prepare`` (:func:`mlops_lab.dvc_stages.prepare`)."""
    p = sub.add_parser("prepare", help="etapa 1: lê, valida, limpa e divide os dados",
                       description="Lê os dados, confere, limpa e divide em treino e teste; "
                                   "grava train.parquet, test.parquet e prepare.json.",
                       epilog="Exemplo: mlops-lab prepare --data clientes.csv --out "
                              "data/prepared --params params.yaml")
    p.add_argument("--data", metavar="ARQUIVO",
                   help=DATA_FORMATS + "; sem esta opção, usa os dados embutidos")
    p.add_argument("--out", metavar="PASTA", default="data/prepared",
                   help="pasta de saída (padrão: data/prepared)")
    p.add_argument("--target", metavar="COLUNA", help="coluna a prever")
    p.add_argument("--seed", type=non_negative_int, help="semente aleatória (padrão: 42)")
    p.add_argument("--test-size", dest="test_size", type=float,
                   help="fração das linhas para teste (padrão: 0.2)")
    _add_params(p)
    add_read_options(p)
    p.set_defaults(func=_cmd_prepare)


def _cmd_prepare(args: argparse.Namespace) -> int:
    from mlops_lab.dvc_stages import prepare

    opcoes = _merge(args, "prepare", ("target", "seed", "test_size"))
    print(prepare(args.data, args.out, read_options=read_options(args), **opcoes).summary())
    return 0


def add_train(sub: Subcommands) -> None:
    """Registra ``mlops-lab train`` (:func:`mlops_lab.dvc_stages.train`)."""
    from mlops_lab.train import ALGORITHMS, DEFAULT_ALGORITHMS

    t = sub.add_parser("train", help="etapa 2: busca hiperparâmetros, treina e empacota",
                       description="Lê a pasta de 'mlops-lab prepare', escolhe o melhor "
                                   "candidato por validação cruzada, treina e empacota o modelo.",
                       epilog="Exemplo: mlops-lab train --prepared data/prepared --out model")
    t.add_argument("--prepared", metavar="PASTA", default="data/prepared",
                   help="pasta de 'mlops-lab prepare' (padrão: data/prepared)")
    t.add_argument("--out", metavar="PASTA", default="model",
                   help="pasta do modelo (padrão: model)")
    t.add_argument("--algorithms", nargs="+", metavar="ALGORITMO",
                   help="candidatos, entre: " + ", ".join(ALGORITHMS)
                        + " (padrão: " + " ".join(DEFAULT_ALGORITHMS) + ")")
    t.add_argument("--cv", type=non_negative_int, help="partes da validação cruzada (padrão: 3)")
    t.add_argument("--seed", type=non_negative_int, help="semente aleatória (padrão: 42)")
    t.add_argument("--quiet", action="store_true", help="sem barra de progresso")
    _add_params(t)
    t.set_defaults(func=_cmd_train)


def _cmd_train(args: argparse.Namespace) -> int:
    from mlops_lab.dvc_stages import train

    opcoes = _merge(args, "train", ("algorithms", "cv", "seed"))
    print(train(args.prepared, args.out, progress=not args.quiet, **opcoes).summary())
    return 0


def add_evaluate(sub: Subcommands) -> None:
    """Registra ``mlops-lab evaluate`` (:func:`mlops_lab.dvc_stages.evaluate`)."""
    e = sub.add_parser("evaluate", help="etapa 3: mede o modelo no teste e desenha os gráficos",
                       description="Mede o modelo de 'mlops-lab train' no teste de "
                                   "'mlops-lab prepare'; grava metrics.json e os "
                                   "gráficos, inclusive o diagrama de confiabilidade.",
                       epilog="Exemplo: mlops-lab evaluate --model model --prepared "
                              "data/prepared --out evaluation")
    e.add_argument("--model", metavar="PASTA", default="model",
                   help="pasta do modelo (padrão: model)")
    e.add_argument("--prepared", metavar="PASTA", default="data/prepared",
                   help="pasta de 'mlops-lab prepare' (padrão: data/prepared)")
    e.add_argument("--out", metavar="PASTA", default="evaluation",
                   help="pasta das métricas e gráficos (padrão: evaluation)")
    e.add_argument("--no-plots", dest="plots", action="store_const", const=False,
                   help="não desenha os gráficos")
    add_trust_option(e)
    _add_params(e)
    e.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from mlops_lab.dvc_stages import evaluate

    opcoes = _merge(args, "evaluate", ("plots",))
    print(evaluate(args.model, args.prepared, args.out, trust=args.trust, **opcoes).summary())
    return 0
