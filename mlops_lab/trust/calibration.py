"""Calibração: as probabilidades do modelo se confirmam na prática?

* :func:`brier_score` e :func:`expected_calibration_error` medem a calibração;
* :func:`reliability_table` e :func:`plot_reliability_diagram` mostram-na faixa a faixa;
* :func:`calibration_metrics` é o que ``mlops-lab run`` grava em ``metrics.json``;
* :func:`calibrate` recalibra um modelo já treinado (``CalibratedClassifierCV``);
* :func:`decision_cost` e :func:`cost_threshold` escolhem o limiar pelo custo dos erros.

O erro de calibração esperado (ECE) usa :data:`ECE_BINS` faixas de largura igual em
[0, 1]: a última inclui o 1; as faixas vazias não contam.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.plot_style import styled

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from sklearn.base import ClassifierMixin

__all__ = [
    "ECE_BINS", "METHODS", "brier_score", "expected_calibration_error", "reliability_table",
    "calibration_metrics", "plot_reliability_diagram", "plot_positive_reliability", "calibrate",
    "decision_cost", "cost_threshold",
]

#: Faixas de largura igual do ECE gravado por ``mlops-lab run``: [0; 0,1), [0,1; 0,2)… [0,9; 1].
ECE_BINS = 10
#: Os métodos de calibração do ``CalibratedClassifierCV``.
METHODS = ("sigmoid", "isotonic")


def _arrays(y_true: Sequence, prob: Sequence) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    try:
        y = np.asarray(y_true, dtype=float)
        p = np.asarray(prob, dtype=float)
    except (TypeError, ValueError):
        raise MlopsLabError("Rótulos e probabilidades precisam ser números: os rótulos, 0 ou 1 "
                            "(converta a classe positiva, por exemplo com y == 'Sim').") from None
    if y.shape != p.shape or y.ndim != 1 or len(y) == 0:
        raise MlopsLabError("Rótulos e probabilidades precisam ser listas do mesmo tamanho, "
                            f"não vazias (recebido {y.shape} e {p.shape}).")
    if not np.isin(y, (0, 1)).all():
        raise MlopsLabError("Os rótulos precisam ser 0 ou 1 (ou False/True): converta a classe "
                            "positiva, por exemplo com y == 'Sim'.")
    if np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise MlopsLabError("As probabilidades precisam estar entre 0 e 1, sem valores ausentes.")
    return y, p


def brier_score(y_true: Sequence, prob: Sequence) -> float:
    """O escore de Brier: a média de (probabilidade − resultado)², de 0 (perfeito) a 1.

    Examples
    --------
    >>> brier_score([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.1])
    0.055
    """
    y, p = _arrays(y_true, prob)
    return round(float(((p - y) ** 2).mean()), 6)


def _bin_index(p: np.ndarray, bins: int) -> np.ndarray:
    import numpy as np

    if bins < 1:
        raise MlopsLabError(f"O número de faixas precisa ser pelo menos 1 (recebido {bins}).")
    return np.minimum((p * bins).astype(int), bins - 1)  # o 1,0 fica na última faixa


def reliability_table(y_true: Sequence, prob: Sequence, bins: int = ECE_BINS) -> pd.DataFrame:
    """Faixa a faixa de probabilidade: quantos casos, a probabilidade média e a fração real.

    Examples
    --------
    >>> reliability_table([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.1], bins=2).values.tolist()
    [['0,0–0,5', 2, 0.15, 0.0], ['0,5–1,0', 2, 0.75, 1.0]]
    """
    import pandas as pd

    y, p = _arrays(y_true, prob)
    faixa = _bin_index(p, bins)
    tabela = (pd.DataFrame({"faixa": faixa, "p": p, "y": y}).groupby("faixa")
              .agg(casos=("y", "size"), prevista=("p", "mean"), observada=("y", "mean"))
              .reset_index())
    nomes = [f"{i / bins:.1f}–{(i + 1) / bins:.1f}".replace(".", ",") for i in tabela["faixa"]]
    tabela["faixa"] = nomes
    return tabela.round({"prevista": 6, "observada": 6})


def expected_calibration_error(y_true: Sequence, prob: Sequence, bins: int = ECE_BINS) -> float:
    """O erro de calibração esperado (ECE): a distância média, pesada pelo número de casos,
    entre a probabilidade média de cada faixa e a fração de positivos nela.

    Examples
    --------
    Faixas [0; 0,5) e [0,5; 1]: |0,15 − 0| × 2/4 + |0,75 − 1| × 2/4 = 0,2.

    >>> expected_calibration_error([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.1], bins=2)
    0.2
    """
    tabela = reliability_table(y_true, prob, bins)
    peso = tabela["casos"] / tabela["casos"].sum()
    return round(float((peso * (tabela["prevista"] - tabela["observada"]).abs()).sum()), 6)


def _positive_proba(model: ClassifierMixin, X: pd.DataFrame, positive: str) -> np.ndarray:
    return model.predict_proba(X)[:, list(map(str, model.classes_)).index(positive)]


def calibration_metrics(model: ClassifierMixin, X: pd.DataFrame, y: pd.Series) -> dict | None:
    """Brier e ECE (da classe positiva) no teste, como ``mlops-lab run`` grava em
    ``metrics.json`` (``"calibration"``); só números, para o DVC e o MLflow.

    ``None`` em problemas com mais de duas classes (a calibração do curso é a binária).
    """
    from mlops_lab.evaluate import positive_label

    classes = list(map(str, model.classes_))
    if len(classes) != 2:
        return None
    positivo = positive_label(classes)
    prob = _positive_proba(model, X, positivo)
    alvo = (y.astype(str) == positivo).to_numpy()
    return {"brier": brier_score(alvo, prob), "ece": expected_calibration_error(alvo, prob),
            "ece_bins": ECE_BINS}


@styled
def plot_reliability_diagram(curves: Mapping[str, Sequence], y_true: Sequence,
                             bins: int = ECE_BINS, ax: Axes | None = None) -> Figure:
    """O diagrama de confiabilidade: fração observada contra probabilidade prevista, por faixa.

    ``curves`` liga o nome de cada modelo às suas probabilidades da classe positiva; os
    rótulos ``y_true`` são 0/1. Pontos na diagonal: calibração perfeita.

    Examples
    --------
    >>> fig = plot_reliability_diagram({"modelo": [0.9, 0.2, 0.6, 0.1]}, [1, 0, 1, 0], bins=2)
    >>> fig.axes[0].get_xlabel()
    'Probabilidade prevista (média da faixa)'
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 4.2))
    ax.plot([0, 1], [0, 1], ":", color="#57606a", label="Calibração perfeita")
    for nome, prob in curves.items():
        tabela = reliability_table(y_true, prob, bins)
        ece = expected_calibration_error(y_true, prob, bins)
        ax.plot(tabela["prevista"], tabela["observada"], "o-",
                label=f"{nome} (ECE {ece:.3f})".replace(".", ","))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Probabilidade prevista (média da faixa)")
    ax.set_ylabel("Fração de positivos")
    ax.set_title("Diagrama de confiabilidade")
    ax.legend(loc="upper left")
    ax.figure.tight_layout()
    return ax.figure


