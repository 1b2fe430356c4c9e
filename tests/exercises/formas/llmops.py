"""Formas de resposta, erradas e certas, das questões de "LLMOps em 2026"."""

import re

from tests.exercises.formas._comum import letras


def _fato_v2():
    from mlops_lab.llmops import PROMPT_V2, evaluate_local

    return evaluate_local(PROMPT_V2)["mentions_fact"]


def _fato_v1():
    from mlops_lab.llmops import PROMPT_V1, evaluate_local

    return evaluate_local(PROMPT_V1)["mentions_fact"]


FORMAS = {
    "q1": {
        "erradas": [lambda: 4.8, lambda: (300 * 0.002 + 1200 * 0.008) / 1000,
                    lambda: 1500 * 0.002 / 1000, lambda: "R$ 4,80"],
        "certas": [lambda: 0.0048, lambda: "0,0048", lambda: (1200 * 0.002 + 300 * 0.008) / 1000],
    },
    "q2": {
        "erradas": [lambda: (lambda t: "KB" in t), lambda: (lambda t: "[KB" in t),
                    lambda: (lambda t: bool(re.search(r"\[KB\d+\]", t, re.IGNORECASE))),
                    lambda: (lambda t: True)],
        "certas": [lambda: (lambda t: bool(re.search(r"\[KB\d{2}\]", t))),
                   lambda: (lambda t: re.search(r"\[KB[0-9][0-9]\]", t) is not None)],
    },
    "q3": letras("d", ["a", "b", "c"]),
    "q4": {
        "erradas": [_fato_v1, lambda: 0.5, lambda: _fato_v2() * 16, lambda: _fato_v2() * 100],
        "certas": [_fato_v2, lambda: 13 / 16, lambda: f"{_fato_v2():.3f}".replace(".", ",")],
    },
    "q5": letras("a", ["b", "c", "d"]),
}
