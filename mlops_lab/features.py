"""Engenharia de atributos, codificação e normalização.

* :func:`add_features` cria atributos novos a partir dos existentes
  (região a partir da UF, valor pago por GB, tempo de casa em anos);
* :func:`build_preprocessor` monta o ``ColumnTransformer`` que trata cada
  tipo de coluna: nos números, corte de outliers, preenchimento de vazios
  e **normalização** (:func:`make_scaler`); nas categorias, unificação de
  grafias, preenchimento e codificação *one-hot*.

Tudo isso é aprendido só com os dados de treino e guardado no pipeline do
modelo: é o que evita o vazamento de dados (*data leakage*).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from mlops_lab.clean import CategoryNormalizer, OutlierClipper
from mlops_lab.datasets.vocabulary import REGIONS, UF_TO_REGION

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.base import TransformerMixin
    from sklearn.compose import ColumnTransformer

__all__ = ["add_features", "make_scaler", "build_preprocessor"]

# As regiões vêm da fonte única do vocabulário (:mod:`mlops_lab.datasets.vocabulary`).
REGIOES = REGIONS
UF_PARA_REGIAO = UF_TO_REGION
SCALERS = ("standard", "minmax", "robust")


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    """Acrescenta atributos derivados, quando as colunas de origem existem.

    * ``regiao``: a região do Brasil da coluna ``uf``;
    * ``valor_por_gb``: ``valor_mensal / (uso_dados_gb + 1)``, o preço pago
      por unidade de uso (o +1 evita dividir por zero);
    * ``anos_de_contrato``: ``meses_de_contrato / 12``.

    Em dados sem essas colunas (o seu próprio CSV, por exemplo), nada muda.
    A função não altera ``df``: devolve uma cópia.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"uf": ["sp ", "BA"], "valor_mensal": [99.0, 50.0],
    ...                    "uso_dados_gb": [10.0, 0.0]})
    >>> add_features(df)[["regiao", "valor_por_gb"]].round(1).values.tolist()
    [['Sudeste', 9.0], ['Nordeste', 50.0]]
    """
    import pandas as pd

    df = df.copy()
    if "uf" in df.columns:
        uf = df["uf"].astype("string").str.strip().str.upper()
        df["regiao"] = uf.map(UF_PARA_REGIAO).astype(object)
    if {"valor_mensal", "uso_dados_gb"} <= set(df.columns):
        valor = pd.to_numeric(df["valor_mensal"], errors="coerce")
        uso = pd.to_numeric(df["uso_dados_gb"], errors="coerce").clip(lower=0)
        df["valor_por_gb"] = valor / (uso + 1)
    if "meses_de_contrato" in df.columns:
        df["anos_de_contrato"] = pd.to_numeric(df["meses_de_contrato"], errors="coerce") / 12
    return df


def make_scaler(kind: str = "standard") -> TransformerMixin:
    """Escolhe a normalização das colunas numéricas.

    Parameters
    ----------
    kind : {"standard", "minmax", "robust"}
        ``standard`` subtrai a média e divide pelo desvio-padrão (z-score);
        ``minmax`` leva cada coluna ao intervalo [0, 1]; ``robust`` usa
        mediana e IQR, e sofre menos com outliers.

    Examples
    --------
    >>> import numpy as np
    >>> make_scaler("minmax").fit_transform(np.array([[10.0], [20.0], [30.0]])).ravel().tolist()
    [0.0, 0.5, 1.0]
    """
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    escolhas = {"standard": StandardScaler, "minmax": MinMaxScaler, "robust": RobustScaler}
    if kind not in escolhas:
        from mlops_lab.errors import MlopsLabError

        raise MlopsLabError(
            f"normalização '{kind}' desconhecida. Use uma destas: {', '.join(SCALERS)}."
        )
    return escolhas[kind]()


def build_preprocessor(schema: dict, scaler: str = "standard", outlier_factor: float = 3.0
                       ) -> ColumnTransformer:
    """Monta o pré-processamento por tipo de coluna, a partir do esquema.

    Parameters
    ----------
    schema : dict
        Saída de :func:`mlops_lab.schema.infer_schema` sobre os dados **já com**
        os atributos de :func:`add_features`.
    scaler : str, padrão "standard"
        Tipo de normalização, veja :func:`make_scaler`.
    outlier_factor : float, padrão 3.0
        Repassado a :class:`~mlops_lab.clean.OutlierClipper`.

    Examples
    --------
    >>> import pandas as pd
    >>> schema = {"numeric": ["idade"], "categorical": ["plano"]}
    >>> pre = build_preprocessor(schema)
    >>> X = pd.DataFrame({"idade": [20.0, None, 60.0], "plano": ["A", "a", None]})
    >>> pre.fit_transform(X).shape
    (3, 2)
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    numericas = Pipeline([
        ("outliers", OutlierClipper(factor=outlier_factor)),
        ("imputacao", SimpleImputer(strategy="median")),
        ("normalizacao", make_scaler(scaler)),
    ])
    categoricas = Pipeline([
        ("grafias", CategoryNormalizer()),
        ("imputacao", SimpleImputer(strategy="most_frequent", missing_values=np.nan)),
        ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
    ])
    transformadores = []
    if schema["numeric"]:
        transformadores.append(("num", numericas, list(schema["numeric"])))
    if schema["categorical"]:
        transformadores.append(("cat", categoricas, list(schema["categorical"])))
    return ColumnTransformer(transformadores, remainder="drop", verbose_feature_names_out=False)
