"""As contas do teste A/B: o efeito, o intervalo de confiança e o tamanho da amostra.

Decidir por um teste A/B é responder três perguntas, nesta ordem:

1. **Antes de começar:** quantos clientes por braço são precisos para enxergar
   o menor efeito que interessa (:func:`sample_size`)? Parar antes disso, ou
   espiar o resultado todo dia e parar quando ele parece bom, aumenta a chance
   de declarar um vencedor que não existe.
2. **No fim:** qual a diferença entre as médias do resultado nos dois braços e
   o seu intervalo de confiança (:func:`ab_effect`)?
3. **Quem estava em cada braço:** :func:`arm_outcomes` junta o diário do
   serviço (atribuições e resultados) por braço.

As fórmulas são as da aproximação normal, com :mod:`scipy.stats`.

Examples
--------
>>> sample_size(0.10, 0.02)
3841
>>> efeito = ab_effect([1] * 200 + [0] * 800, [1] * 250 + [0] * 750)
>>> efeito["difference"], efeito["ci_low"], efeito["ci_high"]
(0.05, 0.0135, 0.0865)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from mlops_lab.errors import MlopsLabError
from mlops_lab.serve.rollout_log import read_jsonl

__all__ = ["ab_effect", "arm_outcomes", "sample_size"]


def _z(p: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(p))


def sample_size(baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Clientes por braço para detectar ``mde`` numa proporção que hoje é ``baseline``.

    Teste bilateral de duas proporções, aproximação normal (a fórmula de Fleiss,
    sem correção de continuidade)::

        n = (z₁₋α/₂·√(2·p̄·(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)²

    Parameters
    ----------
    baseline : float
        A proporção no braço de controle (o campeão), como 0,10.
    mde : float
        O menor efeito que importa (*minimum detectable effect*), em pontos
        absolutos: 0,02 é passar de 10% para 12%.
    alpha : float, padrão 0.05
        Chance aceita de declarar um efeito que não existe.
    power : float, padrão 0.8
        Chance de enxergar o efeito ``mde`` quando ele existe.

    Returns
    -------
    int
        Clientes em **cada** braço, arredondado para cima.

    Examples
    --------
    >>> sample_size(0.10, 0.01) > sample_size(0.10, 0.02)  # efeito menor, amostra maior
    True
    """
    p2 = baseline + mde
    if not (0 < baseline < 1 and 0 < p2 < 1 and mde != 0):
        raise MlopsLabError(f"a proporção de controle ({baseline}) e a do candidato "
                            f"({baseline} + {mde}) devem ficar entre 0 e 1, e o efeito não "
                            "pode ser zero.")
    if not (0 < alpha < 1 and 0 < power < 1):
        raise MlopsLabError("alpha e power devem ficar entre 0 e 1 (como 0.05 e 0.8).")
    media = (baseline + p2) / 2
    numerador = (_z(1 - alpha / 2) * math.sqrt(2 * media * (1 - media))
                 + _z(power) * math.sqrt(baseline * (1 - baseline) + p2 * (1 - p2)))
    return math.ceil(round(numerador**2 / mde**2, 6))


def _mean_var(valores: Sequence[float]) -> tuple[float, float]:
    media = sum(valores) / len(valores)
    return media, sum((v - media) ** 2 for v in valores) / len(valores)


def ab_effect(control: Sequence[float], treatment: Sequence[float],
              confidence: float = 0.95) -> dict:
    """A diferença das médias (tratamento − controle), o intervalo e o valor-p.

    Serve para proporções (resultados 0 ou 1) e para valores (receita por
    cliente): erro padrão sem juntar as variâncias dos braços,
    √(s²_A/n_A + s²_B/n_B), com a variância de cada braço dividida por n
    (para 0 e 1, é a conhecida p·(1−p)/n), e intervalo normal.

    Parameters
    ----------
    control, treatment : sequência de números
        O resultado de cada cliente no braço de controle (campeão) e no de
        tratamento (candidato).
    confidence : float, padrão 0.95
        Nível do intervalo de confiança.

    Returns
    -------
    dict
        ``n_control``, ``n_treatment``, ``mean_control``, ``mean_treatment``,
        ``difference``, ``ci_low``, ``ci_high`` e ``p_value`` (bilateral),
        arredondados a 4 casas.

    Examples
    --------
    >>> ab_effect([0, 1], [1, 1])["difference"]
    0.5
    """
    if len(control) < 2 or len(treatment) < 2:
        raise MlopsLabError(f"cada braço precisa de pelo menos 2 resultados (controle: "
                            f"{len(control)}, tratamento: {len(treatment)}). Espere o teste "
                            "juntar a amostra calculada por sample_size.")
    from scipy.stats import norm

    media_a, var_a = _mean_var(control)
    media_b, var_b = _mean_var(treatment)
    diferenca = media_b - media_a
    erro = math.sqrt(var_a / len(control) + var_b / len(treatment))
    margem = _z(1 - (1 - confidence) / 2) * erro
    p = 2 * float(norm.sf(abs(diferenca) / erro)) if erro > 0 else float(diferenca == 0)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in {
        "n_control": len(control), "n_treatment": len(treatment),
        "mean_control": media_a, "mean_treatment": media_b, "difference": diferenca,
        "ci_low": diferenca - margem, "ci_high": diferenca + margem, "p_value": p}.items()}


def arm_outcomes(folder: str | Path) -> dict[str, list[float]]:
    """Os resultados observados de cada braço, do diário em ``folder``.

    Cada cliente fica no braço da sua primeira atribuição (``assignments.jsonl``);
    resultados de chaves que o teste não atendeu ficam de fora.

    Examples
    --------
    >>> import tempfile
    >>> arm_outcomes(tempfile.mkdtemp())
    {'champion': [], 'candidate': []}
    """
    braco_de: dict = {}
    for linha in read_jsonl(folder, "assignments"):
        braco_de.setdefault(linha["key"], linha["arm"])
    valores: dict[str, list[float]] = {"champion": [], "candidate": []}
    for linha in read_jsonl(folder, "outcomes"):
        if linha["key"] in braco_de:
            valores[braco_de[linha["key"]]].append(linha["value"])
    return valores
