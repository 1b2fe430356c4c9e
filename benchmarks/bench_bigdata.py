"""Benchmark: a mesma agregação em cinco motores, em três tamanhos.

Gera eventos de uso (``mlops_lab.bigdata.generate_events``, Parquet em partes
de 1 milhão de linhas) com 10**4, 10**6 e 10**7 linhas e roda, para cada
tamanho, o pandas na memória, o pandas em pedaços, o DuckDB, o Polars e o
Dask (``LocalCluster`` com 2 processos de 1 fio). Cada medição roda num
subprocesso novo (``process_measure.measure``, ao lado deste arquivo): tempo do
cálculo e pico de memória somando os processos filhos.

Com ``--memory-limit-mb``, repete o maior tamanho simulando uma máquina com
menos RAM: o processo que passa do limite é encerrado e aparece como "não
coube".

Grava ``benchmarks/results/bigdata.csv``, ``benchmarks/results/bigdata.md`` e
o gráfico ``book/figures/bigdata-medicoes.svg``, que o capítulo 6 mostra.

Uso::

    python benchmarks/bench_bigdata.py                       # tudo (~10 min)
    python benchmarks/bench_bigdata.py --sizes 10000 1000000 # mais rápido
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
NOMES = {"pandas": "pandas (memória)", "pandas_chunks": "pandas (pedaços)",
         "duckdb": "DuckDB", "polars": "Polars", "dask": "Dask (LocalCluster)"}
# As cores do curso (mlops_lab.plot_style.PALETTE): vermelho, ocre, azul, verde, roxo.
CORES = {"pandas": "#cf222e", "pandas_chunks": "#bf8700", "duckdb": "#0969da",
         "polars": "#1a7f37", "dask": "#8250df"}


def medir(engine, pasta, repeticoes, limite):
    from process_measure import measure

    rodadas = [measure(engine, pasta, memory_limit_mb=limite) for _ in range(repeticoes)]
    boas = [r for r in rodadas if r["status"] == "ok"]
    if not boas:
        return rodadas[0]
    # Mediana do tempo; o pico é o maior visto (o que a máquina precisa ter).
    melhor = dict(boas[0])
    melhor["seconds"] = statistics.median(r["seconds"] for r in boas)
    melhor["setup_seconds"] = statistics.median(r["setup_seconds"] for r in boas)
    melhor["peak_mb"] = max(r["peak_mb"] for r in boas)
    return melhor


def br(numero, casas=1):
    texto = f"{numero:,.{casas}f}"
    return texto.replace(",", "X").replace(".", ",").replace("X", ".")


def tabela_markdown(df, cabecalho):
    linhas = [cabecalho, "",
              "| linhas | motor | situação | tempo (s) | subir o cluster (s) "
              "| pico de memória (MB) |",
              "|---:|---|---|---:|---:|---:|"]
    for r in df.itertuples():
        tempo = br(r.seconds, 2) if r.status == "ok" else "—"
        preparo = br(r.setup_seconds, 1) if r.status == "ok" and r.setup_seconds else "—"
        com_limite = r.memory_limit_mb == r.memory_limit_mb and r.memory_limit_mb  # não é NaN
        limite = f" (limite {br(r.memory_limit_mb, 0)} MB)" if com_limite else ""
        linhas.append(f"| {br(r.rows, 0)} | {NOMES[r.engine]} | {r.status}{limite} | {tempo} "
                      f"| {preparo} | {br(r.peak_mb, 0)} |")
    return "\n".join(linhas) + "\n"


def grafico(df, destino):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mlops_lab.plot_style import course_style

    # O estilo do curso (fontes de 11 pt ou mais: pelo menos 11 px na coluna do livro) e o
    # texto como texto no SVG (não como curvas): o teste do navegador lê o tamanho da fonte.
    with course_style(), plt.rc_context({"svg.hashsalt": "bigdata", "svg.fonttype": "none"}):
        _grafico(df, destino, plt)


def _linhas(valor, _pos=None):
    """Rótulo do eixo das linhas sem expoente (que sairia em fonte menor): '10 mil', '1 mi'."""
    if valor >= 10**6:
        return f"{br(valor / 10**6, 0)} mi"
    return f"{br(valor / 1000, 0)} mil" if valor >= 1000 else br(valor, 0)


def _grafico(df, destino, plt):
    livres = df[df["memory_limit_mb"].isna()]
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(9, 4.4))
    for engine, grupo in livres.groupby("engine", sort=False):
        ok = grupo[grupo["status"] == "ok"].sort_values("rows")
        estilo = dict(color=CORES[engine], marker="o", label=NOMES[engine])
        ax_t.plot(ok["rows"], ok["seconds"], **estilo)
        ax_m.plot(ok["rows"], ok["peak_mb"], **estilo)
    limitados = df[df["memory_limit_mb"].notna()]
    if len(limitados):
        limite = limitados["memory_limit_mb"].iloc[0]
        ax_m.axhline(limite, color="#555555", linestyle="--", linewidth=1)
        fora = [NOMES[e] for e in limitados.loc[limitados["status"] != "ok", "engine"]]
        texto = f"Tracejado: limite simulado de {br(limite, 0)} MB"
        if fora:
            texto += (f"; com {_linhas(limitados['rows'].iloc[0])} de linhas, não couberam:\n"
                      + ", ".join(fora))
        fig.text(0.5, 0.0, texto, ha="center", va="top", fontsize=11)
    from matplotlib.ticker import FuncFormatter

    numero = FuncFormatter(lambda v, _: br(v, 0) if v >= 1 else br(v, 1))
    for ax, titulo, rotulo in ((ax_t, "Tempo do cálculo", "segundos"),
                               (ax_m, "Pico de memória (processos)", "MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(numero)
        ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
        ax.xaxis.set_major_formatter(FuncFormatter(_linhas))
        ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
        ax.set_xlabel("linhas (eventos)")
        ax.set_ylabel(rotulo)
        ax.set_title(titulo, fontsize=12)
        ax.grid(True, which="major")
    ax_m.set_yticks([t for t in (100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 5000)
                     if t <= 1.2 * df["peak_mb"].max()])
    ax_t.legend(fontsize=11)
    fig.tight_layout()
    fig.savefig(destino, metadata={"Date": None})
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**4, 10**6, 10**7],
                        help="números de linhas (padrão: 10**4 10**6 10**7)")
    parser.add_argument("--engines", nargs="+", default=None,
                        help="motores (padrão: todos)")
    parser.add_argument("--memory-limit-mb", type=float, default=1536,
                        help="limite simulado para repetir o maior tamanho (0 desliga)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetições até 10**6 linhas (a maior roda uma vez)")
    parser.add_argument("--out", type=Path, default=RAIZ / "benchmarks" / "results")
    parser.add_argument("--figure", type=Path,
                        default=RAIZ / "book" / "figures" / "bigdata-medicoes.svg")
    parser.add_argument("--plot-only", action="store_true",
                        help="só redesenha o gráfico a partir do bigdata.csv já gravado")
    args = parser.parse_args()

    import pandas as pd

    if args.plot_only:
        grafico(pd.read_csv(args.out / "bigdata.csv"), args.figure)
        return
    carga_inicio = os.getloadavg()[0]

    from mlops_lab.bigdata import ENGINES, generate_events

    engines = args.engines or list(ENGINES)
    dados = Path(tempfile.mkdtemp(prefix="bench-bigdata-"))
    linhas = []
    try:
        for n in sorted(args.sizes):
            inicio = time.perf_counter()
            pasta = generate_events(dados / f"eventos_{n}", n)
            tamanho = sum(f.stat().st_size for f in pasta.iterdir()) / 2**20
            print(f"\n{n:>12,} linhas: gerei {tamanho:.1f} MB de Parquet em "
                  f"{time.perf_counter() - inicio:.1f} s")
            repeticoes = args.repeat if n <= 10**6 else 1
            rodadas = [(None, e) for e in engines]
            if args.memory_limit_mb and n == max(args.sizes):
                rodadas += [(args.memory_limit_mb, e) for e in engines]
            for limite, engine in rodadas:
                r = medir(engine, pasta, repeticoes, limite)
                r.update(rows=n, memory_limit_mb=limite, parquet_mb=round(tamanho, 1))
                linhas.append(r)
                tempo = f"{r['seconds']:.2f} s" if r["status"] == "ok" else r["status"]
                sufixo = f" [limite {limite:.0f} MB]" if limite else ""
                print(f"  {NOMES[engine]:<20} {tempo:>12}  pico {r['peak_mb']:>8.0f} MB{sufixo}")
                if r["status"] == "erro":
                    print(r["error"])
            shutil.rmtree(pasta)
    finally:
        shutil.rmtree(dados, ignore_errors=True)

    df = pd.DataFrame(linhas)
    colunas = ["rows", "engine", "memory_limit_mb", "status", "seconds", "setup_seconds",
               "peak_mb", "base_mb", "clients", "parquet_mb"]
    args.out.mkdir(parents=True, exist_ok=True)
    df[colunas].to_csv(args.out / "bigdata.csv", index=False)
    maquina = (f"{os.cpu_count()} núcleos, {platform.system()} {platform.machine()}, "
               f"Python {platform.python_version()}; carga média de 1 minuto "
               f"{br(carga_inicio)} no início e {br(os.getloadavg()[0])} no fim)")
    cabecalho = (f"Medido em {date.today():%d/%m/%Y} ({maquina} com "
                 "`python benchmarks/bench_bigdata.py`.")
    (args.out / "bigdata.md").write_text(tabela_markdown(df, cabecalho), encoding="utf-8")
    grafico(df, args.figure)
    print(f"\nGravei {args.out / 'bigdata.csv'}, {args.out / 'bigdata.md'} e {args.figure}")


if __name__ == "__main__":
    main()
