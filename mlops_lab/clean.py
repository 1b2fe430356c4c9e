"""Limpeza e tratamento dos dados.

Duas espécies de limpeza convivem aqui:

* a que vale **só para o treino** e mexe em linhas: remover duplicatas e
  linhas sem rótulo (:func:`drop_duplicates`, :func:`clean_target`,
  :func:`clean_table`);
* a que vale **para o treino e para a produção** e mexe em valores:
  unificar categorias escritas de jeitos diferentes
  (:class:`CategoryNormalizer`) e conter valores extremos
  (:class:`OutlierClipper`). Estas são transformadores do scikit-learn e
  entram no pipeline do modelo, para que os dados de produção passem pela
  mesmíssima limpeza dos dados de treino.
"""

from __future__ import annotations

import unicodedata
import warnings
from typing import TYPE_CHECKING

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

if TYPE_CHECKING:
    from typing import Self

    import pandas as pd
    from numpy.typing import ArrayLike
    from sklearn.utils import Tags

__all__ = ["normalize_key", "canonical_key", "is_missing", "CategoryNormalizer", "OutlierClipper",
           "drop_duplicates", "clean_target", "clean_table"]

# Abreviações comuns de sim/não em planilhas brasileiras.
DEFAULT_SYNONYMS = {"s": "sim", "n": "nao", "yes": "sim", "no": "nao"}


def normalize_key(value: object) -> str:
    """Chave de comparação: minúsculas, sem acentos, espaços e hífens unificados.

    Examples
    --------
    >>> normalize_key("  PÓS-PAGO ")
    'pos pago'
    >>> normalize_key("Cartão de Crédito") == normalize_key("cartao de credito")
    True
    """
    texto = unicodedata.normalize("NFKD", str(value))
    texto = "".join(ch for ch in texto if not unicodedata.combining(ch)).lower()
    for separador in "-_/.":
        texto = texto.replace(separador, " ")
    return " ".join(texto.split())


def canonical_key(value: object, synonyms: dict[str, str] | None = None) -> str:
    """A chave de :func:`normalize_key` com os sinônimos aplicados ("S" → "sim").

    É a regra de "mesma categoria" do curso: a limpeza, o monitoramento de
    *drift* e os contratos de DataOps contam as grafias de um valor como uma só.

    Parameters
    ----------
    value : object
        O valor, em qualquer grafia.
    synonyms : dict, opcional
        Chave -> chave canônica; padrão: :data:`DEFAULT_SYNONYMS`.

    Examples
    --------
    >>> canonical_key(" S "), canonical_key("Não"), canonical_key("Pós-Pago")
    ('sim', 'nao', 'pos pago')
    """
    chave = normalize_key(value)
    return (DEFAULT_SYNONYMS if synonyms is None else synonyms).get(chave, chave)


def is_missing(value: object) -> bool:
    """O valor conta como ausente na limpeza de categorias: ``None``, NaN, ``pd.NA`` ou texto vazio.

    Examples
    --------
    >>> is_missing(None), is_missing("   "), is_missing(float("nan")), is_missing("Sim")
    (True, True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(np.isnan(value))
    except TypeError:
        import pandas as pd

        return value is pd.NA


class CategoryNormalizer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Unifica grafias diferentes da mesma categoria.

    No ``fit``, os valores de texto de cada coluna são agrupados pela chave
    de :func:`normalize_key` (``"Pós-pago"``, ``"pos pago"`` e ``"POS-PAGO"``
    têm a mesma chave) e cada grupo ganha como forma canônica a grafia mais
    frequente. No ``transform``, cada valor vira a sua forma canônica; vazios
    viram ``NaN``. Colunas numéricas passam intactas.

    Parameters
    ----------
    synonyms : dict ou None, padrão None
        Chaves equivalentes, como ``{"s": "sim"}``. ``None`` usa
        :data:`DEFAULT_SYNONYMS`. Um sinônimo só é aplicado se a chave de
        destino aparece na coluna durante o ``fit``.

    Attributes
    ----------
    canonical_ : list of dict
        Para cada coluna, o mapa chave -> forma canônica (vazio se numérica).
    n_features_in_ : int
        Número de colunas vistas no ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([["Pós-pago"], ["pos pago"], ["Pós-pago"], ["S"], ["Sim"]], dtype=object)
    >>> CategoryNormalizer().fit_transform(X).ravel().tolist()
    ['Pós-pago', 'Pós-pago', 'Pós-pago', 'Sim', 'Sim']
    """

    def __init__(self, synonyms: dict[str, str] | None = None) -> None:
        self.synonyms = synonyms

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        return tags

    def _key(self, value, synonyms, keys_seen):
        key = normalize_key(value)
        alvo = synonyms.get(key)
        return alvo if alvo is not None and alvo in keys_seen else key

    def fit(self, X: ArrayLike, y: object = None) -> Self:
        X = validate_data(self, X, dtype=None, ensure_all_finite=False)
        synonyms = DEFAULT_SYNONYMS if self.synonyms is None else self.synonyms
        self.canonical_ = []
        for j in range(X.shape[1]):
            if X.dtype != object:
                self.canonical_.append({})
                continue
            # Trabalha com os valores distintos (dezenas), não com as linhas (milhares).
            codigos, distintos = _factorize(X[:, j])
            contagens = np.bincount(codigos[codigos >= 0], minlength=len(distintos))
            validos = [(v, n) for v, n in zip(distintos, contagens) if not is_missing(v)]
            chaves = {normalize_key(v) for v, _ in validos}
            grupos: dict[str, dict[str, int]] = {}
            for v, n in validos:
                grafias = grupos.setdefault(self._key(v, synonyms, chaves), {})
                grafia = str(v).strip()
                grafias[grafia] = grafias.get(grafia, 0) + int(n)
            # Empate: a grafia mais longa (a abreviação perde), depois a ordem alfabética;
            # assim o resultado não depende da ordem das linhas.
            self.canonical_.append({chave: min(g, key=lambda k, g=g: (-g[k], -len(k), k))
                                    for chave, g in grupos.items()})
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        check_is_fitted(self)
        X = validate_data(self, X, dtype=None, ensure_all_finite=False, reset=False)
        if X.dtype != object:
            return X.copy()
        synonyms = DEFAULT_SYNONYMS if self.synonyms is None else self.synonyms
        saida = np.empty(X.shape, dtype=object)
        for j, mapa in enumerate(self.canonical_):
            codigos, distintos = _factorize(X[:, j])
            chaves = set(mapa)
            traduzidos = np.array(
                [np.nan if is_missing(v) else mapa.get(self._key(v, synonyms, chaves),
                                                         str(v).strip())
                 for v in distintos] + [np.nan], dtype=object)
            saida[:, j] = traduzidos[codigos]  # o código -1 (ausente) pega o último, NaN
        return saida


