"""Formas de resposta da seção de construção do modelo (veja ``__init__.py``)."""

import numpy as np

from mlops_lab.exercises import _data, model_building


def _linha(limiar):
    return dict(model_building._no_limiar(limiar))


def _floresta(conjunto=0):
    return dict(model_building._floresta()[conjunto])


def _floresta_padrao():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import train_model

    X_train, X_test, y_train, y_test = _data.split()
    return evaluate(train_model(X_train, y_train, "random_forest", seed=42), X_test, y_test)


FORMAS = {
    "q1": {"erradas": [lambda: "b", lambda: "c", lambda: "d"],
           "certas": [lambda: "a", lambda: "a)"]},
    "q2": {"erradas": [lambda: _linha(0.4),  # da tabela do notebook: 223 alertas
                       lambda: _linha(0.5),  # cabe, mas não é o menor
                       lambda: {**_linha(0.45), "alertados": 223},
                       lambda: {**_linha(0.45), "revocacao": 100 * _linha(0.45)["revocacao"]},
                       lambda: {"limiar": 0.45},
                       lambda: {}],
           "certas": [lambda: _linha(0.45),
                      lambda: {"limiar": np.float64(0.45000000000000007),
                               "alertados": np.int64(_linha(0.45)["alertados"]),
                               "revocacao": round(_linha(0.45)["revocacao"], 3) + 0.0004},
                      lambda: {"limiar": "0,45", "alertados": str(_linha(0.45)["alertados"]),
                               "revocacao": f"{_linha(0.45)['revocacao']:.4f}"}]},
    "q3": {"erradas": [lambda: _floresta(1),  # no treino
                       lambda: dict(_data.logistic_metrics()),
                       _floresta_padrao,
                       lambda: {"accuracy": _floresta()["accuracy"]},
                       lambda: {k: v * 100 for k, v in _floresta().items()}],
           "certas": [_floresta,
                      lambda: {k: np.float64(v) for k, v in reversed(_floresta().items())},
                      lambda: {**_floresta(), "observacao": "floresta"}]},
    "q4": {"erradas": [lambda: "a", lambda: "c", lambda: "d"],
           "certas": [lambda: "b", lambda: " b "]},
    "q5": {"erradas": [lambda: "a", lambda: "b", lambda: "c"],
           "certas": [lambda: "d", lambda: "D"]},
}
