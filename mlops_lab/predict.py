"""Previsões com um modelo empacotado.

Antes de prever, os dados são conferidos contra o esquema de treino
(:func:`mlops_lab.schema.validate_features`): faltou coluna usada pelo modelo, o erro diz
qual; sobrou coluna, ela é ignorada.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd
    from sklearn.pipeline import Pipeline

__all__ = ["PREDICTION_COLUMN", "PROBABILITY_PREFIX", "probability_column", "probability_classes",
           "predict", "predict_validated", "predict_file"]

PREDICTION_COLUMN = "previsao"
PROBABILITY_PREFIX = "prob_"


def probability_column(label: object) -> str:
    """O nome da coluna com a probabilidade da classe ``label``.

    Examples
    --------
    >>> probability_column("Sim")
    'prob_Sim'
    """
    return f"{PROBABILITY_PREFIX}{label}"


def probability_classes(columns: Iterable[str]) -> dict[str, str]:
    """As colunas de probabilidade entre ``columns``, com a classe de cada uma.

    Examples
    --------
    >>> probability_classes(["previsao", "prob_Não", "prob_Sim"])
    {'prob_Não': 'Não', 'prob_Sim': 'Sim'}
    """
    return {c: c.removeprefix(PROBABILITY_PREFIX) for c in columns
            if c.startswith(PROBABILITY_PREFIX)}


def predict(model: Pipeline, metadata: dict, df: pd.DataFrame) -> pd.DataFrame:
    """Devolve a classe prevista e a probabilidade de cada classe.

    Parameters
    ----------
    model
        Pipeline treinado (de :func:`mlops_lab.package.load_model`).
    metadata : dict
        Metadados do modelo; usa-se ``metadata["schema"]``.
    df : pandas.DataFrame
        Dados novos, com as colunas usadas no treino.

    Returns
    -------
    pandas.DataFrame
        ``previsao`` e uma coluna ``prob_<classe>`` por classe, na ordem de ``df``.
    """

    from mlops_lab.schema import validate_features

    return predict_validated(model, validate_features(df, metadata["schema"]))


def predict_validated(model: Pipeline, X: pd.DataFrame) -> pd.DataFrame:
    """Como :func:`predict`, para ``X`` que já passou por ``validate_features``."""
    import pandas as pd

    # Uma passada só pelo pipeline: a classe prevista é a de maior probabilidade,
    # o mesmo que model.predict daria, sem refazer o pré-processamento.
    probabilidades = model.predict_proba(X)
    resultado = pd.DataFrame({PREDICTION_COLUMN: model.classes_[probabilidades.argmax(axis=1)]},
                             index=X.index)
    for j, classe in enumerate(model.classes_):
        resultado[probability_column(classe)] = probabilidades[:, j].round(6)
    return resultado


def predict_file(model_dir: str | Path, data: str | Path, output: str | Path | None = None,
                 trust: bool = False, **read_options: object) -> pd.DataFrame:
    """Lê um CSV (comprimido ou não) ou Parquet, prevê e (opcionalmente) grava em CSV.

    ``data`` é lido por :func:`mlops_lab.data.read_table`: ``.csv``, ``.csv.gz``,
    ``.csv.zip``, ``.csv.bz2``, ``.csv.xz`` ou ``.parquet``.

    O CSV de saída repete as colunas de entrada e acrescenta as previsões. A
    gravação é atômica: um erro no meio não deixa um arquivo pela metade.
    """
    import pandas as pd

    from mlops_lab._fs import atomic_path, check_out_file
    from mlops_lab.data import read_table
    from mlops_lab.package import load_model

    if output is not None:  # antes de prever: um --output errado não desperdiça o trabalho
        output = check_out_file(output, "--output")
    model, metadata = load_model(model_dir, trust=trust)
    df = read_table(data, **read_options)
    saida = pd.concat([df, predict(model, metadata, df)], axis=1)
    if output is not None:
        with atomic_path(output) as temporario:
            saida.to_csv(temporario, index=False)
    return saida
