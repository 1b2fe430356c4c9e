"""Big Data e Small Data, medido: a mesma agregação em cinco motores.

Este módulo gera um conjunto de **eventos de uso** de clientes de uma
operadora (uma linha por chamada ou sessão de dados), grava-o em partes
(Parquet ou CSV) sem nunca montar a tabela inteira na memória e calcula a
mesma tabela de atributos por cliente com cinco motores:

``"pandas"``
    tudo na memória (:func:`pandas.read_parquet` e ``groupby``);
``"pandas_chunks"``
    o pandas em pedaços, guardando só somas, contagens e máximos;
``"duckdb"``
    SQL no DuckDB, que lê os arquivos direto do disco;
``"polars"``
    a API preguiçosa do Polars, executada em *streaming*;
``"dask"``
    o **mesmo código** do pandas (:func:`summarize` e :func:`add_features`)
    aplicado a um DataFrame do Dask, num ``LocalCluster``.

Todos devolvem a mesma tabela (:func:`run`).

O pacote tem um módulo por assunto: :mod:`~mlops_lab.bigdata.events` (o
gerador e os leitores dos eventos), :mod:`~mlops_lab.bigdata.aggregate` (a
agregação escrita uma vez para o pandas e o Dask), :mod:`~mlops_lab.bigdata.engines`
(os cinco motores e :func:`run`) e :mod:`~mlops_lab.bigdata.cluster` (o
``LocalCluster`` do Dask). A medição de tempo e memória de cada motor num
subprocesso, que gera a tabela do capítulo, fica com os benchmarks
(``benchmarks/process_measure.py``).
"""

from __future__ import annotations

from mlops_lab.bigdata.aggregate import (
    KEYS,
    RESULT_COLUMNS,
    add_features,
    combine,
    standardize,
    summarize,
)
from mlops_lab.bigdata.cluster import local_cluster
from mlops_lab.bigdata.engines import (
    ENGINES,
    SQL,
    run,
    run_dask,
    run_duckdb,
    run_pandas,
    run_pandas_chunks,
    run_polars,
)
from mlops_lab.bigdata.events import (
    CHUNK_ROWS,
    EVENT_COLUMNS,
    FORMATS,
    PLANS,
    REGIONS,
    ROW_GROUP_ROWS,
    ROWS_PER_PART,
    default_clients,
    event_files,
    generate_events,
    iter_chunks,
    plans_table,
    read_events,
)

__all__ = [
    "CHUNK_ROWS",
    "ENGINES",
    "EVENT_COLUMNS",
    "FORMATS",
    "KEYS",
    "PLANS",
    "REGIONS",
    "RESULT_COLUMNS",
    "ROWS_PER_PART",
    "ROW_GROUP_ROWS",
    "SQL",
    "add_features",
    "combine",
    "default_clients",
    "event_files",
    "generate_events",
    "iter_chunks",
    "local_cluster",
    "plans_table",
    "read_events",
    "run",
    "run_dask",
    "run_duckdb",
    "run_pandas",
    "run_pandas_chunks",
    "run_polars",
    "standardize",
    "summarize",
]
