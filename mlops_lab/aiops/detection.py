"""A detecção: a linha de base sazonal, os minutos anômalos e os alertas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.aiops.telemetry import METRICS
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SeasonalBaseline", "detect", "alerts"]

# Direção ruim de cada métrica: latência e erros para cima, vazão para baixo.
_SINAL = {"latencia_p50_ms": 1, "latencia_p95_ms": 1, "taxa_erro": 1, "vazao_rpm": -1}

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
    >>> from mlops_lab.aiops import generate_telemetry, SeasonalBaseline
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
    >>> from mlops_lab.aiops import generate_telemetry, SeasonalBaseline, detect
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
    >>> from mlops_lab.aiops import alerts
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
