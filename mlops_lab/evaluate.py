"""Teste e avaliação do modelo no conjunto separado para isso.

* :func:`positive_label` escolhe a classe "positiva" (a que interessa
  detectar: ``Sim`` em "cancelou?");
* :func:`evaluate` calcula as métricas no conjunto de teste;
* :func:`plot_confusion_matrix` e :func:`plot_learning_curve` desenham os
  gráficos que o capítulo de avaliação discute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.clean import normalize_key
from mlops_lab.plot_style import styled

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from sklearn.pipeline import Pipeline

__all__ = [
    "positive_label", "evaluate", "plot_confusion_matrix", "learning_curve_table",
    "plot_learning_curve",
]

_POSITIVOS = ("sim", "s", "yes", "true", "1", "verdadeiro", "positivo")


def positive_label(classes: Sequence[str]) -> str:
    """Escolhe a classe positiva de um problema binário.

    Prefere rótulos que signifiquem "sim"; senão, a última em ordem alfabética.

    Examples
    --------
    >>> positive_label(["Não", "Sim"])
    'Sim'
    >>> positive_label(["0", "1"])
    '1'
    """
    classes = sorted(map(str, classes))
    for classe in classes:
        if normalize_key(classe) in _POSITIVOS:
            return classe
    return classes[-1]


def evaluate(model: Pipeline, X_test: pd.DataFrame, y_test: pd.Series) -> dict:
    """Métricas de classificação no conjunto de teste.

    Para problemas binários, precisão, revocação e F1 são da classe positiva
    e a AUC ROC é calculada com as probabilidades; para mais de duas classes,
    usam média *macro*.

    Returns
    -------
    dict
        Nome da métrica -> valor (float), arredondado a 6 casas.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> from mlops_lab.clean import clean_table
    >>> from mlops_lab.train import split_data, train_model
    >>> df, _ = clean_table(load_example(), "cancelou")
    >>> X_train, X_test, y_train, y_test = split_data(df, "cancelou")
    >>> m = evaluate(train_model(X_train, y_train, "logistic_regression"), X_test, y_test)
    >>> sorted(m)
    ['accuracy', 'balanced_accuracy', 'f1', 'precision', 'recall', 'roc_auc']
    """
    from sklearn import metrics

    y_test = y_test.astype(str)
    previsto = model.predict(X_test)
    classes = list(model.classes_)
    resultado = {
        "accuracy": metrics.accuracy_score(y_test, previsto),
        "balanced_accuracy": metrics.balanced_accuracy_score(y_test, previsto),
    }
    if len(classes) == 2:
        positivo = positive_label(classes)
        opcoes = {"pos_label": positivo, "average": "binary", "zero_division": 0}
        probabilidade = model.predict_proba(X_test)[:, classes.index(positivo)]
        resultado["roc_auc"] = metrics.roc_auc_score(y_test == positivo, probabilidade)
    else:
        opcoes = {"average": "macro", "zero_division": 0}
    resultado["precision"] = metrics.precision_score(y_test, previsto, **opcoes)
    resultado["recall"] = metrics.recall_score(y_test, previsto, **opcoes)
    resultado["f1"] = metrics.f1_score(y_test, previsto, **opcoes)
    return {nome: round(float(valor), 6) for nome, valor in sorted(resultado.items())}


@styled
def plot_confusion_matrix(model: Pipeline, X_test: pd.DataFrame, y_test: pd.Series,
                          ax: Axes | None = None) -> Figure:
    """Desenha a matriz de confusão (contagens) e devolve a figura.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> from mlops_lab.clean import clean_table
    >>> from mlops_lab.train import split_data, train_model
    >>> df, _ = clean_table(load_example(), "cancelou")
    >>> X_train, X_test, y_train, y_test = split_data(df, "cancelou")
    >>> fig = plot_confusion_matrix(train_model(X_train, y_train, "logistic_regression"),
    ...                             X_test, y_test)
    >>> fig.axes[0].get_xlabel()
    'Classe prevista'
    """
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4))
    ConfusionMatrixDisplay.from_estimator(model, X_test, y_test.astype(str), ax=ax,
                                          cmap="Blues", colorbar=False)
    ax.set_xlabel("Classe prevista")
    ax.set_ylabel("Classe verdadeira")
    ax.set_title("Matriz de confusão (conjunto de teste)")
    ax.figure.tight_layout()
    return ax.figure


def learning_curve_table(model: Pipeline, X: pd.DataFrame, y: pd.Series, cv: int = 3,
                         seed: int = 42, scoring: str = "f1_macro",
                         points: int = 5) -> pd.DataFrame:
    """Desempenho no treino e na validação para tamanhos crescentes de treino.

    Returns
    -------
    pandas.DataFrame
        Colunas ``linhas_treino``, ``treino`` e ``validacao`` (médias).
    """
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import StratifiedKFold, learning_curve

    tamanhos, treino, validacao = learning_curve(
        model, X, y, cv=StratifiedKFold(cv, shuffle=True, random_state=seed),
        train_sizes=np.linspace(0.1, 1.0, points), scoring=scoring)
    return pd.DataFrame({"linhas_treino": tamanhos, "treino": treino.mean(axis=1),
                         "validacao": validacao.mean(axis=1)})


@styled
def plot_learning_curve(model: Pipeline, X: pd.DataFrame, y: pd.Series, cv: int = 3, seed: int = 42,
                        scoring: str = "f1_macro", points: int = 5,
                        ax: Axes | None = None) -> Figure:
    """Desenha a curva de aprendizado e devolve a figura.

    Se a curva de validação ainda sobe no fim, mais dados devem ajudar; se
    as duas curvas se encontram num patamar baixo, o modelo é simples demais.
    """
    import matplotlib.pyplot as plt

    tabela = learning_curve_table(model, X, y, cv=cv, seed=seed, scoring=scoring,
                                  points=points)
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 4))
    ax.plot(tabela["linhas_treino"], tabela["treino"], "o-", label="Treino")
    ax.plot(tabela["linhas_treino"], tabela["validacao"], "s-", label="Validação cruzada")
    ax.set_xlabel("Linhas usadas no treino")
    ax.set_ylabel(scoring)
    ax.set_title("Curva de aprendizado")
    ax.grid(alpha=0.3)
    ax.legend()
    ax.figure.tight_layout()
    return ax.figure
