"""Formas de resposta, erradas e certas, das questões de "Modelos em que se pode confiar"."""

from tests.exercises.formas._comum import letras


def _ece(faixas):
    from mlops_lab.exercises.trust import PROBABILIDADES, ROTULOS
    from mlops_lab.trust import expected_calibration_error

    return expected_calibration_error(ROTULOS, PROBABILIDADES, bins=faixas)


def _lacunas():
    from mlops_lab.exercises.trust import GRUPOS, PROBABILIDADES, ROTULOS
    from mlops_lab.trust import fairness_gaps

    previsto = ["Sim" if p >= 0.5 else "Não" for p in PROBABILIDADES]
    verdade = ["Sim" if y else "Não" for y in ROTULOS]
    return fairness_gaps(verdade, previsto, GRUPOS)


def _brier():
    from mlops_lab.exercises.trust import PROBABILIDADES, ROTULOS
    from mlops_lab.trust import brier_score

    return brier_score(ROTULOS, PROBABILIDADES)


FORMAS = {
    "q1": {
        "erradas": [lambda: _ece(10), _brier, lambda: 0.5, lambda: "zero"],
        "certas": [lambda: _ece(5), lambda: round(_ece(5), 3), lambda: "0,28"],
    },
    "q2": {
        "erradas": [lambda: 5.0, lambda: 0.5, lambda: 0.1, lambda: 20],
        "certas": [lambda: 0.2, lambda: 80 / 400, lambda: "0,2"],
    },
    "q3": letras("b", ["a", "c", "d"]),
    "q4": letras("b", ["a", "c", "d"]),
    "q5": {
        "erradas": [lambda: _lacunas()["demographic_parity_difference"], lambda: 1.0,
                    lambda: 0.0, lambda: 1 / 3],
        "certas": [lambda: _lacunas()["equal_opportunity_difference"], lambda: 2 / 3,
                   lambda: "0,667"],
    },
}
