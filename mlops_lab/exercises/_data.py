"""Valores de referência das questões, calculados sob demanda e guardados."""

from functools import lru_cache


@lru_cache(maxsize=1)
def raw():
    from mlops_lab.data import load_example

    return load_example()


@lru_cache(maxsize=1)
def clean():
    from mlops_lab.clean import clean_table

    return clean_table(raw(), "cancelou")[0]


@lru_cache(maxsize=1)
def split():
    from mlops_lab.train import split_data

    return split_data(clean(), "cancelou", seed=42)


@lru_cache(maxsize=1)
def logistic_metrics():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import train_model

    X_train, X_test, y_train, y_test = split()
    return evaluate(train_model(X_train, y_train, "logistic_regression", seed=42),
                    X_test, y_test)
