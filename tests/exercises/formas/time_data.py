"""Formas de resposta, erradas e certas, das questões de "Dados no tempo certo"."""

from tests.exercises.formas._comum import letras


def _divide(periodos, n_teste, gap):
    return periodos[:len(periodos) - n_teste - gap], periodos[-n_teste:]


def _ultima(chamados, instante):
    antes = [nota for data, nota in chamados if data < instante]
    return antes[-1] if antes else None


FORMAS = {
    "q1": {
        "erradas": [lambda: (lambda p, n, g: (p[:-n], p[-n:])),  # esqueceu o intervalo
                    lambda: (lambda p, n, g: (p[:len(p) - n - g], p[len(p) - n - g:])),
                    lambda: (lambda p, n, g: (p[n + g:], p[:n]))],
        "certas": [lambda: _divide,
                   lambda: (lambda p, n, g: (list(p[:len(p) - n - g]), list(p[len(p) - n:])))],
    },
    "q2": letras("d", ["a", "b", "c"]),
    "q3": {
        "erradas": [lambda: 19, lambda: 19.2, lambda: 21, lambda: 24],
        "certas": [lambda: 16, lambda: 16.0, lambda: "16"],
    },
    "q4": letras("a", ["b", "c", "d"]),
    "q5": {
        "erradas": [lambda: (lambda c, i: ([n for d, n in c if d <= i] or [None])[-1]),
                    lambda: (lambda c, i: c[-1][1] if c else None),
                    lambda: (lambda c, i: ([n for d, n in c if d > i] or [None])[0])],
        "certas": [lambda: _ultima,
                   lambda: (lambda c, i: next((n for d, n in reversed(c) if d < i), None))],
    },
}
