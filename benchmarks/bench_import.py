"""Benchmark: tempo de importação do mlops_lab (meta <= 0,3 s).

Mede ``python -c "import mlops_lab"`` e ``import mlops_lab.cli`` contra
``python -c "pass"`` (o custo de iniciar o interpretador), lado a lado. Grava
``benchmarks/results/import.json``, de onde sai a tabela de desempenho do README.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPETICOES = 15


def mediana(codigo):
    tempos = []
    for _ in range(REPETICOES):
        inicio = time.perf_counter()
        subprocess.run([sys.executable, "-c", codigo], check=True)
        tempos.append(time.perf_counter() - inicio)
    return statistics.median(tempos)


def main():
    base = mediana("pass")
    custos = {}
    for modulo in ("mlops_lab", "mlops_lab.cli", "mlops_lab.data", "mlops_lab.pipeline"):
        custos[modulo] = (mediana(f"import {modulo}") - base) * 1000
        print(f"import {modulo:20s} {custos[modulo]:7.1f} ms acima do interpretador vazio")
    print("meta: import mlops_lab <= 300 ms")
    destino = Path(__file__).resolve().parent / "results" / "import.json"
    destino.write_text(json.dumps(
        {"data": time.strftime("%Y-%m-%d"), "maquina": f"{os.cpu_count()} núcleos",
         "repeticoes": REPETICOES, "interpretador_vazio_ms": base * 1000,
         "acima_do_interpretador_ms": custos}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")
    print(f"Gravei {destino}")


if __name__ == "__main__":
    main()
