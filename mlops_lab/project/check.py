"""``mlops-lab check-project``: a nota de um projeto na rubrica, com o que fazer a seguir.

O corretor nunca confia no projeto para dizer o próprio resultado:

1. clona o repositório numa pasta temporária (só o que está no git conta, e a pasta
   original não é tocada); o clone não guarda o endereço da pasta original;
2. lê, sem executar, o que dá para ler (README, cartão do modelo, testes, workflows),
   antes de rodar qualquer código do projeto;
3. roda ``dvc repro``, ``dvc status`` e o ``pytest`` do projeto no clone, cada um
   com limite de tempo e de saída, sem ``PYTHONPATH``, com a pasta pessoal
   (``HOME``) e a temporária dentro da pasta de trabalho
   (:mod:`mlops_lab.project.runner`);
4. confere por conta própria os resultados: lê o banco do MLflow, abre o modelo
   com o skops sem executar código, sobe ``mlops-lab serve`` (o do curso, nunca um
   pacote com o mesmo nome dentro do projeto) e faz pedidos HTTP, mede o drift com
   :mod:`mlops_lab.drift`;
5. confere, no fim, se os arquivos do corretor e a pasta original continuam como
   estavam: se o projeto mexeu neles, nada que dependa de rodar o projeto conta, e
   o relatório diz o que mudou.

O corretor não é uma caixa de areia do sistema operacional: um projeto de
desconhecidos deve ser corrigido num contêiner ou numa máquina virtual.

Cada critério da rubrica (:mod:`mlops_lab.project.rubric`) recebe os pontos das
exigências cumpridas, o que foi encontrado e o que fazer a seguir.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from mlops_lab.errors import MlopsLabError
from mlops_lab.project.check_code import (
    PICKLE_SUFFIXES,
    check_automated,
    check_documented,
    check_packaged,
    check_tested,
    read_card,
    read_tests,
)
from mlops_lab.project.check_pipeline import check_reproducible, check_tracked
from mlops_lab.project.check_service import check_monitored, check_served, shifted
from mlops_lab.project.results import CheckContext, CriterionResult, ItemResult, ProjectReport
from mlops_lab.project.rubric import RUBRIC
from mlops_lab.project.runner import git

__all__ = ["DEFAULT_TIMEOUT", "PICKLE_SUFFIXES", "ItemResult", "CriterionResult", "ProjectReport",
           "check_reproducible", "check_tracked", "check_tested", "check_packaged",
           "check_documented", "check_automated", "check_served", "shifted", "check_monitored",
           "check_project", "read_card", "read_tests"]

DEFAULT_TIMEOUT = 600


# --- entrada e clone --------------------------------------------------------------------------

def _check_input(pasta: Path) -> str:
    """Confere a pasta e devolve o commit atual; erro claro se não for um projeto."""
    if not pasta.exists():
        raise MlopsLabError(f"a pasta '{pasta}' não existe. Informe a pasta do projeto "
                            "(criada por 'mlops-lab new-project').")
    if not pasta.is_dir():
        raise MlopsLabError(f"'{pasta}' é um arquivo, não a pasta de um projeto. Informe a "
                            "pasta criada por 'mlops-lab new-project'.")
    if not any((pasta / n).exists() for n in ("dvc.yaml", "params.yaml", "README.md")):
        raise MlopsLabError(f"'{pasta}' não parece um projeto: não tem dvc.yaml, params.yaml "
                            "nem README.md. Crie um com 'mlops-lab new-project PASTA --data "
                            "CSV --target COLUNA'.")
    commit = git(["rev-parse", "HEAD"], pasta)
    topo = git(["rev-parse", "--show-toplevel"], pasta)
    if not commit.ok or not topo.ok:
        raise MlopsLabError(f"'{pasta}' não é um repositório git com pelo menos um commit. O "
                            "corretor avalia o que está versionado: rode 'git init', "
                            "'git add -A' e 'git commit -m \"Primeira versão\"' na pasta.")
    if Path(topo.output.strip()).resolve() != pasta.resolve():
        raise MlopsLabError(f"'{pasta}' está dentro de outro repositório git "
                            f"({topo.output.strip()}). O projeto precisa ser a raiz do seu "
                            "próprio repositório: rode 'git init' na pasta do projeto.")
    return commit.output.strip()


def _clone(pasta: Path, destino: Path, timeout: float) -> None:
    r = git(["clone", "--quiet", "--no-hardlinks", str(pasta.resolve()), str(destino)],
             pasta.parent, timeout)
    if not r.ok:
        raise MlopsLabError(f"não consegui clonar '{pasta}' ({r.describe()}): "
                            f"{r.last_lines(3)}")
    # O clone não guarda o caminho da pasta original: o código do projeto não a acha por ele.
    git(["remote", "remove", "origin"], destino, timeout)

# --- a correção inteira -----------------------------------------------------------------------

# Primeiro o que só lê arquivos (antes de qualquer código do projeto rodar), depois o resto.
_STATIC = (check_documented, check_automated, read_card, read_tests)
_RUN = (check_reproducible, check_tracked, check_tested, check_packaged, check_served,
        check_monitored)
# Exigências que não dependem de rodar o projeto: valem mesmo se ele mexeu onde não devia.
_STATIC_ITEMS = {("packaged", "card"), ("tested", "data"), ("tested", "model")} | {
    (c.id, i.id) for c in RUBRIC if c.id in ("documented", "automated") for i in c.items}


def _checker_files() -> dict[str, str]:
    """*Hash* de cada arquivo do pacote do corretor (``mlops_lab``), sem os ``__pycache__``."""
    import hashlib

    import mlops_lab

    raiz = Path(mlops_lab.__file__).resolve().parent
    return {str(p.relative_to(raiz)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(raiz.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def _folder_state(pasta: Path) -> dict[str, tuple[int, int]]:
    """Tamanho e data de modificação de cada arquivo da pasta (sem seguir links)."""
    import os

    estado = {}
    for atual, pastas, arquivos in os.walk(pasta):
        for nome in arquivos + [d for d in pastas if os.path.islink(os.path.join(atual, d))]:
            caminho = os.path.join(atual, nome)
            try:
                info = os.lstat(caminho)
            except OSError:
                continue
            estado[os.path.relpath(caminho, pasta)] = (info.st_size, info.st_mtime_ns)
    return estado


def _changes(antes: dict, depois: dict) -> list[str]:
    mudou = sorted(k for k in antes.keys() | depois.keys() if antes.get(k) != depois.get(k))
    return [f"{k} ({'apagado' if k not in depois else 'criado' if k not in antes else 'alterado'})"
            for k in mudou]


def _tampering(corretor: dict, original: dict, pasta: Path) -> list[str]:
    """O que o projeto mudou fora do clone: arquivos do corretor e a pasta original."""
    alertas = []
    mudancas = _changes(corretor, _checker_files())
    if mudancas:
        alertas.append("o projeto alterou arquivos do corretor (pacote mlops_lab): "
                       + ", ".join(mudancas[:5]))
    mudancas = _changes(original, _folder_state(pasta))
    if mudancas:
        alertas.append("o projeto mexeu na pasta original, fora da cópia em que roda: "
                       + ", ".join(mudancas[:5]))
    return alertas


def check_project(directory: str | Path, timeout: float = DEFAULT_TIMEOUT) -> ProjectReport:
    """Corrige o projeto em ``directory`` pela rubrica; devolve o relatório.

    Parameters
    ----------
    directory : str ou Path
        Raiz de um repositório git com o projeto (criado por ``mlops-lab new-project``).
    timeout : float
        Limite de segundos de cada comando do projeto (``dvc repro``, ``pytest``, o serviço).

    Raises
    ------
    MlopsLabError
        Se a pasta não existe, não parece um projeto ou não é um repositório git com commit.
    """
    if timeout <= 0:
        raise MlopsLabError(f"o limite de tempo deve ser positivo, recebido {timeout}.")
    inicio = time.monotonic()
    pasta = Path(directory)
    commit = _check_input(pasta)
    corretor, original = _checker_files(), _folder_state(pasta)
    # Duas pastas temporárias: a cópia em que o projeto roda e a do corretor (junit, log
    # do serviço), que o projeto não acha a partir da sua.
    copia = Path(tempfile.mkdtemp(prefix="check-project-copia-"))
    trabalho = Path(tempfile.mkdtemp(prefix="check-project-"))
    try:
        ctx = CheckContext(copia / "projeto", trabalho, timeout)
        _clone(pasta, ctx.root, timeout)
        ctx.home.mkdir()
        for conferir in _STATIC + _RUN:
            conferir(ctx)
        alertas = _tampering(corretor, original, pasta)
        if alertas:  # nada que dependa de rodar o projeto conta
            for c, itens in ctx.results.items():
                for i, (_ok, achado) in itens.items():
                    if (c, i) not in _STATIC_ITEMS:
                        itens[i] = (False, "não conta: " + alertas[0].split(":")[0]
                                    + f" (o que o corretor encontrou: {achado})")
        resultados = [CriterionResult(c, [ItemResult(i.id, i.points,
                                                     i.points if ctx.results[c.id][i.id][0] else 0,
                                                     ctx.results[c.id][i.id][1])
                                          for i in c.items])
                      for c in RUBRIC]
    finally:
        shutil.rmtree(copia, ignore_errors=True)
        shutil.rmtree(trabalho, ignore_errors=True)
    return ProjectReport(pasta.resolve().name, commit, resultados, time.monotonic() - inicio,
                         alertas)
