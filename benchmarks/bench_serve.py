"""Benchmark: latência e vazão de ``mlops-lab serve`` contra o piso e contra o MLflow.

Tudo na mesma execução, na mesma máquina e com o **mesmo modelo** (o pipeline
treinado por ``mlops-lab run``):

* **piso**: :func:`mlops_lab.predict.predict` no próprio processo, um registro
  por chamada (o trabalho do modelo, sem HTTP);
* **mlops-lab serve**: ``POST /predict`` com um registro, servidor de verdade
  em 127.0.0.1 (uvicorn, um processo);
* **mlflow models serve**: o mesmo pipeline salvo com ``mlflow.sklearn.save_model``
  e servido pelo servidor de pontuação do MLflow (``--env-manager local``, um
  *worker*), ``POST /invocations`` com ``dataframe_records``.

Latência: requisições em sequência (uma conexão mantida aberta), p50 e p99.
Vazão: ``--clientes`` *threads* enviando ao mesmo tempo, requisições por segundo.
Metas da issue #6: p50 do serve <= 3x o piso; vazão do serve >= 2x a do MLflow.

Uso: ``python benchmarks/bench_serve.py [--n 300] [--clientes 4]``. Grava
``benchmarks/results/serve.json`` e a figura ``book/figures/bench-serve.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _modelo import treinar_modelo

AQUI = Path(__file__).resolve().parent
RAIZ = AQUI.parent
HOST = "127.0.0.1"


def _porta_livre() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _registros(n: int) -> list[dict]:
    from mlops_lab.stream import simulate

    df = simulate(n, seed=123).drop(columns=["cancelou"])
    return df.astype(object).where(df.notna(), None).to_dict("records")


def _percentis(tempos: list[float]) -> dict:
    ordenados = sorted(tempos)
    p = lambda q: ordenados[min(len(ordenados) - 1, int(q * len(ordenados)))]  # noqa: E731
    return {"p50_ms": 1000 * statistics.median(ordenados), "p99_ms": 1000 * p(0.99),
            "media_ms": 1000 * statistics.fmean(ordenados)}


def medir_piso(pasta: Path, registros: list[dict]) -> dict:
    import pandas as pd

    from mlops_lab.package import load_model
    from mlops_lab.predict import predict

    model, metadata = load_model(pasta)
    tempos = []
    for registro in registros[:20]:  # aquecimento
        predict(model, metadata, pd.DataFrame([registro]))
    for registro in registros:
        inicio = time.perf_counter()
        predict(model, metadata, pd.DataFrame([registro]))
        tempos.append(time.perf_counter() - inicio)
    resultado = _percentis(tempos)
    resultado["vazao_rps"] = len(tempos) / sum(tempos)
    return resultado


def _subir(comando: list[str], base: str, saude: str, log: Path) -> subprocess.Popen:
    # O MLflow chama 'uvicorn' pelo PATH: o do mesmo ambiente virtual deste Python.
    caminho = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": caminho, "OMP_NUM_THREADS": "1",
           "MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true"}
    proc = subprocess.Popen(comando, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)
    limite = time.monotonic() + 180
    while time.monotonic() < limite:
        if proc.poll() is not None:
            raise RuntimeError(f"o servidor saiu: {log.read_text()[-2000:]}")
        try:
            if httpx.get(base + saude, timeout=2, trust_env=False).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"o servidor não respondeu em 180 s: {log.read_text()[-2000:]}")


def _parar(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def medir_http(base: str, rota: str, corpos: list[bytes], n_vazao: int, clientes: int) -> dict:
    cabecalhos = {"Content-Type": "application/json"}
    with httpx.Client(base_url=base, timeout=60, trust_env=False) as cliente:
        for corpo in corpos[:20]:  # aquecimento
            cliente.post(rota, content=corpo, headers=cabecalhos).raise_for_status()
        tempos = []
        for corpo in corpos:
            inicio = time.perf_counter()
            resposta = cliente.post(rota, content=corpo, headers=cabecalhos)
            tempos.append(time.perf_counter() - inicio)
            resposta.raise_for_status()
    resultado = _percentis(tempos)

    def rajada(k: int) -> int:
        with httpx.Client(base_url=base, timeout=60, trust_env=False) as c:
            for i in range(k, n_vazao, clientes):
                c.post(rota, content=corpos[i % len(corpos)],
                       headers=cabecalhos).raise_for_status()
        return 0

    inicio = time.perf_counter()
    with ThreadPoolExecutor(clientes) as executor:
        list(executor.map(rajada, range(clientes)))
    resultado["vazao_rps"] = n_vazao / (time.perf_counter() - inicio)
    return resultado


def salvar_mlflow(pasta_modelo: Path, destino: Path, exemplo: list[dict]) -> None:
    import mlflow.sklearn
    import pandas as pd

    from mlops_lab.package import load_model

    model, _ = load_model(pasta_modelo)
    entrada = pd.DataFrame(exemplo[:5])
    mlflow.sklearn.save_model(model, destino, input_example=entrada,
                              serialization_format=mlflow.sklearn.SERIALIZATION_FORMAT_CLOUDPICKLE)


def figura(resultados: dict, destino: Path) -> None:
    """Desenha latência e vazão com o estilo do curso (texto de 11 px ou mais no livro)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mlops_lab.plot_style import PALETTE, course_style

    nomes = list(resultados)
    # Uma palavra por linha: os três rótulos cabem sob as barras com a fonte do curso.
    rotulos = [n.replace("(", "").replace(")", "").replace(" ", "\n") for n in nomes]
    cores = [PALETTE[5], PALETTE[0], PALETTE[2]][:len(nomes)]
    with course_style():
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 3.8))
        x = range(len(nomes))
        a1.bar([i - 0.2 for i in x], [resultados[n]["p50_ms"] for n in nomes], 0.4, color=cores,
               label="p50")
        a1.bar([i + 0.2 for i in x], [resultados[n]["p99_ms"] for n in nomes], 0.4, color=cores,
               alpha=0.45, label="p99")
        a1.set_xticks(list(x), rotulos)
        a1.set_ylabel("ms por registro")
        a1.set_title("Latência (p50 e p99)")
        a1.legend()
        a2.bar(list(x), [resultados[n]["vazao_rps"] for n in nomes], color=cores)
        a2.set_xticks(list(x), rotulos)
        a2.set_ylabel("requisições por segundo")
        a2.set_title("Vazão")
        for eixo in (a1, a2):
            eixo.grid(axis="x", visible=False)
        fig.tight_layout()
        fig.savefig(destino, metadata={"Software": None})
        plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="requisições de latência")
    parser.add_argument("--vazao", type=int, default=600, help="requisições de vazão")
    parser.add_argument("--clientes", type=int, default=4, help="clientes simultâneos")
    parser.add_argument("--sem-mlflow", action="store_true")
    parser.add_argument("--plot-only", action="store_true",
                        help="só redesenha a figura a partir do serve.json já gravado")
    args = parser.parse_args()
    if args.plot_only:
        gravado = json.loads((RAIZ / "benchmarks" / "results" / "serve.json").read_text("utf-8"))
        figura(gravado["resultados"], RAIZ / "book" / "figures" / "bench-serve.png")
        return

    registros = _registros(args.n)
    resultados = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pasta = tmp / "artifacts"
        treinar_modelo(pasta)
        resultados["piso (em processo)"] = medir_piso(pasta, registros)

        porta = _porta_livre()
        base = f"http://{HOST}:{porta}"
        # O caminho do pipeline (--no-compile), o que o capítulo do serviço HTTP ensina; o
        # caminho compilado, padrão do serve, é medido por bench_fast_inference.py.
        proc = _subir([sys.executable, "-m", "mlops_lab.cli", "serve", "--model", str(pasta),
                       "--port", str(porta), "--no-compile"], base, "/health",
                      tmp / "serve.log")
        try:
            corpos = [json.dumps(r).encode() for r in registros]
            resultados["mlops-lab serve"] = medir_http(base, "/predict", corpos, args.vazao,
                                                       args.clientes)
        finally:
            _parar(proc)

        if not args.sem_mlflow:
            salvar_mlflow(pasta, tmp / "mlflow-model", registros)
            porta = _porta_livre()
            base = f"http://{HOST}:{porta}"
            mlflow = Path(sys.executable).with_name("mlflow")
            proc = _subir([str(mlflow), "models", "serve", "-m", str(tmp / "mlflow-model"),
                           "--env-manager", "local", "--host", HOST, "--port", str(porta),
                           "--workers", "1"], base, "/ping", tmp / "mlflow.log")
            try:
                corpos = [json.dumps({"dataframe_records": [r]}).encode() for r in registros]
                resultados["mlflow models serve"] = medir_http(base, "/invocations", corpos,
                                                               args.vazao, args.clientes)
            finally:
                _parar(proc)

    piso, serve = resultados["piso (em processo)"], resultados["mlops-lab serve"]
    razoes = {"p50_serve_sobre_piso": serve["p50_ms"] / piso["p50_ms"]}
    if "mlflow models serve" in resultados:
        mlf = resultados["mlflow models serve"]
        razoes["vazao_serve_sobre_mlflow"] = serve["vazao_rps"] / mlf["vazao_rps"]
        razoes["p50_mlflow_sobre_serve"] = mlf["p50_ms"] / serve["p50_ms"]
    print(f"{'':22s} {'p50 ms':>8s} {'p99 ms':>8s} {'req/s':>8s}")
    for nome, r in resultados.items():
        print(f"{nome:22s} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['vazao_rps']:8.1f}")
    print(f"p50 do serve / piso: {razoes['p50_serve_sobre_piso']:.2f}  (meta <= 3)")
    if "vazao_serve_sobre_mlflow" in razoes:
        print(f"vazão do serve / MLflow: {razoes['vazao_serve_sobre_mlflow']:.2f}  (meta >= 2)")
    saida = AQUI / "results"
    saida.mkdir(exist_ok=True)
    (saida / "serve.json").write_text(json.dumps(
        {"data": time.strftime("%Y-%m-%d"), "maquina": f"{os.cpu_count()} núcleos",
         "n": args.n, "clientes": args.clientes, "resultados": resultados, "razoes": razoes},
        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    figura(resultados, RAIZ / "book" / "figures" / "bench-serve.png")


if __name__ == "__main__":
    main()
