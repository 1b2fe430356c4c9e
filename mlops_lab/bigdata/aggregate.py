"""A agregação por cliente, escrita uma vez: o mesmo código serve ao pandas e ao Dask."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KEYS", "RESULT_COLUMNS", "add_features", "combine", "standardize", "summarize"]

KEYS = ["id_cliente", "plano", "regiao"]
RESULT_COLUMNS = [
    "id_cliente", "plano", "regiao", "eventos", "minutos_total", "dados_mb_total",
    "valor_total", "ultimo_dia", "franquia_mb", "mensalidade", "minutos_media",
    "ticket_medio", "uso_franquia", "excedente_mb",
]


def summarize(events):
    """Resumo por cliente: contagem, somas e último dia (pandas ou Dask).

    São resumos que se **somam** entre pedaços (a média sai só no fim, em
    :func:`add_features`). Funciona igual com um DataFrame do pandas e com um
    do Dask, que tem a mesma API. O Dask aceita um argumento a mais,
    ``split_out``: em quantas partições deixar o resultado. Com uma linha por
    cliente, o resultado é pequeno e cabe numa partição só.
    """
    no_dask = hasattr(events, "npartitions")  # DataFrame do Dask?
    return events.groupby(KEYS).agg(
        eventos=("minutos", "count"),
        minutos_total=("minutos", "sum"),
        dados_mb_total=("dados_mb", "sum"),
        valor_total=("valor", "sum"),
        ultimo_dia=("dia", "max"),
        **({"split_out": 1} if no_dask else {}),
    )


def combine(summaries: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Junta resumos parciais (de pedaços diferentes) num resumo só."""
    import pandas as pd

    return pd.concat(summaries).groupby(level=KEYS).agg({
        "eventos": "sum", "minutos_total": "sum", "dados_mb_total": "sum",
        "valor_total": "sum", "ultimo_dia": "max"})


def add_features(summary, plans):
    """Junta a tabela de planos e calcula os atributos derivados (pandas ou Dask)."""
    table = summary.reset_index().merge(plans, on="plano", how="left")
    return table.assign(
        minutos_media=table["minutos_total"] / table["eventos"],
        ticket_medio=table["valor_total"] / table["eventos"],
        uso_franquia=table["dados_mb_total"] / table["franquia_mb"],
        excedente_mb=(table["dados_mb_total"] - table["franquia_mb"]).clip(lower=0),
    )


def standardize(table: pd.DataFrame) -> pd.DataFrame:
    """Mesma ordem de linhas e colunas e mesmos tipos, para comparar motores."""
    table = table.reset_index(drop=True)[RESULT_COLUMNS]
    ints = ["id_cliente", "eventos", "ultimo_dia", "franquia_mb"]
    table = table.astype({c: "int64" for c in ints})
    floats = [c for c in RESULT_COLUMNS if c not in ints + ["plano", "regiao"]]
    table = table.astype({c: "float64" for c in floats})
    table = table.astype({"plano": "str", "regiao": "str"})
    return table.sort_values("id_cliente", kind="stable").reset_index(drop=True)
