"""Gera o livro com o Jupyter Book, lendo (e executando) as páginas em paralelo.

O ``jupyter-book build`` não tem opção para o número de processos do Sphinx
(o ``-j`` do ``sphinx-build``), e as páginas com código executam uma depois da
outra, num núcleo só. Este script roda o mesmo comando com um processo de
leitura por núcleo (até 4: cada página que executa abre o seu kernel, e a
memória também conta). ``LIVRO_PROCESSOS=1`` volta à leitura em série.

Uso (o ``make book`` e o ``make test`` chamam assim)::

    python scripts/build_book.py . -W -n --keep-going
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path


def processos() -> int:
    """Quantos processos leem as páginas: ``LIVRO_PROCESSOS`` ou os núcleos, até 4."""
    pedido = os.environ.get("LIVRO_PROCESSOS", "")
    if pedido.isdigit() and int(pedido) > 0:
        return int(pedido)
    return max(1, min(os.cpu_count() or 1, 4))


def prepare_cache(livro: str | Path) -> Path:
    """Cria o banco do cache de execução (``_build/.jupyter_cache``) antes da leitura.

    Num clone novo, os processos de leitura criariam o mesmo banco SQLite ao mesmo
    tempo, e um deles falha com "table ... already exists".
    """
    from jupyter_cache import get_cache

    caminho = Path(livro) / "_build" / ".jupyter_cache"
    get_cache(caminho).db  # noqa: B018 - o acesso cria o banco e as tabelas
    return caminho


def main() -> None:
    import jupyter_book.sphinx as geracao
    from jupyter_book.cli.main import main as jupyter_book

    livro = next((a for a in sys.argv[1:] if not a.startswith("-")), ".")
    prepare_cache(livro)
    # O comando importa build_sphinx de jupyter_book.sphinx na hora de gerar.
    geracao.build_sphinx = functools.partial(geracao.build_sphinx, jobs=processos())
    jupyter_book(["build", *sys.argv[1:]])


if __name__ == "__main__":
    main()
