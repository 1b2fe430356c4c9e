"""Atributos no instante da previsão: a junção *as-of* e a junção com vazamento.

O retrato do mês ``2025-03`` é usado para prever no instante em que o mês acaba,
``2025-04-01 00:00:00`` (:func:`prediction_times`). Um atributo tirado dos chamados
ao suporte só vale se o chamado aconteceu **antes** desse instante. A junção *as-of*
pega, para cada retrato, o último chamado do cliente antes do instante da previsão:

* :func:`asof_join_pandas`: ``pandas.merge_asof`` com ``direction="backward"``;
* :func:`asof_join_duckdb`: ``ASOF LEFT JOIN`` do DuckDB, a mesma regra em SQL;
* :func:`leaky_join`: o erro comum, o último chamado do cliente em toda a tabela, que
  traz para o retrato de março um chamado de junho.

Um chamado registrado **exatamente** no instante da previsão fica de fora
(``allow_exact_matches=False``, ``>`` no SQL): o processo que calcula os atributos
roda nesse instante e não tem como ter visto o que chegou junto com ele.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SNAPSHOTS_CSV", "EVENTS_CSV", "EVENT_FEATURES", "load_time_data",
           "prediction_times", "asof_join_pandas", "asof_join_duckdb", "leaky_join"]

SNAPSHOTS_CSV = "clientes_mensais.csv"
EVENTS_CSV = "chamados_suporte.csv"
#: Os atributos que a junção traz dos chamados (o último chamado antes da previsão).
EVENT_FEATURES = ["ultima_nota", "chamados_acumulados", "data_ultimo_chamado"]


def load_time_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Os retratos mensais e os chamados embutidos (``data_hora`` já como data).

    Examples
    --------
    >>> retratos, chamados = load_time_data()
    >>> retratos["mes_referencia"].min(), retratos["mes_referencia"].max()
    ('2024-01', '2025-12')
    >>> str(chamados["data_hora"].dtype)
    'datetime64[ns]'
    """
    from importlib import resources

    import pandas as pd

    from mlops_lab.data import read_table

    pasta = Path(str(resources.files("mlops_lab.datasets")))
    retratos = read_table(pasta / SNAPSHOTS_CSV)
    chamados = read_table(pasta / EVENTS_CSV)
    chamados["data_hora"] = pd.to_datetime(chamados["data_hora"], format="ISO8601")
    return retratos, _events(chamados)


def prediction_times(months: pd.Series) -> pd.Series:
    """O instante da previsão de cada retrato: o primeiro segundo do mês seguinte.

    Examples
    --------
    >>> import pandas as pd
    >>> prediction_times(pd.Series(["2025-03", "2025-12"])).astype(str).tolist()
    ['2025-04-01', '2026-01-01']
    """
    from mlops_lab.timedata.split import parse_periods

    inicio = parse_periods(months, "mes_referencia")
    return (inicio.dt.to_period("M") + 1).dt.to_timestamp().astype("datetime64[ns]")


def _check(snapshots: pd.DataFrame, events: pd.DataFrame) -> None:
    faltam = ({"id_cliente", "mes_referencia"} - set(snapshots.columns)) | (
        {"id_cliente", "data_hora", "nota_satisfacao", "chamados_acumulados"}
        - set(events.columns))
    if faltam:
        raise MlopsLabError(f"faltam colunas para a junção: {', '.join(sorted(faltam))}. Use "
                            "os retratos e os chamados de load_time_data() ou as mesmas colunas.")


def _events(events: pd.DataFrame) -> pd.DataFrame:
    """As colunas dos chamados que a junção usa, com a data em nanossegundos."""
    colunas = ["id_cliente", "data_hora", "nota_satisfacao", "chamados_acumulados"]
    return events[colunas].astype({"data_hora": "datetime64[ns]"})


def _tidy(joined: pd.DataFrame) -> pd.DataFrame:
    joined = joined.rename(columns={"nota_satisfacao": "ultima_nota",
                                    "data_hora": "data_ultimo_chamado"})
    joined["chamados_acumulados"] = joined["chamados_acumulados"].fillna(0).astype(int)
    joined["ultima_nota"] = joined["ultima_nota"].astype(float)
    return joined


