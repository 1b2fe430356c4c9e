"""Benchmark: o caminho compilado de previsão contra o caminho padrão e contra o MLflow.

Tudo na mesma execução, na mesma máquina e com o **mesmo modelo** (o pipeline
treinado por ``mlops-lab run``), por HTTP de verdade em 127.0.0.1:

* **(a) caminho padrão**: ``mlops-lab serve --no-compile`` (pandas e o pipeline
  do scikit-learn a cada requisição);
* **(b) caminho compilado**: ``mlops-lab serve`` (o padrão; :mod:`mlops_lab.fast_predict`);
* **(c) mlflow models serve**: o mesmo pipeline salvo com ``mlflow.sklearn`` e
  servido com ``--env-manager local`` (um *worker*), ``POST /invocations``.

Latência: um registro por requisição, em sequência (uma conexão mantida aberta),
p50, p95 e p99. Vazão: ``--clientes`` conexões enviando ao mesmo tempo,
requisições por segundo. O cliente é o ``http.client`` da biblioteca padrão, leve,
para que a medida seja do servidor e não do cliente.

Em processo, sem HTTP, mede também a previsão de um registro pelos dois caminhos
para cada algoritmo que o pipeline pode escolher, e a maior diferença de
probabilidade entre eles no conjunto de teste inteiro.

Metas da issue #19: p50 do caminho compilado por HTTP <= 3 ms; vazão >= 10x a do
MLflow; diferença <= 1e-6. O resultado diz se cada meta foi cumprida.

Uso: ``python benchmarks/bench_fast_inference.py [--n 300] [--vazao 1500] [--clientes 4]``.
Grava ``benchmarks/results/fast_inference.json`` e a figura
``book/figures/bench-fast-inference.png``; ``--plot-only`` só redesenha a figura.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _modelo import treinar_modelo
from bench_serve import HOST, _parar, _porta_livre, _registros, _subir, salvar_mlflow

AQUI = Path(__file__).resolve().parent
RAIZ = AQUI.parent
RESULTADO = AQUI / "results" / "fast_inference.json"
FIGURA = RAIZ / "book" / "figures" / "bench-fast-inference.png"
META_P50_MS, META_VAZAO, META_DIFERENCA = 3.0, 10.0, 1e-6
PADRAO, COMPILADO, MLFLOW = "caminho padrão", "caminho compilado", "mlflow models serve"


def _percentis(tempos: list[float]) -> dict:
    ordenados = sorted(tempos)
    p = lambda q: 1000 * ordenados[min(len(ordenados) - 1, int(q * len(ordenados)))]  # noqa: E731
    return {"p50_ms": 1000 * statistics.median(ordenados), "p95_ms": p(0.95),
            "p99_ms": p(0.99)}


def _post(conexao: http.client.HTTPConnection, rota: str, corpo: bytes) -> None:
    conexao.request("POST", rota, body=corpo, headers={"Content-Type": "application/json"})
    resposta = conexao.getresponse()
    resposta.read()
    if resposta.status != 200:
        raise RuntimeError(f"{rota} respondeu {resposta.status}")


def medir_http(porta: int, rota: str, corpos: list[bytes], n_vazao: int, clientes: int) -> dict:
    """Latência (em sequência) e vazão (``clientes`` conexões simultâneas)."""
    conexao = http.client.HTTPConnection(HOST, porta, timeout=60)
    for corpo in corpos[:30]:  # aquecimento
        _post(conexao, rota, corpo)
    tempos = []
    for corpo in corpos:
        inicio = time.perf_counter()
        _post(conexao, rota, corpo)
        tempos.append(time.perf_counter() - inicio)
    conexao.close()
    resultado = _percentis(tempos)

    def rajada(k: int) -> None:
        c = http.client.HTTPConnection(HOST, porta, timeout=60)
        for i in range(k, n_vazao, clientes):
            _post(c, rota, corpos[i % len(corpos)])
        c.close()

    inicio = time.perf_counter()
    with ThreadPoolExecutor(clientes) as executor:
        list(executor.map(rajada, range(clientes)))
    resultado["vazao_rps"] = n_vazao / (time.perf_counter() - inicio)
    return resultado


def _servir(pasta: Path, tmp: Path, nome: str, extra: list[str], corpos: list[bytes],
            args: argparse.Namespace) -> dict:
    porta = _porta_livre()
    proc = _subir([sys.executable, "-m", "mlops_lab.cli", "serve", "--model", str(pasta),
                   "--port", str(porta), *extra], f"http://{HOST}:{porta}", "/health",
                  tmp / f"{nome}.log")
    try:
        return medir_http(porta, "/predict", corpos, args.vazao, args.clientes)
    finally:
        _parar(proc)


def _mlflow(pasta: Path, tmp: Path, registros: list[dict], args: argparse.Namespace) -> dict:
    salvar_mlflow(pasta, tmp / "mlflow-model", registros)
    porta = _porta_livre()
    mlflow = Path(sys.executable).with_name("mlflow")
    proc = _subir([str(mlflow), "models", "serve", "-m", str(tmp / "mlflow-model"),
                   "--env-manager", "local", "--host", HOST, "--port", str(porta),
                   "--workers", "1"], f"http://{HOST}:{porta}", "/ping", tmp / "mlflow.log")
    try:
        corpos = [json.dumps({"dataframe_records": [r]}).encode() for r in registros]
        vazao = argparse.Namespace(**{**vars(args), "vazao": max(60, args.vazao // 10)})
        return medir_http(porta, "/invocations", corpos, vazao.vazao, args.clientes)
    finally:
        _parar(proc)


def em_processo(n: int = 200) -> dict:
    """Por algoritmo: p50 de um registro pelos dois caminhos e a maior diferença no teste."""
    import pandas as pd

    from mlops_lab.fast_predict import load_compiled
    from mlops_lab.fast_predict.probes import max_difference
    from mlops_lab.pipeline import prepare_data
    from mlops_lab.predict import predict
    from mlops_lab.schema import infer_schema
    from mlops_lab.train import ALGORITHMS, train_model

    p = prepare_data(seed=42)
    schema = {"schema": infer_schema(p.X_train)}
    registros = p.X_test.astype(object).where(p.X_test.notna(), None).to_dict("records")
    saida = {}
    for nome, algoritmo in ALGORITHMS.items():
        params = {k: v[0] for k, v in algoritmo.grid.items()}
        modelo = train_model(p.X_train, p.y_train, nome, seed=42, **params)
        compilado = load_compiled(modelo, schema)
        padrao, rapido = [], []
        for r in registros[:n]:
            inicio = time.perf_counter()
            predict(modelo, schema, pd.DataFrame([r]))
            padrao.append(time.perf_counter() - inicio)
            inicio = time.perf_counter()
            compilado.predict_proba([r])
            rapido.append(time.perf_counter() - inicio)
        saida[nome] = {"padrao_p50_ms": 1000 * statistics.median(padrao),
                       "compilado_p50_ms": 1000 * statistics.median(rapido),
                       "diferenca_max": max_difference(compilado, modelo, schema["schema"],
                                                       registros),
                       "linhas_teste": len(registros), "params": params}
    return saida


def metas(resultados: dict, algoritmos: dict) -> dict:
    """As razões medidas e se cada meta da issue #19 foi cumprida nesta máquina."""
    rapido, padrao = resultados[COMPILADO], resultados[PADRAO]
    saida = {"p50_compilado_ms": rapido["p50_ms"],
             "p50_padrao_sobre_compilado": padrao["p50_ms"] / rapido["p50_ms"],
             "vazao_compilado_sobre_padrao": rapido["vazao_rps"] / padrao["vazao_rps"],
             "diferenca_max": max(a["diferenca_max"] for a in algoritmos.values())}
    saida["meta_p50_cumprida"] = saida["p50_compilado_ms"] <= META_P50_MS
    saida["meta_diferenca_cumprida"] = saida["diferenca_max"] <= META_DIFERENCA
    if MLFLOW in resultados:
        mlflow = resultados[MLFLOW]["vazao_rps"]
        saida["vazao_compilado_sobre_mlflow"] = rapido["vazao_rps"] / mlflow
        saida["meta_vazao_cumprida"] = saida["vazao_compilado_sobre_mlflow"] >= META_VAZAO
    return saida


