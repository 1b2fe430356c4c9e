"""O placar dos alertas contra os incidentes e a causa provável de um alerta nos *logs*."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["evaluate_alerts", "probable_cause"]


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
    >>> from mlops_lab.aiops import evaluate_alerts
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
    >>> from mlops_lab.aiops import generate_telemetry
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
