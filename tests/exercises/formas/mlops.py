"""Formas de resposta, erradas e certas, das questões do capítulo 4."""

import numpy as np

from mlops_lab.exercises import mlops as cap
from tests.exercises.formas._comum import divisao, letras


def _f1(semente):
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import train_model

    X_train, X_test, y_train, y_test = divisao(semente)
    modelo = train_model(X_train, y_train, "logistic_regression", seed=semente)
    return evaluate(modelo, X_test, y_test)["f1"]


def _hash(tabela):
    from mlops_lab.data import frame_hash

    return frame_hash(tabela)


def _acuracias():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.stream import simulate
    from mlops_lab.train import train_model

    X_train, _, y_train, _ = divisao(42)
    modelo = train_model(X_train, y_train, "logistic_regression", seed=42)
    saida = []
    for deriva in (False, True):
        sim = simulate(2000, seed=11, drift=deriva)
        saida.append(evaluate(modelo, sim.drop(columns="cancelou"), sim["cancelou"])["accuracy"])
    return saida


def _resposta(trocar=False, decisao=None, arredondar=None):
    atual, nova = _acuracias()
    if trocar:
        atual, nova = nova, atual
    if arredondar is not None:
        atual, nova = round(atual, arredondar), round(nova, arredondar)
    retreinar = (atual - nova > 0.03) if decisao is None else decisao
    return {"acuracia_atual": atual, "acuracia_nova": nova, "retreinar": retreinar}


FORMAS = {
    "q1": letras("c", ["a", "b", "d"]),
    "q2": letras("b", ["a", "c", "d"]),
    "q3": {
        "erradas": [lambda: (_f1(42), _f1(42)), lambda: (_f1(7), _f1(7) + 0.01),
                    lambda: (_f1(7),), lambda: [0.5, 0.5]],
        "certas": [lambda: (_f1(7), _f1(7)), lambda: [round(_f1(7), 3), round(_f1(7), 3)],
                   lambda: (str(round(_f1(7), 4)).replace(".", ","),) * 2],
    },
    "q4": {
        "erradas": [lambda: _hash(divisao(42)[0]),
                    lambda: _hash(__import__("mlops_lab.exercises._data").exercises._data
                                  .clean()),
                    lambda: __import__("mlops_lab.data").data.file_hash(
                        __import__("mlops_lab.data").data.example_path()),
                    lambda: _hash(divisao(7)[0])[:16]],
        "certas": [lambda: _hash(divisao(7)[0]), lambda: _hash(divisao(7)[0].copy())],
    },
    "q5": {
        "erradas": [lambda: (lambda p: p.count("Sim") / len(p)),
                    lambda: (lambda p: p.count("Sim")),
                    lambda: (lambda p: 0.25),
                    lambda: (lambda p: p.count("Não") / len(p) if p else 0.0)],
        "certas": [lambda: (lambda p: p.count("Sim") / len(p) if p else 0.0),
                   lambda: (lambda p: float(np.mean([x == "Sim" for x in p])) if len(p)
                            else 0.0)],
    },
    "q6": {
        "erradas": [lambda: _resposta(trocar=True), lambda: _resposta(decisao=False),
                    lambda: {"acuracia_atual": 0.85},
                    lambda: {**_resposta(), "acuracia_nova": cap._acuracias()["acuracia_nova"]
                             + 0.01}],
        "certas": [lambda: _resposta(),
                   lambda: _resposta(arredondar=3, decisao=np.bool_(True))],
    },
}
