"""Tipos da API pública: anotações completas, ``__all__`` e o ``py.typed`` que os publica.

O ruff confere o retorno das funções públicas (``ANN201`` e vizinhas); os
argumentos ficam aqui, porque a regra do ruff para eles (``ANN001``) não separa as
funções públicas das privadas.
"""

from __future__ import annotations

import ast
import importlib
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import mlops_lab

PACOTE = Path(mlops_lab.__file__).parent
RAIZ = PACOTE.parent
# Código que o livro e o notebook 06 mostram como se ensina (assinatura curta, sem tipos).
EM_DIVISAO = {"bigdata/aggregate.py"}


def _modulos_publicos() -> list[Path]:
    modulos = []
    for caminho in sorted(PACOTE.rglob("*.py")):
        relativo = caminho.relative_to(PACOTE)
        privado = any(p.startswith("_") and not p.startswith("__") for p in relativo.parts)
        if not privado and relativo.as_posix() not in EM_DIVISAO and caminho.name != "__main__.py":
            modulos.append(caminho)
    return modulos


def _funcoes_publicas(arvore: ast.Module):
    """(nome, nó) das funções e métodos públicos (``__init__`` incluído), sem os aninhados."""
    def visitar(corpo, classe=""):
        for no in corpo:
            if isinstance(no, ast.ClassDef) and not no.name.startswith("_"):
                yield from visitar(no.body, f"{no.name}.")
            elif isinstance(no, ast.FunctionDef | ast.AsyncFunctionDef) and (
                    not no.name.startswith("_") or no.name == "__init__"):
                yield f"{classe}{no.name}", no
    yield from visitar(arvore.body)


def _sem_anotacao(no: ast.FunctionDef, metodo: bool) -> list[str]:
    a = no.args
    argumentos = a.posonlyargs + a.args + a.kwonlyargs
    if metodo:
        argumentos = [x for x in argumentos if x.arg not in ("self", "cls")]
    faltam = [x.arg for x in argumentos if x.annotation is None]
    faltam += [f"*{x.arg}" for x in (a.vararg, a.kwarg) if x is not None and x.annotation is None]
    if no.returns is None and no.name != "__init__":
        faltam.append("retorno")
    return faltam


MODULOS = _modulos_publicos()
IDS = [m.relative_to(PACOTE).as_posix() for m in MODULOS]


@pytest.mark.parametrize("caminho", MODULOS, ids=IDS)
def test_funcoes_publicas_com_tipos_em_todos_os_argumentos_e_no_retorno(caminho):
    arvore = ast.parse(caminho.read_text(encoding="utf-8"))
    faltando = {nome: falta for nome, no in _funcoes_publicas(arvore)
                if (falta := _sem_anotacao(no, "." in nome))}
    assert not faltando, f"sem anotação de tipo: {faltando}"


def _definidos(arvore: ast.Module) -> set[str]:
    nomes = set()
    for no in arvore.body:
        if isinstance(no, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            nomes.add(no.name)
    return {n for n in nomes if not n.startswith("_")}


@pytest.mark.parametrize("caminho", MODULOS, ids=IDS)
def test_all_lista_a_superficie_publica(caminho):
    relativo = caminho.relative_to(RAIZ).with_suffix("")
    nome = ".".join(relativo.parts[:-1] if relativo.name == "__init__" else relativo.parts)
    modulo = importlib.import_module(nome)
    definidos = _definidos(ast.parse(caminho.read_text(encoding="utf-8")))
    if not definidos:
        return  # sem funções nem classes públicas (só constantes ou subpacotes)
    assert hasattr(modulo, "__all__"), f"{nome} tem API pública e não tem __all__"
    assert not (definidos - set(modulo.__all__)), f"fora do __all__ de {nome}"
    inexistentes = [n for n in modulo.__all__ if not hasattr(modulo, n)]
    assert not inexistentes, f"no __all__ de {nome}, mas não existem: {inexistentes}"


def test_py_typed_vai_junto_com_o_pacote():
    """PEP 561: o arquivo existe no pacote instalado e o pyproject o põe no wheel."""
    assert (resources.files("mlops_lab") / "py.typed").is_file()
    config = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["mlops_lab"]


def test_modulos_em_divisao_ainda_existem():
    """A lista de exceções só tem módulos de verdade: uma exceção esquecida aparece aqui."""
    sumidos = [m for m in EM_DIVISAO if not (PACOTE / m).is_file()]
    assert not sumidos, f"tire de EM_DIVISAO (e do pyproject) os que já viraram pacote: {sumidos}"