def figura(gravado: dict, destino: Path) -> None:
    """Latência (p50 e p95) e vazão dos três servidores, com o estilo do curso."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mlops_lab.plot_style import PALETTE, course_style

    resultados = gravado["resultados"]
    nomes = list(resultados)
    curtos = {PADRAO: "padrão", COMPILADO: "compilado", MLFLOW: "MLflow"}
    rotulos = [curtos.get(n, n) for n in nomes]
    cores = [PALETTE[5], PALETTE[0], PALETTE[2]][:len(nomes)]
    x = list(range(len(nomes)))
    with course_style():
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 3.8))
        a1.bar([i - 0.2 for i in x], [resultados[n]["p50_ms"] for n in nomes], 0.4, color=cores,
               label="p50")
        a1.bar([i + 0.2 for i in x], [resultados[n]["p95_ms"] for n in nomes], 0.4, color=cores,
               alpha=0.45, label="p95")
        a1.axhline(META_P50_MS, color=PALETTE[3], linestyle="--", linewidth=1.2,
                   label="meta do p50")
        a1.set_yscale("log")  # do compilado ao MLflow, duas ordens de grandeza
        a1.set_ylim(top=12 * max(resultados[n]["p95_ms"] for n in nomes))  # espaço da legenda
        a1.set_xticks(x, rotulos)
        a1.set_ylabel("ms por requisição (escala log)")
        a1.set_title("Latência de 1 registro por HTTP")
        a1.legend(loc="upper center", ncols=3, columnspacing=0.8, handlelength=1.2)
        a2.bar(x, [resultados[n]["vazao_rps"] for n in nomes], color=cores)
        a2.set_xticks(x, rotulos)
        a2.set_ylabel("requisições por segundo")
        a2.set_title(f"Vazão ({gravado['clientes']} clientes)")
        for eixo in (a1, a2):
            eixo.grid(axis="x", visible=False)
        fig.tight_layout()
        fig.savefig(destino, metadata={"Software": None})
        plt.close(fig)


def _imprimir(resultados: dict, algoritmos: dict, razoes: dict) -> None:
    print(f"{'':22s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'req/s':>8s}")
    for nome, r in resultados.items():
        print(f"{nome:22s} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {r['p99_ms']:8.2f} "
              f"{r['vazao_rps']:8.1f}")
    for nome, a in algoritmos.items():
        print(f"em processo, {nome:20s} padrão {a['padrao_p50_ms']:7.2f} ms  compilado "
              f"{a['compilado_p50_ms']:6.3f} ms  diferença {a['diferenca_max']:.1g}")
    sim = {True: "cumprida", False: "NÃO cumprida"}
    print(f"p50 do compilado: {razoes['p50_compilado_ms']:.2f} ms (meta <= {META_P50_MS} ms: "
          f"{sim[razoes['meta_p50_cumprida']]})")
    if "vazao_compilado_sobre_mlflow" in razoes:
        print(f"vazão compilado / MLflow: {razoes['vazao_compilado_sobre_mlflow']:.1f}x "
              f"(meta >= {META_VAZAO:.0f}x: {sim[razoes['meta_vazao_cumprida']]})")
    print(f"diferença máxima: {razoes['diferenca_max']:.1g} (meta <= {META_DIFERENCA}: "
          f"{sim[razoes['meta_diferenca_cumprida']]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="requisições de latência")
    parser.add_argument("--vazao", type=int, default=1500,
                        help="requisições de vazão (o MLflow faz um décimo disso)")
    parser.add_argument("--clientes", type=int, default=4, help="conexões simultâneas")
    parser.add_argument("--sem-mlflow", action="store_true")
    parser.add_argument("--plot-only", action="store_true",
                        help="só redesenha a figura a partir do fast_inference.json gravado")
    args = parser.parse_args()
    if args.plot_only:
        figura(json.loads(RESULTADO.read_text("utf-8")), FIGURA)
        return

    registros = _registros(args.n)
    corpos = [json.dumps(r).encode() for r in registros]
    resultados = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pasta = treinar_modelo(tmp / "modelo")
        algoritmo = json.loads((pasta / "metadata.json").read_text("utf-8"))["algorithm"]
        resultados[PADRAO] = _servir(pasta, tmp, "padrao", ["--no-compile"], corpos, args)
        resultados[COMPILADO] = _servir(pasta, tmp, "compilado", [], corpos, args)
        if not args.sem_mlflow:
            resultados[MLFLOW] = _mlflow(pasta, tmp, registros, args)
    algoritmos = em_processo()
    razoes = metas(resultados, algoritmos)
    _imprimir(resultados, algoritmos, razoes)
    gravado = {"data": time.strftime("%Y-%m-%d"), "maquina": f"{os.cpu_count()} núcleos",
               "algoritmo_servido": algoritmo, "n": args.n, "clientes": args.clientes,
               "metas": {"p50_ms": META_P50_MS, "vazao_sobre_mlflow": META_VAZAO,
                         "diferenca_max": META_DIFERENCA},
               "resultados": resultados, "em_processo": algoritmos, "razoes": razoes}
    RESULTADO.parent.mkdir(exist_ok=True)
    RESULTADO.write_text(json.dumps(gravado, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    figura(gravado, FIGURA)


if __name__ == "__main__":
    main()
