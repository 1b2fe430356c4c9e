"""A transformação: a limpeza do curso e a padronização para o contrato de saída."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.data import EXAMPLE_TARGET
from mlops_lab.dataops.rules import COUNTS, MEASURES, RANGES, canonical_keys
from mlops_lab.datasets.vocabulary import TEXT_VOCABULARY

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["transform"]


def transform(df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Limpa a remessa: duplicatas, rótulos, grafias, siglas e valores impossíveis.

    Returns
    -------
    (DataFrame, dict)
        Os dados no formato do contrato de saída e o que foi feito.

    Examples
    --------
    >>> import pandas as pd
    >>> from mlops_lab.data import load_example
    >>> limpo, feito = transform(load_example())
    >>> sorted(limpo["plano"].dropna().unique())
    ['Controle', 'Pré-pago', 'Pós-pago']
    """

    from mlops_lab.clean import canonical_key, clean_table

    limpo, relatorio = clean_table(df, EXAMPLE_TARGET)
    limpo = limpo.copy()
    for coluna, vocabulario in TEXT_VOCABULARY.items():
        oficial = {canonical_key(v): v for v in vocabulario}
        novo = canonical_keys(limpo[coluna]).map(oficial).reindex(limpo.index)
        relatorio[f"{coluna}_fora_do_vocabulario"] = int((novo.isna() & limpo[coluna].notna())
                                                         .sum())
        limpo[coluna] = novo.astype("str").where(novo.notna(), None)
    limpo["uf"] = limpo["uf"].str.strip().str.upper()
    for coluna in MEASURES:
        minimo, maximo = RANGES[coluna]
        valores = limpo[coluna].astype(float)
        impossivel = valores.notna() & ~valores.between(minimo, maximo)
        relatorio[f"{coluna}_impossiveis_viraram_ausentes"] = int(impossivel.sum())
        limpo[coluna] = valores.mask(impossivel)
    for coluna in COUNTS:
        limpo[coluna] = limpo[coluna].astype("int64")
    antes = len(limpo)
    limpo = limpo.drop_duplicates("id_cliente").reset_index(drop=True)
    relatorio["ids_repetidos_removidos"] = antes - len(limpo)
    relatorio["linhas_finais"] = len(limpo)
    return limpo, relatorio
