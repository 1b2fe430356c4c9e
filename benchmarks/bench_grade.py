"""Benchmark: ``mlops-lab grade`` de uma turma com ``--jobs 1`` e ``--jobs 2``, lado a lado.

A turma são ``--n`` cópias da entrega completa do capítulo 5 (o notebook mestre,
com todas as respostas certas), corrigidas pelo mesmo ``grade_submissions`` das
duas formas, na mesma execução: primeiro com 2, depois com 1, para que o aquecimento
(arquivos em cache, bytecode) favoreça a sequencial e não infle a aceleração. As duas
tabelas de notas têm de ser iguais; o que muda é o relógio. A carga média da máquina
vai junto.

Uso: ``python benchmarks/bench_grade.py [--n 6]``. Grava
``benchmarks/results/grade.json``, que o capítulo "Exercícios e correção
automática" lê.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from mlops_lab.exercises.grader import grade_submissions

AQUI = Path(__file__).resolve().parent
MESTRE = AQUI.parent / "notebooks" / "masters" / "05-ops-family.ipynb"
SAIDA = AQUI / "results" / "grade.json"


def _turma(pasta: Path, n: int) -> list[Path]:
    copias = []
    for i in range(1, n + 1):
        destino = pasta / f"05-ops-family-aluno{i:02d}.ipynb"
        shutil.copy(MESTRE, destino)
        copias.append(destino)
    return copias


def medir(n: int) -> dict:
    tempos: dict[int, float] = {}
    tabelas = {}
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        turma = _turma(Path(tmp), n)
        for jobs in (2, 1):
            inicio = time.perf_counter()
            tabelas[jobs] = grade_submissions(turma, timeout=300, progress=False, jobs=jobs)
            tempos[jobs] = time.perf_counter() - inicio
    if not tabelas[1].equals(tabelas[2]):
        raise SystemExit("As notas com --jobs 1 e --jobs 2 diferem: a correção em paralelo "
                         "está errada.")
    return {
        "data": date.today().isoformat(),
        "maquina": f"{platform.machine()}, {os.cpu_count()} núcleos",
        "carga_media_1min": round(os.getloadavg()[0], 2),
        "entregas": n,
        "nota_de_cada_entrega": float(tabelas[1]["total"].iloc[0]),
        "segundos": {"jobs_1": round(tempos[1], 1), "jobs_2": round(tempos[2], 1)},
        "aceleracao": round(tempos[1] / tempos[2], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=6, help="entregas na turma (padrão: 6)")
    resultado = medir(parser.parse_args().n)
    SAIDA.write_text(json.dumps(resultado, ensure_ascii=False, indent=2) + "\n",
                     encoding="utf-8")
    print(json.dumps(resultado, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
