"""Do registro (um ``dict``) à linha de números que o estimador recebe, sem pandas.

:class:`FeatureBuilder` lê os parâmetros **já aprendidos** do pipeline
(:func:`mlops_lab.features.add_features`, o ``ColumnTransformer`` com
:class:`~mlops_lab.clean.OutlierClipper`, ``SimpleImputer``, normalização,
:class:`~mlops_lab.clean.CategoryNormalizer` e ``OneHotEncoder``) e refaz as
mesmas contas com NumPy e Python puro. O que ele não sabe reproduzir vira
:class:`NotCompilable` na montagem; um valor que ele não sabe tratar (texto numa
coluna numérica, por exemplo) vira :class:`Fallback` na hora da previsão, e o
serviço usa o caminho padrão do scikit-learn para aquela requisição.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from mlops_lab.clean import (
    DEFAULT_SYNONYMS,
    CategoryNormalizer,
    OutlierClipper,
    is_missing,
    normalize_key,
)
from mlops_lab.datasets.vocabulary import UF_TO_REGION

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["NotCompilable", "Fallback", "FeatureBuilder"]

_MAX_EXACT_INT = 2**53  # acima disso, int -> float perde dígitos: fica com o caminho padrão
_CACHE_MAX = 4096


class NotCompilable(Exception):  # noqa: N818 - é um aviso interno, não um erro do usuário
    """O pipeline tem uma peça que o caminho compilado não reproduz."""


class Fallback(Exception):  # noqa: N818
    """Um valor que o caminho compilado não trata: use o caminho padrão nesta requisição."""


def _number(valor: Any) -> float:
    """Um valor de coluna numérica como ``float`` (``None`` vira NaN)."""
    if valor is None:
        return math.nan
    if isinstance(valor, float):
        return valor
    if isinstance(valor, int) and not isinstance(valor, bool) and abs(valor) <= _MAX_EXACT_INT:
        return float(valor)
    if isinstance(valor, np.floating | np.integer) and not isinstance(valor, np.bool_):
        return float(valor)
    raise Fallback(f"valor {valor!r} numa coluna numérica")


def _region(uf: Any) -> str | None:
    """A região de :func:`~mlops_lab.features.add_features` para um valor de ``uf``."""
    if uf is None or (isinstance(uf, float) and math.isnan(uf)):
        return None
    return UF_TO_REGION.get(str(uf).strip().upper())


def _check_step(passo: object, tipo: type, **esperado: object) -> None:
    if type(passo) is not tipo:
        raise NotCompilable(f"passo {type(passo).__name__}, esperado {tipo.__name__}")
    for nome, valor in esperado.items():
        if getattr(passo, nome, None) != valor:
            raise NotCompilable(f"{tipo.__name__} com {nome}={getattr(passo, nome, None)!r}")


def _scaler(escala: object) -> Callable[[np.ndarray], np.ndarray]:
    """A normalização aprendida, na mesma ordem de operações do scikit-learn."""
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    if type(escala) is StandardScaler:
        media = escala.mean_ if escala.with_mean else 0.0
        desvio = escala.scale_ if escala.with_std else 1.0
        return lambda X: (X - media) / desvio
    if type(escala) is MinMaxScaler and not escala.clip:
        return lambda X: X * escala.scale_ + escala.min_
    if type(escala) is RobustScaler:
        centro = escala.center_ if escala.with_centering else 0.0
        fator = escala.scale_ if escala.with_scaling else 1.0
        return lambda X: (X - centro) / fator
    raise NotCompilable(f"normalização {type(escala).__name__}")


class _NumericBlock:
    """Corte de extremos, preenchimento pela mediana e normalização, coluna a coluna."""

    def __init__(self, pipe: Any, colunas: list[str]) -> None:
        from sklearn.impute import SimpleImputer

        corte, imputador, escala = (passo for _, passo in pipe.steps)
        _check_step(corte, OutlierClipper)
        _check_step(imputador, SimpleImputer, add_indicator=False)
        if len(imputador.statistics_) != len(colunas) or np.isnan(imputador.statistics_).any():
            raise NotCompilable("coluna numérica vazia no treino")
        self.columns = colunas
        self.lower = np.where(np.isnan(corte.lower_), -np.inf, corte.lower_)
        self.upper = np.where(np.isnan(corte.upper_), np.inf, corte.upper_)
        self.fill = np.asarray(imputador.statistics_, dtype=float)
        self.scale = _scaler(escala)
        self.width = len(colunas)

    def transform(self, X: np.ndarray) -> np.ndarray:
        X = np.clip(X, self.lower, self.upper)
        X = np.where(np.isnan(X), self.fill, X)
        return self.scale(X)


class _CategoricalColumn:
    """Grafias unificadas, vazio preenchido pela moda e a posição no *one-hot*."""

    def __init__(self, mapa: dict, sinonimos: dict, moda: object, categorias: list) -> None:
        if not all(isinstance(c, str) for c in categorias):
            raise NotCompilable("categoria que não é texto")
        self.map, self.synonyms, self.keys = mapa, sinonimos, set(mapa)
        self.index = {c: i for i, c in enumerate(categorias)}
        self.fill = self.index.get(moda, -1)
        self.cache: dict = {}

    def position(self, valor: object) -> int:
        """Posição da categoria de ``valor`` (-1: desconhecida, a linha fica toda em zero)."""
        chave = (valor.__class__, valor)
        try:
            return self.cache[chave]
        except KeyError:
            pass
        except TypeError:  # valor não "hasheável": sem cache
            chave = None
        if is_missing(valor):
            posicao = self.fill
        else:
            norma = normalize_key(valor)
            alvo = self.synonyms.get(norma)
            norma = alvo if alvo is not None and alvo in self.keys else norma
            posicao = self.index.get(self.map.get(norma, str(valor).strip()), -1)
        if chave is not None and len(self.cache) < _CACHE_MAX:
            self.cache[chave] = posicao
        return posicao


class _CategoricalBlock:
    def __init__(self, pipe: Any, colunas: list[str]) -> None:
        from sklearn.impute import SimpleImputer
        from sklearn.preprocessing import OneHotEncoder

        grafias, imputador, onehot = (passo for _, passo in pipe.steps)
        _check_step(grafias, CategoryNormalizer)
        _check_step(imputador, SimpleImputer, add_indicator=False, strategy="most_frequent")
        _check_step(onehot, OneHotEncoder, drop=None, handle_unknown="ignore",
                    min_frequency=None, max_categories=None, sparse_output=False)
        if len(grafias.canonical_) != len(colunas) or len(imputador.statistics_) != len(colunas):
            raise NotCompilable("coluna categórica vazia no treino")
        sinonimos = DEFAULT_SYNONYMS if grafias.synonyms is None else grafias.synonyms
        self.columns = colunas
        self.parts = [_CategoricalColumn(m, sinonimos, moda, list(cats)) for m, moda, cats
                      in zip(grafias.canonical_, imputador.statistics_, onehot.categories_)]
        self.offsets = np.cumsum([0] + [len(c) for c in onehot.categories_])[:-1]
        self.width = int(sum(len(c) for c in onehot.categories_))


class FeatureBuilder:
    """Transforma registros na matriz de atributos do estimador, como o pipeline faria.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        O pipeline treinado de :func:`mlops_lab.train.make_model` (atributos,
        preparo, modelo).
    schema : dict
        O esquema de treino (``metadata["schema"]``).

    Raises
    ------
    NotCompilable
        Se alguma peça do pipeline não for uma das que este módulo reproduz.

    Examples
    --------
    >>> import pandas as pd
    >>> from mlops_lab.train import make_model
    >>> esquema = {"columns": ["idade", "plano"], "numeric": ["idade"],
    ...            "categorical": ["plano"], "ignored": {}}
    >>> X = pd.DataFrame({"idade": [20, 35, 50, None] * 5, "plano": ["A", "b", "B", None] * 5})
    >>> modelo = make_model("logistic_regression", esquema).fit(X, ["Sim", "Não"] * 10)
    >>> FeatureBuilder(modelo, esquema).transform([{"idade": 30, "plano": "a"}]).shape
    (1, 3)
    """

    def __init__(self, pipeline: Any, schema: dict) -> None:
        from sklearn.compose import ColumnTransformer
        from sklearn.preprocessing import FunctionTransformer

        from mlops_lab.features import add_features

        atributos, preparo = pipeline.steps[0][1], pipeline.steps[1][1]
        _check_step(atributos, FunctionTransformer, func=add_features, kw_args=None)
        _check_step(preparo, ColumnTransformer)
        self.schema = schema
        self.numeric, self.categorical = None, None
        for nome, transformador, colunas in preparo.transformers_:
            if nome == "num":
                self.numeric = _NumericBlock(transformador, list(colunas))
            elif nome == "cat":
                self.categorical = _CategoricalBlock(transformador, list(colunas))
            elif transformador != "drop":
                raise NotCompilable(f"transformador '{nome}'")
        self._check_schema(schema)
        colunas = set(schema["columns"])
        self.derived = {"regiao": "uf" in colunas,
                        "valor_por_gb": {"valor_mensal", "uso_dados_gb"} <= colunas,
                        "anos_de_contrato": "meses_de_contrato" in colunas}
        derivadas_numericas = {"valor_mensal", "uso_dados_gb", "meses_de_contrato"} & colunas
        if not derivadas_numericas <= set(schema["numeric"]):
            raise NotCompilable("coluna de origem de atributo derivado não numérica")
        self.width = sum(b.width for b in (self.numeric, self.categorical) if b is not None)

    def _check_schema(self, schema: dict) -> None:
        # O metadata.json é o contrato que o caminho padrão confere; se ele diz que uma
        # coluna é de um tipo e o pipeline a trata como de outro, só o caminho padrão
        # recusa o que deve recusar.
        blocos = {"numeric": self.numeric, "categorical": self.categorical}
        for tipo, outro in (("numeric", "categorical"), ("categorical", "numeric")):
            trocadas = set(schema[tipo]) & set(getattr(blocos[outro], "columns", ()))
            if trocadas:
                raise NotCompilable(f"o esquema diz que {', '.join(sorted(trocadas))} é "
                                    f"{'numérica' if tipo == 'numeric' else 'categórica'}, "
                                    "mas o pipeline a trata de outro jeito")

    def _numeric_row(self, registro: dict) -> list[float]:
        valores = {}
        for coluna in self.numeric.columns:
            if coluna == "valor_por_gb" and self.derived["valor_por_gb"]:
                uso = max(_number(registro.get("uso_dados_gb")), 0.0)
                valores[coluna] = _number(registro.get("valor_mensal")) / (uso + 1.0)
            elif coluna == "anos_de_contrato" and self.derived["anos_de_contrato"]:
                valores[coluna] = _number(registro.get("meses_de_contrato")) / 12
            else:
                valores[coluna] = _number(registro.get(coluna))
        return [valores[c] for c in self.numeric.columns]

    def transform(self, registros: list[dict]) -> np.ndarray:
        """A matriz ``(n_registros, n_atributos)`` em float64 que o estimador recebe.

        Raises
        ------
        Fallback
            Se um valor pedir as conversões do caminho padrão (texto numa coluna
            numérica, inteiro grande demais): o chamador usa o pipeline.
        """
        saida = np.zeros((len(registros), self.width))
        inicio = 0
        if self.numeric is not None:
            brutos = np.array([self._numeric_row(r) for r in registros], dtype=float)
            saida[:, :self.numeric.width] = self.numeric.transform(brutos)
            inicio = self.numeric.width
        if self.categorical is not None:
            bloco = self.categorical
            for i, registro in enumerate(registros):
                for parte, deslocamento, coluna in zip(bloco.parts, bloco.offsets, bloco.columns):
                    if coluna == "regiao" and self.derived["regiao"]:
                        valor = _region(registro.get("uf"))
                    else:
                        valor = registro.get(coluna)
                    posicao = parte.position(valor)
                    if posicao >= 0:
                        saida[i, inicio + deslocamento + posicao] = 1.0
        return saida
