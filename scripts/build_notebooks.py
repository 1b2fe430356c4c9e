"""Gera os notebooks do aluno (notebooks/*.ipynb) a partir dos mestres.

Uso:
    python scripts/build_notebooks.py            # executa os mestres e gera os do aluno
    python scripts/build_notebooks.py --check    # só confere se estão em dia

Com ``--check`` (usado por ``make test``), sai com código 1 se algum notebook
do aluno não corresponder ao seu mestre: edite o mestre e gere de novo.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from mlops_lab.exercises import CHAPTERS
from mlops_lab.exercises.build import same_sources, student_notebook

RAIZ = Path(__file__).resolve().parents[1]
MESTRES = RAIZ / "notebooks" / "masters"
ALUNOS = RAIZ / "notebooks"


def _executar(nb, pasta: Path):
    from nbclient import NotebookClient

    # Folga para máquinas lentas ou ocupadas: o DVC do capítulo 7 roda três etapas por célula.
    NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(pasta)}}).execute()
    erros = [c for c in nb.cells if c.cell_type == "code"
             for s in c.get("outputs", []) if s.get("output_type") == "error"]
    if erros:
        raise SystemExit("um notebook terminou com erro; corrija o mestre antes de gravar.")
    return nb


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="só confere, não grava")
    parser.add_argument("--no-execute", action="store_true", help="grava sem executar")
    parser.add_argument("--students-only", action="store_true",
                        help="só gera e executa os do aluno (os mestres já executados)")
    parser.add_argument("capitulos", nargs="*", help="só estes capítulos (padrão: todos)")
    args = parser.parse_args(argv)
    desatualizados = []
    for capitulo, arquivo in CHAPTERS.items():
        if args.capitulos and capitulo not in args.capitulos:
            continue
        mestre = nbformat.read(MESTRES / arquivo, as_version=4)
        if mestre.metadata.get("mlops_lab", {}).get("chapter") != capitulo:
            print(f"{arquivo}: o mestre deve ter metadata.mlops_lab.chapter = '{capitulo}'")
            desatualizados.append(arquivo)
            continue
        if not args.check and not args.no_execute and not args.students_only:
            nbformat.write(_executar(mestre, MESTRES), MESTRES / arquivo)
        aluno = student_notebook(mestre)
        destino = ALUNOS / arquivo
        if args.check:
            if not destino.exists() or not same_sources(
                    aluno, nbformat.read(destino, as_version=4)):
                desatualizados.append(arquivo)
            continue
        if not args.no_execute:
            _executar(aluno, ALUNOS)
        nbformat.write(aluno, destino)
        print(f"gerado: {destino.relative_to(RAIZ)}")
    if desatualizados:
        print("Notebooks do aluno fora de sincronia com o mestre: " + ", ".join(desatualizados)
              + ". Rode: python scripts/build_notebooks.py", file=sys.stderr)
        return 1
    if args.check:
        print(f"Notebooks do aluno em dia com os {len(CHAPTERS)} mestres.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
