"""Justiça entre grupos: os erros do modelo comparados grupo a grupo, com o fairlearn.

* :func:`group_columns` escolhe as colunas de grupo de uma tabela (a região, nos dados
  da operadora, e colunas categóricas com poucos valores);
* :func:`group_report` é a tabela por grupo (``MetricFrame``): casos, taxa real,
  taxa de seleção, revocação e taxa de falsos positivos;
* :func:`fairness_gaps` calcula a diferença de paridade demográfica e a de igualdade
  de oportunidade;
* :func:`check_fairness` é o portão: devolve as métricas que passaram do limite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

__all__ = ["MAX_LEVELS", "group_column", "group_columns", "group_report", "fairness_gaps",
           "check_fairness"]

#: Uma coluna de grupo tem de 2 a ``MAX_LEVELS`` valores (depois de normalizar a grafia).
MAX_LEVELS = 6


def group_column(values: pd.Series) -> pd.Series:
    """Os valores de uma coluna categórica com a grafia unificada (a mais comum de cada grupo).

    Examples
    --------
    >>> import pandas as pd
    >>> group_column(pd.Series(["Pós-pago", "pos pago", "Pós-pago", None])).tolist()
    ['Pós-pago', 'Pós-pago', 'Pós-pago', 'sem valor']
    """
    import pandas as pd

    from mlops_lab.clean import normalize_key

    texto = values.astype("string").fillna("sem valor").str.strip()
    chave = texto.map(normalize_key)
    # A grafia mais comum de cada chave (no empate, a primeira em ordem alfabética).
    pares = (pd.DataFrame({"chave": chave, "texto": texto}).value_counts()
             .reset_index().sort_values(["chave", "count", "texto"],
                                        ascending=[True, False, True]))
    grafia = pares.drop_duplicates("chave").set_index("chave")["texto"]
    return chave.map(grafia).astype(object).rename(values.name)


def group_columns(X: pd.DataFrame, limit: int = 2) -> dict[str, pd.Series]:
    """Até ``limit`` colunas de grupo: ``regiao`` (da ``uf``) primeiro, quando existe, e
    depois as colunas de texto com 2 a :data:`MAX_LEVELS` valores, na ordem da tabela.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"uf": ["SP", "ba"], "plano": ["Controle", "Pós-pago"],
    ...                   "id": ["a", "b"], "idade": [30, 40]})
    >>> {k: v.tolist() for k, v in group_columns(X).items()}
    {'regiao': ['Sudeste', 'Nordeste'], 'plano': ['Controle', 'Pós-pago']}
    """
    from pandas.api.types import is_numeric_dtype

    from mlops_lab.features import add_features

    com_regiao = add_features(X[["uf"]]) if "uf" in X.columns else X.iloc[:, :0]
    candidatas = ([com_regiao["regiao"].fillna("sem região")] if "regiao" in com_regiao else [])
    candidatas += [X[c] for c in X.columns if c != "uf" and not is_numeric_dtype(X[c])]
    grupos: dict[str, pd.Series] = {}
    for coluna in candidatas:
        if coluna.nunique() > 10 * MAX_LEVELS:  # um identificador, não um grupo
            continue
        valores = group_column(coluna)
        if 2 <= valores.nunique() <= MAX_LEVELS and str(coluna.name) not in grupos:
            grupos[str(coluna.name)] = valores
        if len(grupos) == limit:
            break
    return grupos


def _binary(y_true: Sequence, y_pred: Sequence, positive: str) -> tuple:
    import numpy as np

    verdade = np.asarray(y_true).astype(str) == positive
    previsto = np.asarray(y_pred).astype(str) == positive
    if len(verdade) != len(previsto) or len(verdade) == 0:
        raise MlopsLabError("Rótulos verdadeiros e previstos precisam ter o mesmo tamanho, "
                            "não vazio.")
    return verdade, previsto


def group_report(y_true: Sequence, y_pred: Sequence, groups: Sequence,
                 positive: str = "Sim") -> pd.DataFrame:
    """A tabela por grupo do ``MetricFrame`` do fairlearn, mais a linha ``(todos)``.

    Colunas: ``casos``, ``taxa_real`` (fração de positivos de verdade), ``taxa_selecao``
    (fração prevista como positiva), ``revocacao`` (positivos encontrados) e
    ``taxa_falsos_positivos``.

    Examples
    --------
    >>> t = group_report(["Sim", "Não", "Sim", "Não"], ["Sim", "Não", "Não", "Não"],
    ...                  ["A", "A", "B", "B"])
    >>> t["revocacao"].tolist()
    [1.0, 0.0, 0.5]
    """
    import pandas as pd
    from fairlearn.metrics import (
        MetricFrame,
        count,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )

    verdade, previsto = _binary(y_true, y_pred, positive)
    metricas = {"casos": count, "taxa_real": lambda y, _p: y.mean(),
                "taxa_selecao": selection_rate, "revocacao": true_positive_rate,
                "taxa_falsos_positivos": false_positive_rate}
    quadro = MetricFrame(metrics=metricas, y_true=verdade, y_pred=previsto,
                         sensitive_features=pd.Series(list(groups), name="grupo"))
    tabela = pd.concat([quadro.by_group, quadro.overall.to_frame("(todos)").T])
    tabela["casos"] = tabela["casos"].astype(int)
    return tabela.astype({c: float for c in metricas if c != "casos"}).round(6)


def fairness_gaps(y_true: Sequence, y_pred: Sequence, groups: Sequence,
                  positive: str = "Sim") -> dict[str, float]:
    """As duas diferenças entre grupos (a maior menos a menor), de 0 (iguais) a 1.

    * ``demographic_parity_difference``: na taxa de seleção (quem recebe a decisão
      positiva), sem olhar o rótulo verdadeiro;
    * ``equal_opportunity_difference``: na revocação, isto é, entre os positivos de
      verdade, quantos cada grupo tem encontrados.

    Examples
    --------
    >>> fairness_gaps(["Sim", "Não", "Sim", "Não"], ["Sim", "Não", "Não", "Não"],
    ...               ["A", "A", "B", "B"])
    {'demographic_parity_difference': 0.5, 'equal_opportunity_difference': 1.0}
    """
    from fairlearn.metrics import demographic_parity_difference, equal_opportunity_difference

    verdade, previsto = _binary(y_true, y_pred, positive)
    grupos = list(groups)
    return {
        "demographic_parity_difference": round(float(demographic_parity_difference(
            verdade, previsto, sensitive_features=grupos)), 6),
        "equal_opportunity_difference": round(float(equal_opportunity_difference(
            verdade, previsto, sensitive_features=grupos)), 6),
    }


def check_fairness(y_true: Sequence, y_pred: Sequence, groups: Sequence,
                   limits: dict[str, float], positive: str = "Sim") -> dict[str, float]:
    """O portão de justiça: as métricas de :func:`fairness_gaps` que passaram do limite.

    Dicionário vazio: o modelo passou.

    Examples
    --------
    >>> check_fairness(["Sim", "Não", "Sim", "Não"], ["Sim", "Não", "Não", "Não"],
    ...                ["A", "A", "B", "B"], {"equal_opportunity_difference": 0.3})
    {'equal_opportunity_difference': 1.0}
    """
    lacunas = fairness_gaps(y_true, y_pred, groups, positive)
    desconhecidas = sorted(set(limits) - set(lacunas))
    if desconhecidas:
        raise MlopsLabError(f"Métrica de justiça desconhecida: {', '.join(desconhecidas)}. "
                            f"Use: {', '.join(lacunas)}.")
    return {nome: lacunas[nome] for nome, limite in limits.items() if lacunas[nome] > limite}
