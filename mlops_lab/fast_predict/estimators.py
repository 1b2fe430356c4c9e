"""O estimador final avaliado à mão, com NumPy, sobre a matriz de atributos.

* regressão logística: um produto escalar e a função logística (ou *softmax*);
* floresta aleatória e *gradient boosting* por histogramas: as árvores viram
  vetores (atributo, limiar, filho da esquerda, filho da direita, valor da folha),
  e um registro desce todas as árvores ao mesmo tempo, um nível por passo;
* qualquer outro estimador (k vizinhos, por exemplo): o próprio ``predict_proba``
  do scikit-learn, chamado direto com a matriz NumPy, sem o pandas.

Lotes grandes vão para o ``predict_proba`` do scikit-learn, que é mais rápido
quando há muitas linhas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BIG_BATCH", "compile_estimator"]

#: A partir de quantas linhas o lote vai para o ``predict_proba`` do scikit-learn.
BIG_BATCH = 128


def _softmax(z: np.ndarray) -> np.ndarray:
    from sklearn.utils.extmath import softmax

    return softmax(z.copy(), copy=False)


def _binary_or_softmax(z: np.ndarray) -> np.ndarray:
    """Probabilidades a partir das pontuações: logística (2 classes) ou *softmax*."""
    from scipy.special import expit

    if z.shape[1] == 1:
        p = expit(z[:, 0])
        return np.stack([1 - p, p], axis=1)
    return _softmax(z)


def _logistic(est: Any) -> Callable[[np.ndarray], np.ndarray]:
    coef, intercepto = np.asarray(est.coef_, dtype=float), np.asarray(est.intercept_, dtype=float)
    if len(est.classes_) > 2 and coef.shape[0] == 1:
        from mlops_lab.fast_predict.features import NotCompilable

        raise NotCompilable("regressão logística um-contra-todos")
    return lambda X: _binary_or_softmax(X @ coef.T + intercepto)


class _Forest:
    """Todas as árvores num conjunto só de vetores; as folhas apontam para si mesmas."""

    def __init__(self, arvores: list[tuple], com_faltantes: bool) -> None:
        deslocamentos = np.cumsum([0] + [len(a[0]) for a in arvores])
        self.roots = deslocamentos[:-1]
        juntar = lambda k: np.concatenate([a[k] for a in arvores])  # noqa: E731
        feature, limiar, esquerda, direita = juntar(0), juntar(1), juntar(2), juntar(3)
        base = np.repeat(deslocamentos[:-1], [len(a[0]) for a in arvores])
        folha = esquerda < 0
        proprio = np.arange(len(feature))
        self.feature = np.where(folha, 0, feature).astype(np.intp)
        self.threshold = np.where(folha, np.inf, limiar)
        self.left = np.where(folha, proprio, esquerda + base)
        self.right = np.where(folha, proprio, direita + base)
        self.missing_left = juntar(5) if com_faltantes else None
        self.values = juntar(4)
        self.depth = max(a[6] for a in arvores)

    def leaves(self, X: np.ndarray) -> np.ndarray:
        """O índice da folha de cada registro em cada árvore: forma ``(n, n_arvores)``."""
        no = np.broadcast_to(self.roots, (len(X), len(self.roots))).copy()
        linhas = np.arange(len(X))[:, None]
        for _ in range(self.depth):
            x = X[linhas, self.feature[no]]
            esquerda = x <= self.threshold[no]
            if self.missing_left is not None:
                esquerda = np.where(np.isnan(x), self.missing_left[no], esquerda)
            no = np.where(esquerda, self.left[no], self.right[no])
        return no


def _random_forest(est: Any) -> Callable[[np.ndarray], np.ndarray]:
    n_classes = len(est.classes_)
    arvores = []
    for arvore in est.estimators_:
        t = arvore.tree_
        valores = t.value[:, 0, :n_classes]
        soma = valores.sum(axis=1, keepdims=True)
        valores = valores / np.where(soma == 0, 1, soma)
        arvores.append((t.feature, t.threshold, t.children_left, t.children_right, valores,
                        None, t.max_depth))
    floresta = _Forest(arvores, com_faltantes=False)

    def prever(X: np.ndarray) -> np.ndarray:
        # As árvores do scikit-learn comparam em float32 (o limiar fica em float64).
        X32 = X.astype(np.float32).astype(np.float64)
        return floresta.values[floresta.leaves(X32)].sum(axis=1) / len(est.estimators_)

    return prever


def _hist_gradient_boosting(est: Any) -> Callable[[np.ndarray], np.ndarray]:
    from mlops_lab.fast_predict.features import NotCompilable

    if getattr(est, "_preprocessor", None) is not None or est.is_categorical_ is not None:
        raise NotCompilable("gradient boosting com atributos categóricos nativos")
    florestas = []
    for k in range(est.n_trees_per_iteration_):
        arvores = []
        for iteracao in est._predictors:
            nos = iteracao[k].nodes
            if nos["is_categorical"].any():
                raise NotCompilable("gradient boosting com divisão categórica")
            folha = nos["is_leaf"].astype(bool)
            arvores.append((nos["feature_idx"], nos["num_threshold"],
                            np.where(folha, -1, nos["left"].astype(np.int64)),
                            np.where(folha, -1, nos["right"].astype(np.int64)),
                            nos["value"], nos["missing_go_to_left"].astype(bool),
                            int(nos["depth"].max())))
        florestas.append(_Forest(arvores, com_faltantes=True))
    base = np.asarray(est._baseline_prediction, dtype=float).reshape(-1)

    def prever(X: np.ndarray) -> np.ndarray:
        brutos = np.column_stack([f.values[f.leaves(X)].sum(axis=1) for f in florestas]) + base
        return _binary_or_softmax(brutos)

    return prever


def compile_estimator(est: Any) -> Callable[[np.ndarray], np.ndarray]:
    """Uma função ``X -> probabilidades`` equivalente a ``est.predict_proba(X)``.

    Parameters
    ----------
    est : estimador do scikit-learn já treinado
        O último passo do pipeline.

    Returns
    -------
    callable
        Recebe a matriz float64 ``(n, n_atributos)`` e devolve ``(n, n_classes)``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> est = LogisticRegression().fit(X, [0, 0, 1, 1])
    >>> bool(np.allclose(compile_estimator(est)(X), est.predict_proba(X)))
    True
    """
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression

    compiladores = {LogisticRegression: _logistic, RandomForestClassifier: _random_forest,
                    HistGradientBoostingClassifier: _hist_gradient_boosting}
    compilar = compiladores.get(type(est))
    if compilar is None:
        return est.predict_proba
    rapido = compilar(est)

    def prever(X: np.ndarray) -> np.ndarray:
        return est.predict_proba(X) if len(X) > BIG_BATCH else rapido(X)

    return prever
