"""Formas de resposta, erradas e certas, das questões do capítulo 03-3."""

import copy
import json
import math

from mlops_lab.exercises import deployment as cap
from tests.exercises.formas._comum import divisao, letras


def _metadados(**mudancas):
    m = copy.deepcopy(cap._referencia()["metadados"])
    m.update(mudancas)
    return m


def _previsoes(X):
    import pandas as pd

    from mlops_lab.train import train_model

    X_train, _, y_train, _ = divisao(7)
    modelo = train_model(X_train, y_train, "logistic_regression", seed=7)
    probs = modelo.predict_proba(X)
    return pd.DataFrame({"previsao": modelo.predict(X), "prob_Não": probs[:, 0],
                         "prob_Sim": probs[:, 1]}, index=X.index)


def _tabela(X):
    import pandas as pd

    return pd.concat([X, _previsoes(X)], axis=1)


def _com_rotulo():
    from mlops_lab.exercises import _data

    linhas = _data.clean().loc[divisao(7)[1].head(5).index]
    return _tabela(linhas)


def _alertas(**mudancas):
    alertas = copy.deepcopy(cap._referencia()["alertas"])
    alertas[0].update(mudancas)
    return alertas


def _custos_independentes(chave=float):
    lotes = cap._referencia()["lotes"]
    custos = {}
    for limiar in [0.05, 0.10, 0.20, 0.25, 0.30]:
        falsos = sum(1 for _, lote in lotes.iterrows()
                     if lote["linhas_acumuladas"] <= 2000 and lote["psi_max"] > limiar)
        perdidos = sum(1 for _, lote in lotes.iterrows()
                       if lote["linhas_acumuladas"] > 2000 and lote["psi_max"] <= limiar)
        custos[chave(limiar)] = 2000 * falsos + 500 * perdidos
    return custos


def _melhor(custos):
    return min(custos, key=lambda k: (custos[k], float(str(k).replace(",", "."))))


FORMAS = {
    "q1": {
        "erradas": [lambda: _metadados(seed=42), lambda: _metadados(algorithm="knn"),
                    lambda: {}, lambda: _metadados(params={"C": 0.01}),
                    lambda: _metadados(data={"file_sha256": "0" * 64})],
        "certas": [lambda: _metadados(),
                   lambda: json.loads(json.dumps(_metadados()))],
    },
    "q2": letras("c", ["a", "b", "d"]),
    "q3": {
        "erradas": [lambda: (lambda e, o: 0.0),
                    lambda: (lambda e, o: sum((b - a) * math.log10(b / a)
                                              for a, b in zip(e, o))),
                    lambda: (lambda e, o: sum((b - a) * math.log(a / b)
                                              for a, b in zip(e, o))),
                    lambda: (lambda e, o: sum(abs(b - a) for a, b in zip(e, o)))],
        "certas": [lambda: (lambda e, o: sum((b - a) * math.log(b / a)
                                             for a, b in zip(e, o))),
                   lambda: (lambda e, o: float(__import__("numpy").sum(
                       (__import__("numpy").array(o) - __import__("numpy").array(e))
                       * __import__("numpy").log(__import__("numpy").array(o)
                                                 / __import__("numpy").array(e)))))],
    },
    "q4": {
        "erradas": [lambda: _tabela(divisao(7)[1].tail(5)),
                    lambda: _tabela(divisao(7)[0].head(5)),
                    lambda: _com_rotulo(),
                    lambda: __import__("pandas").DataFrame(),
                    lambda: _previsoes(divisao(7)[1].head(5)),
                    lambda: _tabela(divisao(42)[1].head(5))],
        "certas": [lambda: _tabela(divisao(7)[1].head(5)),
                   lambda: divisao(7)[1].head(5).join(_previsoes(divisao(7)[1].head(5)))],
    },
    "q5": letras("a", ["b", "c", "d"]),
    "q6": letras("b", ["a", "c", "d"]),
    "q7": {
        "erradas": [lambda: [], lambda: _alertas(lote=12, linhas=4800),
                    lambda: _alertas(linhas=1500), lambda: _alertas(atributos=["uf"]),
                    lambda: [1, 2]],
        "certas": [lambda: _alertas(), lambda: tuple(_alertas()),
                   lambda: _alertas(atributos=tuple(_alertas()[0]["atributos"]))],
    },
    "q8": {
        "erradas": [lambda: {"custos": _custos_independentes(), "limiar": 0.25},
                    lambda: {"custos": {k: 0 for k in _custos_independentes()},
                             "limiar": 0.05},
                    lambda: {},
                    lambda: {"custos": {0.25: 500}, "limiar": 0.25}],
        "certas": [lambda: {"custos": _custos_independentes(),
                            "limiar": _melhor(_custos_independentes())},
                   lambda: {"custos": _custos_independentes(lambda x: f"{x:.2f}".replace(
                       ".", ",")), "limiar": _melhor(_custos_independentes(
                           lambda x: f"{x:.2f}".replace(".", ",")))}],
    },
}
