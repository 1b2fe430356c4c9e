"""Aprendizado contínuo (``partial_fit``) contra retreino periódico, mês a mês.

A simulação anda pelos retratos mensais como a produção andaria. No fim do mês
``t`` o modelo pontua os clientes do retrato ``t``; nesse instante só se conhecem os
rótulos dos retratos até ``t - 3`` (o rótulo olha três meses à frente). Três políticas:

* ``"static"``: treinado uma vez no começo e nunca mais;
* ``"periodic"``: a regressão logística do curso retreinada do zero a cada ``every``
  meses, com todos os rótulos já conhecidos (o ciclo de retreino do capítulo de
  implantação);
* ``"online"``: um ``SGDClassifier`` (perda logística) atualizado todo mês com
  ``partial_fit`` no retrato cujo rótulo acabou de chegar.

A AUC de cada mês sai do retrato daquele mês, com os rótulos que chegam depois.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["POLICIES", "online_vs_retraining"]

#: As políticas comparadas, na ordem das colunas do resultado.
POLICIES = ("static", "periodic", "online")


def _batches(snapshots: pd.DataFrame) -> tuple[list[str], dict]:
    from mlops_lab.timedata.compare import EXCLUDED_COLUMNS, TARGET, TIME_COLUMN

    meses = sorted(snapshots[TIME_COLUMN].unique())
    fora = [c for c in EXCLUDED_COLUMNS if c in snapshots.columns]
    lotes = {m: (parte.drop(columns=[*fora, TARGET]), (parte[TARGET] == "Sim").astype(int))
             for m, parte in snapshots.groupby(TIME_COLUMN)}
    return meses, lotes


def online_vs_retraining(snapshots: pd.DataFrame, start: int = 6, every: int = 6,
                         horizon: int = 3, seed: int = 42) -> pd.DataFrame:
    """AUC de cada mês, a partir do mês ``start``, para cada política de :data:`POLICIES`.

    Returns
    -------
    pandas.DataFrame
        Uma linha por mês (``mes_referencia``), uma coluna de AUC por política e
        ``retrained`` (``True`` nos meses em que o retreino periódico rodou).

    Examples
    --------
    >>> from mlops_lab.timedata.asof import load_time_data
    >>> retratos = load_time_data()[0]
    >>> t = online_vs_retraining(retratos[retratos["mes_referencia"] < "2025-01"], every=3)
    >>> t["mes_referencia"].iloc[0], len(t), t["retrained"].tolist()
    ('2024-07', 6, [True, False, False, True, False, False])
    """
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import SGDClassifier
    from sklearn.metrics import roc_auc_score

    from mlops_lab.train import feature_schema, make_model

    meses, lotes = _batches(snapshots)
    if not horizon < start < len(meses):
        raise MlopsLabError(f"start deve ficar entre {horizon + 1} e {len(meses) - 1} "
                            f"(há {len(meses)} meses e o rótulo olha {horizon} à frente).")
    conhecidos = lambda t: pd.concat([lotes[m][0] for m in meses[:t - horizon + 1]])  # noqa: E731
    rotulos = lambda t: pd.concat([lotes[m][1] for m in meses[:t - horizon + 1]])  # noqa: E731
    estatico = make_model("logistic_regression", feature_schema(conhecidos(start)), seed=seed)
    estatico.fit(conhecidos(start), rotulos(start))
    preparo = estatico[:-1]  # atributos e pré-processamento, aprendidos no começo e congelados
    periodico = estatico
    online = SGDClassifier(loss="log_loss", alpha=1e-3, learning_rate="constant", eta0=0.005,
                           random_state=seed)
    for _ in range(5):  # o mesmo começo: algumas passadas nos rótulos conhecidos
        online.partial_fit(preparo.transform(conhecidos(start)), rotulos(start), classes=[0, 1])
    linhas = []
    for t in range(start, len(meses)):
        retreina = (t - start) % every == 0 and t > start
        if retreina:
            periodico = make_model("logistic_regression", feature_schema(conhecidos(t)),
                                   seed=seed)
            periodico.fit(conhecidos(t), rotulos(t))
        if t > start:  # o rótulo do retrato t - horizon acabou de chegar
            X_novo, y_novo = lotes[meses[t - horizon]]
            online.partial_fit(preparo.transform(X_novo), y_novo)
        X, y = lotes[meses[t]]
        notas = {"static": estatico.predict_proba(X)[:, 1],
                 "periodic": periodico.predict_proba(X)[:, 1],
                 "online": online.predict_proba(preparo.transform(X))[:, 1]}
        linhas.append({"mes_referencia": meses[t],
                       **{p: round(float(roc_auc_score(y, notas[p])), 4) for p in POLICIES},
                       "retrained": bool(retreina or t == start)})
    return pd.DataFrame(linhas).astype({p: np.float64 for p in POLICIES})