def plot_positive_reliability(model: ClassifierMixin, X: pd.DataFrame,
                              y: pd.Series) -> Figure | None:
    """O diagrama de confiabilidade de um modelo binário no teste (``None`` com mais classes).

    É o ``reliability_diagram.png`` que ``mlops-lab run`` e ``mlops-lab evaluate`` gravam.
    """
    from mlops_lab.evaluate import positive_label

    classes = list(map(str, model.classes_))
    if len(classes) != 2:
        return None
    positivo = positive_label(classes)
    alvo = (y.astype(str) == positivo).to_numpy()
    return plot_reliability_diagram({"Modelo": _positive_proba(model, X, positivo)}, alvo)


def calibrate(model: ClassifierMixin, X_cal: pd.DataFrame, y_cal: pd.Series,
              method: str = "sigmoid") -> ClassifierMixin:
    """Recalibra um modelo já treinado com dados que ele não viu (``X_cal``, ``y_cal``).

    O modelo fica congelado (``FrozenEstimator``): só a função de calibração é ajustada,
    sigmoide (Platt, 2 parâmetros) ou isotônica (em degraus, precisa de mais dados).
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.frozen import FrozenEstimator

    if method not in METHODS:
        raise MlopsLabError(f"Método de calibração desconhecido: {method!r}. "
                            f"Use um de: {', '.join(METHODS)}.")
    return CalibratedClassifierCV(FrozenEstimator(model), method=method).fit(X_cal, y_cal)


def decision_cost(y_true: Sequence, prob: Sequence, threshold: float, cost_contact: float = 50,
                  cost_loss: float = 500) -> float:
    """O custo das decisões com um limiar: cada contato custa ``cost_contact``; cada
    positivo não contatado, ``cost_loss`` (os valores do capítulo de modelagem).

    Examples
    --------
    >>> decision_cost([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.1], threshold=0.5)
    100.0
    """
    y, p = _arrays(y_true, prob)
    contatado = p >= threshold
    return float(cost_contact * contatado.sum() + cost_loss * ((~contatado) & (y == 1)).sum())


def cost_threshold(y_true: Sequence, prob: Sequence, cost_contact: float = 50,
                   cost_loss: float = 500, thresholds: Sequence[float] | None = None
                   ) -> tuple[float, float]:
    """O limiar de menor custo e o custo nele (no empate, o menor limiar).

    Sem ``thresholds``, testa de 0,02 a 0,60 de 0,02 em 0,02, como o capítulo de modelagem.
    Com probabilidades calibradas, o ótimo fica perto de ``cost_contact / cost_loss``.

    Examples
    --------
    >>> cost_threshold([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.1])
    (0.22, 100.0)
    """
    import numpy as np

    grade = (np.round(np.arange(0.02, 0.62, 0.02), 2) if thresholds is None
             else np.asarray(thresholds, dtype=float))
    custos = [decision_cost(y_true, prob, t, cost_contact, cost_loss) for t in grade]
    melhor = int(np.argmin(custos))
    return round(float(grade[melhor]), 6), custos[melhor]
