"""Quanto uma avaliação descuidada com o tempo infla a métrica.

* :func:`split_comparison`: a mesma regressão logística avaliada numa divisão
  aleatória e numa divisão fora do tempo (:func:`~mlops_lab.timedata.time_split`);
* :func:`join_comparison`: a divisão fora do tempo com três conjuntos de atributos:
  só o retrato, o retrato com os chamados da junção *as-of* e o retrato com os
  chamados da junção com vazamento (:mod:`mlops_lab.timedata.asof`).

O capítulo "Dados no tempo certo" e o notebook 16 mostram estes números.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TARGET", "TIME_COLUMN", "ID_COLUMN", "HORIZON", "EXCLUDED_COLUMNS", "model_auc",
           "split_comparison", "join_comparison"]

TARGET = "cancelou_3m"
TIME_COLUMN = "mes_referencia"
ID_COLUMN = "id_cliente"
HORIZON = 3  # meses do rótulo: o intervalo (--gap) da divisão fora do tempo
#: Colunas que nunca são atributos: o mês, o cliente e as datas.
EXCLUDED_COLUMNS = [TIME_COLUMN, ID_COLUMN, "momento_previsao", "data_ultimo_chamado"]


def model_auc(X_train: pd.DataFrame, X_test: pd.DataFrame, y_train: pd.Series,
              y_test: pd.Series, seed: int = 42) -> float:
    """AUC no teste da regressão logística do curso (:func:`mlops_lab.train.train_model`).

    Os argumentos vêm na ordem de :func:`~mlops_lab.train.split_data`. O mês, o
    identificador e as datas saem dos atributos.
    """
    from sklearn.metrics import roc_auc_score

    from mlops_lab.train import train_model

    fora = [c for c in EXCLUDED_COLUMNS if c in X_train.columns]
    modelo = train_model(X_train.drop(columns=fora), y_train, "logistic_regression", seed=seed)
    positiva = list(modelo.classes_).index("Sim")
    proba = modelo.predict_proba(X_test.drop(columns=fora))[:, positiva]
    return float(roc_auc_score(y_test == "Sim", proba))


def split_comparison(snapshots: pd.DataFrame, test_size: float = 0.2, gap: int = HORIZON,
                     seed: int = 42) -> dict[str, float | dict]:
    """AUC da divisão aleatória e da divisão fora do tempo, com o mesmo modelo.

    Returns
    -------
    dict
        ``"random"`` e ``"out_of_time"`` (AUC no teste de cada divisão) e
        ``"split"`` (a divisão fora do tempo, como no ``metadata.json``).

    Examples
    --------
    >>> from mlops_lab.timedata.asof import load_time_data
    >>> retratos = load_time_data()[0]
    >>> r = split_comparison(retratos[retratos["mes_referencia"] < "2025-01"])  # só 2024
    >>> r["split"]["cutoff"], r["split"]["test_periods"], r["random"] > r["out_of_time"]
    ('2024-07', ['2024-11', '2024-12'], True)
    """
    from mlops_lab.timedata.split import time_split
    from mlops_lab.train import split_data

    aleatoria = split_data(snapshots, TARGET, test_size, seed)
    *tempo, info = time_split(snapshots, TARGET, TIME_COLUMN, test_size, gap, ID_COLUMN)
    return {"random": round(model_auc(*aleatoria, seed=seed), 4),
            "out_of_time": round(model_auc(*tempo, seed=seed), 4), "split": info}


def join_comparison(snapshots: pd.DataFrame, events: pd.DataFrame, test_size: float = 0.2,
                    gap: int = HORIZON, seed: int = 42) -> dict[str, float]:
    """AUC fora do tempo sem os chamados, com a junção *as-of* e com a junção com vazamento.

    Examples
    --------
    >>> from mlops_lab.timedata.asof import load_time_data
    >>> retratos, chamados = load_time_data()
    >>> r = join_comparison(retratos[retratos["mes_referencia"] < "2025-01"], chamados)
    >>> r["leaky"] > r["asof"] > r["snapshot_only"]
    True
    """
    from mlops_lab.timedata.asof import asof_join_pandas, leaky_join
    from mlops_lab.timedata.split import time_split

    tabelas = {"snapshot_only": snapshots, "asof": asof_join_pandas(snapshots, events),
               "leaky": leaky_join(snapshots, events)}
    resultado = {}
    for nome, tabela in tabelas.items():
        *partes, _ = time_split(tabela, TARGET, TIME_COLUMN, test_size, gap, ID_COLUMN)
        resultado[nome] = round(model_auc(*partes, seed=seed), 4)
    return resultado
