"""DataOps: um pipeline de dados da extração à publicação, com contratos.

:func:`run_dataops` leva uma remessa de dados de clientes por cinco etapas:

1. **extrair**: lê o CSV (ou Parquet) bruto e registra o hash do arquivo;
2. **validar a entrada**: o contrato de entrada (:func:`raw_schema`, escrito
   com o pandera) confere o esquema (colunas, tipos, formatos) e checagens
   estatísticas com tolerância (nulos, faixas, vocabulário, unicidade,
   proporção do alvo). A bagunça conhecida passa; uma remessa quebrada, não;
3. **transformar**: a limpeza de :mod:`mlops_lab.clean` (duplicatas, rótulo)
   e a padronização de grafias, siglas e valores impossíveis;
4. **validar a saída**: o contrato de saída (:func:`clean_schema`), estrito,
   garante que a transformação entregou o que promete;
5. **publicar**: grava um conjunto **versionado** (``versions/<versão>/``
   com ``data.parquet``, ``manifest.json`` e ``quality_report.md``; a versão
   é o hash do conteúdo) e só então aponta ``LATEST.json`` para ela.

Uma checagem que falha interrompe o pipeline com :class:`MlopsLabError`,
em português, **antes** de qualquer escrita: a versão já publicada continua
valendo e nada a jusante é sobrescrito.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mlops_lab import _fs
from mlops_lab.data import EXAMPLE_TARGET
from mlops_lab.errors import MlopsLabError

LATEST = "LATEST.json"
TEXT_VOCAB = {
    "plano": ["Pré-pago", "Controle", "Pós-pago"],
    "forma_pagamento": ["Boleto", "Cartão de crédito", "Pix", "Débito automático"],
    "canal_aquisicao": ["Loja física", "Site", "Aplicativo", "Televendas"],
    "fatura_digital": ["Sim", "Não"],
    "possui_fidelidade": ["Sim", "Não"],
    "cancelou": ["Sim", "Não"],
}
COUNTS = ["meses_de_contrato", "minutos_chamadas", "reclamacoes_12m", "chamados_suporte_90d"]
MEASURES = ["idade", "valor_mensal", "uso_dados_gb"]
RANGES = {"idade": (18, 100), "valor_mensal": (0.01, 2000), "uso_dados_gb": (0, 1000)}
MAX_MISSING = 0.05  # fração máxima de nulos por coluna na remessa bruta
MAX_OUT_OF_RANGE = 0.01  # fração máxima de valores impossíveis por coluna
MAX_DUPLICATES = 0.05
TARGET_SHARE = (0.10, 0.40)  # fração de "Sim" em cancelou
MIN_ROWS = 100
_SINONIMOS = {"s": "sim", "n": "nao"}

# Nomes das verificações internas do pandera, em português.
_PANDERA = {"column_in_dataframe": "coluna obrigatória presente",
            "coerce_dtype": "valores do tipo esperado", "dtype": "tipo da coluna",
            "not_nullable": "sem valores ausentes", "field_uniqueness": "valores únicos",
            "column_in_schema": "coluna prevista no contrato",
            "column_ordered": "colunas na ordem do contrato"}


def _key(valor) -> str:
    from mlops_lab.clean import normalize_key

    chave = normalize_key(valor)
    return _SINONIMOS.get(chave, chave)


def _keys(serie):
    """Chaves de :func:`_key` para uma coluna, calculadas uma vez por valor distinto."""
    valores = serie.dropna().astype(str)
    mapa = {v: _key(v) for v in valores.unique()}
    return valores.map(mapa)


def _fracao_fora(serie, minimo, maximo) -> float:
    import pandas as pd

    # Texto numa coluna numérica conta como fora da faixa (o tipo é checado à parte).
    preenchidos = pd.to_numeric(serie.dropna(), errors="coerce")
    return float((~preenchidos.between(minimo, maximo)).mean()) if len(preenchidos) else 0.0


def _fracao_fora_do_vocabulario(serie, vocabulario) -> float:
    chaves = {_key(v) for v in vocabulario}
    preenchidos = _keys(serie)
    return float((~preenchidos.isin(chaves)).mean()) if len(preenchidos) else 0.0


def _fracao_sim(serie) -> float:
    chaves = _keys(serie)
    return float((chaves == "sim").mean()) if len(chaves) else 0.0


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%".replace(".", ",")


@dataclass(frozen=True)
class Rule:
    """Checagem estatística: uma medida da coluna (ou da tabela) e a sua faixa aceita."""

    column: str | None
    description: str
    measure: object  # função: Series (ou DataFrame) -> float
    low: float
    high: float
    fmt: object = _pct

    def passes(self, valor: float) -> bool:
        return self.low <= valor <= self.high

    def check(self):
        import pandera.pandas as pa

        return pa.Check(lambda dados: self.passes(self.measure(dados)), ignore_na=False,
                        error=self.description)


def raw_rules() -> list[Rule]:
    """As checagens estatísticas do contrato de entrada, com as tolerâncias.

    Examples
    --------
    >>> [r.description for r in raw_rules()][:2]
    ['no máximo 5,0% de nulos em id_cliente', 'no máximo 5,0% de nulos em idade']
    """
    regras = [Rule(c, f"no máximo {_pct(MAX_MISSING)} de nulos em {c}",
                   lambda s: float(s.isna().mean()), 0, MAX_MISSING)
              for c in ["id_cliente", *MEASURES, *TEXT_VOCAB]]
    for coluna, (minimo, maximo) in RANGES.items():
        regras.append(Rule(coluna, f"no máximo {_pct(MAX_OUT_OF_RANGE)} de {coluna} fora de "
                                   f"{minimo} a {maximo}",
                           lambda s, a=minimo, b=maximo: _fracao_fora(s, a, b),
                           0, MAX_OUT_OF_RANGE))
    for coluna, vocabulario in TEXT_VOCAB.items():
        regras.append(Rule(coluna, f"no máximo {_pct(MAX_OUT_OF_RANGE)} de {coluna} fora do "
                                   f"vocabulário ({', '.join(vocabulario)}, em qualquer grafia)",
                           lambda s, v=tuple(vocabulario): _fracao_fora_do_vocabulario(s, v),
                           0, MAX_OUT_OF_RANGE))
    regras += [
        Rule(EXAMPLE_TARGET, f"fração de 'Sim' em cancelou entre {_pct(TARGET_SHARE[0])} e "
                             f"{_pct(TARGET_SHARE[1])}", _fracao_sim, *TARGET_SHARE),
        Rule(None, f"no máximo {_pct(MAX_DUPLICATES)} de linhas repetidas",
             lambda d: float(d.duplicated().mean()), 0, MAX_DUPLICATES),
        Rule(None, "id_cliente único entre as linhas distintas",
             lambda d: float(d.drop_duplicates()["id_cliente"].duplicated().sum()), 0, 0,
             fmt=lambda x: f"códigos repetidos: {x:.0f}"),
        Rule(None, f"pelo menos {MIN_ROWS} linhas", lambda d: float(len(d)), MIN_ROWS,
             float("inf"), fmt=lambda x: f"{x:.0f} linhas"),
    ]
    return regras


def raw_schema():
    """Contrato de entrada (pandera): esquema e checagens estatísticas da remessa bruta.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> raw_schema().validate(load_example()).shape
    (6120, 15)
    """
    import pandera.pandas as pa

    from mlops_lab.features import UF_PARA_REGIAO

    por_coluna: dict[str, list] = {}
    por_tabela = []
    for regra in raw_rules():
        (por_coluna.setdefault(regra.column, []) if regra.column else por_tabela).append(
            regra.check())
    ufs = set(UF_PARA_REGIAO)
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
    for coluna in TEXT_VOCAB:
        colunas[coluna] = pa.Column(str, por_coluna[coluna], nullable=True)
    return pa.DataFrameSchema(colunas, checks=por_tabela, name="contrato de entrada")


def clean_schema():
    """Contrato de saída (pandera), estrito: o que a transformação promete entregar.

    Examples
    --------
    >>> from mlops_lab.data import load_example
    >>> limpo, _ = transform(load_example())
    >>> clean_schema().validate(limpo).shape[1]
    15
    """
    import pandera.pandas as pa

    from mlops_lab.features import UF_PARA_REGIAO

    colunas = {
        "id_cliente": pa.Column(str, pa.Check.str_matches(r"^CLI-\d{6}$",
                                                          error="formato CLI-000000"),
                                unique=True),
        "uf": pa.Column(str, pa.Check.isin(sorted(UF_PARA_REGIAO), error="sigla de UF")),
    }
    for coluna in MEASURES:
        minimo, maximo = RANGES[coluna]
        colunas[coluna] = pa.Column(float, pa.Check.in_range(
            minimo, maximo, error=f"entre {minimo} e {maximo}"), nullable=True)
    for coluna in COUNTS:
        colunas[coluna] = pa.Column("int64", pa.Check.ge(0, error="contagem não negativa"))
    for coluna, vocabulario in TEXT_VOCAB.items():
        colunas[coluna] = pa.Column(str, pa.Check.isin(vocabulario, error="grafia oficial"),
                                    nullable=coluna != EXAMPLE_TARGET)
    from mlops_lab.datasets.generate import COLUNAS

    return pa.DataFrameSchema({c: colunas[c] for c in COLUNAS}, strict=True, ordered=True,
                              name="contrato de saída")


def check_table(df, schema, rules=()):
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


def _nome_tipo(dtype) -> str:
    texto = str(dtype).strip("()'\"")
    if "str" in texto:
        return "texto"
    return {"float64": "número", "int64": "número inteiro"}.get(texto, texto)


def _traduzir(nome: str) -> str:
    base = nome.split("(")[0]
    if base in ("dtype", "coerce_dtype"):  # as duas falhas de tipo viram uma só linha
        return f"tipo da coluna: {_nome_tipo(nome[len(base):])}"
    return _PANDERA.get(base, nome)


def _declared_checks(schema):
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


def validate(df, schema, rules=(), stage: str = "entrada", source: str = "a remessa"):
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


def transform(df):
    """Limpa a remessa: duplicatas, rótulos, grafias, siglas e valores impossíveis.

    Returns
    -------
    (DataFrame, dict)
        Os dados no formato do contrato de saída e o que foi feito.
    """

    from mlops_lab.clean import clean_table

    limpo, relatorio = clean_table(df, EXAMPLE_TARGET)
    limpo = limpo.copy()
    for coluna, vocabulario in TEXT_VOCAB.items():
        oficial = {_key(v): v for v in vocabulario}
        novo = _keys(limpo[coluna]).map(oficial).reindex(limpo.index)
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


@dataclass
class DataOpsResult:
    """O que :func:`run_dataops` produziu."""

    version: str
    path: Path
    manifest: dict
    checks: object  # DataFrame das verificações dos dois contratos
    report: str  # relatório de qualidade em Markdown
    already_published: bool

    def summary(self) -> str:
        m = self.manifest
        estado = "já estava publicada (nada reescrito)" if self.already_published else "publicada"
        return (f"Versão {self.version} {estado}: {m['rows']} linhas, {m['columns']} colunas\n"
                f"Verificações: {len(self.checks)} passaram (entrada e saída)\n"
                f"Dados: {self.path / 'data.parquet'}\n"
                f"Relatório de qualidade: {self.path / 'quality_report.md'}")


def _check_out(out: Path) -> None:
    _fs.check_out(out, LATEST, message=lambda pasta, opcao, _: (
        f"a pasta '{pasta}' já tem arquivos que não são publicações do mlops-lab dataops. "
        f"Para não misturar nem apagar nada, escolha uma pasta nova ou vazia em {opcao}."))


def _profile(df):
    import pandas as pd

    linhas = []
    for coluna in df.columns:
        s = df[coluna]
        numerica = pd.api.types.is_numeric_dtype(s)
        linhas.append({"coluna": coluna, "nulos": _pct(s.isna().mean()),
                       "distintos": int(s.nunique()),
                       "mínimo": f"{s.min():g}" if numerica else "",
                       "máximo": f"{s.max():g}" if numerica else ""})
    return pd.DataFrame(linhas)


def _rotulo(chave: str) -> str:
    """Texto do relatório para cada chave do que a transformação fez."""
    fixos = {"linhas_iniciais": "linhas lidas",
             "linhas_duplicadas": "linhas duplicadas removidas",
             "linhas_sem_rotulo": "linhas sem rótulo removidas",
             "linhas_finais": "linhas publicadas",
             "ids_repetidos_removidos": "códigos de cliente repetidos removidos"}
    if chave in fixos:
        return fixos[chave]
    sufixos = {"_fora_do_vocabulario": "valores fora do vocabulário (viraram ausentes)",
               "_impossiveis_viraram_ausentes": "valores impossíveis (viraram ausentes)"}
    for sufixo, texto in sufixos.items():
        if chave.endswith(sufixo):
            return f"`{chave.removesuffix(sufixo)}`: {texto}"
    return chave


def quality_report(manifest: dict, checks, transformacao: dict, perfil) -> str:
    """Relatório de qualidade em Markdown: origem, verificações, limpeza e perfil."""
    def tabela(df):
        cab = "| " + " | ".join(df.columns) + " |\n|" + "---|" * len(df.columns) + "\n"
        return cab + "\n".join("| " + " | ".join(str(v).replace("|", "/") for v in linha)
                               + " |" for linha in df.itertuples(index=False))

    limpeza = "\n".join(f"- {_rotulo(k)}: {v}" for k, v in transformacao.items())
    return (f"# Relatório de qualidade: versão {manifest['version']}\n\n"
            f"- Origem: `{manifest['source']['file']}` (SHA-256 "
            f"`{manifest['source']['sha256'][:16]}…`)\n"
            f"- Publicado em: {manifest['created_at']}\n"
            f"- Linhas: {manifest['raw_rows']} brutas, {manifest['rows']} publicadas\n"
            f"- SHA-256 do Parquet: `{manifest['parquet_sha256']}`\n\n"
            f"## Verificações ({len(checks)}, todas aprovadas)\n\n{tabela(checks)}\n\n"
            f"## Transformação\n\n{limpeza}\n\n"
            f"## Perfil dos dados publicados\n\n{tabela(perfil)}\n")


def publish(df, out: Path, manifest: dict, report_parts) -> tuple[Path, bool, dict]:
    """Grava a versão numa pasta temporária, renomeia e só então troca ``LATEST.json``.

    Um erro em qualquer ponto (inclusive Ctrl+C) desfaz o que foi criado: ``out``
    fica como estava, com a versão publicada antes ainda valendo.
    """
    from mlops_lab.data import file_hash, frame_hash, to_parquet

    versao = "v-" + frame_hash(df)[:12]
    destino = out / "versions" / versao
    ja_existia = (destino / "manifest.json").exists()
    with _fs.undo_on_error(out, out / "versions", destino):
        if ja_existia:
            manifest = json.loads((destino / "manifest.json").read_text(encoding="utf-8"))
        else:
            with _fs.staged_dir(destino) as tmp:
                to_parquet(df, tmp / "data.parquet")
                manifest = {"version": versao, **manifest,
                            "parquet_sha256": file_hash(tmp / "data.parquet"),
                            "content_sha256": frame_hash(df)}
                _fs.write_json(tmp / "manifest.json", manifest)
                _fs.write_text(tmp / "quality_report.md", quality_report(manifest, *report_parts))
        # O último passo: só aqui a nova versão passa a valer.
        _fs.write_json(out / LATEST, {"version": versao, "path": f"versions/{versao}"})
    return destino, ja_existia, manifest


def run_dataops(data=None, out="dados_publicados", read_options=None) -> DataOpsResult:
    """Extrai, valida, transforma, valida de novo e publica uma versão dos dados.

    Parameters
    ----------
    data : str, Path ou None
        CSV (também comprimido, como ``.csv.gz``) ou Parquet da remessa; ``None``
        usa os dados embutidos.
    out : str ou Path
        Pasta das publicações: ``versions/<versão>/`` e ``LATEST.json``.
    read_options : dict, opcional
        ``sep``, ``decimal`` e ``encoding`` repassados a
        :func:`~mlops_lab.data.read_table`.

    Raises
    ------
    MlopsLabError
        Se um contrato falhar; nada em ``out`` é alterado.

    Examples
    --------
    >>> import tempfile
    >>> r = run_dataops(out=tempfile.mkdtemp())
    >>> r.version.startswith("v-"), r.manifest["rows"]
    (True, 5982)
    """
    import pandas as pd
    import pandera

    from mlops_lab.data import example_path, file_hash, read_table

    out = Path(out)
    _check_out(out)
    origem = Path(data) if data is not None else example_path()
    bruto = read_table(origem, **(read_options or {}))
    nome = f"a remessa '{origem.name}'"
    entrada = validate(bruto, raw_schema(), raw_rules(), "entrada", nome)
    limpo, transformacao = transform(bruto)
    saida = validate(limpo, clean_schema(), (), "saída", f"o resultado da limpeza de {nome}")
    checks = pd.concat([entrada.assign(contrato="entrada"), saida.assign(contrato="saída")],
                       ignore_index=True)[["contrato", "coluna", "verificação", "medido",
                                           "situação"]]
    manifest = {"created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "rows": len(limpo), "columns": limpo.shape[1],
                "raw_rows": len(bruto),
                "source": {"file": origem.name, "sha256": file_hash(origem)},
                "checks_passed": len(checks), "pandera": pandera.__version__}
    destino, ja_existia, manifest = publish(limpo, out, manifest,
                                            (checks, transformacao, _profile(limpo)))
    relatorio = (destino / "quality_report.md").read_text(encoding="utf-8")
    return DataOpsResult(manifest["version"], destino, manifest, checks, relatorio, ja_existia)


def load_latest(out):
    """Lê a versão publicada mais recente (a que ``LATEST.json`` aponta)."""
    import pandas as pd

    out = Path(out)
    if not (out / LATEST).exists():
        raise MlopsLabError(f"'{out}' não tem {LATEST}: rode 'mlops-lab dataops --out {out}' "
                            "para publicar uma versão.")
    ponteiro = json.loads((out / LATEST).read_text(encoding="utf-8"))
    return pd.read_parquet(out / ponteiro["path"] / "data.parquet")


def make_batch(n: int = 3000, seed: int = 7, defect: str | None = None):
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

    from mlops_lab.datasets.generate import gerar

    df = pd.read_csv(io.StringIO(gerar(n, seed)), sep=";", decimal=",")
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
