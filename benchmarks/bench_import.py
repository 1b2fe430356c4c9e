"""Benchmark: tempo de importação do mlops_lab (meta <= 0,3 s).

Mede ``python -c "import mlops_lab"`` e ``import mlops_lab.cli`` contra
``python -c "pass"`` (o custo de iniciar o interpretador), lado a lado.
"""

import statistics
import subprocess
import sys
import time

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
    for modulo in ("mlops_lab", "mlops_lab.cli", "mlops_lab.data", "mlops_lab.pipeline"):
        custo = mediana(f"import {modulo}") - base
        print(f"import {modulo:20s} {custo * 1000:7.1f} ms acima do interpretador vazio")
    print("meta: import mlops_lab <= 300 ms")


if __name__ == "__main__":
    main()
