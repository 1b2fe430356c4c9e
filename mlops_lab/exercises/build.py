"""Gera os notebooks do aluno a partir dos notebooks mestres.

Um mestre (``notebooks/masters/X.ipynb``) tem, juntos, o enunciado, a
solução e as chamadas de conferência. Nas células com a etiqueta
``solution``:

* uma linha que termina em ``# SOLUCAO`` e tem a forma ``nome = expressão``
  vira ``nome = ...  # sua resposta aqui``;
* as linhas entre ``# INICIO SOLUCAO`` e ``# FIM SOLUCAO`` viram um único
  ``...`` (com a mesma indentação);
* uma célula Markdown com a etiqueta ``solution`` some.

A etiqueta ``solution`` vira ``exercise`` no notebook do aluno. Assim os
dois nunca se desencontram: o do aluno é sempre derivado do mestre.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

    from nbformat import NotebookNode

__all__ = ["student_notebook", "same_sources"]

_LINHA = re.compile(r"^(?P<indent>\s*)(?P<alvo>[A-Za-z_][\w\.\[\]'\"]*)\s*=\s*.*#\s*SOLUCAO\s*$")


def _blank_source(fonte: str) -> str:
    saida, dentro = [], False
    for linha in fonte.splitlines():
        marcador = linha.strip()
        if marcador == "# INICIO SOLUCAO":
            dentro = True
            saida.append(linha[: len(linha) - len(linha.lstrip())] + "...")
            continue
        if marcador == "# FIM SOLUCAO":
            dentro = False
            continue
        if dentro:
            continue
        casamento = _LINHA.match(linha)
        if casamento:
            saida.append(f"{casamento['indent']}{casamento['alvo']} = ...  # sua resposta aqui")
        else:
            saida.append(linha)
    if dentro:
        raise ValueError("'# INICIO SOLUCAO' sem '# FIM SOLUCAO' correspondente.")
    return "\n".join(saida)


def student_notebook(master: NotebookNode) -> NotebookNode:
    """Devolve o notebook do aluno (sem saídas) derivado do ``master``."""
    aluno = copy.deepcopy(master)
    celulas = []
    for celula in aluno.cells:
        etiquetas = list(celula.get("metadata", {}).get("tags", []))
        if "solution" in etiquetas:
            if celula.cell_type == "markdown":
                continue
            celula.source = _blank_source(celula.source)
            etiquetas = [t if t != "solution" else "exercise" for t in etiquetas]
            celula.metadata["tags"] = etiquetas
        if celula.cell_type == "code":
            celula.outputs = []
            celula.execution_count = None
        celulas.append(celula)
    aluno.cells = celulas
    return aluno


def same_sources(a: Any, b: Any) -> bool:
    """Compara dois notebooks ignorando saídas e contadores de execução."""
    def chave(nb):
        return [(c.cell_type, c.source, sorted(c.get("metadata", {}).get("tags", [])))
                for c in nb.cells]
    return chave(a) == chave(b)
