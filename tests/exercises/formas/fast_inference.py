"""Formas de resposta, erradas e certas, das questões de "Inferência rápida"."""

from tests.exercises.formas._comum import letras


def _compilado():
    from mlops_lab.exercises.fast_inference import _modelo_e_esquema
    from mlops_lab.fast_predict import compile_model

    return compile_model(*_modelo_e_esquema())


def _one_hot(valor, categorias):
    linha = [0.0] * len(categorias)
    if valor in categorias:
        linha[categorias.index(valor)] = 1.0
    return linha


FORMAS = {
    "q1": {
        "erradas": [lambda: 0.3, lambda: 1.2, lambda: 11.0, lambda: 11.0 / 1.3],
        "certas": [lambda: 1.3, lambda: "1,3", lambda: 1.0 + 0.1 + 0.2],
    },
    "q2": {
        "erradas": [lambda: (lambda v, c: [1.0] * len(c)),
                    lambda: (lambda v, c: [float(c.index(v))] if v in c else []),
                    lambda: (lambda v, c: [1.0 if x == v else 0.0 for x in c]
                             if v in c else [1.0] + [0.0] * (len(c) - 1)),
                    lambda: (lambda v, c: c.index(v))],
        "certas": [lambda: _one_hot,
                   lambda: (lambda v, c: [float(x == v) for x in c]),
                   lambda: (lambda v, c: [1 if x == v else 0 for x in c])],
    },
    "q3": {
        "erradas": [lambda: (lambda x, m, mu, s: (x - mu) / s),
                    lambda: (lambda x, m, mu, s: m if x is None else (x - mu) / s),
                    lambda: (lambda x, m, mu, s: ((m if x is None else x) - m) / s),
                    lambda: (lambda x, m, mu, s: ((0.0 if x is None else x) - mu) / s)],
        "certas": [lambda: (lambda x, m, mu, s: ((m if x is None else x) - mu) / s),
                   lambda: (lambda x, m, mu, s: (x - mu) / s if x is not None
                            else (m - mu) / s)],
    },
    "q4": {
        "erradas": [lambda: 14, lambda: 16, lambda: _compilado().features.width - 1,
                    lambda: "muitos"],
        "certas": [lambda: _compilado().features.width,
                   lambda: str(_compilado().features.width),
                   lambda: float(_compilado().features.width)],
    },
    "q5": letras("c", ["a", "b", "d"]),
}
