"""Registros de prova: a conferência do caminho compilado contra o pipeline.

Os registros saem do que o próprio modelo aprendeu (limites de corte, medianas,
categorias e as grafias de cada uma) e cobrem os cantos em que uma reimplementação
costuma errar: valores além dos limites, vazios, grafias variadas, sinônimos
("S" por "Sim") e categorias que o treino nunca viu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from mlops_lab.fast_predict import CompiledModel

__all__ = ["N_PROBES", "probe_records", "max_difference"]

N_PROBES = 64


def _numeric_values(compilado: CompiledModel, coluna: str) -> list:
    bloco = compilado.features.numeric
    if bloco is None or coluna not in bloco.columns:
        return [0, 1.5, -3.0, None]
    j = bloco.columns.index(coluna)
    baixo, alto, meio = bloco.lower[j], bloco.upper[j], bloco.fill[j]
    valores = [meio, meio + 0.5, None, int(round(meio))]
    if np.isfinite(baixo) and np.isfinite(alto):
        valores += [baixo - 1.0, alto + 1.0, (baixo + alto) / 2, alto * 10]
    return [float(v) if isinstance(v, np.floating) else v for v in valores]


def _categorical_values(compilado: CompiledModel, coluna: str) -> list:
    valores = [None, "", "  ", "categoria-que-o-treino-nunca-viu", "S", "n"]
    bloco = compilado.features.categorical
    if bloco is not None and coluna in bloco.columns:
        parte = bloco.parts[bloco.columns.index(coluna)]
        for categoria in parte.index:
            valores += [categoria, f"  {categoria.upper()} ", categoria.lower().replace(" ", "-")]
    if coluna == "uf":
        valores += ["sp", " ba ", "XX"]
    return valores


def probe_records(compilado: CompiledModel, schema: dict, n: int = N_PROBES,
                  seed: int = 0) -> list[dict]:
    """``n`` registros de prova sorteados (com semente) a partir do modelo.

    Examples
    --------
    >>> import pandas as pd
    >>> from mlops_lab.train import make_model
    >>> esquema = {"columns": ["idade", "plano"], "numeric": ["idade"],
    ...            "categorical": ["plano"], "ignored": {}}
    >>> X = pd.DataFrame({"idade": [20, 35, 50, None] * 5, "plano": ["A", "b", "B", None] * 5})
    >>> modelo = make_model("logistic_regression", esquema).fit(X, ["Sim", "Não"] * 10)
    >>> from mlops_lab.fast_predict import compile_model
    >>> registros = probe_records(compile_model(modelo, esquema), esquema, n=3)
    >>> len(registros), sorted(registros[0])
    (3, ['idade', 'plano'])
    """
    rng = np.random.default_rng(seed)
    opcoes = {}
    for coluna in schema["columns"]:
        if coluna in schema["numeric"]:
            opcoes[coluna] = _numeric_values(compilado, coluna)
        elif coluna in schema["categorical"]:
            opcoes[coluna] = _categorical_values(compilado, coluna)
        else:
            opcoes[coluna] = [None, "ignorada"]
    return [{c: v[int(rng.integers(len(v)))] for c, v in opcoes.items()} for _ in range(n)]


def max_difference(compilado: CompiledModel, pipeline: Any, schema: dict,
                   registros: list[dict] | None = None) -> float:
    """A maior diferença de probabilidade entre os dois caminhos em ``registros``.

    ``None`` usa :func:`probe_records`. O caminho de referência é
    :func:`mlops_lab.predict.predict` (o mesmo de ``mlops-lab predict``), sem
    o arredondamento da resposta.
    """
    import pandas as pd

    from mlops_lab.fast_predict.estimators import BIG_BATCH
    from mlops_lab.schema import validate_features

    registros = probe_records(compilado, schema) if registros is None else registros
    df = pd.DataFrame.from_records(registros, columns=schema["columns"])
    referencia = pipeline.predict_proba(validate_features(df, schema))
    # Em pedaços de até BIG_BATCH linhas: confere a avaliação à mão, não o atalho dos lotes grandes.
    compilado_p = np.concatenate([compilado.predict_proba(registros[i:i + BIG_BATCH])
                                  for i in range(0, len(registros), BIG_BATCH)])
    return float(np.abs(compilado_p - referencia).max())
