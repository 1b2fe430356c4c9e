"""O comando ``stream``: pontuação em micro-lotes (:func:`mlops_lab.stream.run_stream`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.cli.options import (
    DATA_FORMATS,
    Interrupted,
    add_read_options,
    add_trust_option,
    non_negative,
    non_negative_int,
    read_options,
)

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_stream", "kept_after_interruption"]


def add_stream(sub: Subcommands) -> None:
    """Registra ``mlops-lab stream``."""
    from mlops_lab.stream import SIMULATED

    p = sub.add_parser(
        "stream", help="pontua dados que chegam aos poucos e monitora o drift",
        description="Recebe registros de uma fonte (um CSV ou a fonte simulada) em micro-lotes, "
                    "prevê, acrescenta registros e previsões em Parquet, compara a janela "
                    "recente com a referência de treino (PSI e KS por atributo) e alerta quando "
                    "o drift passa do limiar. No fim, escreve report.html e drift.png.",
        epilog="Exemplo: mlops-lab stream --model artifacts --source simulated --rate 500 "
               "--duration 20 --drift-at 8")
    p.add_argument("--model", metavar="PASTA", required=True,
                   help="pasta criada por 'mlops-lab run'")
    p.add_argument("--source", metavar="FONTE", default=SIMULATED,
                   help="'simulated' (padrão: clientes simulados) ou um arquivo: " + DATA_FORMATS)
    p.add_argument("--out", metavar="PASTA", default="monitoring",
                   help="pasta dos resultados (padrão: monitoramento)")
    p.add_argument("--rate", metavar="REGISTROS_POR_S", type=non_negative, default=200.0,
                   help="ritmo da fonte (padrão: 200; 0 = sem pausa)")
    p.add_argument("--duration", metavar="S", type=non_negative,
                   help="para depois de S segundos (padrão na fonte simulada: 30)")
    p.add_argument("--rows", metavar="N", type=non_negative_int,
                   help="para depois de N registros")
    p.add_argument("--batch-size", metavar="N", type=non_negative_int, default=200,
                   help="registros por micro-lote (padrão: 200)")
    p.add_argument("--window", metavar="N", type=non_negative_int, default=1000,
                   help="registros recentes comparados com o treino (padrão: 1000)")
    p.add_argument("--threshold", metavar="PSI", type=non_negative, default=0.25,
                   help="PSI a partir do qual há alerta (padrão: 0.25)")
    p.add_argument("--drift-at", metavar="S", type=non_negative,
                   help="fonte simulada: segundo em que o drift começa")
    p.add_argument("--seed", metavar="N", type=non_negative_int, default=0,
                   help="semente da fonte simulada (padrão: 0)")
    add_trust_option(p)
    p.add_argument("--quiet", action="store_true", help="sem barra de progresso")
    add_read_options(p)
    p.set_defaults(func=_cmd_stream)


def _parts(out: Path) -> int:
    """Quantos micro-lotes já estão gravados em ``out`` (um Parquet por lote)."""
    from mlops_lab.stream import PARTS_DIR

    # Sem o arquivo oculto de um lote que estava sendo gravado (ele é desfeito).
    return sum(1 for p in (out / PARTS_DIR).glob("*.parquet") if not p.name.startswith("."))


def kept_after_interruption(out: str | Path, batches: int) -> str:
    """O que uma interrupção do ``stream`` deixou em ``out``, dito ao usuário.

    Examples
    --------
    >>> kept_after_interruption("mon", 0)
    'nenhum micro-lote chegou a ser gravado em mon.'
    >>> print(kept_after_interruption("mon", 2))  # doctest: +NORMALIZE_WHITESPACE
    os 2 micro-lotes já pontuados nesta execução ficaram em mon (previsões em predictions/,
    medidas em batches.csv e drift.csv); report.html e summary.json não foram atualizados:
    rode de novo com o mesmo --out para continuar.
    """
    from mlops_lab.stream import BATCHES_FILE, DRIFT_FILE, PARTS_DIR, REPORT_FILE, SUMMARY_FILE

    if batches == 0:
        return f"nenhum micro-lote chegou a ser gravado em {out}."
    quantos = ("o micro-lote já pontuado nesta execução ficou" if batches == 1 else
               f"os {batches} micro-lotes já pontuados nesta execução ficaram")
    return (f"{quantos} em {out} (previsões em {PARTS_DIR}/, medidas em {BATCHES_FILE} e "
            f"{DRIFT_FILE}); {REPORT_FILE} e {SUMMARY_FILE} não foram atualizados: "
            "rode de novo com o mesmo --out para continuar.")


def _cmd_stream(args: argparse.Namespace) -> int:
    from mlops_lab.stream import run_stream

    out = Path(args.out)
    antes = _parts(out)
    try:
        resultado = run_stream(args.model, args.source, args.out, rate=args.rate,
                               duration=args.duration, rows=args.rows,
                               batch_size=args.batch_size, window=args.window,
                               threshold=args.threshold, drift_at=args.drift_at,
                               seed=args.seed, trust=args.trust, progress=not args.quiet,
                               read_options=read_options(args))
    except KeyboardInterrupt:
        raise Interrupted(kept_after_interruption(args.out, _parts(out) - antes)) from None
    print(resultado.summary())
    return 0
