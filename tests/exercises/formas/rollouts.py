"""Formas de resposta, erradas e certas, das questões de "Lançando um modelo novo com segurança"."""

from tests.exercises.formas._comum import letras


def _no_candidato(fracao=0.2):
    from mlops_lab.serve.rollout import bucket

    return sum(bucket(f"CLI-{i:06d}", "canary") < fracao for i in range(1000))


def _amostra(baseline, mde):
    from mlops_lab.serve.ab_stats import sample_size

    return sample_size(baseline, mde)


def _efeito():
    from mlops_lab.exercises.rollouts import CONTROLE, TRATAMENTO
    from mlops_lab.serve.ab_stats import ab_effect

    return ab_effect(CONTROLE, TRATAMENTO)


FORMAS = {
    "q1": {
        "erradas": [lambda: 200, lambda: 1000 - _no_candidato(), lambda: _no_candidato(0.1),
                    lambda: 0.2],
        "certas": [lambda: _no_candidato(), lambda: str(_no_candidato()),
                   lambda: float(_no_candidato())],
    },
    "q2": letras("c", ["a", "b", "d"]),
    "q3": {
        "erradas": [lambda: (lambda e, c, lim, m: c > 0 and e / c > lim),
                    lambda: (lambda e, c, lim, m: c >= m and e / c >= lim),
                    lambda: (lambda e, c, lim, m: e > 0),
                    lambda: (lambda e, c, lim, m: c >= m)],
        "certas": [lambda: (lambda e, c, lim, m: c >= m and e / c > lim),
                   lambda: (lambda e, c, lim, m: False if c < m else e > lim * c)],
    },
    "q4": {
        "erradas": [lambda: 2 * _amostra(0.70, 0.03), lambda: _amostra(0.70, 0.20),
                    lambda: _amostra(0.03, 0.70), lambda: 385],
        "certas": [lambda: _amostra(0.70, 0.03), lambda: str(_amostra(0.70, 0.03)),
                   lambda: float(_amostra(0.70, 0.03))],
    },
    "q5": {
        "erradas": [lambda: _efeito()["difference"], lambda: _efeito()["ci_high"],
                    lambda: -_efeito()["ci_high"], lambda: 0],
        "certas": [lambda: _efeito()["ci_low"], lambda: round(_efeito()["ci_low"], 3),
                   lambda: str(_efeito()["ci_low"]).replace(".", ",")],
    },
}
