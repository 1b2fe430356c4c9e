"""A telemetria do serviço simulado: métricas por minuto, *logs* e incidentes injetados."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["METRICS", "INCIDENT_TYPES", "COURSE_SEED", "Telemetry", "generate_telemetry"]

METRICS = ["latencia_p50_ms", "latencia_p95_ms", "taxa_erro", "vazao_rpm"]
INCIDENT_TYPES = ["pico de latência", "surto de erros", "queda de vazão", "degradação lenta"]
COURSE_SEED = 2026
_DURACAO = {"pico de latência": (15, 30), "surto de erros": (10, 25),
            "queda de vazão": (20, 40), "degradação lenta": (150, 210)}


@dataclass
class Telemetry:
    """Telemetria gerada: métricas por minuto, *logs* e incidentes injetados."""

    metrics: pd.DataFrame  # DataFrame indexado por minuto, colunas METRICS
    logs: pd.DataFrame  # DataFrame: instante, nivel, mensagem
    incidents: pd.DataFrame  # DataFrame: tipo, inicio, fim (fim exclusivo)


def _incident_schedule(rng, n_min: int, days: int):
    """Dois incidentes por dia, em metades diferentes do dia, tipos alternados."""
    import pandas as pd

    tipos = list(rng.permutation(INCIDENT_TYPES))
    linhas = []
    for k in range(2 * days):
        tipo = tipos[k % len(tipos)]
        duracao = int(rng.integers(*_DURACAO[tipo]))
        metade = 12 * 60
        inicio = k * metade + int(rng.integers(30, metade - duracao - 30))
        linhas.append({"tipo": tipo, "inicio_min": inicio, "duracao_min": duracao})
    tabela = pd.DataFrame(linhas, columns=["tipo", "inicio_min", "duracao_min"])
    return tabela[tabela["inicio_min"] + tabela["duracao_min"] < n_min]


def generate_telemetry(days: int = 3, seed: int = COURSE_SEED, incidents: bool = True,
                       start: str = "2026-11-02") -> Telemetry:
    """Gera métricas por minuto e *logs* de um serviço, com incidentes injetados.

    Parameters
    ----------
    days : int, padrão 3
        Dias de telemetria (1440 minutos por dia).
    seed : int
        Semente: mesma semente, mesma telemetria, byte a byte.
    incidents : bool, padrão True
        ``False`` gera só o funcionamento normal (com as pequenas oscilações
        de sempre, como pausas isoladas de um minuto), útil para medir
        alarmes falsos.
    start : str
        Primeiro minuto da série.

    Examples
    --------
    >>> t = generate_telemetry(days=1, seed=1)
    >>> len(t.metrics), list(t.metrics.columns) == METRICS
    (1440, True)
    >>> sorted(t.incidents.columns)
    ['fim', 'inicio', 'tipo']
    """
    import numpy as np
    import pandas as pd

    if days < 1:
        raise MlopsLabError(f"days deve ser pelo menos 1 (recebi {days}).")
    rng = np.random.default_rng(seed)
    n = days * 24 * 60
    instantes = pd.date_range(start, periods=n, freq="min", name="instante")
    hora = np.asarray(instantes.hour + instantes.minute / 60)
    carga = 1 + 0.55 * np.sin(2 * np.pi * (hora - 10) / 24)  # pico às 16h, vale às 4h

    vazao = rng.poisson(400 * carga * rng.lognormal(0, 0.05, n)).astype(float)
    p50 = 40 + 10 * carga + rng.normal(0, 2, n)
    p95 = 110 + 40 * carga**2 + rng.gumbel(0, 6, n)
    prob_erro = np.full(n, 0.004)
    # Pausas isoladas de um minuto (coleta de lixo, por exemplo): não são incidentes.
    pausas = rng.choice(n, size=6 * days, replace=False)
    p95[pausas] *= 2.0

    agenda = _incident_schedule(rng, n, days) if incidents else _incident_schedule(rng, n, 0)
    contexto = np.full(n, "", dtype=object)
    for linha in agenda.itertuples():
        janela = slice(linha.inicio_min, linha.inicio_min + linha.duracao_min)
        contexto[janela] = linha.tipo
        if linha.tipo == "pico de latência":
            p95[janela] *= rng.uniform(2.5, 3.0)
            p50[janela] *= 1.6
        elif linha.tipo == "surto de erros":
            prob_erro[janela] = rng.uniform(0.05, 0.10)
        elif linha.tipo == "queda de vazão":
            vazao[janela] = rng.poisson(400 * carga[janela] * 0.3)
        else:  # degradação lenta: vazamento de memória até alguém reiniciar o serviço
            rampa = np.linspace(0, 1, linha.duracao_min)
            p95[janela] *= 1 + 1.5 * rampa
            p50[janela] *= 1 + 0.8 * rampa
    erros = rng.binomial(vazao.astype(int), prob_erro)
    metricas = pd.DataFrame({
        "latencia_p50_ms": p50.round(1), "latencia_p95_ms": p95.round(1),
        "taxa_erro": (erros / np.maximum(vazao, 1)).round(5), "vazao_rpm": vazao,
    }, index=instantes)
    logs = _generate_logs(rng, instantes, erros, contexto)
    tabela = pd.DataFrame({
        "tipo": agenda["tipo"].to_list(),
        "inicio": instantes[agenda["inicio_min"].to_numpy(dtype=int)],
        "fim": instantes[0] + pd.to_timedelta(agenda["inicio_min"] + agenda["duracao_min"],
                                              unit="min").to_numpy(),
    })
    return Telemetry(metricas, logs, tabela)


def _generate_logs(rng, instantes, erros, contexto):
    """Linhas de *log* coerentes com as métricas: o texto ajuda a achar a causa."""
    import numpy as np
    import pandas as pd

    linhas = []
    memoria = 0.0
    for i, instante in enumerate(instantes):
        tipo = contexto[i]
        linhas.append((instante, "INFO", "verificação de saúde ok"))
        falha = ("HTTP 503: pool de conexões do banco esgotado" if tipo == "surto de erros"
                 else "HTTP 500: tempo esgotado ao consultar o cadastro")
        linhas += [(instante, "ERROR", falha)] * min(int(erros[i]), 20)
        if tipo == "pico de latência":
            linhas += [(instante, "WARN", "consulta lenta ao banco (mais de 1 s)")] * 3
        elif rng.random() < 0.02:
            linhas.append((instante, "WARN", "consulta lenta ao banco (mais de 1 s)"))
        if tipo == "queda de vazão":
            linhas.append((instante, "WARN", "balanceador sem resposta do servidor de origem"))
        memoria = memoria + 0.6 if tipo == "degradação lenta" else 0.0
        if i % 5 == 0:
            uso = min(99, 45 + memoria + rng.normal(0, 2))
            nivel = "WARN" if uso > 70 else "INFO"
            linhas.append((instante, nivel, f"uso de memória do processo em {uso:.0f}%"))
    logs = pd.DataFrame(linhas, columns=["instante", "nivel", "mensagem"])
    logs["nivel"] = pd.Categorical(logs["nivel"], categories=["INFO", "WARN", "ERROR"])
    return logs.reset_index(drop=True).astype({"mensagem": str}).pipe(
        lambda d: d.set_axis(np.arange(len(d))))
