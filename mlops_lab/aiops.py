"""AIOps: detecção de anomalias na telemetria de um serviço, com alertas.

O módulo tem as três peças de um exercício de AIOps completo:

1. :func:`generate_telemetry` gera, com semente fixa, métricas por minuto de
   um serviço web (latência p50 e p95, taxa de erro e vazão, com ciclo diário
   e ruído) e as linhas de *log* correspondentes, com **incidentes
   injetados** e rotulados: pico de latência, surto de erros, queda de vazão
   e degradação lenta;
2. :class:`SeasonalBaseline` aprende o "normal para aquela hora do dia"
   (mediana e MAD por faixa de horário, estatísticas robustas) e
   :func:`detect` marca os minutos anômalos, pela linha de base sozinha ou
   por uma ``IsolationForest`` sobre os desvios; :func:`alerts` junta minutos
   anômalos em alertas (3 de 5 minutos seguidos, como um alarme de verdade);
3. :func:`evaluate_alerts` compara os alertas com os incidentes injetados:
   precisão e revocação **por incidente** e o atraso até a detecção.

A função :func:`run_aiops` faz tudo isso de uma vez; é o que o comando
``mlops-lab aiops`` executa.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.plot_style import styled

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "METRICS", "INCIDENT_TYPES", "COURSE_SEED", "Telemetry", "generate_telemetry",
    "SeasonalBaseline", "detect", "alerts", "evaluate_alerts", "probable_cause", "run_aiops",
    "plot_telemetry", "format_report", "write_outputs", "OUTPUT_FILES",
]

METRICS = ["latencia_p50_ms", "latencia_p95_ms", "taxa_erro", "vazao_rpm"]
INCIDENT_TYPES = ["pico de latência", "surto de erros", "queda de vazão", "degradação lenta"]
COURSE_SEED = 2026
# Direção ruim de cada métrica: latência e erros para cima, vazão para baixo.
_SINAL = {"latencia_p50_ms": 1, "latencia_p95_ms": 1, "taxa_erro": 1, "vazao_rpm": -1}
_DURACAO = {"pico de latência": (15, 30), "surto de erros": (10, 25),
            "queda de vazão": (20, 40), "degradação lenta": (150, 210)}


@dataclass
class Telemetry:
    """Telemetria gerada: métricas por minuto, *logs* e incidentes injetados."""

    metrics: object  # DataFrame indexado por minuto, colunas METRICS
    logs: object  # DataFrame: instante, nivel, mensagem
    incidents: object  # DataFrame: tipo, inicio, fim (fim exclusivo)


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


class SeasonalBaseline:
    """Linha de base sazonal robusta: mediana e MAD por faixa de horário.

    Cada minuto é comparado com o normal **daquela faixa do dia** (por
    padrão, blocos de 30 minutos): 300 requisições por minuto são normais de
    madrugada e alarmantes às 16h. Mediana e MAD (desvio absoluto mediano)
    quase não se alteram com os incidentes que o histórico contém, ao
    contrário de média e desvio-padrão.

    Parameters
    ----------
    slot_minutes : int, padrão 30
        Tamanho de cada faixa de horário, em minutos (divisor de 1440).

    Examples
    --------
    >>> historico = generate_telemetry(days=2, seed=1).metrics
    >>> base = SeasonalBaseline().fit(historico)
    >>> base.zscores(historico).shape
    (2880, 4)
    """

    def __init__(self, slot_minutes: int = 30):
        if slot_minutes < 1 or 1440 % slot_minutes:
            raise MlopsLabError(
                f"slot_minutes={slot_minutes} não divide o dia em faixas iguais; use um "
                "divisor de 1440, como 15, 30 ou 60.")
        self.slot_minutes = slot_minutes

    def _slots(self, index):
        return (index.hour * 60 + index.minute) // self.slot_minutes

    def fit(self, metrics: pd.DataFrame) -> SeasonalBaseline:
        """Aprende mediana e MAD de cada métrica em cada faixa de horário."""
        _check_metrics(metrics)
        grupos = metrics[METRICS].groupby(self._slots(metrics.index))
        self.median_ = grupos.median()
        desvio = (metrics[METRICS] - self.median_.loc[self._slots(metrics.index)].to_numpy())
        mad = desvio.abs().groupby(self._slots(metrics.index)).median() * 1.4826
        # Piso: nenhuma faixa fica com escala menor que a típica do dia, senão uma
        # faixa quase constante (poucos erros de madrugada) transforma ruído em alarme.
        self.scale_ = mad.clip(lower=mad.median(), axis=1)
        self.train_z_ = self.zscores(metrics)
        return self

    def zscores(self, metrics: pd.DataFrame) -> pd.DataFrame:
        """Desvio robusto de cada minuto, já no sentido "ruim" (positivo = pior)."""
        import pandas as pd

        _check_metrics(metrics)
        slots = self._slots(metrics.index)
        z = (metrics[METRICS] - self.median_.loc[slots].to_numpy()) / self.scale_.loc[
            slots].to_numpy()
        return pd.DataFrame({m: z[m] * _SINAL[m] for m in METRICS}, index=metrics.index)


def _check_metrics(metrics) -> None:
    import pandas as pd

    faltam = [m for m in METRICS if m not in metrics.columns]
    if faltam:
        raise MlopsLabError(f"faltam as colunas de métricas {faltam}; a telemetria precisa de "
                            f"{METRICS}.")
    if not isinstance(metrics.index, pd.DatetimeIndex):
        raise MlopsLabError("as métricas precisam de um índice de data e hora (um minuto por "
                            "linha), como o de generate_telemetry().")


def detect(metrics: pd.DataFrame, baseline: SeasonalBaseline, method: str = "seasonal",
           threshold: float = 6.0, contamination: float = 0.02, seed: int = 42) -> pd.Series:
    """Marca os minutos anômalos.

    Parameters
    ----------
    metrics : DataFrame
        Telemetria a vigiar (colunas :data:`METRICS`, índice por minuto).
    baseline : SeasonalBaseline
        Linha de base já ajustada num histórico.
    method : {"seasonal", "isolation_forest"}
        ``"seasonal"``: anômalo se alguma métrica se afasta mais de
        ``threshold`` MADs do normal da faixa, no sentido ruim.
        ``"isolation_forest"``: uma ``IsolationForest`` treinada nos desvios
        do histórico (o mesmo em que a linha de base foi ajustada) marca os
        minutos mais fáceis de isolar.
    threshold : float
        Limite do método sazonal, em MADs.
    contamination : float
        Fração esperada de minutos anômalos (método ``isolation_forest``).
    seed : int
        Semente da ``IsolationForest``.

    Returns
    -------
    Series de bool, indexada por minuto.

    Examples
    --------
    >>> t = generate_telemetry(days=2, seed=1)
    >>> base = SeasonalBaseline().fit(t.metrics)
    >>> detect(t.metrics, base).dtype
    dtype('bool')
    """
    import pandas as pd

    z = baseline.zscores(metrics)
    if method == "seasonal":
        return (z.max(axis=1) > threshold).rename("anomalia")
    if method == "isolation_forest":
        from sklearn.ensemble import IsolationForest

        floresta = IsolationForest(n_estimators=100, contamination=contamination,
                                   random_state=seed)
        # Treina nos desvios do histórico; só o sentido ruim interessa (melhora
        # súbita não é incidente).
        floresta.fit(baseline.train_z_.clip(lower=0))
        marcados = floresta.predict(z.clip(lower=0)) == -1
        return pd.Series(marcados, index=metrics.index, name="anomalia")
    raise MlopsLabError(f"método '{method}' desconhecido; use 'seasonal' ou "
                        "'isolation_forest'.")


def alerts(anomalous: pd.Series, confirm: int = 3, window: int = 5,
           merge_gap: int = 10) -> pd.DataFrame:
    """Junta minutos anômalos em alertas, como um sistema de alarme faria.

    Um alerta **abre** no minuto em que ``confirm`` dos últimos ``window``
    minutos são anômalos (um minuto estranho isolado não acorda ninguém) e
    alertas separados por até ``merge_gap`` minutos viram um só.

    Returns
    -------
    DataFrame com ``inicio`` e ``fim`` (fim exclusivo) de cada alerta.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2026-01-01", periods=12, freq="min")
    >>> marcas = pd.Series([0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0], index=idx).astype(bool)
    >>> alerts(marcas)["inicio"].dt.strftime("%H:%M").tolist()
    ['00:07']
    """
    import pandas as pd

    disparado = anomalous.astype(int).rolling(window, min_periods=1).sum() >= confirm
    inicios, fins = [], []
    for instante in anomalous.index[disparado.to_numpy()]:
        if fins and instante - fins[-1] <= pd.Timedelta(minutes=merge_gap):
            fins[-1] = instante + pd.Timedelta(minutes=1)
        else:
            inicios.append(instante)
            fins.append(instante + pd.Timedelta(minutes=1))
    return pd.DataFrame({"inicio": pd.to_datetime(pd.Series(inicios, dtype="datetime64[ns]")),
                         "fim": pd.to_datetime(pd.Series(fins, dtype="datetime64[ns]"))})


def evaluate_alerts(alertas: pd.DataFrame, incidentes: pd.DataFrame, grace: int = 15) -> dict:
    """Placar por incidente: precisão, revocação e atraso até a detecção.

    Um incidente é **detectado** se algum alerta abre entre o seu início e
    ``grace`` minutos depois do seu fim; um alerta é **verdadeiro** se abre
    dentro de algum incidente (com a mesma folga). A precisão é a fração de
    alertas verdadeiros; a revocação, a fração de incidentes detectados.

    Returns
    -------
    dict
        ``incidents``, ``detected``, ``alerts``, ``false_alerts``, ``precision``,
        ``recall``, ``mean_delay_min`` e ``per_incident`` (a tabela dos incidentes
        com as colunas ``detectado`` e ``atraso_min``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Timestamp("2026-01-01 10:00")
    >>> inc = pd.DataFrame({"tipo": ["x"], "inicio": [t], "fim": [t + pd.Timedelta("20min")]})
    >>> al = pd.DataFrame({"inicio": [t + pd.Timedelta("3min"), t + pd.Timedelta("5h")]})
    >>> r = evaluate_alerts(al, inc)
    >>> r["precision"], r["recall"], r["mean_delay_min"]
    (0.5, 1.0, 3.0)
    """
    import pandas as pd

    folga = pd.Timedelta(minutes=grace)
    tabela = incidentes.copy()
    atrasos, verdadeiros = [], pd.Series(False, index=alertas.index)
    for linha in incidentes.itertuples():
        dentro = (alertas["inicio"] >= linha.inicio) & (alertas["inicio"] < linha.fim + folga)
        verdadeiros |= dentro
        primeiro = alertas.loc[dentro, "inicio"].min()
        atrasos.append((primeiro - linha.inicio).total_seconds() / 60 if dentro.any() else None)
    tabela["detectado"] = [a is not None for a in atrasos]
    tabela["atraso_min"] = pd.array(atrasos, dtype="Float64")
    n_alertas = len(alertas)
    return {
        "incidents": len(incidentes),
        "detected": int(tabela["detectado"].sum()),
        "alerts": n_alertas,
        "false_alerts": int((~verdadeiros).sum()),
        "precision": float(verdadeiros.mean()) if n_alertas else 1.0,
        "recall": float(tabela["detectado"].mean()) if len(incidentes) else 1.0,
        "mean_delay_min": (float(tabela["atraso_min"].mean())
                             if tabela["detectado"].any() else None),
        "per_incident": tabela,
    }


def probable_cause(logs: pd.DataFrame, inicio: pd.Timestamp, fim: pd.Timestamp) -> str:
    """Mensagem de aviso ou erro que mais aumentou na janela de um alerta.

    Cada mensagem vira um modelo (números trocados por ``<n>``, para que
    "memória em 71%" e "memória em 83%" contem juntas) e a sua contagem na
    janela é comparada com a esperada pelo ritmo normal do *log* inteiro: a
    causa provável é a de maior excesso. Mensagens que aparecem o tempo todo,
    como os erros esparsos de sempre, não ganham por volume.

    Examples
    --------
    >>> t = generate_telemetry(days=1, seed=3)
    >>> inc = t.incidents.iloc[0]
    >>> isinstance(probable_cause(t.logs, inc["inicio"], inc["fim"]), str)
    True
    """
    avisos = logs[logs["nivel"] != "INFO"]
    modelos = avisos["mensagem"].str.replace(r"\d+", "<n>", regex=True)
    na_janela = (avisos["instante"] >= inicio) & (avisos["instante"] < fim)
    if not na_janela.any():
        return "(nenhum aviso nos logs)"
    minutos_total = max((logs["instante"].max() - logs["instante"].min()).total_seconds() / 60, 1)
    minutos_janela = max((fim - inicio).total_seconds() / 60, 1)
    esperado = modelos.value_counts() * minutos_janela / minutos_total
    excesso = modelos[na_janela].value_counts() - esperado.reindex(
        modelos[na_janela].value_counts().index)
    # O maior excesso (arredondado, para o empate não depender do processador); no empate,
    # a primeira mensagem em ordem alfabética.
    excesso = excesso.round(9).sort_index()
    return str(excesso.idxmax())


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
