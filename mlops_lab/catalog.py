"""O catálogo de ferramentas de MLOps e DataOps do curso.

Os dados ficam em ``mlops_lab/datasets/tools.json``: um registro por
ferramenta, com categoria, etapas do ciclo de vida que cobre, licença, quem
mantém, situação e última versão, como rodar localmente, o que a demonstração
do curso mostra e as fontes (endereço e data de consulta). As tabelas de
comparação do livro saem daqui, nunca são digitadas à mão.

Quando ``demo_local`` é verdadeiro, o registro aponta em ``demo_test`` o
teste (``arquivo::função``) que roda a demonstração da ferramenta; o teste
``tests/code/test_catalog.py`` confere que esse teste existe.

Na linha de comando: ``mlops-lab tools [--stage S] [--category C]
[--format table|markdown|csv]``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.plot_style import PALETTE, styled

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CATALOG_FILE", "STAGES", "CATEGORIES", "REQUIRED", "COLUMNS", "FORMATS", "check_records",
    "catalog", "stage_key", "comparison", "coverage", "coverage_plot", "to_markdown",
]

CATALOG_FILE = "tools.json"
# Etapas do ciclo de vida (chave curta, sem acentos, para a linha de comando → nome).
STAGES = {
    "ingestao": "ingestão",
    "versionamento": "versionamento de dados",
    "qualidade": "qualidade de dados",
    "orquestracao": "orquestração",
    "execucao": "execução de jobs",
    "experimentos": "rastreamento de experimentos",
    "treino": "treino",
    "registro": "registro de modelos",
    "implantacao": "implantação",
    "monitoramento": "monitoramento",
}
CATEGORIES = ("MLOps", "DataOps")
REQUIRED = {
    "id": str, "nome": str, "categoria": str, "no_roteiro": bool, "papel": str,
    "etapas": list, "licenca": str, "codigo_aberto": bool, "mantenedor": str,
    "situacao": str, "ultima_versao": str, "data_ultima_versao": str,
    "como_rodar_localmente": str, "demo_curso": str, "demo_local": bool, "fontes": list,
}
# Colunas da comparação, em português: campo do catálogo → título.
COLUMNS = {
    "nome": "Ferramenta", "categoria": "Categoria", "papel": "Para que serve",
    "etapas": "Etapas do ciclo de vida", "licenca": "Licença",
    "codigo_aberto": "Código aberto?", "mantenedor": "Mantenedor", "situacao": "Situação",
    "ultima_versao": "Última versão", "data_ultima_versao": "Data da versão",
    "demo_local": "Roda localmente no curso?", "como_rodar_localmente": "Como rodar localmente",
    "demo_curso": "Demonstração no curso", "substituto": "No curso, no lugar dela",
}
FORMATS = ("table", "markdown", "csv")


def _campos(r: dict, ids: list) -> list[str]:
    problemas = []
    for campo, tipo in REQUIRED.items():
        valor = r.get(campo)
        if valor is None or valor == "" or valor == []:
            problemas.append(f"falta o campo '{campo}'")
        elif not isinstance(valor, tipo):
            problemas.append(f"'{campo}' deveria ser {tipo.__name__}")
    return problemas


def _classificacao(r: dict, ids: list) -> list[str]:
    problemas = [f"etapa desconhecida '{e}'" for e in r.get("etapas") or [] if e not in STAGES]
    if r.get("categoria") not in CATEGORIES:
        problemas.insert(0, f"categoria '{r.get('categoria')}' não é MLOps nem DataOps")
    return problemas


def _demonstracao(r: dict, ids: list) -> list[str]:
    if r.get("demo_local") and not r.get("demo_test"):
        return ["roda localmente, mas não diz qual teste roda a demonstração"]
    if not r.get("demo_local") and r.get("demo_test"):
        return ["aponta um teste, mas está marcada como não rodando"]
    return []


def _referencias(r: dict, ids: list) -> list[str]:
    problemas = []
    if r.get("substituto") is not None and r.get("substituto") not in ids:
        problemas.append(f"o substituto '{r.get('substituto')}' não está no catálogo")
    for fonte in r.get("fontes") or []:
        if not str(fonte.get("url", "")).startswith("https://") or not fonte.get("consultado_em"):
            problemas.append("fonte sem endereço https ou sem data de consulta")
    return problemas


# Cada verificação recebe um registro (e os ids do catálogo) e devolve os problemas dele.
_VERIFICACOES = (_campos, _classificacao, _demonstracao, _referencias)


def check_records(registros: list[dict]) -> list[str]:
    """Confere os registros do catálogo e devolve a lista de problemas (vazia se tudo certo).

    Examples
    --------
    >>> check_records([{"id": "x"}])[0]
    "x: falta o campo 'nome'"
    """
    ids = [r.get("id") for r in registros]
    problemas = [f"{r.get('id', '?')}: {problema}" for r in registros
                 for verificar in _VERIFICACOES for problema in verificar(r, ids)]
    repetidos = sorted({i for i in ids if ids.count(i) > 1})
    if repetidos:
        problemas.append(f"ids repetidos: {', '.join(map(str, repetidos))}")
    return problemas


@lru_cache(maxsize=1)
def _records() -> tuple:
    texto = resources.files("mlops_lab.datasets").joinpath(CATALOG_FILE).read_text("utf-8")
    registros = json.loads(texto)["ferramentas"]
    problemas = check_records(registros)
    if problemas:
        raise MlopsLabError("o catálogo de ferramentas tem erros: " + "; ".join(problemas))
    return tuple(registros)


def catalog() -> pd.DataFrame:
    """O catálogo inteiro: um DataFrame com uma linha por ferramenta e os campos do arquivo.

    Examples
    --------
    >>> tabela = catalog()
    >>> tabela.loc["airflow", "licenca"]
    'Apache-2.0'
    >>> int(tabela["no_roteiro"].sum())  # as oito ferramentas do roteiro do curso
    8
    """
    import pandas as pd

    return pd.DataFrame([dict(r) for r in _records()]).set_index("id", drop=False)


def stage_key(stage: str) -> str:
    """Aceita a chave (``orquestracao``) ou o nome (``orquestração``) de uma etapa.

    Examples
    --------
    >>> stage_key("Orquestração")
    'orquestracao'
    >>> stage_key("deploy")
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: etapa 'deploy' desconhecida. Use uma destas: ingestao, ...
    """
    from mlops_lab.clean import normalize_key  # a mesma comparação da limpeza dos dados

    procurado = normalize_key(stage)
    for chave, nome in STAGES.items():
        if procurado in (chave, normalize_key(nome)):
            return chave
    raise MlopsLabError(f"etapa '{stage}' desconhecida. Use uma destas: "
                        + ", ".join(STAGES) + ".")


def _category(category: str) -> str:
    from mlops_lab.clean import normalize_key

    for c in CATEGORIES:
        if normalize_key(category) == normalize_key(c):
            return c
    raise MlopsLabError(f"categoria '{category}' desconhecida. Use uma destas: "
                        + ", ".join(CATEGORIES) + ".")


def _select(stage=None, category=None, runs_locally=None, open_source=None, tools=None):
    tabela = catalog()
    if tools is not None:
        faltando = [t for t in tools if t not in tabela.index]
        if faltando:
            raise MlopsLabError(f"ferramentas fora do catálogo: {', '.join(faltando)}. Use os "
                                f"ids: {', '.join(tabela.index)}.")
        tabela = tabela.loc[list(tools)]
    if stage is not None:
        chave = stage_key(stage)
        tabela = tabela[tabela["etapas"].apply(lambda etapas: chave in etapas)]
    if category is not None:
        tabela = tabela[tabela["categoria"] == _category(category)]
    if runs_locally is not None:
        tabela = tabela[tabela["demo_local"] == bool(runs_locally)]
    if open_source is not None:
        tabela = tabela[tabela["codigo_aberto"] == bool(open_source)]
    return tabela


def comparison(stage: str | None = None, category: str | None = None,
               runs_locally: bool | None = None, open_source: bool | None = None,
               tools: Sequence[str] | None = None,
               columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A comparação das ferramentas, com colunas em português, filtrada por etapa ou necessidade.

    Parameters
    ----------
    stage : str, opcional
        Só as ferramentas que cobrem esta etapa (chave ou nome; veja ``STAGES``).
    category : {"MLOps", "DataOps"}, opcional
    runs_locally : bool, opcional
        Só as que rodam (``True``) ou não rodam (``False``) localmente no curso.
    open_source : bool, opcional
        Só as de código aberto (``True``) ou não (``False``).
    tools : lista de ids, opcional
        Só estas ferramentas, nesta ordem.
    columns : lista de campos, opcional
        Campos do catálogo a mostrar (chaves de ``COLUMNS``); padrão: todos.

    Examples
    --------
    >>> comparison(stage="execucao", category="DataOps", runs_locally=False,
    ...            columns=["nome", "licenca"])
                   Ferramenta     Licença
    0         Genie (Netflix)  Apache-2.0
    1  Apache Spark (PySpark)  Apache-2.0
    """
    tabela = _select(stage, category, runs_locally, open_source, tools).copy()
    campos = list(columns) if columns is not None else list(COLUMNS)
    desconhecidos = [c for c in campos if c not in COLUMNS]
    if desconhecidos:
        raise MlopsLabError(f"colunas desconhecidas: {', '.join(desconhecidos)}. Use: "
                            + ", ".join(COLUMNS) + ".")
    nomes = catalog()["nome"].to_dict()
    tabela["etapas"] = tabela["etapas"].apply(lambda e: ", ".join(STAGES[k] for k in e))
    for campo in ("codigo_aberto", "demo_local"):
        tabela[campo] = tabela[campo].map({True: "sim", False: "não"})
    tabela["substituto"] = tabela["substituto"].apply(
        lambda s: nomes[s] if isinstance(s, str) else "")
    return tabela[campos].rename(columns=COLUMNS).reset_index(drop=True)


