"""Esquema dos dados: que colunas o modelo espera e de que tipo.

O esquema é inferido no treino e salvo junto com o modelo. Na previsão, os
dados novos são conferidos contra ele: assim uma coluna que sumiu ou mudou
de tipo vira uma mensagem clara, e não uma previsão silenciosamente errada
(o chamado *training/serving skew*).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MIN_ROWS", "MAX_CATEGORY_FRACTION", "check_target", "check_size", "infer_schema",
    "validate_features",
]

MIN_ROWS = 30
# Texto com mais valores distintos que isto (fração das linhas) é identificador
# ou texto livre, não categoria: vira vazamento ou ruído se entrar no modelo.
MAX_CATEGORY_FRACTION = 0.5


def check_target(df: pd.DataFrame, target: str) -> None:
    """Confere se a coluna-alvo existe e tem pelo menos duas classes.

    Examples
    --------
    >>> import pandas as pd
    >>> check_target(pd.DataFrame({"a": [1, 2], "y": ["s", "n"]}), "y")
    """
    if target not in df.columns:
        parecidas = difflib.get_close_matches(target, [str(c) for c in df.columns], n=3)
        dica = f" Você quis dizer: {', '.join(parecidas)}?" if parecidas else ""
        raise MlopsLabError(
            f"a coluna-alvo '{target}' não existe nos dados.{dica} Colunas disponíveis: "
            f"{', '.join(map(str, df.columns))}. Use --target com um desses nomes."
        )
    classes = df[target].dropna().unique()
    if len(classes) < 2:
        unica = classes[0] if len(classes) else "nenhum valor"
        raise MlopsLabError(
            f"a coluna-alvo '{target}' tem uma única classe ({unica}). "
            "Um classificador precisa de pelo menos duas classes: confira se escolheu a "
            "coluna certa ou se os dados não foram filtrados demais."
        )
    if df.shape[1] < 2:
        raise MlopsLabError(
            "os dados só têm a coluna-alvo. Inclua pelo menos uma coluna de atributos."
        )


def check_size(y: pd.Series, n_splits: int, test_size: float) -> None:
    """Garante linhas suficientes para separar teste e fazer validação cruzada."""
    contagens = y.value_counts()
    minimo_por_classe = n_splits + max(1, round(n_splits * test_size / (1 - test_size)))
    if len(y) < MIN_ROWS or contagens.min() < minimo_por_classe:
        raise MlopsLabError(
            f"poucas linhas para treinar e testar: {len(y)} linhas, e a classe mais rara "
            f"('{contagens.idxmin()}') tem {contagens.min()}. São necessárias pelo menos "
            f"{MIN_ROWS} linhas e {minimo_por_classe} exemplos de cada classe. Junte mais "
            "dados ou reduza --cv."
        )


def infer_schema(X: pd.DataFrame) -> dict:
    """Infere o esquema dos atributos de ``X`` (sem a coluna-alvo).

    Colunas numéricas viram ``numeric``; texto com poucos valores distintos
    vira ``categorical``; texto quase único por linha (como um código de
    cliente) e colunas constantes vão para ``ignored``, com o motivo.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"id": [f"CLI-{i}" for i in range(30)], "idade": range(30),
    ...                   "plano": ["A", "B"] * 15})
    >>> s = infer_schema(X)
    >>> s["numeric"], s["categorical"], list(s["ignored"])
    (['idade'], ['plano'], ['id'])
    """
    import pandas as pd

    schema = {"columns": [str(c) for c in X.columns], "numeric": [], "categorical": [],
              "ignored": {}}
    for coluna in X.columns:
        serie = X[coluna]
        distintos = serie.nunique(dropna=True)
        if distintos <= 1:
            schema["ignored"][coluna] = "constante (um único valor)"
        elif pd.api.types.is_bool_dtype(serie):
            schema["categorical"].append(coluna)
        elif pd.api.types.is_numeric_dtype(serie):
            schema["numeric"].append(coluna)
        elif distintos > MAX_CATEGORY_FRACTION * serie.notna().sum() and distintos > 20:
            schema["ignored"][coluna] = "texto quase único por linha (identificador ou texto livre)"
        else:
            schema["categorical"].append(coluna)
    if not schema["numeric"] and not schema["categorical"]:
        raise MlopsLabError(
            "nenhuma coluna serve de atributo: todas são constantes ou identificadores. "
            "Inclua colunas com informação sobre cada linha."
        )
    return schema


def validate_features(X: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Confere dados novos contra o esquema de treino e devolve só as colunas usadas.

    Colunas a mais são ignoradas, e as que o treino já ignorava (como um código
    de cliente) podem faltar; faltar uma coluna usada pelo modelo, ou haver
    texto numa coluna numérica, é erro com a lista do que corrigir.

    Examples
    --------
    >>> import pandas as pd
    >>> schema = {"columns": ["idade", "plano"], "numeric": ["idade"],
    ...           "categorical": ["plano"], "ignored": {}}
    >>> validate_features(pd.DataFrame({"idade": ["31"], "plano": ["A"], "x": [0]}), schema)
       idade plano
    0     31     A
    """
    import pandas as pd

    ignoradas = schema.get("ignored", {})
    faltando = [c for c in schema["columns"] if c not in X.columns and c not in ignoradas]
    if faltando:
        raise MlopsLabError(
            f"faltam colunas que o modelo usou no treino: {', '.join(faltando)}. "
            "Inclua-as no arquivo (valores vazios são aceitos) e tente de novo."
        )
    # O pipeline confere os nomes e a ordem das colunas vistas no treino; as
    # ignoradas que faltarem entram vazias, e o modelo as descarta de qualquer jeito.
    X = X.reindex(columns=schema["columns"])
    for coluna in schema["numeric"]:
        if pd.api.types.is_numeric_dtype(X[coluna]):
            continue
        convertida = pd.to_numeric(X[coluna].astype("string").str.replace(",", ".", regex=False)
                                   .str.strip(), errors="coerce")
        invalidos = X[coluna][convertida.isna() & X[coluna].notna()
                              & (X[coluna].astype("string").str.strip() != "")]
        if len(invalidos):
            exemplos = ", ".join(repr(v) for v in invalidos.unique()[:3])
            raise MlopsLabError(
                f"a coluna '{coluna}' deveria ser numérica, mas tem {exemplos}. "
                "Corrija esses valores ou deixe-os vazios."
            )
        X[coluna] = convertida
    for coluna in schema["categorical"]:
        X[coluna] = X[coluna].astype(object).where(X[coluna].notna(), None)
    return X
