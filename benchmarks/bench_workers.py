"""Benchmark: vazão de ``mlops-lab serve`` com 1 e 2 processos (``--workers``).

O mesmo modelo, servidor de verdade em 127.0.0.1; ``--clientes`` *threads*
enviam ``POST /predict`` com um registro, cada uma na sua conexão, durante
``--n`` requisições no total. A carga média da máquina (``os.getloadavg``) é
gravada junto: com outros processos disputando os núcleos, o ganho do segundo
processo encolhe, e o resultado precisa dizer isso.

Uso: ``python benchmarks/bench_workers.py [--n 600] [--clientes 8]``. Grava
``benchmarks/results/serve_workers.json``; a tabela do capítulo
"Observabilidade e escala" sai desse arquivo.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _modelo import treinar_modelo
from bench_serve import HOST, _porta_livre, _registros

AQUI = Path(__file__).resolve().parent
SAIDA = AQUI / "results" / "serve_workers.json"


def _esperar(base: str, proc: subprocess.Popen, limite: float = 300) -> None:
    fim = time.monotonic() + limite
    while time.monotonic() < fim:
        if proc.poll() is not None:
            raise RuntimeError(f"o servidor saiu com código {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError("o servidor não respondeu /health")


def medir(modelo: Path, workers: int, n: int, clientes: int) -> dict:
    """Sobe o servidor com ``workers`` processos e mede a vazão com ``clientes`` threads."""
    porta = _porta_livre()
    proc = subprocess.Popen([sys.executable, "-m", "mlops_lab.cli", "serve", "--model",
                             str(modelo), "--port", str(porta), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    base = f"http://{HOST}:{porta}"
    try:
        _esperar(base, proc)
        registros = _registros(50)

        def cliente(i: int) -> int:
            with httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
                for _ in range(10):  # aquecimento: todos os processos com o modelo carregado
                    c.post("/predict", json=registros[i % 50])
                feitas = 0
                for k in range(n // clientes):
                    feitas += c.post("/predict", json=registros[(i + k) % 50]).status_code == 200
                return feitas

        carga = os.getloadavg()[0]
        inicio = time.perf_counter()
        with ThreadPoolExecutor(clientes) as ex:
            feitas = sum(ex.map(cliente, range(clientes)))
        segundos = time.perf_counter() - inicio
        return {"workers": workers, "requisicoes": feitas, "segundos": round(segundos, 3),
                "vazao_rps": round(feitas / segundos, 1), "carga_media_1min": round(carga, 1)}
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--clientes", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as pasta:
        modelo = treinar_modelo(Path(pasta) / "modelo")
        resultados = [medir(modelo, w, args.n, args.clientes) for w in (1, 2)]
    dados = {"data": time.strftime("%Y-%m-%d"), "nucleos": os.cpu_count(), "n": args.n,
             "clientes": args.clientes, "resultados": resultados}
    SAIDA.write_text(json.dumps(dados, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(dados, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
