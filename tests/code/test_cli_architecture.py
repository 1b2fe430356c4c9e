"""A arquitetura do pacote: importações sem ciclo, a CLI como último andar e sem efeito global.

O grafo de importações é lido do código (AST), inclusive as importações dentro
de funções, que o Python só executa na hora: um ciclo entre elas não quebra a
importação, mas prende os dois módulos um ao outro.
"""

import argparse
import ast
import subprocess
import sys
from pathlib import Path

import pytest

import mlops_lab
from mlops_lab.cli import build_parser
from mlops_lab.cli.options import TRUST_HELP

PACOTE = Path(mlops_lab.__file__).parent


def _nome_do_modulo(raiz: Path, arquivo: Path) -> str:
    partes = list(arquivo.relative_to(raiz.parent).with_suffix("").parts)
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def _so_para_tipos(no: ast.AST) -> bool:
    """``if TYPE_CHECKING:``: não roda, então não é importação de verdade."""
    teste = getattr(no, "test", None)
    return isinstance(no, ast.If) and (
        (isinstance(teste, ast.Name) and teste.id == "TYPE_CHECKING")
        or (isinstance(teste, ast.Attribute) and teste.attr == "TYPE_CHECKING"))


def _nome_da_funcao(chamada: ast.Call) -> str | None:
    funcao = chamada.func
    return getattr(funcao, "id", None) or getattr(funcao, "attr", None)


def _importacao_dinamica(chamada: ast.Call, modulos) -> set[str]:
    """``import_module("a.b")`` importa a.b; ``import_module(f"a.{x}")``, qualquer a.*."""
    if not chamada.args:
        return set()
    nome = chamada.args[0]
    if isinstance(nome, ast.Constant) and isinstance(nome.value, str):
        return {nome.value}
    if (isinstance(nome, ast.JoinedStr) and nome.values
            and isinstance(nome.values[0], ast.Constant)):
        return {m for m in modulos if m.startswith(nome.values[0].value)}
    return set()


def _importados(arvore: ast.AST, pacote: str, modulos) -> set[str]:
    """Os módulos de ``modulos`` que o código importa, em qualquer nível (funções também)."""
    achados, pilha = set(), [arvore]
    while pilha:
        no = pilha.pop()
        if _so_para_tipos(no):
            pilha.extend(no.orelse)
            continue
        if isinstance(no, ast.Import):
            achados.update(a.name for a in no.names)
        elif isinstance(no, ast.Call) and _nome_da_funcao(no) in {"import_module", "__import__"}:
            achados.update(_importacao_dinamica(no, modulos))
        elif isinstance(no, ast.ImportFrom):
            base = no.module or ""
            if no.level:  # from . import x, from ..y import z
                partes = pacote.split(".")[:len(pacote.split(".")) - no.level + 1]
                base = ".".join(partes + ([no.module] if no.module else []))
            # 'from pacote import modulo' importa o módulo; 'from modulo import nome', o módulo.
            achados.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modulos else base
                           for a in no.names)
        pilha.extend(ast.iter_child_nodes(no))
    return achados & set(modulos)


def import_graph(raiz: Path) -> dict[str, set[str]]:
    """Quem importa quem entre os módulos do pacote em ``raiz``."""
    arquivos = {_nome_do_modulo(raiz, p): p for p in sorted(raiz.rglob("*.py"))}
    grafo = {}
    for nome, arquivo in arquivos.items():
        pacote = nome if arquivo.name == "__init__.py" else nome.rpartition(".")[0]
        arvore = ast.parse(arquivo.read_text(encoding="utf-8"), filename=str(arquivo))
        grafo[nome] = _importados(arvore, pacote, arquivos) - {nome}
    return grafo


