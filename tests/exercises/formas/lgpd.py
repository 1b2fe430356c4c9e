"""Formas de resposta, erradas e certas, das questões de "Dados pessoais e a LGPD"."""

import hashlib
import math

from tests.exercises.formas._comum import letras


def _pseudonimo():
    from mlops_lab.exercises.lgpd import CHAVE_EXERCICIO
    from mlops_lab.lgpd import pseudonym

    return pseudonym("CLI-000007", CHAVE_EXERCICIO)


def _certa(pseudonimo, linhagens):
    return sorted(v for v, r in linhagens.items() if pseudonimo in r["train"])


FORMAS = {
    "q1": {
        "erradas": [lambda: "CLI-000007", lambda: hashlib.sha256(b"CLI-000007").hexdigest(),
                    lambda: hashlib.sha256(b"CLI-000007").hexdigest()[:32],
                    lambda: _pseudonimo()[:16], lambda: 7],
        "certas": [_pseudonimo, lambda: _pseudonimo().upper(), lambda: f" {_pseudonimo()} "],
    },
    "q2": letras("b", ["a", "c", "d"]),
    "q3": {
        "erradas": [lambda: (lambda p, ls: sorted(v for v, r in ls.items()
                                                  if p in r["train"] + r["test"])),
                    lambda: (lambda p, ls: [v for v, r in ls.items() if p in r["train"]]),
                    lambda: (lambda p, ls: list(ls)),
                    lambda: (lambda p, ls: sorted(v for v, r in ls.items() if p in r["test"]))],
        "certas": [lambda: _certa,
                   lambda: (lambda p, ls: sorted({v for v in ls if p in set(ls[v]["train"])}))],
    },
    "q4": letras("c", ["a", "b", "d"]),
    "q5": {
        "erradas": [lambda: -4800 * math.log(0.01) / math.log(2) ** 2 / 8,
                    lambda: -4800 * math.log10(0.01) / math.log(2) ** 2,
                    lambda: -4800 * math.log(0.01) / math.log(2), lambda: 4800],
        "certas": [lambda: -4800 * math.log(0.01) / math.log(2) ** 2, lambda: 46008,
                   lambda: "46008,28", lambda: math.ceil(-4800 * math.log(0.01)
                                                          / math.log(2) ** 2)],
    },
}
