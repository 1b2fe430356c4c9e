"""DevOps para ML: o ML Test Score (Breck et al., 2017) aplicado ao mlops_lab.

A rubrica tem 28 testes em quatro seções (dados, modelo, infraestrutura e
monitoramento). Cada teste vale **1 ponto** se é automatizado e roda sempre
(aqui, no CI), **0,5** se é feito à mão com o resultado documentado e **0**
se não é feito. A nota de cada seção é a soma dos pontos; a **nota final é
a menor das quatro**, porque um sistema é tão confiável quanto a sua parte
mais descuidada.

O arquivo ``datasets/ml_test_score.csv`` diz, para cada teste, o que o
projeto faz e a evidência: os nós do pytest que o cobrem (``arquivo::função``)
ou o arquivo da verificação manual. :func:`check_evidence` confere que cada
evidência existe de verdade, para que a nota não minta; o próprio CI roda essa
conferência.
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SECTIONS", "POINTS", "LEVELS", "rubric_path", "load_rubric", "ml_test_score", "interpret",
    "check_evidence",
]

SECTIONS = {"dados": "Dados e atributos", "modelo": "Desenvolvimento do modelo",
            "infraestrutura": "Infraestrutura de ML", "monitoramento": "Monitoramento"}
POINTS = {"automatico": 1.0, "manual": 0.5, "nao_feito": 0.0}
# Faixas de interpretação da nota final, como no artigo.
LEVELS = [
    (0.0, "mais um projeto de pesquisa do que um sistema em produção"),
    (1.0, "não está sem testes, mas pode haver falhas sérias de confiabilidade"),
    (2.0, "houve um primeiro passo de produção; ainda falta investimento"),
    (3.0, "razoavelmente testado; dá para automatizar mais testes e procedimentos"),
    (5.0, "testes e monitoramento automáticos fortes, adequados a sistemas críticos"),
    (float("inf"), "testes e monitoramento automáticos excepcionais"),
]


def rubric_path() -> Path:
    """Caminho do arquivo da rubrica aplicada ao mlops_lab."""
    return Path(str(resources.files("mlops_lab.datasets") / "ml_test_score.csv"))


def load_rubric(path: str | Path | None = None) -> pd.DataFrame:
    """Lê a rubrica: uma linha por teste, com situação, evidência e observação.

    Examples
    --------
    >>> r = load_rubric()
    >>> len(r), r.groupby("secao").size().tolist()
    (28, [7, 7, 7, 7])
    """
    import pandas as pd

    rubrica = pd.read_csv(path or rubric_path(), dtype={"evidencia": str},
                          keep_default_na=False)
    invalidas = set(rubrica["situacao"]) - set(POINTS)
    secoes = set(rubrica["secao"]) - set(SECTIONS)
    if invalidas or secoes:
        raise MlopsLabError(f"rubrica com valores desconhecidos: situação {sorted(invalidas)}, "
                            f"seção {sorted(secoes)}. Use {list(POINTS)} e {list(SECTIONS)}.")
    return rubrica.assign(pontos=rubrica["situacao"].map(POINTS))


def ml_test_score(rubric: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pontuação por seção e nota final (a menor das seções).

    Returns
    -------
    DataFrame com uma linha por seção (testes automatizados, manuais, não
    feitos e pontos) e uma última linha, ``nota final``, com o mínimo.

    Examples
    --------
    >>> placar = ml_test_score()
    >>> placar.index[-1], float(placar.loc["nota final", "pontos"])
    ('nota final', 3.0)
    """
    import pandas as pd

    rubrica = load_rubric() if rubric is None else rubric
    contagem = pd.crosstab(rubrica["secao"], rubrica["situacao"]).reindex(
        index=list(SECTIONS), columns=list(POINTS), fill_value=0)
    placar = pd.DataFrame({
        "seção": [SECTIONS[s] for s in contagem.index],
        "automatizados": contagem["automatico"].to_numpy(),
        "manuais": contagem["manual"].to_numpy(),
        "não feitos": contagem["nao_feito"].to_numpy(),
        "pontos": rubrica.groupby("secao")["pontos"].sum().reindex(contagem.index).to_numpy(),
    }, index=list(contagem.index))
    final = placar["pontos"].min()
    placar = placar.astype({c: object for c in ["automatizados", "manuais", "não feitos"]})
    placar.loc["nota final"] = ["mínimo das seções", "", "", "", final]
    return placar


def interpret(score: float) -> str:
    """O que a nota final significa, nas faixas do artigo.

    Examples
    --------
    >>> interpret(0)
    'mais um projeto de pesquisa do que um sistema em produção'
    >>> interpret(2.5)
    'razoavelmente testado; dá para automatizar mais testes e procedimentos'
    """
    for limite, texto in LEVELS:
        if score <= limite:
            return texto
    return LEVELS[-1][1]


def _test_names(arquivo: Path) -> set[str]:
    """Funções de teste e métodos de classes de teste definidos num arquivo."""
    arvore = ast.parse(arquivo.read_text(encoding="utf-8"))
    nomes = set()
    for no in arvore.body:
        if isinstance(no, ast.FunctionDef | ast.AsyncFunctionDef):
            nomes.add(no.name)
        elif isinstance(no, ast.ClassDef):
            nomes |= {f"{no.name}::{m.name}" for m in no.body
                      if isinstance(m, ast.FunctionDef | ast.AsyncFunctionDef)}
    return nomes


def check_evidence(rubric: pd.DataFrame | None = None, root: str | Path = ".") -> list[str]:
    """Problemas nas evidências da rubrica (lista vazia = tudo confere).

    Cada teste ``automatico`` precisa citar pelo menos um nó do pytest
    (``tests/arquivo.py::funcao``) cujo arquivo e função existem; cada
    ``manual``, um arquivo ou nó existente; ``nao_feito`` não pode citar nada.

    Parameters
    ----------
    root : str ou Path
        Raiz do repositório (onde fica a pasta ``tests``).
    """
    rubrica = load_rubric() if rubric is None else rubric
    root = Path(root)
    problemas = []
    for linha in rubrica.itertuples():
        rotulo = f"{linha.secao} {linha.numero}"
        itens = linha.evidencia.split()
        if linha.situacao == "nao_feito":
            if itens:
                problemas.append(f"{rotulo}: 'nao_feito' não deveria citar evidência")
            continue
        if not itens:
            problemas.append(f"{rotulo}: '{linha.situacao}' sem evidência")
        if linha.situacao == "automatico" and not any("::" in i for i in itens):
            problemas.append(f"{rotulo}: 'automatico' precisa citar um teste do pytest")
        for item in itens:
            arquivo, _, funcao = item.partition("::")
            caminho = root / arquivo
            if not caminho.is_file():
                problemas.append(f"{rotulo}: o arquivo '{arquivo}' não existe")
            elif funcao and funcao not in _test_names(caminho):
                problemas.append(f"{rotulo}: '{funcao}' não está definido em '{arquivo}'")
    return problemas