def find_cycle(grafo: dict[str, set[str]]) -> list[str] | None:
    """Um ciclo do grafo (``[a, b, …, a]``), ou ``None`` se não houver."""
    estado: dict[str, str] = {}  # "aberto" enquanto está no caminho; "fechado" depois
    caminho: list[str] = []

    def visitar(no):
        estado[no] = "aberto"
        caminho.append(no)
        for vizinho in sorted(grafo.get(no, ())):
            if estado.get(vizinho) == "aberto":
                return caminho[caminho.index(vizinho):] + [vizinho]
            if vizinho not in estado and (ciclo := visitar(vizinho)):
                return ciclo
        estado[no] = "fechado"
        caminho.pop()
        return None

    for inicio in sorted(grafo):
        if inicio not in estado and (ciclo := visitar(inicio)):
            return ciclo
    return None


def test_importacoes_do_pacote_sem_ciclo():
    ciclo = find_cycle(import_graph(PACOTE))
    assert ciclo is None, "ciclo de importações: " + " -> ".join(ciclo)


def test_a_busca_de_ciclos_acha_importacao_dentro_de_funcao(tmp_path):
    pacote = tmp_path / "pkg"
    (pacote / "sub").mkdir(parents=True)
    (pacote / "__init__.py").write_text("")
    (pacote / "sub" / "__init__.py").write_text("")
    (pacote / "a.py").write_text("from pkg.sub import b\n")
    (pacote / "sub" / "b.py").write_text("def f():\n    from .. import c\n")
    (pacote / "c.py").write_text("import importlib\nimportlib.import_module('pkg.a')\n")
    (pacote / "d.py").write_text("from typing import TYPE_CHECKING\n"
                                 "if TYPE_CHECKING:\n    from pkg import a\n")
    grafo = import_graph(pacote)
    assert grafo["pkg.sub.b"] == {"pkg.c"} and grafo["pkg.d"] == set()
    assert find_cycle(grafo) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]
    (pacote / "c.py").write_text("import pkg.d\n")
    assert find_cycle(import_graph(pacote)) is None


def test_so_a_cli_importa_a_cli():
    grafo = import_graph(PACOTE)
    fora = {nome: sorted(m for m in importados if m.split(".")[:2] == ["mlops_lab", "cli"])
            for nome, importados in grafo.items() if nome.split(".")[:2] != ["mlops_lab", "cli"]}
    assert {nome: cli for nome, cli in fora.items() if cli} == {}
    assert "mlops_lab.cli.options" in grafo["mlops_lab.cli.stream"]  # a busca enxerga a CLI


def test_importar_a_cli_nao_muda_o_argparse():
    codigo = ("import argparse\n"
              "antes = (argparse._, argparse.ngettext)\n"
              "import mlops_lab.cli\n"
              "assert (argparse._, argparse.ngettext) == antes\n"
              "print(argparse.ArgumentParser(prog='outro').format_help())\n")
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: outro") and "options:" in r.stdout


def test_cli_em_portugues_sem_mudar_o_argparse_dos_outros(capsys):
    original = (argparse._, argparse.ngettext)
    parser = build_parser()
    ajuda = parser.format_help()
    assert ajuda.startswith("uso: mlops-lab") and "opções:" in ajuda
    assert "mostra esta ajuda e sai" in ajuda
    with pytest.raises(SystemExit) as saida:
        parser.parse_args(["predict", "--model", "m"])
    assert saida.value.code == 2
    erro = capsys.readouterr().err
    assert "uso: mlops-lab predict" in erro
    assert "erro: faltam os argumentos obrigatórios: --data" in erro
    assert (argparse._, argparse.ngettext) == original  # devolvido mesmo depois do erro
    outro = argparse.ArgumentParser(prog="outro")
    assert outro.format_usage().startswith("usage: ")
    with pytest.raises(SystemExit):
        outro.parse_args(["--nada"])
    assert "error: unrecognized arguments: --nada" in capsys.readouterr().err


def test_trust_tem_a_mesma_ajuda_em_todo_comando():
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    ajudas = {nome: a.help for nome, p in sub.choices.items() for a in p._actions
              if "--trust" in a.option_strings}
    assert set(ajudas) == {"predict", "serve", "evaluate", "stream"}
    assert set(ajudas.values()) == {TRUST_HELP}
