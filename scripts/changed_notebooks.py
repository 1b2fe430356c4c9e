"""Lista os notebooks do aluno ligados ao que mudou no seu clone (para o ``make check``).

Um notebook entra na lista quando mudou (o do aluno ou o mestre), quando mudou o
capítulo do livro que ele pratica ou quando mudaram as questões dele
(``mlops_lab/exercises/<capitulo>.py``). "Mudou" é o que o ``git`` mostra de diferente do
último commit, inclusive arquivos novos.

Uso: ``python scripts/changed_notebooks.py`` (um caminho por linha; nada se nada mudou).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def mudados() -> list[str]:
    """Arquivos diferentes do último commit (modificados, novos ou apagados)."""
    saida = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                           cwd=RAIZ, capture_output=True, text=True, check=False).stdout
    return [linha[3:].split(" -> ")[-1] for linha in saida.splitlines() if linha.strip()]


def notebooks_ligados(arquivos: list[str]) -> list[str]:
    """Os notebooks do aluno que praticam o que está em ``arquivos``.

    Examples
    --------
    >>> notebooks_ligados(["book/pipeline/deployment.md",
    ...                    "mlops_lab/exercises/machine_learning.py"])
    ['notebooks/02-machine-learning.ipynb', 'notebooks/03-3-deployment.ipynb']
    >>> notebooks_ligados(["README.md"])
    []
    """
    sys.path.insert(0, str(RAIZ))
    from mlops_lab.exercises import CHAPTERS

    todos = {Path(nome).stem: f"notebooks/{nome}" for nome in CHAPTERS.values()}
    achados = set()
    for arquivo in arquivos:
        caminho = Path(arquivo)
        if caminho.suffix == ".ipynb" and caminho.stem in todos:
            achados.add(todos[caminho.stem])
        elif caminho.parts[:2] == ("mlops_lab", "exercises") and caminho.stem in CHAPTERS:
            achados.add(f"notebooks/{CHAPTERS[caminho.stem]}")
        elif caminho.parts[:1] == ("book",) and caminho.suffix == ".md":
            # O módulo de exercícios tem o nome do capítulo: data-preparation.md → data_preparation.
            modulo = caminho.stem.replace("-", "_")
            if modulo in CHAPTERS:
                achados.add(f"notebooks/{CHAPTERS[modulo]}")
    return sorted(achados)


if __name__ == "__main__":
    print("\n".join(notebooks_ligados(mudados())))
