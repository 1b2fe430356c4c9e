"""Construção e treinamento do modelo.

* :data:`ALGORITHMS` descreve os algoritmos que o curso compara, cada um
  com a sua grade de hiperparâmetros;
* :func:`split_data` separa treino e teste, estratificando pelo rótulo;
* :func:`make_model` monta o pipeline completo (atributos, pré-processamento
  e estimador) para um algoritmo;
* :func:`train_model` ajusta esse pipeline aos dados de treino.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    import pandas as pd
    from sklearn.base import BaseEstimator
    from sklearn.pipeline import Pipeline

__all__ = [
    "Algorithm", "ALGORITHMS", "DEFAULT_ALGORITHMS", "check_algorithms", "split_data",
    "make_model", "feature_schema", "train_model",
]


@dataclass(frozen=True)
class Algorithm:
    """Um algoritmo candidato: nome para exibir, fábrica e grade de busca."""

    label: str
    factory: str
    grid: dict = field(default_factory=dict)
    fixed: dict = field(default_factory=dict)

    def build(self, seed: int, **params: Any) -> BaseEstimator:
        import importlib

        modulo, nome = self.factory.rsplit(".", 1)
        classe = getattr(importlib.import_module(modulo), nome)
        argumentos = {**self.fixed, **params}
        if "random_state" in classe().get_params():
            argumentos["random_state"] = seed
        return classe(**argumentos)


# As grades são pequenas de propósito: a busca inteira roda em segundos num
# notebook do Binder. Em um projeto de verdade, elas seriam maiores.
ALGORITHMS = {
    "logistic_regression": Algorithm(
        "Regressão logística", "sklearn.linear_model.LogisticRegression",
        grid={"C": [0.1, 1.0, 10.0]}, fixed={"max_iter": 1000}),
    "random_forest": Algorithm(
        "Floresta aleatória", "sklearn.ensemble.RandomForestClassifier",
        grid={"max_depth": [6, 12], "min_samples_leaf": [1, 5]},
        fixed={"n_estimators": 100}),
    "gradient_boosting": Algorithm(
        "Gradient boosting (histogramas)", "sklearn.ensemble.HistGradientBoostingClassifier",
        grid={"learning_rate": [0.05, 0.1], "max_depth": [3, None]},
        fixed={"max_iter": 150}),
    "knn": Algorithm(
        "k vizinhos mais próximos", "sklearn.neighbors.KNeighborsClassifier",
        grid={"n_neighbors": [15, 45]}),
}
DEFAULT_ALGORITHMS = ("logistic_regression", "random_forest", "gradient_boosting")


def check_algorithms(names: Sequence[str]) -> list[str]:
    """Confere os nomes de algoritmos e devolve a lista na ordem dada.

    Examples
    --------
    >>> check_algorithms(["random_forest"])
    ['random_forest']
    """
    names = list(names)
    desconhecidos = [n for n in names if n not in ALGORITHMS]
    if desconhecidos or not names:
        raise MlopsLabError(
            f"algoritmo desconhecido: {', '.join(desconhecidos) or '(nenhum)'}. "
            f"Escolha entre: {', '.join(ALGORITHMS)}."
        )
    return names


def split_data(df: pd.DataFrame, target: str, test_size: float = 0.2,
               seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    """Separa atributos e rótulo, e depois treino e teste (estratificado).

    Returns
    -------
    X_train, X_test, y_train, y_test

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> from mlops_lab.clean import clean_table
    >>> df, _ = clean_table(load_example(), "cancelou")
    >>> X_train, X_test, y_train, y_test = split_data(df, "cancelou", seed=0)
    >>> round(len(X_test) / len(df), 2)
    0.2
    """
    from sklearn.model_selection import train_test_split

    if not 0 < test_size < 1:
        raise MlopsLabError(
            f"test_size deve estar entre 0 e 1 (exclusive), recebido {test_size}. "
            "Um valor típico é 0,2 (20% das linhas para teste)."
        )
    X = df.drop(columns=[target])
    y = df[target].astype(str)
    return train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)


def make_model(algorithm: str, schema: dict, seed: int = 42, scaler: str = "standard",
               **params: Any) -> Pipeline:
    """Monta o pipeline completo para um algoritmo.

    Parameters
    ----------
    algorithm : str
        Uma das chaves de :data:`ALGORITHMS`.
    schema : dict
        Esquema dos atributos **depois** de :func:`~mlops_lab.features.add_features`.
    seed : int
        Semente para algoritmos com aleatoriedade.
    **params
        Hiperparâmetros do estimador.

    Examples
    --------
    >>> schema = {"numeric": ["idade"], "categorical": []}
    >>> make_model("logistic_regression", schema, C=0.5).named_steps["modelo"].C
    0.5
    """
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    from mlops_lab.features import add_features, build_preprocessor

    check_algorithms([algorithm])
    return Pipeline([
        ("atributos", FunctionTransformer(add_features)),
        ("preparo", build_preprocessor(schema, scaler=scaler)),
        ("modelo", ALGORITHMS[algorithm].build(seed, **params)),
    ])


def feature_schema(X: pd.DataFrame) -> dict:
    """Esquema das colunas que chegam ao pré-processamento (após add_features)."""
    from mlops_lab.features import add_features
    from mlops_lab.schema import infer_schema

    return infer_schema(add_features(X))


def train_model(X_train: pd.DataFrame, y_train: pd.Series, algorithm: str = "random_forest",
                seed: int = 42, **params: Any) -> Pipeline:
    """Treina um pipeline completo e o devolve já ajustado.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> from mlops_lab.clean import clean_table
    >>> df, _ = clean_table(load_example(), "cancelou")
    >>> X_train, X_test, y_train, y_test = split_data(df, "cancelou")
    >>> modelo = train_model(X_train, y_train, "logistic_regression")
    >>> sorted(modelo.classes_)
    ['Não', 'Sim']
    """
    modelo = make_model(algorithm, feature_schema(X_train), seed=seed, **params)
    return modelo.fit(X_train, y_train)
