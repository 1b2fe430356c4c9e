"""Os contratos (pandera) de entrada e de saída e a tabela de verificações em português."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from mlops_lab.data import EXAMPLE_TARGET
from mlops_lab.dataops.rules import COUNTS, MEASURES, RANGES, Rule, raw_rules
from mlops_lab.datasets.vocabulary import TEXT_VOCABULARY, UF_TO_REGION
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_table", "clean_schema", "raw_schema", "validate"]

# Nomes das verificações internas do pandera, em português.
_PANDERA = {"column_in_dataframe": "coluna obrigatória presente",
            "coerce_dtype": "valores do tipo esperado", "dtype": "tipo da coluna",
            "not_nullable": "sem valores ausentes", "field_uniqueness": "valores únicos",
            "column_in_schema": "coluna prevista no contrato",
            "column_ordered": "colunas na ordem do contrato"}


def raw_schema() -> Any:
    """Contrato de entrada (pandera): esquema e checagens estatísticas da remessa bruta.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> raw_schema().validate(load_example()).shape
    (6120, 15)
    """
    import pandera.pandas as pa

    por_coluna: dict[str, list] = {}
    por_tabela = []
    for regra in raw_rules():
        (por_coluna.setdefault(regra.column, []) if regra.column else por_tabela).append(
            regra.check())
    ufs = set(UF_TO_REGION)
    colunas = {
        "id_cliente": pa.Column(str, [pa.Check.str_matches(r"^CLI-\d{6}$",
                                                           error="formato CLI-000000"),
                                      *por_coluna["id_cliente"]], nullable=True),
        "uf": pa.Column(str, pa.Check(lambda s: s.str.strip().str.upper().isin(ufs),
                                      error="sigla de UF válida (espaços e caixa à parte)"),
                        nullable=False),
    }
    for coluna in MEASURES:
        colunas[coluna] = pa.Column(float, por_coluna[coluna], nullable=True, coerce=True)
    for coluna in COUNTS:
        colunas[coluna] = pa.Column(float, pa.Check.ge(0, error="contagem não negativa"),
                                    nullable=False, coerce=True)
    for coluna in TEXT_VOCABULARY:
        colunas[coluna] = pa.Column(str, por_coluna[coluna], nullable=True)
    return pa.DataFrameSchema(colunas, checks=por_tabela, name="contrato de entrada")


def clean_schema() -> Any:
    """Contrato de saída (pandera), estrito: o que a transformação promete entregar.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> from mlops_lab.dataops.transform import transform
    >>> limpo, _ = transform(load_example())
    >>> clean_schema().validate(limpo).shape[1]
    15
    """
    import pandera.pandas as pa

    colunas = {
        "id_cliente": pa.Column(str, pa.Check.str_matches(r"^CLI-\d{6}$",
                                                          error="formato CLI-000000"),
                                unique=True),
        "uf": pa.Column(str, pa.Check.isin(sorted(UF_TO_REGION), error="sigla de UF")),
    }
    for coluna in MEASURES:
        minimo, maximo = RANGES[coluna]
        colunas[coluna] = pa.Column(float, pa.Check.in_range(
            minimo, maximo, error=f"entre {minimo} e {maximo}"), nullable=True)
    for coluna in COUNTS:
        colunas[coluna] = pa.Column("int64", pa.Check.ge(0, error="contagem não negativa"))
    for coluna, vocabulario in TEXT_VOCABULARY.items():
        colunas[coluna] = pa.Column(str, pa.Check.isin(vocabulario, error="grafia oficial"),
                                    nullable=coluna != EXAMPLE_TARGET)
    from mlops_lab.datasets.generate import COLUMNS

    return pa.DataFrameSchema({c: colunas[c] for c in COLUMNS}, strict=True, ordered=True,
                              name="contrato de saída")


def check_table(df: pd.DataFrame, schema: Any, rules: Iterable[Rule] = ()) -> pd.DataFrame:
    """Roda um contrato e devolve a tabela de verificações (sem lançar erro).

    Returns
    -------
    DataFrame com ``coluna``, ``verificação``, ``medido`` e ``situação``
    (``"OK"`` ou ``"FALHA"``), uma linha por verificação do contrato.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> tabela = check_table(load_example(), raw_schema(), raw_rules())
    >>> bool((tabela["situação"] == "OK").all())
    True
    """
    import pandas as pd
    import pandera.pandas as pa

    falhas = pd.DataFrame(columns=["column", "check", "failure_case"])
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as erro:
        falhas = erro.failure_cases
    except pa.errors.SchemaError as erro:  # falhas que o pandera não adia (raras)
        falhas = pd.DataFrame([{"column": getattr(erro.schema, "name", None),
                                "check": str(erro.check), "failure_case": str(erro)}])
    da_tabela = falhas["column"].isna()
    if "schema_context" in falhas:
        da_tabela |= falhas["schema_context"] == "DataFrameSchema"
    falhas = falhas.assign(check=falhas["check"].astype(str).map(_traduzir),
                           column=falhas["column"].astype(object).where(~da_tabela, "(tabela)"))
    medidas = {}
    for regra in rules:
        alvo = df if regra.column is None else df.get(regra.column)
        if alvo is not None:
            medidas[(regra.column or "(tabela)", regra.description)] = regra.fmt(
                regra.measure(alvo))
    linhas = []
    for coluna, verificacao in _declared_checks(schema):
        achadas = falhas[(falhas["column"] == coluna) & (falhas["check"] == verificacao)]
        medido = medidas.get((coluna, verificacao))
        if medido is None and len(achadas):
            exemplos = ", ".join(repr(v) for v in achadas["failure_case"].astype(str)
                                 .unique()[:3] if v != "False")
            linhas_ruins = achadas["index"].dropna().nunique() if "index" in achadas else 0
            medido = f"{linhas_ruins or len(achadas)} valores fora" + (
                f" (por exemplo {exemplos})" if exemplos else "")
        linhas.append({"coluna": coluna, "verificação": verificacao, "medido": medido or "",
                       "situação": "FALHA" if len(achadas) else "OK"})
        falhas = falhas.drop(achadas.index)
    # Falhas sem verificação declarada (coluna faltando, fora de ordem...).
    for (coluna, verificacao), grupo in falhas.groupby(["column", "check"], sort=False):
        casos = ", ".join(map(str, grupo["failure_case"].unique()[:5]))
        if verificacao == _PANDERA["column_in_dataframe"]:
            coluna, casos = casos, "a coluna não veio no arquivo"
        linhas.append({"coluna": coluna, "verificação": verificacao, "medido": casos,
                       "situação": "FALHA"})
    return pd.DataFrame(linhas)


def _nome_tipo(dtype: Any) -> str:
    texto = str(dtype).strip("()'\"")
    if "str" in texto:
        return "texto"
    return {"float64": "número", "int64": "número inteiro"}.get(texto, texto)


def _traduzir(nome: str) -> str:
    base = nome.split("(")[0]
    if base in ("dtype", "coerce_dtype"):  # as duas falhas de tipo viram uma só linha
        return f"tipo da coluna: {_nome_tipo(nome[len(base):])}"
    return _PANDERA.get(base, nome)


def _declared_checks(schema: Any) -> Iterator[tuple[str, str]]:
    for nome, coluna in schema.columns.items():
        if nome in schema.columns and schema.dtype is None:
            yield nome, f"tipo da coluna: {_nome_tipo(coluna.dtype)}"
        if not coluna.nullable:
            yield nome, "sem valores ausentes"
        if coluna.unique:
            yield nome, "valores únicos"
        for verificacao in coluna.checks:
            yield nome, verificacao.error
    for verificacao in schema.checks:
        yield "(tabela)", verificacao.error


def validate(df: pd.DataFrame, schema: Any, rules: Iterable[Rule] = (), stage: str = "entrada",
             source: str = "a remessa") -> pd.DataFrame:
    """Roda o contrato; se algo falhar, lança :class:`MlopsLabError` em português."""
    tabela = check_table(df, schema, rules)
    falhas = tabela[tabela["situação"] == "FALHA"]
    if len(falhas):
        itens = "\n".join(f"  - {f.coluna}: {f.verificação}"
                          + (f" (medido: {f.medido})" if f.medido else "")
                          for f in falhas.itertuples())
        raise MlopsLabError(
            f"{source} não passou no contrato de {stage}: {len(falhas)} de {len(tabela)} "
            f"verificações falharam.\n{itens}\nO pipeline parou aqui e nada foi publicado; a "
            "versão anterior, se houver, continua valendo. Corrija os dados na origem (ou, se "
            "a regra é que mudou, o contrato) e rode de novo.")
    return tabela
