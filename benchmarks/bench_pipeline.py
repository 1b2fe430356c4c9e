"""Benchmark: ``mlops-lab run`` contra um script só com scikit-learn, lado a lado.

Os dois rodam como processos separados, alternados, nos mesmos dados, na
mesma máquina e na mesma execução; o resultado é a razão entre as medianas.
Meta: razão <= 1,5 (o que o mlops_lab acrescenta custa no máximo 50%). O registro
no MLflow fica de fora (``--no-tracking``): o script puro também não registra nada.

Uso: ``python benchmarks/bench_pipeline.py [--repeticoes N]``. Grava
``benchmarks/results/pipeline.json``, de onde sai a tabela de desempenho do README.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlops_lab.data import example_path

AQUI = Path(__file__).resolve().parent


def cronometrar(comando):
    inicio = time.perf_counter()
    subprocess.run(comando, check=True, capture_output=True)
    return time.perf_counter() - inicio


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeticoes", type=int, default=3)
    args = parser.parse_args()
    tempos = {"mlops-lab run --no-plots": [], "scikit-learn puro": [], "mlops-lab run": []}
    with tempfile.TemporaryDirectory() as pasta:
        comandos = {
            "mlops-lab run --no-plots": [sys.executable, "-m", "mlops_lab.cli", "run", "--quiet",
                                         "--no-plots", "--no-tracking", "--out", f"{pasta}/a"],
            "scikit-learn puro": [sys.executable, str(AQUI / "bare_sklearn.py"),
                                  str(example_path())],
            "mlops-lab run": [sys.executable, "-m", "mlops_lab.cli", "run", "--quiet",
                              "--no-tracking", "--out", f"{pasta}/b"],
        }
        for _ in range(args.repeticoes):
            for nome, comando in comandos.items():
                tempos[nome].append(cronometrar(comando))
    medianas = {nome: statistics.median(t) for nome, t in tempos.items()}
    for nome, mediana in medianas.items():
        lista = ", ".join(f"{t:.1f}" for t in tempos[nome])
        print(f"{nome:28s} mediana {mediana:6.1f} s  ({lista})")
    razao = medianas["mlops-lab run --no-plots"] / medianas["scikit-learn puro"]
    print(f"razão mlops-lab/scikit-learn (mesmo ajuste): {razao:.2f}  (meta <= 1,5)")
    print(f"razão com os gráficos (curva de aprendizado): "
          f"{medianas['mlops-lab run'] / medianas['scikit-learn puro']:.2f}")
    destino = AQUI / "results" / "pipeline.json"
    destino.write_text(json.dumps(
        {"data": time.strftime("%Y-%m-%d"), "maquina": f"{os.cpu_count()} núcleos",
         "carga_1min": round(os.getloadavg()[0], 1), "repeticoes": args.repeticoes,
         "tempos_s": tempos, "medianas_s": medianas,
         "razoes": {"sem_graficos_sobre_sklearn": razao,
                    "completo_sobre_sklearn": medianas["mlops-lab run"]
                    / medianas["scikit-learn puro"]}},
        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Gravei {destino}")


if __name__ == "__main__":
    main()
