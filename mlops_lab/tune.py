"""Otimização de hiperparâmetros com validação cruzada.

Cada combinação de algoritmo e hiperparâmetros é avaliada por validação
cruzada estratificada **apenas nos dados de treino**; o conjunto de teste
fica guardado para a avaliação final. Uma barra de progresso mostra quantas
combinações faltam.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mlops_lab.train import ALGORITHMS, DEFAULT_ALGORITHMS, check_algorithms

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

__all__ = ["DEFAULT_SCORING", "TuningResult", "candidates", "tune_hyperparameters"]

DEFAULT_SCORING = "f1_macro"


@dataclass
class TuningResult:
    """Resultado da busca: o melhor candidato e a tabela de todos."""

    algorithm: str
    params: dict
    score: float
    scoring: str
    table: object  # pandas.DataFrame, uma linha por candidato

    def summary(self) -> str:
        return (f"{ALGORITHMS[self.algorithm].label} com {self.params or 'parâmetros padrão'}: "
                f"{self.scoring} = {self.score:.3f} na validação cruzada")


def candidates(algorithms: Sequence[str] = DEFAULT_ALGORITHMS) -> list[tuple[str, dict]]:
    """Lista os pares (algoritmo, hiperparâmetros) a testar.

    Examples
    --------
    >>> len(candidates(["logistic_regression"]))
    3
    """
    from sklearn.model_selection import ParameterGrid

    return [(nome, dict(params)) for nome in check_algorithms(algorithms)
            for params in ParameterGrid(ALGORITHMS[nome].grid)]


def tune_hyperparameters(X_train: pd.DataFrame, y_train: pd.Series,
                         algorithms: Sequence[str] = DEFAULT_ALGORITHMS, cv: int = 3,
                         seed: int = 42, scoring: str = DEFAULT_SCORING,
                         progress: bool = True, dask_scheduler: str | None = None) -> TuningResult:
    """Busca em grade, com validação cruzada, o melhor algoritmo e hiperparâmetros.

    Parameters
    ----------
    X_train, y_train
        Dados de treino (o teste não entra aqui).
    algorithms : sequência de str
        Chaves de :data:`mlops_lab.train.ALGORITHMS`.
    cv : int, padrão 3
        Número de partes (*folds*) da validação cruzada.
    seed : int
        Fixa a divisão em partes e a aleatoriedade dos algoritmos.
    scoring : str, padrão "f1_macro"
        Métrica do scikit-learn a maximizar.
    progress : bool
        Mostra a barra de progresso (tqdm) na saída de erro.
    dask_scheduler : str ou None, padrão None
        ``None`` busca neste processo; ``"local"`` ou ``"tcp://host:8786"`` distribui os
        candidatos num cluster Dask (:mod:`mlops_lab.dask_search`), com o mesmo resultado.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> from mlops_lab.clean import clean_table
    >>> from mlops_lab.train import split_data
    >>> df, _ = clean_table(load_example(), "cancelou")
    >>> X_train, _, y_train, _ = split_data(df, "cancelou")
    >>> r = tune_hyperparameters(X_train, y_train, ["logistic_regression"], progress=False)
    >>> r.algorithm, len(r.table)
    ('logistic_regression', 3)
    """
    import pandas as pd
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from tqdm import tqdm

    from mlops_lab.train import feature_schema, make_model

    schema = feature_schema(X_train)
    divisao = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)
    lista = candidates(algorithms)
    if dask_scheduler is not None:
        from mlops_lab.dask_search import score_in_cluster

        modelos = [make_model(nome, schema, seed=seed, **params) for nome, params in lista]
        todas = score_in_cluster(modelos, X_train, y_train, divisao, scoring, dask_scheduler)
    else:
        # O with fecha a barra já na interrupção (Ctrl+C): a mensagem do CLI vem depois dela.
        with tqdm(lista, desc="Buscando hiperparâmetros", unit="candidato",
                  disable=not progress, ncols=80) as barra:
            todas = [cross_val_score(make_model(nome, schema, seed=seed, **params), X_train,
                                     y_train, cv=divisao, scoring=scoring)
                     for nome, params in barra]
    linhas = [{"algoritmo": nome, "parametros": params, "media": float(notas.mean()),
               "desvio": float(notas.std())} for (nome, params), notas in zip(lista, todas)]
    # A ordem usa a média arredondada: diferenças de ponto flutuante (que mudam com o
    # processador) não decidem quem vence; no empate, vale a ordem da grade.
    tabela = pd.DataFrame(linhas)
    ordem = tabela["media"].round(6).sort_values(ascending=False, kind="stable").index
    tabela = tabela.loc[ordem].reset_index(drop=True)
    melhor = tabela.iloc[0]
    return TuningResult(melhor["algoritmo"], dict(melhor["parametros"]), float(melhor["media"]),
                        scoring, tabela)
