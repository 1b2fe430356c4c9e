"""Gera as tabelas do README que descrevem resultados: nenhuma é digitada.

- ``desempenho``: os números de ``benchmarks/results/`` (gravados por ``make bench``);
- ``artifacts``: o que ``mlops-lab run`` grava (:data:`mlops_lab.pipeline.ARTIFACTS`, que
  um teste confere contra uma execução de verdade).

Uso:
    python scripts/readme_tables.py            # reescreve as tabelas no README.md
    python scripts/readme_tables.py --check    # só confere (sai com 1 se desatualizadas)

O ``make test`` roda a conferência (``tests/code/test_readme_tables.py``): um número
ou arquivo do README que não bate com os resultados derruba o teste.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
RESULTADOS = RAIZ / "benchmarks" / "results"
README = RAIZ / "README.md"

NOMES_BIGDATA = {"pandas": "pandas na memória", "pandas_chunks": "pandas em pedaços",
                 "duckdb": "DuckDB", "polars": "Polars", "dask": "Dask (2 *workers*)"}


def br(valor: float, casas: int = 1) -> str:
    """Número no formato brasileiro: ``1234.5`` vira ``"1.234,5"``.

    >>> br(1234.56), br(0.9512, 2), br(1496, 0)
    ('1.234,6', '0,95', '1.496')
    """
    texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


def data_br(iso: str) -> str:
    """``"2026-11-26"`` vira ``"26/11/2026"``.

    >>> data_br("2026-11-26")
    '26/11/2026'
    """
    ano, mes, dia = iso.split("-")
    return f"{dia}/{mes}/{ano}"


def _json(nome: str, pasta: Path) -> dict:
    return json.loads((pasta / nome).read_text(encoding="utf-8"))


def _linhas_pipeline(pasta: Path) -> list[tuple[str, str, str, str]]:
    r = _json("pipeline.json", pasta)
    m, razoes = r["medianas_s"], r["razoes"]
    sklearn = br(m["scikit-learn puro"])
    return [
        ("`mlops-lab run --no-plots` ÷ o mesmo ajuste escrito só com scikit-learn "
         "(`benchmarks/bare_sklearn.py`)",
         f"{br(m['mlops-lab run --no-plots'])} s ÷ {sklearn} s = "
         f"**{br(razoes['sem_graficos_sobre_sklearn'], 2)}**", "≤ 1,5", data_br(r["data"])),
        ("`mlops-lab run` completo (com a curva de aprendizado) ÷ o mesmo script",
         f"{br(m['mlops-lab run'])} s ÷ {sklearn} s = "
         f"{br(razoes['completo_sobre_sklearn'], 2)}", "—", data_br(r["data"])),
    ]


def _linhas_import(pasta: Path) -> list[tuple[str, str, str, str]]:
    r = _json("import.json", pasta)
    custos = r["acima_do_interpretador_ms"]
    # Abaixo da resolução da medida, a diferença pode sair negativa: mostramos 0.
    pacote, cli = (max(custos[m], 0.0) for m in ("mlops_lab", "mlops_lab.cli"))
    return [("`import mlops_lab`, acima do interpretador vazio",
             f"**{br(pacote, 0)} ms** (`import mlops_lab.cli`: {br(cli, 0)} ms)", "≤ 300 ms",
             data_br(r["data"]))]


def _linhas_bigdata(pasta: Path) -> list[tuple[str, str, str, str]]:
    with open(pasta / "bigdata.csv", encoding="utf-8") as arquivo:
        linhas = list(csv.DictReader(arquivo))
    maior = max(int(r["rows"]) for r in linhas)
    livres = [r for r in linhas if int(r["rows"]) == maior and not r["memory_limit_mb"]]
    limitados = [r for r in linhas if int(r["rows"]) == maior and r["memory_limit_mb"]]
    tempos = "; ".join(f"{NOMES_BIGDATA[r['engine']]} {br(float(r['seconds']))} s e "
                       f"{br(float(r['peak_mb']), 0)} MB" for r in livres if r["status"] == "ok")
    data = _data_bigdata(pasta)
    saida = [(f"Agregação por cliente de {br(maior, 0)} eventos (capítulo 6, "
              "`benchmarks/bench_bigdata.py`): tempo e pico de memória", tempos, "—", data)]
    if limitados:
        limite = br(float(limitados[0]["memory_limit_mb"]), 0)
        nao = ", ".join(NOMES_BIGDATA[r["engine"]] for r in limitados
                        if not r["status"].startswith("ok"))
        sim = ", ".join(f"{NOMES_BIGDATA[r['engine']]} ({br(float(r['peak_mb']), 0)} MB)"
                        for r in limitados if r["status"].startswith("ok"))
        saida.append((f"A mesma agregação com limite simulado de {limite} MB",
                      f"não couberam: {nao or 'nenhum'}; couberam: {sim or 'nenhum'}", "—", data))
    return saida


def _data_bigdata(pasta: Path) -> str:
    """A data de ``bigdata.md`` (o CSV não a guarda): "Medido em DD/MM/AAAA ..."."""
    primeira = (pasta / "bigdata.md").read_text(encoding="utf-8").split()
    return primeira[primeira.index("em") + 1] if "em" in primeira else "—"


def _linhas_serve(pasta: Path) -> list[tuple[str, str, str, str]]:
    r = _json("serve.json", pasta)
    res, razoes, data = r["resultados"], r["razoes"], data_br(r["data"])
    serve, piso, mlflow = res["mlops-lab serve"], res["piso (em processo)"], \
        res["mlflow models serve"]
    return [
        ("`mlops-lab serve`, um registro por requisição (`benchmarks/bench_serve.py`): "
         "latência p50 ÷ o piso (`predict` no próprio processo)",
         f"{br(serve['p50_ms'])} ms ÷ {br(piso['p50_ms'])} ms = "
         f"**{br(razoes['p50_serve_sobre_piso'], 2)}** (p99 {br(serve['p99_ms'], 0)} ms; "
         f"`mlflow models serve`: p50 {br(mlflow['p50_ms'])} ms)", "≤ 3", data),
        (f"vazão com {r['clientes']} clientes simultâneos: `mlops-lab serve` ÷ "
         "`mlflow models serve` (mesmo modelo, 1 processo cada)",
         f"{br(serve['vazao_rps'])} ÷ {br(mlflow['vazao_rps'])} requisições/s = "
         f"**{br(razoes['vazao_serve_sobre_mlflow'], 2)}**", "≥ 2", data),
    ]


def _linhas_fast_inference(pasta: Path) -> list[tuple[str, str, str, str]]:
    r = _json("fast_inference.json", pasta)
    res, razoes, data = r["resultados"], r["razoes"], data_br(r["data"])
    rapido, padrao, mlflow = (res["caminho compilado"], res["caminho padrão"],
                              res["mlflow models serve"])
    return [
        ("Inferência rápida, um registro por requisição (`benchmarks/bench_fast_inference.py`): "
         "latência p50 do caminho compilado por HTTP",
         f"**{br(rapido['p50_ms'])} ms** (p95 {br(rapido['p95_ms'])} ms; caminho padrão "
         f"{br(padrao['p50_ms'])} ms; `mlflow models serve` {br(mlflow['p50_ms'])} ms)",
         "≤ 3 ms", data),
        (f"vazão com {r['clientes']} clientes simultâneos: caminho compilado ÷ "
         "`mlflow models serve` (mesmo modelo, 1 processo cada)",
         f"{br(rapido['vazao_rps'])} ÷ {br(mlflow['vazao_rps'])} requisições/s = "
         f"**{br(razoes['vazao_compilado_sobre_mlflow'], 2)}**", "≥ 10", data),
        ("maior diferença de probabilidade entre o caminho compilado e o pipeline (quatro "
         "algoritmos, conjunto de teste inteiro)",
         f"{razoes['diferenca_max']:.0e}", "≤ 1e-06", data),
    ]


def _pct(razao: float) -> str:
    return f"{br(razao * 100, 0 if razao >= 0.1 else 1)}%"


def _linhas_stream(pasta: Path) -> list[tuple[str, str, str, str]]:
    r = _json("stream.json", pasta)
    tamanhos = sorted(r["stream"], key=int, reverse=True)
    partes = [f"de {br(int(t), 0)}: {_pct(r['stream'][t]['razao'])}" for t in tamanhos]
    maior = tamanhos[0]
    partes[0] = f"microlotes de {br(int(maior), 0)}: **{_pct(r['stream'][maior]['razao'])}**"
    return [("`mlops-lab stream` sem pausa (validação, previsão com probabilidades, Parquet e "
             "*drift* a cada microlote) ÷ `model.predict` em lote puro "
             "(`benchmarks/bench_stream.py`)", "; ".join(partes), "≥ 50%", data_br(r["data"]))]


def tabela_desempenho(pasta: Path = RESULTADOS) -> str:
    """A tabela de desempenho, em Markdown, com os números de ``pasta``."""
    linhas = (_linhas_pipeline(pasta) + _linhas_import(pasta) + _linhas_bigdata(pasta)
              + _linhas_serve(pasta) + _linhas_fast_inference(pasta) + _linhas_stream(pasta))
    corpo = "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in linhas)
    return "| medição | resultado | meta | medido em |\n|---|---|---|---|\n" + corpo + "\n"


def tabela_artefatos() -> str:
    """A tabela dos arquivos que ``mlops-lab run`` grava, com o papel de cada um."""
    from mlops_lab.pipeline import ARTIFACTS

    corpo = "\n".join(f"| `{nome}` | {papel} |" for nome, papel in ARTIFACTS.items())
    return "| arquivo | conteúdo |\n|---|---|\n" + corpo + "\n"


def marcadores(nome: str) -> tuple[str, str]:
    """Os comentários HTML que cercam a tabela ``nome`` no README."""
    return (f"<!-- início da tabela '{nome}', gerada por scripts/readme_tables.py: "
            "não edite à mão -->", f"<!-- fim da tabela '{nome}' -->")


def readme_atualizado(texto: str, pasta: Path = RESULTADOS) -> str:
    """O README com cada tabela entre os seus marcadores trocada pela gerada agora."""
    for nome, gerar in (("desempenho", lambda: tabela_desempenho(pasta)),
                        ("artifacts", tabela_artefatos)):
        inicio, fim = marcadores(nome)
        if inicio not in texto or fim not in texto:
            raise SystemExit(f"README.md sem os marcadores da tabela '{nome}' ({inicio} e "
                             f"{fim}). Recoloque-os onde a tabela deve ficar.")
        antes, resto = texto.split(inicio, 1)
        _, depois = resto.split(fim, 1)
        texto = f"{antes}{inicio}\n{gerar()}{fim}{depois}"
    return texto


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="só confere, não grava")
    args = parser.parse_args(argv)
    atual = README.read_text(encoding="utf-8")
    novo = readme_atualizado(atual)
    if args.check:
        if novo != atual:
            print("As tabelas do README não batem com benchmarks/results/ ou com "
                  "mlops_lab.pipeline.ARTIFACTS. Rode: python scripts/readme_tables.py",
                  file=sys.stderr)
            return 1
        print("Tabelas do README em dia.")
        return 0
    README.write_text(novo, encoding="utf-8")
    print("Tabelas do README atualizadas.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
