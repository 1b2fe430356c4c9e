"""Formas de resposta, erradas e certas, das questões do capítulo 7."""

from graphlib import TopologicalSorter

from tests.exercises.formas._comum import letras


def _execucoes(sementes=("11", "11"), algoritmos=("logistic_regression", "knn"),
               f1=(0.6, 0.48)):
    import pandas as pd

    return pd.DataFrame({"run_id": [f"r{i}" for i in range(len(algoritmos))],
                         "params.algorithm": list(algoritmos),
                         "params.seed": list(sementes),
                         "metrics.test_f1": list(f1),
                         "metrics.test_roc_auc": [0.88, 0.84, 0.84][:len(algoritmos)]})


def _kahn(etapas):
    """Outra ordem válida: a cada passo, a etapa pronta de nome maior."""
    pendentes = {e: set(d) for e, d in etapas.items()}
    for deps in etapas.values():
        for d in deps:
            pendentes.setdefault(d, set())
    ordem = []
    while pendentes:
        prontas = sorted(e for e, d in pendentes.items() if not d)
        escolhida = prontas[-1]
        ordem.append(escolhida)
        del pendentes[escolhida]
        for d in pendentes.values():
            d.discard(escolhida)
    return tuple(ordem)


FORMAS = {
    "q1": letras("d", ["a", "b", "c"]),
    "q2": letras("b", ["a", "c", "d"]),
    "q3": {
        "erradas": [lambda: (lambda etapas: list(etapas)),
                    lambda: (lambda etapas: list(TopologicalSorter(etapas).static_order())[::-1]),
                    lambda: (lambda etapas: set(TopologicalSorter(etapas).static_order())),
                    lambda: (lambda etapas: sorted(etapas))],
        "certas": [lambda: (lambda etapas: list(TopologicalSorter(etapas).static_order())),
                   lambda: _kahn],
    },
    "q4": {
        "erradas": [lambda: _execucoes(sementes=("42", "42")),
                    lambda: _execucoes(sementes=("11",) * 3,
                                       algoritmos=("logistic_regression", "knn", "knn"),
                                       f1=(0.6, 0.48, 0.48)),
                    lambda: __import__("pandas").DataFrame(),
                    lambda: _execucoes(f1=(0.5, 0.5)),
                    lambda: [1, 2]],
        "certas": [lambda: _execucoes(),
                   lambda: _execucoes(sementes=(11, 11), algoritmos=("knn",
                                                                     "logistic_regression"),
                                      f1=(0.48, 0.6)).assign(**{"tags.extra": "x"})],
    },
    "q5": {
        "erradas": [lambda: "run-03", lambda: "run-02", lambda: "campeao", lambda: 1],
        "certas": [lambda: "run-01", lambda: " RUN-01 "],
    },
    "q6": letras("c", ["a", "b", "d"]),
}
