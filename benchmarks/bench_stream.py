"""Benchmark: vazão do ``mlops-lab stream`` contra o ``predict`` em lote, nas mesmas linhas.

* **lote puro**: ``model.predict`` do scikit-learn numa chamada só, com todas
  as linhas já na memória (o teto: nenhum monitoramento, nenhuma gravação);
* **stream**: :func:`mlops_lab.stream.run_stream` sem pausa (``rate=0``),
  lendo as mesmas linhas de um arquivo e, a cada micro-lote, validando,
  prevendo (classe e probabilidades), gravando o Parquet e medindo a deriva
  da janela recente. Conta-se o laço de pontuação (``StreamResult.seconds``),
  sem a carga do modelo nem o relatório final, que são custos fixos.

O resultado é a razão registros/s do stream sobre registros/s do lote puro,
para alguns tamanhos de micro-lote. Meta da issue #6: >= 50%.

Uso: ``python benchmarks/bench_stream.py [--linhas 50000]``. Grava
``benchmarks/results/stream.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from _modelo import treinar_modelo

AQUI = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linhas", type=int, default=50_000)
    parser.add_argument("--lotes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--repeticoes", type=int, default=3)
    args = parser.parse_args()

    from mlops_lab.package import load_model
    from mlops_lab.stream import run_stream, simulate

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pasta = tmp / "artifacts"
        treinar_modelo(pasta)
        dados = simulate(args.linhas, seed=2026)
        arquivo = tmp / "chegando.parquet"
        dados.to_parquet(arquivo, index=False)
        model, metadata = load_model(pasta)
        colunas = metadata["schema"]["columns"]

        tempos_lote = []
        stream = {b: [] for b in args.lotes}
        for rep in range(args.repeticoes):  # alternados: a mesma carga da máquina para todos
            inicio = time.perf_counter()
            model.predict(dados[colunas])
            tempos_lote.append(time.perf_counter() - inicio)
            for b in args.lotes:
                r = run_stream(pasta, arquivo, out=tmp / f"mon-{b}-{rep}", rate=0, batch_size=b,
                               progress=False)
                stream[b].append(r.seconds)

    lote = args.linhas / statistics.median(tempos_lote)
    resultados = {"lote_puro_registros_s": lote, "stream": {}}
    print(f"lote puro (model.predict):        {lote:12,.0f} registros/s")
    for b, tempos in stream.items():
        taxa = args.linhas / statistics.median(tempos)
        resultados["stream"][b] = {"registros_s": taxa, "razao": taxa / lote}
        print(f"stream, micro-lotes de {b:6d}:   {taxa:12,.0f} registros/s  "
              f"({100 * taxa / lote:5.1f}% do lote puro)")
    print("meta: >= 50% do lote puro (com micro-lotes grandes, como numa fila acumulada)")
    saida = AQUI / "results"
    saida.mkdir(exist_ok=True)
    (saida / "stream.json").write_text(json.dumps(
        {"data": time.strftime("%Y-%m-%d"), "maquina": f"{os.cpu_count()} núcleos",
         "linhas": args.linhas, **resultados}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
