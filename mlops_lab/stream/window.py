"""A janela dos registros recentes, comparada com o treino a cada lote, e o alerta de *drift*."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BatchDrift", "DriftMonitor", "labels_match"]

# Coluna interna da janela com o rótulo, quando ele chega junto com o registro.
_LABEL = "__rotulo__"
_DRIFT_COLUMNS = ["lote", "atributo", "tipo", "psi", "nivel", "ks", "ks_pvalue",
                  "media_ref", "media_atual", "ausentes_ref", "ausentes_atual"]


def labels_match(rotulos: pd.Series, previsoes: pd.Series) -> float | None:
    """Acurácia das previsões nos registros cujo rótulo já chegou (``None`` se nenhum).

    Examples
    --------
    >>> import pandas as pd
    >>> labels_match(pd.Series(["Sim", None, "Não"]), pd.Series(["Sim", "Não", "Sim"]))
    0.5
    >>> labels_match(pd.Series([None]), pd.Series(["Sim"])) is None
    True
    """
    from mlops_lab.drift import MISSING, categories

    chaves = categories(rotulos)
    validos = chaves != MISSING
    if not validos.any():
        return None
    return float((chaves[validos] == categories(previsoes)[validos]).mean())


@dataclass
class BatchDrift:
    """O que a comparação de um lote produziu: as linhas de ``drift.csv`` e de ``batches.csv``."""

    drift: pd.DataFrame
    batch: pd.DataFrame
    alert: dict | None


class DriftMonitor:
    """Guarda a janela recente e compara-a com a referência de treino a cada lote.

    Parameters
    ----------
    reference : dict
        A referência de :func:`mlops_lab.drift.read_reference`.
    window : int
        Registros recentes que entram na comparação.
    threshold : float
        PSI a partir do qual há alerta. O alerta sai uma vez, quando o fluxo
        passa do limiar, e volta a valer depois que ele cai abaixo.
    """

    def __init__(self, reference: dict, window: int, threshold: float) -> None:
        self.reference = reference
        self.window = window
        self.threshold = threshold
        self.last: pd.DataFrame | None = None
        self._x: deque = deque()
        self._p: deque = deque()
        self._in_alert = False

    def _recent(self, X: pd.DataFrame, previsoes: pd.DataFrame,
                rotulos: pd.Series | None) -> tuple[pd.DataFrame, pd.DataFrame]:
        import pandas as pd

        self._x.append(X.assign(**{_LABEL: rotulos}) if rotulos is not None else X)
        self._p.append(previsoes)
        while sum(map(len, self._x)) - len(self._x[0]) >= self.window:
            self._x.popleft()
            self._p.popleft()
        return (pd.concat(self._x, ignore_index=True).tail(self.window),
                pd.concat(self._p, ignore_index=True).tail(self.window))

    def observe(self, X: pd.DataFrame, previsoes: pd.DataFrame, rotulos: pd.Series | None,
                *, numero: int, linhas: int, instante: float) -> BatchDrift:
        """Acrescenta um lote à janela, compara-a com o treino e decide o alerta.

        ``numero`` é o número do lote, ``linhas`` o total de registros até ele
        e ``instante`` o segundo do fluxo em que ele chegou.
        """
        import pandas as pd

        from mlops_lab.drift import compare
        from mlops_lab.predict import PREDICTION_COLUMN

        recentes_x, recentes_p = self._recent(X, previsoes, rotulos)
        self.last = ultima = compare(self.reference, recentes_x, recentes_p)
        pior = ultima.iloc[0]
        acima = ultima[ultima["psi"] >= self.threshold]
        acuracia = (labels_match(recentes_x[_LABEL], recentes_p[PREDICTION_COLUMN])
                    if _LABEL in recentes_x.columns else None)
        alerta = None
        if not acima.empty and not self._in_alert:
            lista = ", ".join(f"{a} (PSI {p:.2f})".replace(".", ",")
                              for a, p in zip(acima["atributo"], acima["psi"]))
            alerta = {"lote": numero, "linhas": linhas, "instante_s": instante,
                      "atributos": acima["atributo"].tolist(),
                      "mensagem": f"drift grande em {lista}"}
        self._in_alert = not acima.empty
        lote = pd.DataFrame([{
            "lote": numero, "linhas": len(X), "linhas_acumuladas": linhas,
            "instante_s": instante, "janela": len(recentes_x),
            "psi_max": pior["psi"], "atributo_psi_max": pior["atributo"],
            "atributos_em_alerta": len(acima), "alerta": not acima.empty,
            "acuracia_janela": acuracia,
        }])
        return BatchDrift(ultima.assign(lote=numero)[_DRIFT_COLUMNS], lote, alerta)