def coverage(stage: str | None = None, category: str | None = None,
             runs_locally: bool | None = None, open_source: bool | None = None,
             tools: Sequence[str] | None = None) -> pd.DataFrame:
    """Tabela ferramenta × etapa do ciclo de vida, com ``True`` onde a ferramenta atua.

    Examples
    --------
    >>> coverage(tools=["dvc"]).loc["DVC"].sum()
    np.int64(3)
    """
    import pandas as pd

    tabela = _select(stage, category, runs_locally, open_source, tools)
    return pd.DataFrame({nome: [k in etapas for etapas in tabela["etapas"]]
                         for k, nome in STAGES.items()}, index=pd.Index(tabela["nome"],
                                                                        name="Ferramenta"))


@styled
def coverage_plot(stage: str | None = None, category: str | None = None,
                  runs_locally: bool | None = None, open_source: bool | None = None,
                  tools: Sequence[str] | None = None, ax: Axes | None = None) -> Figure:
    """Desenha a cobertura do ciclo de vida: ferramentas nas linhas, etapas nas colunas.

    Células cheias: a ferramenta atua na etapa. Ferramentas que rodam no curso
    ficam em azul; as que não rodam aqui, em cinza. Devolve a figura do matplotlib.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> figura = coverage_plot(category="DataOps")
    >>> figura.axes[0].get_title()
    'Cobertura do ciclo de vida (DataOps)'
    """
    import matplotlib.pyplot as plt
    import numpy as np

    tabela = _select(stage, category, runs_locally, open_source, tools)
    matriz = coverage(tools=list(tabela["id"]))
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.45 * len(matriz) + 1.8), layout="constrained")
    cores = [PALETTE[0] if local else "#8c959f" for local in tabela["demo_local"]]
    for i, (_, linha) in enumerate(matriz.iterrows()):
        for j, marcado in enumerate(linha):
            if marcado:
                ax.add_patch(plt.Rectangle((j - 0.42, i - 0.36), 0.84, 0.72, color=cores[i]))
    ax.set_xlim(-0.5, len(matriz.columns) - 0.5)
    ax.set_ylim(len(matriz) - 0.5, -0.5)
    ax.set_xticks(np.arange(len(matriz.columns)), matriz.columns, rotation=35, ha="right")
    ax.set_yticks(np.arange(len(matriz)), matriz.index)
    ax.set_xticks(np.arange(-0.5, len(matriz.columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(matriz)), minor=True)
    ax.grid(which="minor", color="#dddddd")
    ax.tick_params(which="minor", length=0)
    filtro = category or (STAGES[stage_key(stage)] if stage else "todas as ferramentas")
    ax.set_title(f"Cobertura do ciclo de vida ({filtro})")
    ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color="#1f77b4"),
                       plt.Rectangle((0, 0), 1, 1, color="#9e9e9e")],
              labels=["roda no curso", "não roda aqui (veja o substituto)"],
              loc="upper center", bbox_to_anchor=(0.5, -0.35), ncols=2, frameon=False)
    return ax.figure


def to_markdown(tabela: pd.DataFrame) -> str:
    """Uma tabela Markdown (pipes) a partir de um DataFrame, sem depender do ``tabulate``.

    Barras verticais dentro das células são escapadas.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_markdown(pd.DataFrame({"a": [1], "b": ["x|y"]})))
    | a | b |
    |---|---|
    | 1 | x\\|y |
    """
    def celula(valor) -> str:
        return str(valor).replace("|", "\\|").replace("\n", " ")

    linhas = ["| " + " | ".join(celula(c) for c in tabela.columns) + " |",
              "|" + "---|" * len(tabela.columns)]
    linhas += ["| " + " | ".join(celula(v) for v in linha) + " |"
               for linha in tabela.itertuples(index=False)]
    return "\n".join(linhas)
