"""Formas de resposta, erradas e certas, das questões do capítulo 5."""

import numpy as np

from tests.exercises.formas._comum import letras

OFICIAIS = ["Pré-pago", "Controle", "Pós-pago"]


def _bruto():
    from mlops_lab.data import load_example

    return load_example()


FORMAS = {
    "q1": letras("c", ["a", "b", "d"]),
    "q2": letras("a", ["b", "c", "d"]),
    "q3": {
        "erradas": [lambda: (lambda v: 50.0),
                    lambda: (lambda v: sum(x is None for x in v) / len(v) if v else 0.0),
                    lambda: (lambda v: sum(x is None for x in v)),
                    lambda: (lambda v: 100 * sum(x is None for x in v) / len(v))],
        "certas": [lambda: (lambda v: 100 * sum(x is None for x in v) / len(v) if v else 0.0),
                   lambda: (lambda v: 100 * len([x for x in v if x is None]) / max(len(v), 1))],
    },
    "q4": {
        "erradas": [lambda: int((~_bruto()["plano"].isin(OFICIAIS)).sum()),
                    lambda: 430.9,
                    lambda: int(_bruto().drop_duplicates()["plano"].isin(OFICIAIS).sum()),
                    lambda: (~_bruto().drop_duplicates()["plano"].isin(OFICIAIS)).mean()],
        "certas": [lambda: (~_bruto().drop_duplicates()["plano"].isin(OFICIAIS)).sum(),
                   lambda: str(len(_bruto().drop_duplicates().query("plano not in @OFICIAIS",
                                                                    local_dict={"OFICIAIS":
                                                                                OFICIAIS})))],
    },
    "q5": letras("b", ["a", "c", "d"]),
    "q6": {
        "erradas": [lambda: 3.0, lambda: 7.0, lambda: 5.375, lambda: 21.5],
        "certas": [lambda: 4.5, lambda: "4,5", lambda: np.float64(4.5)],
    },
    "q7": letras("d", ["a", "b", "c"]),
    "q8": {
        "erradas": [lambda: (lambda m: "aprovado" if m["f1"] >= 0.5 or m["roc_auc"] >= 0.85
                             else "reprovado"),
                    lambda: (lambda m: "aprovado" if m["f1"] > 0.5 and m["roc_auc"] > 0.85
                             else "reprovado"),
                    lambda: (lambda m: "aprovado" if m["f1"] >= 0.5 else "reprovado"),
                    lambda: (lambda m: "aprovado" if m["f1"] >= 0.5 and m["roc_auc"] >= 0.84
                             else "reprovado")],
        "certas": [lambda: (lambda m: "aprovado" if m["f1"] >= 0.5 and m["roc_auc"] >= 0.85
                            else "reprovado"),
                   lambda: (lambda m: "reprovado" if min(m["f1"] - 0.5, m["roc_auc"] - 0.85) < 0
                            else "aprovado")],
    },
    "q9": {
        "erradas": [lambda: 6, lambda: 5.5, lambda: 4, lambda: "cinco"],
        "certas": [lambda: 5, lambda: 5.0, lambda: np.int64(5)],
    },
    "q10": {
        "erradas": [lambda: 0.767, lambda: 23.3, lambda: 40.0, lambda: 10.0],
        "certas": [lambda: 76.7, lambda: "76,7", lambda: 76.66],
    },
}
