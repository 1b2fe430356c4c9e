"""Divisão fora do tempo (*out-of-time*): treina no passado, testa no futuro.

Os períodos são os valores distintos da coluna de tempo (``2024-01``, ``2024-02``…
ou datas ISO), em ordem. Os últimos ``round(test_size × períodos)`` viram o teste; antes
deles, ``gap`` períodos ficam de fora (o intervalo do horizonte do rótulo: o rótulo
"cancelou nos próximos 3 meses" de um retrato só é conhecido 3 meses depois); o resto
é o treino. Todo período do teste vem depois de todo período do treino mais o intervalo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["parse_periods", "time_options", "time_split"]


def parse_periods(values: pd.Series, column: str = "tempo") -> pd.Series:
    """Converte a coluna de tempo em datas (``Timestamp``), recusando o que não for data.

    Aceita datas e meses ISO (``2024-03``, ``2024-03-15``, ``2024-03-15T10:00:00``).

    Examples
    --------
    >>> import pandas as pd
    >>> parse_periods(pd.Series(["2024-02", "2024-01"])).dt.strftime("%Y-%m").tolist()
    ['2024-02', '2024-01']
    >>> parse_periods(pd.Series(["2024-01", "ontem"]), "mes")
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: a coluna de tempo 'mes' tem valores que não são datas ...
    """
    import pandas as pd

    if values.isna().any():
        raise MlopsLabError(
            f"a coluna de tempo '{column}' tem {int(values.isna().sum())} linha(s) sem valor: "
            "cada linha precisa do seu período. Preencha-as ou tire-as do arquivo.")
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise MlopsLabError(
            f"a coluna de tempo '{column}' tem números, não datas: escreva os períodos como "
            "datas ISO, por exemplo 2024-03 (mês) ou 2024-03-15 (dia).")
    datas = pd.to_datetime(values.astype(str).str.strip(), format="ISO8601", errors="coerce")
    ruins = values[datas.isna()]
    if len(ruins):
        exemplos = ", ".join(repr(str(v)) for v in ruins.unique()[:3])
        raise MlopsLabError(
            f"a coluna de tempo '{column}' tem valores que não são datas ({exemplos}). "
            "Use datas ISO, por exemplo 2024-03 (mês) ou 2024-03-15 (dia).")
    return datas


def time_options(time_column: str | None, gap: int = 0,
                 id_column: str | None = None) -> dict | None:
    """Confere as opções da divisão no tempo; ``None`` quando a divisão é aleatória.

    Examples
    --------
    >>> time_options("mes_referencia", 3)
    {'time_column': 'mes_referencia', 'gap': 3, 'id_column': None}
    >>> time_options(None) is None
    True
    """
    if time_column is None:
        if gap or id_column is not None:
            raise MlopsLabError("--gap e --id-column só valem com --time-column COLUNA: diga "
                                "qual coluna tem o período de cada linha.")
        return None
    if gap < 0:
        raise MlopsLabError(f"--gap deve ser >= 0, recebido {gap}.")
    return {"time_column": time_column, "gap": gap, "id_column": id_column}


def _period_counts(n: int, test_size: float, gap: int, column: str) -> tuple[int, int]:
    if gap < 0:
        raise MlopsLabError(f"--gap deve ser >= 0, recebido {gap}.")
    if not 0 < test_size < 1:
        raise MlopsLabError(f"test_size deve estar entre 0 e 1 (exclusive), recebido {test_size}.")
    n_teste = max(1, round(test_size * n))
    n_treino = n - n_teste - gap
    if n_treino < 1:
        raise MlopsLabError(
            f"a coluna '{column}' tem {n} período(s): poucos para {n_teste} de teste, "
            f"{gap} de intervalo (--gap) e pelo menos 1 de treino. Use mais períodos, "
            "um --gap menor ou um --test-size menor.")
    return n_treino, n_teste


def time_split(df: pd.DataFrame, target: str, time_column: str, test_size: float = 0.2,
               gap: int = 0, id_column: str | None = None,
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series, dict]:
    """Separa treino (passado) e teste (futuro), com ``gap`` períodos entre eles.

    A coluna de tempo (e ``id_column``, se dada) sai dos atributos: o mês de um
    retrato novo nunca foi visto no treino, e o identificador do cliente não é um
    atributo.

    Returns
    -------
    X_train, X_test, y_train, y_test, info
        ``info`` vai para ``metadata.json`` (chave ``"time_split"``): a coluna, o
        intervalo, o último período do treino (``cutoff``) e os períodos de cada parte.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"mes": [f"2024-{m:02d}" for m in range(1, 11)] * 2,
    ...                    "x": range(20), "y": ["Sim", "Não"] * 10})
    >>> X_tr, X_te, y_tr, y_te, info = time_split(df, "y", "mes", test_size=0.2, gap=1)
    >>> info["cutoff"], info["train_periods"], info["gap_periods"], info["test_periods"]
    ('2024-07', 7, ['2024-08'], ['2024-09', '2024-10'])
    >>> list(X_tr.columns)
    ['x']
    """
    for coluna in (time_column, id_column):
        if coluna is not None and coluna not in df.columns:
            raise MlopsLabError(f"a coluna '{coluna}' não existe nos dados. Colunas "
                                f"disponíveis: {', '.join(map(str, df.columns))}.")
    if time_column == target:
        raise MlopsLabError(f"'{time_column}' é a coluna alvo; --time-column deve ser a "
                            "coluna do período de cada linha (por exemplo, o mês de referência).")
    datas = parse_periods(df[time_column], time_column)
    rotulos = (df[time_column].astype(str).str.strip().groupby(datas).first().sort_index())
    n_treino, n_teste = _period_counts(len(rotulos), test_size, gap, time_column)
    corte, inicio_teste = rotulos.index[n_treino - 1], rotulos.index[-n_teste]
    treino, teste = datas <= corte, datas >= inicio_teste
    X = df.drop(columns=[c for c in (target, time_column, id_column) if c is not None])
    y = df[target].astype(str)
    for nome, parte in (("treino", treino), ("teste", teste)):
        if y[parte].nunique() < 2:
            raise MlopsLabError(
                f"o {nome} da divisão no tempo tem uma classe só em '{target}'. Use mais "
                "períodos ou mude --test-size e --gap.")
    info = {"column": time_column, "gap": gap, "cutoff": str(rotulos.iloc[n_treino - 1]),
            "train_periods": n_treino,
            "train_range": [str(rotulos.iloc[0]), str(rotulos.iloc[n_treino - 1])],
            "gap_periods": [str(v) for v in rotulos.iloc[n_treino:len(rotulos) - n_teste]],
            "test_periods": [str(v) for v in rotulos.iloc[-n_teste:]],
            "rows": {"train": int(treino.sum()), "test": int(teste.sum()),
                     "gap": int((~treino & ~teste).sum())}}
    if id_column is not None:
        info["id_column"] = id_column
    return X[treino], X[teste], y[treino], y[teste], info
