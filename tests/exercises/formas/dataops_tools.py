"""Formas de resposta, erradas e certas, das questões do capítulo 8."""

import numpy as np

from tests.exercises.formas._comum import letras


def _valor():
    from mlops_lab.data import load_example

    return load_example()["valor_mensal"]


FORMAS = {
    "q1": letras("c", ["a", "b", "d"]),
    "q2": {
        "erradas": [lambda: (lambda v, lo, hi: sum(1 for x in v if x is None or not lo <= x <= hi)),
                    lambda: (lambda v, lo, hi: sum(1 for x in v
                                                   if x is not None and not lo < x < hi)),
                    lambda: (lambda v, lo, hi: sum(1 for x in v if x is not None and x < lo)),
                    lambda: (lambda v, lo, hi: len(v))],
        "certas": [lambda: (lambda v, lo, hi: sum(1 for x in v
                                                  if x is not None and not lo <= x <= hi)),
                   lambda: (lambda v, lo, hi: len([x for x in v if x is not None
                                                   and (x < lo or x > hi)]))],
    },
    "q3": {
        "erradas": [lambda: int((~_valor().between(20, 200)).sum()),
                    lambda: int((~_valor().dropna().between(1, 1000)).sum()),
                    lambda: 55.5,
                    lambda: int(_valor().dropna().between(20, 200).sum())],
        "certas": [lambda: (~_valor().dropna().between(20, 200)).sum(),
                   lambda: str(int(((_valor() < 20) | (_valor() > 200)).sum()))],
    },
    "q4": {
        "erradas": [lambda: (lambda p, c: next((n for n, e in c.items() if set(p) <= set(e)),
                                               "nenhum")),
                    lambda: (lambda p, c: min((n for n, e in c.items() if set(p) & set(e)),
                                              default="nenhum")),
                    lambda: (lambda p, c: min((n for n, e in c.items() if set(p) <= set(e)),
                                              default="")),
                    lambda: (lambda p, c: max((n for n, e in c.items() if set(p) <= set(e)),
                                              default="nenhum"))],
        "certas": [lambda: (lambda p, c: min((n for n, e in c.items() if set(p) <= set(e)),
                                             default="nenhum")),
                   lambda: (lambda p, c: ([n for n in sorted(c) if all(t in c[n] for t in p)]
                                          or ["nenhum"])[0])],
    },
    "q5": {
        "erradas": [lambda: (lambda t, b: b * 2 ** t), lambda: (lambda t, b: b * t),
                    lambda: (lambda t, b: 2 ** (t - 1)), lambda: (lambda t, b: b + 2 ** (t - 1))],
        "certas": [lambda: (lambda t, b: b * 2 ** (t - 1)),
                   lambda: (lambda t, b: b * pow(2, t - 1))],
    },
    "q6": {
        "erradas": [lambda: 7, lambda: 5, lambda: 2.5, lambda: "duas"],
        "certas": [lambda: 2, lambda: "2", lambda: np.int64(2)],
    },
    "q7": letras("d", ["a", "b", "c"]),
    "q8": {
        "erradas": [lambda: {"publicar": True, "colunas": ["idade"]},
                    lambda: {"publicar": False, "colunas": ["cancelou"]},
                    lambda: {},
                    lambda: {"publicar": False, "colunas": "idade"}],
        "certas": [lambda: {"publicar": False, "colunas": ["idade"]},
                   lambda: {"publicar": np.bool_(False), "colunas": ("idade",)},
                   lambda: {"publicar": False, "colunas": {"idade"}}],
    },
}
