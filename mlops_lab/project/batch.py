"""Modo de quem ensina: ``mlops-lab check-project P1 P2 … --csv notas.csv``.

Cada projeto vira uma linha da planilha, como no ``mlops-lab grade`` dos
notebooks: o nome, o commit, os pontos de cada critério, o total, o máximo, o
tempo e o erro (se houve). Um projeto que não pode ser corrigido (pasta que não
existe, que não é um projeto, repositório que não clona) ou que derruba o
corretor recebe a sua linha com o erro, e a correção continua nos seguintes.

Cada entrada pode ser:

- a pasta de um projeto (um repositório git);
- um repositório git num caminho local ou numa URL ``file://`` (por exemplo, um
  repositório *bare* ``entregas/ana.git``), clonado numa pasta temporária;
- uma pasta que não é um projeto, mas tem projetos dentro (uma turma): cada
  subpasta com ``.git`` ou ``dvc.yaml`` entra, em ordem alfabética.

Com ``reports``, o relatório em Markdown de cada projeto vai para uma pasta, para
ser devolvido a quem fez o projeto.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab._fs import check_out_file
from mlops_lab.errors import MlopsLabError
from mlops_lab.project.check import DEFAULT_TIMEOUT, ProjectReport, check_project
from mlops_lab.project.rubric import RUBRIC, TOTAL_POINTS

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

__all__ = ["expand", "check_source", "check_many"]

_MARCAS = (".git", "dvc.yaml", "params.yaml", "README.md")


def _coluna(titulo: str) -> str:
    """Nome de coluna a partir do título do critério.

    >>> _coluna("Empacotado com segurança"), _coluna("Reprodutível")
    ('empacotado', 'reprodutivel')
    """
    palavra = titulo.split()[0]
    sem = unicodedata.normalize("NFKD", palavra)
    return "".join(c for c in sem if not unicodedata.combining(c)).lower()


#: As colunas da planilha, na ordem.
COLUMNS = ["projeto", "commit", *(_coluna(c.title) for c in RUBRIC), "total", "maximo",
           "segundos", "erro"]


def _bare(caminho: Path) -> bool:
    """Um repositório git sem pasta de trabalho (``git init --bare``)."""
    return all((caminho / n).exists() for n in ("HEAD", "objects", "refs")) and not (
        caminho / ".git").exists()


def expand(entradas: Iterable[str | Path]) -> list[str]:
    """As entradas, com as pastas de turma trocadas pelos projetos que elas têm.

    >>> import tempfile, pathlib
    >>> turma = pathlib.Path(tempfile.mkdtemp())
    >>> for nome in ("bia", "ana"):
    ...     (turma / nome).mkdir()
    ...     _ = (turma / nome / "dvc.yaml").write_text("stages: {}\\n")
    >>> [pathlib.Path(p).name for p in expand([turma])]
    ['ana', 'bia']
    """
    saida = []
    for entrada in map(str, entradas):
        pasta = Path(entrada)
        if (entrada.startswith("file://") or not pasta.is_dir() or _bare(pasta)
                or any((pasta / m).exists() for m in _MARCAS)):
            saida.append(entrada)
            continue
        dentro = sorted(p for p in pasta.iterdir() if p.is_dir() and (
            _bare(p) or any((p / m).exists() for m in (".git", "dvc.yaml"))))
        saida += [str(p) for p in dentro] or [entrada]
    return saida


def _nome(entrada: str) -> str:
    return Path(entrada.removeprefix("file://").rstrip("/")).name.removesuffix(".git") or entrada


def check_source(entrada: str, timeout: float = DEFAULT_TIMEOUT) -> ProjectReport:
    """Corrige uma entrada: pasta de projeto, ou repositório git local (clonado antes)."""
    from mlops_lab.project.runner import git

    pasta = Path(entrada)
    if not entrada.startswith("file://") and not (pasta.is_dir() and _bare(pasta)):
        return check_project(pasta, timeout=timeout)
    temporaria = Path(tempfile.mkdtemp(prefix="check-project-entrega-"))
    try:
        destino = temporaria / _nome(entrada)
        r = git(["clone", "--quiet", "--no-hardlinks", entrada, str(destino)], temporaria,
                 timeout)
        if not r.ok:
            raise MlopsLabError(f"não consegui clonar '{entrada}': {r.last_lines(2)}")
        return check_project(destino, timeout=timeout)
    finally:
        shutil.rmtree(temporaria, ignore_errors=True)


def _linha(entrada: str, timeout: float, reports: Path | None, nome: str) -> dict:
    linha = dict.fromkeys(COLUMNS, "")
    linha.update(projeto=nome, total=0, maximo=TOTAL_POINTS)
    try:
        relatorio = check_source(entrada, timeout)
        if reports is not None:
            from mlops_lab import _fs
            from mlops_lab.project.report import to_markdown

            _fs.write_text(reports / f"{nome}.md", to_markdown(relatorio))
    except MlopsLabError as erro:
        linha["erro"] = str(erro)
        return linha
    except Exception as erro:  # um projeto que derruba o corretor não para a turma
        linha["erro"] = (f"o corretor falhou neste projeto ({type(erro).__name__}: "
                         f"{str(erro)[:200]}); os outros foram corrigidos")
        return linha
    linha.update(commit=relatorio.commit[:10], total=relatorio.score,
                 maximo=relatorio.points, segundos=round(relatorio.seconds),
                 erro="; ".join(relatorio.warnings))
    for r in relatorio.criteria:
        linha[_coluna(r.criterion.title)] = r.score
    return linha


def _nomes(lista: list[str]) -> list[str]:
    """Nomes das linhas, sem repetição (``ana``, ``ana-2``…).

    >>> _nomes(["a/ana", "b/ana", "file:///c/bia.git"])
    ['ana', 'ana-2', 'bia']
    """
    vistos, nomes = {}, []
    for entrada in lista:
        nome = _nome(entrada)
        vistos[nome] = vistos.get(nome, 0) + 1
        nomes.append(nome if vistos[nome] == 1 else f"{nome}-{vistos[nome]}")
    return nomes


def check_many(entradas: Iterable[str | Path], out: str | Path | None = None,
               timeout: float = DEFAULT_TIMEOUT, progress: bool = True,
               reports: str | Path | None = None) -> pd.DataFrame:
    """Corrige vários projetos e devolve (e grava em ``out``, um CSV) a tabela de notas.

    Parameters
    ----------
    entradas : lista de str ou Path
        Pastas de projetos, repositórios git locais ou pastas de turma (veja o módulo).
    out : str ou Path, opcional
        O CSV das notas, gravado de uma vez (nunca pela metade).
    timeout : float
        Limite de segundos de cada comando de cada projeto.
    progress : bool
        Mostra a barra de progresso.
    reports : str ou Path, opcional
        Pasta (criada se preciso) onde gravar o relatório em Markdown de cada projeto
        corrigido (``<projeto>.md``), para devolver a cada aluno.

    Examples
    --------
    >>> tabela = check_many([], progress=False)
    >>> list(tabela.columns)[:4]
    ['projeto', 'commit', 'reprodutivel', 'rastreado']
    """
    import pandas as pd
    from tqdm import tqdm

    if timeout <= 0:
        raise MlopsLabError(f"o limite de tempo deve ser positivo, recebido {timeout}.")
    if out is not None:  # antes de corrigir: um --csv errado não desperdiça a correção
        out = check_out_file(out, "--csv")
    if reports is not None:
        reports = Path(reports)
        if reports.exists() and not reports.is_dir():
            raise MlopsLabError(f"'{reports}' é um arquivo. Em --out, informe a pasta dos "
                                "relatórios.")
        if not reports.parent.is_dir():
            raise MlopsLabError(f"a pasta '{reports.parent}' não existe. Crie-a ou escolha "
                                "outro --out.")
        reports.mkdir(exist_ok=True)
    lista = expand(entradas)
    linhas = [_linha(e, timeout, reports, nome)
              for e, nome in tqdm(list(zip(lista, _nomes(lista))), desc="Corrigindo",
                                  unit="projeto", disable=not progress, ncols=80)]
    tabela = pd.DataFrame(linhas, columns=COLUMNS)
    if out is not None:
        from mlops_lab._fs import atomic_path

        with atomic_path(out) as temporario:
            tabela.to_csv(temporario, index=False)
    return tabela
