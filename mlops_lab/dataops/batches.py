"""Remessas novas de clientes para praticar, com um defeito escolhido (para os exercícios)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFECTS", "make_batch"]

DEFECTS = ("sem_coluna", "idades_invalidas", "ids_repetidos", "alvo_estranho")


def make_batch(n: int = 3000, seed: int = 7, defect: str | None = None) -> pd.DataFrame:
    """Gera uma "nova remessa" de clientes, opcionalmente com um defeito.

    Parameters
    ----------
    n, seed : int
        Tamanho e semente da remessa (o gerador é o dos dados embutidos).
    defect : str ou None
        ``None`` (remessa normal), ``"sem_coluna"`` (falta ``reclamacoes_12m``),
        ``"idades_invalidas"`` (10% das idades = 0), ``"ids_repetidos"`` (clientes
        diferentes com o mesmo código) ou ``"alvo_estranho"`` (70% dos clientes
        marcados como cancelados).

    Examples
    --------
    >>> make_batch(defect="sem_coluna").shape
    (3120, 14)
    """
    import io

    import numpy as np
    import pandas as pd

    from mlops_lab.datasets.generate import generate_csv

    df = pd.read_csv(io.StringIO(generate_csv(n, seed)), sep=";", decimal=",")
    rng = np.random.default_rng(seed)
    ids = df["id_cliente"].unique()
    # O defeito vale por cliente: as linhas repetidas de um cliente continuam iguais.
    if defect == "sem_coluna":
        return df.drop(columns=["reclamacoes_12m"])
    if defect == "idades_invalidas":
        df.loc[df["id_cliente"].isin(rng.choice(ids, len(ids) // 10, replace=False)),
               "idade"] = 0
    elif defect == "ids_repetidos":
        copia = df.drop_duplicates().sample(40, random_state=seed)
        df = pd.concat([df, copia.assign(idade=copia["idade"] + 1)], ignore_index=True)
    elif defect == "alvo_estranho":
        df.loc[df["id_cliente"].isin(rng.choice(ids, int(len(ids) * 0.7), replace=False)),
               "cancelou"] = "Sim"
    elif defect is not None:
        raise MlopsLabError(f"defeito '{defect}' desconhecido; use sem_coluna, "
                            "idades_invalidas, ids_repetidos ou alvo_estranho.")
    return df