def asof_join_pandas(snapshots: pd.DataFrame, events: pd.DataFrame,
                     allow_exact_matches: bool = False) -> pd.DataFrame:
    """Cada retrato com o último chamado do cliente **antes** do instante da previsão.

    Devolve os retratos na ordem original, com ``momento_previsao`` e
    :data:`EVENT_FEATURES` (sem chamado antes: nota vazia e 0 chamados).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"id_cliente": ["A", "A"], "mes_referencia": ["2025-01", "2025-02"]})
    >>> c = pd.DataFrame({"id_cliente": ["A", "A"], "nota_satisfacao": [4, 1],
    ...                   "data_hora": pd.to_datetime(["2025-01-20", "2025-03-01"]),
    ...                   "chamados_acumulados": [1, 2]})
    >>> asof_join_pandas(r, c)[["ultima_nota", "chamados_acumulados"]].values.tolist()
    [[4.0, 1.0], [4.0, 1.0]]
    >>> asof_join_pandas(r, c, allow_exact_matches=True)["ultima_nota"].tolist()
    [4.0, 1.0]
    """
    import pandas as pd

    _check(snapshots, events)
    esquerda = snapshots.assign(momento_previsao=prediction_times(snapshots["mes_referencia"]),
                                _ordem=range(len(snapshots)))
    direita = _events(events)
    juntos = pd.merge_asof(
        esquerda.sort_values("momento_previsao"), direita.sort_values("data_hora"),
        left_on="momento_previsao", right_on="data_hora", by="id_cliente",
        direction="backward", allow_exact_matches=allow_exact_matches)
    return _tidy(juntos.sort_values("_ordem").drop(columns="_ordem").reset_index(drop=True))


def asof_join_duckdb(snapshots: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """A mesma junção de :func:`asof_join_pandas`, com o ``ASOF LEFT JOIN`` do DuckDB.

    A desigualdade estrita (``>``) é o ``allow_exact_matches=False`` do pandas.

    Examples
    --------
    >>> retratos, chamados = load_time_data()
    >>> a = asof_join_duckdb(retratos.head(300), chamados)
    >>> b = asof_join_pandas(retratos.head(300), chamados)
    >>> a[EVENT_FEATURES].equals(b[EVENT_FEATURES])
    True
    """
    import duckdb

    _check(snapshots, events)
    retratos = snapshots.assign(momento_previsao=prediction_times(snapshots["mes_referencia"]),
                                _ordem=range(len(snapshots)))
    chamados = _events(events)
    with duckdb.connect() as con:
        con.register("retratos", retratos)
        con.register("chamados", chamados)
        juntos = con.execute("""
            SELECT r.*, c.data_hora, c.nota_satisfacao, c.chamados_acumulados
            FROM retratos AS r
            ASOF LEFT JOIN chamados AS c
              ON r.id_cliente = c.id_cliente AND r.momento_previsao > c.data_hora
            ORDER BY r._ordem
        """).df()
    juntos["data_hora"] = juntos["data_hora"].astype("datetime64[ns]")
    juntos["momento_previsao"] = juntos["momento_previsao"].astype("datetime64[ns]")
    return _tidy(juntos.drop(columns="_ordem"))


def leaky_join(snapshots: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """A junção com vazamento: o último chamado do cliente na tabela toda, sem olhar a data.

    É o que sai de "a tabela de atributos tem o valor atual de cada cliente": para
    um retrato antigo, esse valor veio do futuro.

    Examples
    --------
    >>> retratos, chamados = load_time_data()
    >>> vazada = leaky_join(retratos, chamados)
    >>> bool((vazada["data_ultimo_chamado"] >= vazada["momento_previsao"]).any())
    True
    """
    _check(snapshots, events)
    ultimo = _events(events).sort_values("data_hora").groupby("id_cliente").tail(1)
    retratos = snapshots.assign(momento_previsao=prediction_times(snapshots["mes_referencia"]))
    return _tidy(retratos.merge(ultimo, on="id_cliente", how="left"))
