"""*Drift* de dados: comparar o que chega em produção com o que o modelo viu no treino.

Um modelo aprende a relação entre atributos e alvo **numa** distribuição de
dados. Quando a distribuição dos dados que chegam muda (*drift* de dados, ou
*data drift*), o modelo passa a trabalhar fora do que conhece, e o desempenho
costuma cair antes que alguém perceba. O monitoramento compara, atributo por
atributo, os dados recentes com uma **referência** gravada no treino:

* :func:`psi` — o *Population Stability Index*: soma, faixa a faixa, de
  ``(atual - referência) * ln(atual / referência)``. Regra de bolso usada no
  mercado de crédito: abaixo de 0,1, estável; de 0,1 a 0,25, mudança moderada;
  acima de 0,25, mudança grande (:data:`PSI_ALERT`).
* o teste de Kolmogorov-Smirnov de duas amostras (atributos numéricos): a
  maior distância entre as duas distribuições acumuladas e o seu valor-p.

:func:`build_reference` monta a referência (faixas por quantis, proporções
por categoria, uma amostra para o KS e a distribuição das previsões) e
:func:`compare` mede um lote novo contra ela. :func:`mlops_lab.pipeline.run_pipeline`
grava a referência em ``reference.json``, ao lado do modelo.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.predict import PREDICTION_COLUMN

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.pipeline import Pipeline

__all__ = ["psi", "ks_test", "psi_level", "categories", "build_reference", "write_reference",
           "read_reference", "compare"]

REFERENCE_FILE = "reference.json"
PSI_ALERT = 0.25
PSI_WARNING = 0.1
N_BINS = 10
SAMPLE_SIZE = 1000
PREDICTION = PREDICTION_COLUMN
MISSING = "(ausente)"
# Faixa vazia vira esta proporção: sem isso, ln(0) faria o PSI infinito.
_EPS = 1e-4


def psi(expected: ArrayLike, actual: ArrayLike) -> float:
    """Population Stability Index entre duas distribuições de proporções.

    Parameters
    ----------
    expected, actual : sequência de float
        Proporções por faixa (ou categoria), na mesma ordem; cada uma soma 1.

    Examples
    --------
    >>> psi([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> round(psi([0.5, 0.5], [0.9, 0.1]), 3)
    0.879
    """
    import numpy as np

    e = np.clip(np.asarray(expected, dtype=float), _EPS, None)
    a = np.clip(np.asarray(actual, dtype=float), _EPS, None)
    return float(round(np.sum((a - e) * np.log(a / e)), 6))


def ks_test(reference: ArrayLike, current: ArrayLike) -> tuple[float, float]:
    """Teste de Kolmogorov-Smirnov de duas amostras: estatística D e valor-p assintótico.

    D é a maior distância vertical entre as duas distribuições acumuladas; o
    valor-p usa a distribuição de Kolmogorov com ``n = n1 * n2 / (n1 + n2)``,
    a mesma aproximação do ``scipy.stats.ks_2samp(method="asymp")``, sem o
    custo fixo da chamada genérica (ela é feita a cada microlote).

    Examples
    --------
    >>> import numpy as np
    >>> d, p = ks_test(np.arange(100.0), np.arange(100.0))
    >>> float(d), bool(p > 0.99)
    (0.0, True)
    >>> d, p = ks_test(np.arange(100.0), np.arange(100.0) + 50)
    >>> float(d), bool(p < 1e-6)
    (0.5, True)
    """
    import numpy as np
    from scipy.special import kolmogorov

    a = np.sort(np.asarray(reference, dtype=float))
    b = np.sort(np.asarray(current, dtype=float))
    todos = np.concatenate([a, b])
    d = float(np.max(np.abs(np.searchsorted(a, todos, side="right") / len(a)
                            - np.searchsorted(b, todos, side="right") / len(b))))
    n = len(a) * len(b) / (len(a) + len(b))
    return round(d, 6), float(kolmogorov(np.sqrt(n) * d))


def psi_level(value: float) -> str:
    """Leitura do PSI pela regra de bolso: ``estável``, ``moderada`` ou ``grande``.

    >>> psi_level(0.05), psi_level(0.2), psi_level(0.4)
    ('estável', 'moderada', 'grande')
    """
    if value < PSI_WARNING:
        return "estável"
    return "moderada" if value < PSI_ALERT else "grande"


def _numeric(serie):
    import pandas as pd

    if pd.api.types.is_numeric_dtype(serie):
        return serie.astype(float)
    return pd.to_numeric(serie.astype("string").str.replace(",", ".", regex=False).str.strip(),
                         errors="coerce")


def categories(serie: ArrayLike) -> np.ndarray:
    """As categorias de ``serie`` na chave canônica; ausentes viram :data:`MISSING`.

    As mesmas grafias que a limpeza unifica contam como uma categoria só
    (:func:`mlops_lab.clean.canonical_key`).

    Examples
    --------
    >>> categories(["Pós-pago", "pos pago", None, "S"]).tolist()
    ['pos pago', 'pos pago', '(ausente)', 'sim']
    """
    import numpy as np
    import pandas as pd

    from mlops_lab.clean import canonical_key

    # As mesmas grafias que a limpeza unifica ("Pós-pago", "pos pago", "S"/"Sim") contam
    # como uma categoria só. Normaliza os valores distintos (dezenas), não as linhas.
    codigos, distintos = pd.factorize(np.asarray(serie, dtype=object), use_na_sentinel=True)
    chaves = [canonical_key(v) for v in distintos]
    chaves = np.array([k or MISSING for k in chaves] + [MISSING], dtype=object)
    return chaves[codigos]


def _shares(chaves) -> tuple[dict, float]:
    """Proporção de cada categoria entre as presentes, e a fração de ausentes."""
    from collections import Counter

    contagens = Counter(chaves.tolist())
    ausentes = contagens.pop(MISSING, 0)
    presentes = len(chaves) - ausentes
    proporcoes = {k: n / presentes for k, n in contagens.most_common()} if presentes else {}
    return proporcoes, (ausentes / len(chaves) if len(chaves) else 0.0)


def _numeric_shares(presentes, edges) -> list[float]:
    import numpy as np

    if len(presentes) == 0:
        return [0.0] * (len(edges) + 1)
    faixas = np.searchsorted(np.asarray(edges), presentes, side="right")
    contagens = np.bincount(faixas, minlength=len(edges) + 1).astype(float)
    return (contagens / len(presentes)).tolist()


def _missing(valores) -> float:
    import numpy as np

    return float(np.isnan(valores).mean()) if len(valores) else 0.0


def _numeric_profile(serie, rng) -> dict:
    import numpy as np

    valores = _numeric(serie).to_numpy()
    presentes = valores[~np.isnan(valores)]
    if len(presentes) == 0:
        edges = []
    else:
        # Bordas internas nos decis do treino: cada faixa tem ~10% da referência.
        edges = np.unique(np.quantile(presentes, np.linspace(0, 1, N_BINS + 1)[1:-1])).tolist()
    amostra = presentes if len(presentes) <= SAMPLE_SIZE else rng.choice(
        presentes, SAMPLE_SIZE, replace=False)
    return {"kind": "numeric", "edges": edges, "shares": _numeric_shares(presentes, edges),
            "missing": round(_missing(valores), 6), "sample": np.sort(amostra).round(6).tolist(),
            "mean": float(np.mean(presentes)) if len(presentes) else None}


def _categorical_profile(serie) -> dict:
    proporcoes, ausentes = _shares(categories(serie))
    return {"kind": "categorical", "missing": round(ausentes, 6),
            "shares": {str(k): round(v, 6) for k, v in proporcoes.items()}}


def build_reference(model: Pipeline, X: pd.DataFrame, schema: dict, seed: int = 42) -> dict:
    """Resume a distribuição de treino de cada atributo e das previsões.

    Parameters
    ----------
    model
        Pipeline treinado; prevê ``X`` para registrar a distribuição das previsões.
    X : pandas.DataFrame
        Atributos de treino (as colunas do esquema).
    schema : dict
        Esquema de :func:`mlops_lab.schema.infer_schema`.
    seed : int
        Semente da amostra guardada para o teste KS.

    Returns
    -------
    dict
        ``{"features": {coluna: perfil}, "predictions": {...}, "rows": n}``.
    """
    import numpy as np
    import pandas as pd

    from mlops_lab.predict import predict, probability_classes, probability_column
    from mlops_lab.schema import validate_features

    rng = np.random.default_rng(seed)
    X = validate_features(X, schema)
    perfis = {}
    for coluna in schema["numeric"]:
        perfis[coluna] = _numeric_profile(X[coluna], rng)
    for coluna in schema["categorical"]:
        perfis[coluna] = _categorical_profile(X[coluna])
    previsoes = predict(model, {"schema": schema}, X)
    perfis_prev = {PREDICTION: _categorical_profile(previsoes[PREDICTION].astype(str))}
    probs = probability_classes(previsoes.columns)
    if len(probs) == 2:  # binário: a probabilidade da classe positiva também é monitorada
        from mlops_lab.evaluate import positive_label

        coluna = probability_column(positive_label(list(probs.values())))
        perfis_prev[coluna] = _numeric_profile(previsoes[coluna], rng)
    return {"rows": int(len(X)), "features": perfis,
            "predictions": perfis_prev, "created_with": {"pandas": pd.__version__}}


def write_reference(reference: dict, directory: str | Path) -> Path:
    """Grava a referência em ``directory/reference.json``."""
    from mlops_lab._fs import write_json

    return write_json(Path(directory) / REFERENCE_FILE, reference)


def read_reference(directory: str | Path) -> dict:
    """Lê ``reference.json`` da pasta do modelo, com erro claro se faltar."""
    caminho = Path(directory) / REFERENCE_FILE
    if not caminho.is_file():
        raise MlopsLabError(
            f"a pasta '{directory}' não tem {REFERENCE_FILE}, a referência de treino que o "
            "monitoramento usa. Ela é gravada pelo 'mlops-lab run' desta versão: treine o "
            "modelo de novo com 'mlops-lab run --out PASTA'."
        )
    try:
        return json.loads(caminho.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise MlopsLabError(f"'{caminho}' está corrompido: treine o modelo de novo com "
                            "'mlops-lab run'.") from None


def _compare_one(perfil: dict, serie) -> dict:
    import numpy as np

    if perfil["kind"] == "numeric":
        valores = _numeric(serie).to_numpy()
        presentes = valores[~np.isnan(valores)]
        atual = _numeric_shares(presentes, perfil["edges"])
        if len(presentes) and perfil["sample"]:
            ks, p = ks_test(perfil["sample"], presentes)
        else:
            ks, p = float("nan"), float("nan")
        return {"psi": psi(perfil["shares"], atual), "ks": round(ks, 6), "ks_pvalue": p,
                "mean": float(np.mean(presentes)) if len(presentes) else float("nan"),
                "missing": _missing(valores)}
    referencia = perfil["shares"]
    contagens, ausentes = _shares(categories(serie))
    # Categorias que o treino nunca viu são somadas numa faixa só: "(outra)".
    novas = sum(v for k, v in contagens.items() if k not in referencia)
    esperado = [*referencia.values(), 0.0]
    atual = [contagens.get(k, 0.0) for k in referencia] + [novas]
    return {"psi": psi(esperado, atual), "ks": float("nan"), "ks_pvalue": float("nan"),
            "mean": float("nan"), "missing": ausentes}


def compare(reference: dict, X: pd.DataFrame, predictions: pd.DataFrame | None = None
            ) -> pd.DataFrame:
    """Mede o *drift* de um lote de dados (e das suas previsões) contra a referência.

    Parameters
    ----------
    reference : dict
        De :func:`build_reference` ou :func:`read_reference`.
    X : pandas.DataFrame
        Dados recentes, com as colunas do treino (colunas a mais são ignoradas).
    predictions : pandas.DataFrame, opcional
        Saída de :func:`mlops_lab.predict.predict` para ``X``.

    Returns
    -------
    pandas.DataFrame
        Uma linha por atributo (e por saída do modelo): ``psi``, ``nivel``, ``ks``,
        ``ks_pvalue``, ``media_ref``, ``media_atual``, ``ausentes_ref`` e
        ``ausentes_atual``, ordenada do PSI maior ao menor. O PSI e o KS comparam
        só os valores presentes; a fração de ausentes é comparada à parte.

    Examples
    --------
    >>> import pandas as pd
    >>> from mlops_lab.drift import _numeric_profile, compare
    >>> import numpy as np
    >>> ref = {"features": {"x": _numeric_profile(pd.Series(np.arange(1000.0)),
    ...                                            np.random.default_rng(0))},
    ...        "predictions": {}}
    >>> compare(ref, pd.DataFrame({"x": np.arange(1000.0)}))[["atributo", "psi", "nivel"]]
      atributo  psi    nivel
    0        x  0.0  estável
    >>> compare(ref, pd.DataFrame({"x": np.arange(1000.0) + 500}))["nivel"].item()
    'grande'
    """
    import pandas as pd

    linhas = []
    alvos = [("atributo", nome, perfil, X) for nome, perfil in reference["features"].items()]
    if predictions is not None:
        alvos += [("previsão", nome, perfil, predictions)
                  for nome, perfil in reference.get("predictions", {}).items()]
    for tipo, nome, perfil, tabela in alvos:
        if nome not in tabela.columns:
            raise MlopsLabError(f"falta a coluna '{nome}' nos dados recentes: o monitoramento "
                                "compara as mesmas colunas do treino.")
        medida = _compare_one(perfil, tabela[nome])
        linhas.append({"atributo": nome, "tipo": tipo, "psi": medida["psi"],
                       "nivel": psi_level(medida["psi"]), "ks": medida["ks"],
                       "ks_pvalue": medida["ks_pvalue"], "media_ref": perfil.get("mean"),
                       "media_atual": medida["mean"], "ausentes_ref": perfil.get("missing", 0.0),
                       "ausentes_atual": round(medida["missing"], 6)})
    tabela = pd.DataFrame(linhas)
    # Do maior PSI para o menor, comparando valores arredondados (a última casa de um
    # logaritmo muda com o processador) e, no empate, pela ordem alfabética do atributo.
    ordem = (tabela.assign(_psi=tabela["psi"].round(9)).sort_values("atributo", kind="stable")
             .sort_values("_psi", ascending=False, kind="stable").index)
    return tabela.loc[ordem].reset_index(drop=True)
