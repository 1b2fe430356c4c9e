"""A organização do pacote descrita onde quem chega lê: o docstring e o README."""

from __future__ import annotations

import re
from pathlib import Path

import mlops_lab

PACOTE = Path(mlops_lab.__file__).parent
README = PACOTE.parent / "README.md"


def _modulos() -> set[str]:
    nomes = {p.stem for p in PACOTE.glob("*.py") if p.stem != "__init__"}
    nomes |= {p.name for p in PACOTE.iterdir() if (p / "__init__.py").exists()}
    return nomes


def test_docstring_do_pacote_lista_todos_os_modulos():
    listados = set(re.findall(r"``mlops_lab\.(\w+)``", mlops_lab.__doc__))
    assert listados == _modulos(), (
        f"faltam no docstring: {sorted(_modulos() - listados)}; "
        f"sobram: {sorted(listados - _modulos())}")


def test_readme_descreve_todos_os_modulos():
    linha = next(linha for linha in README.read_text(encoding="utf-8").splitlines()
                 if linha.startswith("| `mlops_lab/` |"))
    citados = {nome.strip("/") for nome in re.findall(r"`([\w/]+)`", linha)} - {"mlops_lab"}
    assert _modulos() <= citados, f"faltam no README: {sorted(_modulos() - citados)}"
