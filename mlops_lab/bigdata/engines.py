"""Os cinco motores da mesma agregação e :func:`run`, que escolhe um pelo nome."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlops_lab.bigdata.aggregate import KEYS, add_features, combine, standardize, summarize
from mlops_lab.bigdata.cluster import local_cluster
from mlops_lab.bigdata.events import (
    CHUNK_ROWS,
    event_files,
    iter_chunks,
    plans_table,
    read_events,
)
from mlops_lab.errors import MlopsLabError

__all__ = ["ENGINES", "SQL", "run", "run_dask", "run_duckdb", "run_pandas", "run_pandas_chunks",
           "run_polars"]

ENGINES = ("pandas", "pandas_chunks", "duckdb", "polars", "dask")


def _require(modulo: str) -> Any:
    """Importa um pacote do extra ``bigdata``; se faltar, diz como instalar."""
    from mlops_lab.errors import require

    return require(modulo, "bigdata", "Este motor do capítulo 6")


def run_pandas(path: str | Path) -> Any:
    """Tudo na memória: lê todos os eventos e agrega."""
    return standardize(add_features(summarize(read_events(path)), plans_table()))


def run_pandas_chunks(path: str | Path, chunk_rows: int = CHUNK_ROWS) -> Any:
    """Em pedaços: resume cada pedaço e vai somando os resumos."""
    total = None
    for chunk in iter_chunks(path, chunk_rows):
        parcial = summarize(chunk)
        total = parcial if total is None else combine([total, parcial])
    return standardize(add_features(total, plans_table()))


SQL = """
WITH resumo AS (
    SELECT id_cliente, plano, regiao,
           count(minutos) AS eventos,
           sum(minutos) AS minutos_total,
           sum(dados_mb) AS dados_mb_total,
           sum(valor) AS valor_total,
           max(dia) AS ultimo_dia
    FROM {fonte}
    GROUP BY id_cliente, plano, regiao
)
SELECT r.*, p.franquia_mb, p.mensalidade,
       r.minutos_total / r.eventos AS minutos_media,
       r.valor_total / r.eventos AS ticket_medio,
       r.dados_mb_total / p.franquia_mb AS uso_franquia,
       greatest(r.dados_mb_total - p.franquia_mb, 0) AS excedente_mb
FROM resumo AS r LEFT JOIN planos AS p USING (plano)
"""


def run_duckdb(path: str | Path, threads: int | None = None) -> Any:
    """SQL no DuckDB, lendo os arquivos direto do disco."""
    duckdb = _require("duckdb")
    files, fmt = event_files(path)
    lista = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    fonte = f"read_{fmt}([{lista}])"
    with duckdb.connect() as con:
        if threads:
            con.execute(f"SET threads TO {int(threads)}")
        con.register("planos", plans_table())
        return standardize(con.sql(SQL.format(fonte=fonte)).df())


def run_polars(path: str | Path) -> Any:
    """A API preguiçosa do Polars, executada pelo motor de *streaming*."""
    pl = _require("polars")
    files, fmt = event_files(path)
    scan = pl.scan_parquet if fmt == "parquet" else pl.scan_csv
    resumo = scan([str(f) for f in files]).group_by(KEYS).agg(
        pl.col("minutos").count().alias("eventos"),
        pl.col("minutos").sum().alias("minutos_total"),
        pl.col("dados_mb").sum().alias("dados_mb_total"),
        pl.col("valor").sum().alias("valor_total"),
        pl.col("dia").max().alias("ultimo_dia"),
    )
    planos = pl.from_pandas(plans_table()).lazy()
    tabela = resumo.join(planos, on="plano", how="left").with_columns(
        (pl.col("minutos_total") / pl.col("eventos")).alias("minutos_media"),
        (pl.col("valor_total") / pl.col("eventos")).alias("ticket_medio"),
        (pl.col("dados_mb_total") / pl.col("franquia_mb")).alias("uso_franquia"),
        (pl.col("dados_mb_total") - pl.col("franquia_mb")).clip(lower_bound=0)
        .alias("excedente_mb"),
    )
    return standardize(tabela.collect(engine="streaming").to_pandas())


def run_dask(path: str | Path, client: Any = None) -> Any:
    """O mesmo código do pandas sobre um DataFrame do Dask.

    Sem ``client``, sobe um :func:`local_cluster` só para esta chamada (e o
    fecha no fim); passe um ``client`` para reaproveitar um cluster.
    """
    if client is None:
        with local_cluster() as novo:
            return run_dask(path, novo)
    dd = _require("dask.dataframe")
    files, fmt = event_files(path)
    reader = dd.read_parquet if fmt == "parquet" else dd.read_csv
    eventos = reader([str(f) for f in files])
    tabela = add_features(summarize(eventos), plans_table())  # igual ao pandas
    return standardize(client.compute(tabela).result())


def run(engine: str, path: str | Path, **kwargs: Any) -> Any:
    """Calcula a tabela de atributos por cliente com o motor ``engine``.

    Parameters
    ----------
    engine : {"pandas", "pandas_chunks", "duckdb", "polars", "dask"}
        O motor.
    path : str or Path
        Pasta criada por :func:`generate_events`.
    **kwargs
        Repassados ao motor (``chunk_rows``, ``threads`` ou ``client``).

    Examples
    --------
    >>> import tempfile
    >>> from mlops_lab.bigdata.events import generate_events
    >>> pasta = generate_events(tempfile.mkdtemp() + "/ev", 2_000)
    >>> a, b = run("pandas", pasta), run("duckdb", pasta)
    >>> len(a), bool((a["eventos"] == b["eventos"]).all())
    (40, True)
    """
    motores = {"pandas": run_pandas, "pandas_chunks": run_pandas_chunks,
               "duckdb": run_duckdb, "polars": run_polars, "dask": run_dask}
    if engine not in motores:
        raise MlopsLabError(
            f"Motor {engine!r} desconhecido. Use um destes: {', '.join(ENGINES)}.")
    return motores[engine](path, **kwargs)
