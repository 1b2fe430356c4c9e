"""Tudo de uma vez (:func:`run_aiops`, o comando ``mlops-lab aiops``): gráfico e arquivos."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.aiops.detection import SeasonalBaseline, alerts, detect
from mlops_lab.aiops.scoring import evaluate_alerts, probable_cause
from mlops_lab.aiops.telemetry import COURSE_SEED, METRICS, Telemetry, generate_telemetry
from mlops_lab.errors import MlopsLabError
from mlops_lab.plot_style import styled

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["run_aiops", "plot_telemetry", "format_report", "write_outputs", "OUTPUT_FILES"]


def run_aiops(days: int = 3, seed: int = COURSE_SEED, history_days: int = 7,
              method: str = "seasonal") -> dict:
    """Gera histórico e telemetria nova, detecta, alerta e avalia.

    O histórico (``history_days`` dias, com os seus próprios incidentes, não
    rotulados) serve para ajustar a linha de base; a avaliação é feita nos
    ``days`` dias seguintes, com outra semente.

    Returns
    -------
    dict com ``telemetry``, ``anomalous``, ``alerts`` (com a causa provável
    tirada dos *logs*), ``zscores`` (desvios robustos de cada métrica) e
    ``score`` (saída de :func:`evaluate_alerts`).
    """
    import pandas as pd

    if history_days < 1:
        raise MlopsLabError(f"history_days deve ser pelo menos 1 (recebi {history_days}).")
    historico = generate_telemetry(history_days, seed=seed + 1, start="2026-10-26")
    novo = generate_telemetry(days, seed=seed,
                              start=str(historico.metrics.index[-1] + pd.Timedelta("1min")))
    base = SeasonalBaseline().fit(historico.metrics)
    anomalo = detect(novo.metrics, base, method=method)
    lista = alerts(anomalo)
    lista["causa_provavel"] = [probable_cause(novo.logs, a.inicio, a.fim)
                               for a in lista.itertuples()]
    return {"telemetry": novo, "anomalous": anomalo, "alerts": lista,
            "zscores": base.zscores(novo.metrics),
            "score": evaluate_alerts(lista, novo.incidents)}


@styled
def plot_telemetry(telemetry: Telemetry, anomalous: pd.Series | None = None,
                   alertas: pd.DataFrame | None = None, zscores: pd.DataFrame | None = None,
                   threshold: float = 6.0) -> Figure:
    """Desenha as quatro métricas com os incidentes (faixas) e os alertas (linhas).

    Com ``zscores`` (de :meth:`SeasonalBaseline.zscores`), cada minuto anômalo
    só é marcado nas métricas que passaram de ``threshold``: dá para ver qual
    métrica denunciou o problema.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    titulos = {"latencia_p50_ms": "Latência p50 (ms)", "latencia_p95_ms": "Latência p95 (ms)",
               "taxa_erro": "Taxa de erro", "vazao_rpm": "Vazão (requisições/min)"}
    fig, eixos = plt.subplots(len(METRICS), 1, figsize=(9, 7.5), sharex=True)
    m = telemetry.metrics
    for ax, coluna in zip(eixos, METRICS):
        ax.plot(m.index, m[coluna], color="#555555", linewidth=0.5)
        for inc in telemetry.incidents.itertuples():
            ax.axvspan(inc.inicio, inc.fim, color="#E69F00", alpha=0.35, linewidth=0)
        if anomalous is not None:
            marcar = anomalous if zscores is None else anomalous & (zscores[coluna] > threshold)
            ax.scatter(m.index[marcar.to_numpy()], m.loc[marcar, coluna], s=4,
                       color="#D55E00", zorder=3)
        if alertas is not None:
            for al in alertas.itertuples():
                ax.axvline(al.inicio, color="#0072B2", linewidth=1, linestyle="--")
        ax.set_title(titulos[coluna], fontsize=12, loc="left")
        ax.grid(alpha=0.3)
    eixos[-1].xaxis.set_major_formatter(mdates.DateFormatter("%d/%m %Hh"))
    fig.suptitle("Telemetria: faixas laranja = incidentes injetados;\npontos vermelhos = "
                 "minutos anômalos; tracejado azul = alerta aberto", fontsize=12)
    fig.tight_layout()
    return fig


def format_report(resultado: dict) -> str:
    """Relatório em texto do :func:`run_aiops`, para a linha de comando."""
    placar = resultado["score"]
    inc = placar["per_incident"].copy()
    inc["atraso_min"] = inc["atraso_min"].astype(object).where(inc["detectado"], "-")
    al = resultado["alerts"]
    linhas = [
        f"Incidentes injetados: {placar['incidents']}; detectados: {placar['detected']}",
        f"Alertas: {placar['alerts']} ({placar['false_alerts']} falsos)",
        f"Precisão: {placar['precision']:.2f}  Revocação: {placar['recall']:.2f}  "
        f"Atraso médio: {placar['mean_delay_min'] or 0:.1f} min",
        "", "Incidentes:", inc.to_string(index=False),
        "", "Alertas:", al.to_string(index=False) if len(al) else "(nenhum)",
    ]
    return "\n".join(linhas)


def write_outputs(resultado: dict, out: str | Path) -> Path:
    """Grava a telemetria e os alertas de :func:`run_aiops` na pasta ``out``.

    Arquivos: ``metrics.csv``, ``logs.csv``, ``incidents.csv`` e ``alerts.csv``
    (o que ``mlops-lab aiops --out`` grava). Devolve a pasta.
    """
    out = Path(out)
    _write_outputs(resultado, out)
    return out


#: O que ``mlops-lab aiops --out`` grava: uma pasta com só estes arquivos pode ser trocada.
OUTPUT_FILES = ("metrics.csv", "logs.csv", "incidents.csv", "alerts.csv")


def _write_outputs(resultado: dict, out: Path) -> None:
    """Grava telemetria, incidentes e alertas em ``out``, trocando a pasta inteira no fim."""
    from mlops_lab import _fs

    _fs.check_out(out, known=OUTPUT_FILES)
    t = resultado["telemetry"]
    with _fs.staged_dir(out) as tmp:
        t.metrics.to_csv(tmp / "metrics.csv")
        t.logs.to_csv(tmp / "logs.csv", index=False)
        t.incidents.to_csv(tmp / "incidents.csv", index=False)
        resultado["alerts"].to_csv(tmp / "alerts.csv", index=False)
