"""O que as partes de :mod:`mlops_lab.environments` usam em comum."""

from __future__ import annotations

import re
from pathlib import Path

from mlops_lab.errors import MlopsLabError

__all__ = ["normalize_name", "text_of"]


def normalize_name(nome: str) -> str:
    """Nome de pacote na forma canônica (PEP 503): ``PyYAML`` e ``pyyaml`` são o mesmo.

    Examples
    --------
    >>> normalize_name("PyYAML"), normalize_name("python_dateutil")
    ('pyyaml', 'python-dateutil')
    """
    return re.sub(r"[-_.]+", "-", nome).lower()


def text_of(fonte: str | Path) -> str:
    """O texto de um arquivo, ou o próprio texto se ele tem mais de uma linha."""
    if isinstance(fonte, str) and "\n" in fonte:
        return fonte
    caminho = Path(fonte)
    if not caminho.is_file():
        raise MlopsLabError(f"o arquivo '{fonte}' não existe. Confira o caminho "
                            "(relativo à pasta em que o Python está rodando).")
    return caminho.read_text(encoding="utf-8")