def _factorize(coluna):
    import pandas as pd

    codigos, distintos = pd.factorize(pd.Series(coluna, dtype=object), use_na_sentinel=True)
    return codigos, list(distintos)


class OutlierClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Limita valores extremos aos limites de Tukey aprendidos no treino.

    Para cada coluna, os limites são ``Q1 - factor * IQR`` e
    ``Q3 + factor * IQR``, em que ``IQR = Q3 - Q1``. Valores fora deles são
    trazidos até o limite mais próximo (um recorte pelas cercas de Tukey,
    parecido com a *winsorização*, que corta em percentis fixos, como 1% e 99%);
    ``NaN`` continua ``NaN`` para o imputador tratar depois.

    Parameters
    ----------
    factor : float, padrão 3.0
        Quantos IQRs além dos quartis ainda contam como valor plausível.
        1,5 é o valor clássico do diagrama de caixa; 3,0 só corta os absurdos.

    Attributes
    ----------
    lower_, upper_ : ndarray de forma (n_features,)
        Limites aprendidos no ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[20.0], [30.0], [40.0], [35.0], [999.0]])
    >>> OutlierClipper(factor=1.5).fit_transform(X).ravel().tolist()
    [20.0, 30.0, 40.0, 35.0, 55.0]
    """

    def __init__(self, factor: float = 3.0) -> None:
        self.factor = factor

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags

    def fit(self, X: ArrayLike, y: object = None) -> Self:
        X = validate_data(self, X, dtype="numeric", ensure_all_finite="allow-nan")
        if not np.isscalar(self.factor) or self.factor < 0:
            raise ValueError(f"factor deve ser um número >= 0, recebido {self.factor!r}.")
        with warnings.catch_warnings():
            # Coluna toda vazia: os limites ficam NaN e o transform não corta nada.
            warnings.simplefilter("ignore", RuntimeWarning)
            q1, q3 = np.nanpercentile(X.astype(float), [25, 75], axis=0)
        iqr = q3 - q1
        self.lower_ = q1 - self.factor * iqr
        self.upper_ = q3 + self.factor * iqr
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        check_is_fitted(self)
        X = validate_data(self, X, dtype="numeric", ensure_all_finite="allow-nan", reset=False)
        lower = np.where(np.isnan(self.lower_), -np.inf, self.lower_)
        upper = np.where(np.isnan(self.upper_), np.inf, self.upper_)
        return np.clip(X.astype(float), lower, upper)


def drop_duplicates(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Remove linhas repetidas e diz quantas eram.

    Examples
    --------
    >>> import pandas as pd
    >>> limpo, removidas = drop_duplicates(pd.DataFrame({"a": [1, 1, 2]}))
    >>> len(limpo), removidas
    (2, 1)
    """
    limpo = df.drop_duplicates().reset_index(drop=True)
    return limpo, len(df) - len(limpo)


def clean_target(df: pd.DataFrame, target: str) -> tuple[pd.DataFrame, int]:
    """Unifica as grafias do rótulo e descarta linhas sem rótulo.

    Returns
    -------
    (DataFrame, int)
        Os dados com o alvo limpo e o número de linhas descartadas.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1, 2, 3, 4], "y": ["Sim", "sim", None, "Não"]})
    >>> limpo, sem_rotulo = clean_target(df, "y")
    >>> limpo["y"].tolist(), sem_rotulo
    (['Sim', 'Sim', 'Não'], 1)
    """
    y = df[[target]]
    if y[target].dtype == object or str(y[target].dtype) in {"str", "string"}:
        y = CategoryNormalizer().fit_transform(y.to_numpy(dtype=object))
        df = df.assign(**{target: y[:, 0]})
    mascara = df[target].notna()
    return df[mascara].reset_index(drop=True), int((~mascara).sum())


def clean_table(df: pd.DataFrame, target: str) -> tuple[pd.DataFrame, dict[str, int]]:
    """Limpeza de linhas para o treino: duplicatas e rótulos ausentes.

    Returns
    -------
    (DataFrame, dict)
        Os dados limpos e um relatório com o que foi feito.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> limpo, relatorio = clean_table(load_example(), "cancelou")
    >>> sorted(relatorio)
    ['linhas_duplicadas', 'linhas_finais', 'linhas_iniciais', 'linhas_sem_rotulo']
    """
    limpo, duplicadas = drop_duplicates(df)
    limpo, sem_rotulo = clean_target(limpo, target)
    relatorio = {"linhas_iniciais": len(df), "linhas_duplicadas": duplicadas,
                 "linhas_sem_rotulo": sem_rotulo, "linhas_finais": len(limpo)}
    return limpo, relatorio
