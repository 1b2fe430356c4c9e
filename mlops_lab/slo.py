"""SLIs, SLOs, orçamento de erro e alertas por taxa de queima (*burn rate*).

Um **SLI** é uma razão medida (requisições boas / todas); o **SLO** é a meta
dessa razão num período (99,9% em 30 dias); o **orçamento de erro** é o que sobra
(0,1% das requisições podem falhar). A **taxa de queima** diz a que velocidade o
orçamento está sendo gasto: 1 gasta o orçamento exatamente no fim do período,
14,4 o gasta em pouco mais de dois dias.

Os alertas seguem o padrão de várias janelas e várias taxas do *SRE Workbook*
(Google): um alerta dispara quando a janela longa **e** a curta passam do
limiar; a longa prova que o gasto é relevante, a curta, que ainda está
acontecendo (o alerta para logo depois que o problema acaba).

As regras do Prometheus do serviço (``deploy/prometheus/rules.yml``) saem de
:func:`prometheus_rules`: mudou uma meta aqui, gere o arquivo de novo com
``python -m mlops_lab.slo deploy/prometheus/rules.yml`` (um teste confere).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ALERT_WINDOWS", "SLOS", "SLO", "burn_rate", "error_budget", "prometheus_rules",
           "rules_yaml"]

_REQ = 'mlops_lab_http_requests_total{route="/predict"}'
_ERR = 'mlops_lab_http_requests_total{route="/predict",status=~"5.."}'
_LAT = "mlops_lab_http_request_duration_seconds"


@dataclass(frozen=True)
class SLO:
    """Uma meta: nome, objetivo (fração boa) e as expressões PromQL das requisições ruins e
    de todas (``{w}`` é a janela)."""

    name: str
    objective: float
    bad: str
    total: str
    description: str


SLOS = (
    SLO("disponibilidade", 0.999, f"sum(rate({_ERR}[{{w}}]))", f"sum(rate({_REQ}[{{w}}]))",
        "previsões sem erro do servidor (5xx)"),
    SLO("latencia", 0.99,
        f'sum(rate({_LAT}_count{{route="/predict"}}[{{w}}])) - '
        f'sum(rate({_LAT}_bucket{{route="/predict",le="0.25"}}[{{w}}]))',
        f'sum(rate({_LAT}_count{{route="/predict"}}[{{w}}]))',
        "previsões respondidas em até 0,25 s"),
)
# (gravidade, janela longa, janela curta, fração do orçamento de 30 dias gasta na longa)
ALERT_WINDOWS = (
    ("page", "1h", "5m", 0.02),
    ("page", "6h", "30m", 0.05),
    ("ticket", "1d", "2h", 0.10),
    ("ticket", "3d", "6h", 0.10),
)
_HORAS = {"m": 1 / 60, "h": 1, "d": 24}


def _hours(janela: str) -> float:
    return float(janela[:-1]) * _HORAS[janela[-1]]


def burn_rate(budget_fraction: float, window: str, period_days: int = 30) -> float:
    """A taxa de queima que gasta ``budget_fraction`` do orçamento na janela ``window``.

    Examples
    --------
    >>> round(burn_rate(0.02, "1h"), 1), round(burn_rate(0.05, "6h"), 1)
    (14.4, 6.0)
    """
    return budget_fraction * period_days * 24 / _hours(window)


def error_budget(objective: float, period_days: int = 30, requests_per_day: int = 0) -> dict:
    """O orçamento de erro de um SLO: fração, minutos e requisições que podem falhar.

    Examples
    --------
    >>> b = error_budget(0.999, 30, requests_per_day=100_000)
    >>> round(b["fraction"], 4), round(b["minutes"], 1), b["requests"]
    (0.001, 43.2, 3000)
    """
    fracao = round(1 - objective, 10)
    return {"fraction": fracao, "minutes": fracao * period_days * 24 * 60,
            "requests": round(fracao * requests_per_day * period_days),
            "hours_to_exhaust_at_14_4": period_days * 24 / burn_rate(0.02, "1h", period_days)}


def _record(slo: SLO, janela: str) -> str:
    return f"slo:mlops_lab_{slo.name}_errors:ratio_rate{janela}"


def _alert(slo: SLO, gravidade: str) -> dict:
    condicoes = []
    for g, longa, curta, fracao in ALERT_WINDOWS:
        if g == gravidade:
            limite = round(burn_rate(fracao, longa) * (1 - slo.objective), 6)
            condicoes.append(f"({_record(slo, longa)} > {limite} and "
                             f"{_record(slo, curta)} > {limite})")
    return {
        "alert": f"MlopsLab{slo.name.capitalize()}BurnRate{gravidade.capitalize()}",
        "expr": " or ".join(condicoes),
        "for": "2m" if gravidade == "page" else "15m",
        "labels": {"severity": gravidade, "slo": slo.name},
        "annotations": {"summary": f"meta de {slo.objective:.1%} de {slo.description} em 30 dias: "
                                   "o orçamento de erro está sendo gasto depressa demais"
                                   .replace(".", ",", 1)},
    }


def prometheus_rules() -> dict:
    """As regras do Prometheus: razões de erro gravadas por janela e os alertas.

    Examples
    --------
    >>> regras = prometheus_rules()
    >>> [g["name"] for g in regras["groups"]]
    ['mlops-lab-slo-registros', 'mlops-lab-slo-alertas']
    """
    janelas = sorted({j for _, longa, curta, _ in ALERT_WINDOWS for j in (longa, curta)},
                     key=_hours)
    gravados = [{"record": _record(slo, j),
                 "expr": f"({slo.bad.replace('{w}', j)}) / ({slo.total.replace('{w}', j)})"}
                for slo in SLOS for j in janelas]
    alertas = [_alert(slo, g) for slo in SLOS for g in ("page", "ticket")]
    return {"groups": [{"name": "mlops-lab-slo-registros", "rules": gravados},
                       {"name": "mlops-lab-slo-alertas", "rules": alertas}]}


def rules_yaml() -> str:
    """O texto de ``deploy/prometheus/rules.yml``."""
    import yaml

    cabecalho = ("# Gerado por mlops_lab.slo: python -m mlops_lab.slo deploy/prometheus/rules.yml\n"
                 "# Não edite à mão: mude as metas em mlops_lab/slo.py.\n")
    return cabecalho + yaml.safe_dump(prometheus_rules(), sort_keys=False, allow_unicode=True,
                                      width=100)


if __name__ == "__main__":  # pragma: no cover - python -m mlops_lab.slo ARQUIVO
    from mlops_lab._fs import write_text

    write_text(Path(sys.argv[1]), rules_yaml())
