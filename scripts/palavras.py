"""Palavras e tempo de cada capítulo, do roteiro e da parte opcional (a conta do livro).

Uso::

    python scripts/palavras.py             # tabela: palavras e minutos por capítulo
    python scripts/palavras.py --verificar # sai com erro se passar das metas
    python scripts/palavras.py --medir     # mede quanto cada notebook leva para rodar
                                           # (grava benchmarks/results/notebooks.json)

A regra de contagem está em ``_ext/leitura.py``: o texto MyST sem cabeçalho, sem
código e com as seções e blocos "Aprofundamento" contados à parte.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

import leitura  # noqa: E402

# As metas do caminho principal (issue do trabalho editorial).
META_TOTAL = 25_000
META_CAPITULO = 3_500


def tabela() -> tuple[str, list[str]]:
    """A tabela por capítulo e a lista de metas não cumpridas."""
    linhas = [
        f"{'capítulo':34} {'núcleo':>7} {'aprof.':>7} {'leitura':>8} {'notebook':>9} "
        f"{'exerc.':>7} {'total':>6}"
    ]
    problemas = []

    def linhas_da_parte(capitulos):
        """Uma linha por capítulo (e o problema dos que passam da meta); devolve a soma."""
        soma = leitura.Contagem()
        for orc in leitura.orcamento(capitulos=capitulos):
            contagem = leitura.contar_capitulo(orc.capitulo)
            soma = soma + contagem
            linhas.append(
                f"{orc.capitulo:34} {contagem.nucleo:7d} {contagem.aprofundamento:7d} "
                f"{orc.leitura:6d}min {orc.notebook:7d}min {orc.exercicios:5d}min {orc.total:4d}min"
            )
            if contagem.nucleo > META_CAPITULO:
                problemas.append(f"{orc.capitulo}: {contagem.nucleo} palavras no núcleo "
                                 f"(meta: até {META_CAPITULO}).")
        return soma

    total = linhas_da_parte(leitura.CAPITULOS)
    minutos = sum(o.total for o in leitura.orcamento())
    linhas.append(
        f"{'TOTAL':34} {total.nucleo:7d} {total.aprofundamento:7d}"
        f"   curso: {minutos} min = {leitura.horas(minutos)} h"
    )
    if total.nucleo > META_TOTAL:
        problemas.append(f"Núcleo do curso: {total.nucleo} palavras (meta: até {META_TOTAL}).")
    # A parte opcional "Em produção": a meta por capítulo vale, a do total não.
    linhas.append("Em produção (opcional, fora do total):")
    linhas_da_parte(leitura.OPCIONAIS)
    return "\n".join(linhas), problemas


def medir() -> dict[str, float]:
    """Roda cada notebook do aluno no kernel do Binder e mede o tempo."""
    import nbformat
    from nbclient import NotebookClient

    os.environ.setdefault("JUPYTER_PATH", str(ROOT / ".kernels" / "share" / "jupyter"))
    segundos = {}
    for notebook in sorted(leitura.NOTEBOOKS.values()):
        caminho = ROOT / f"{notebook}.ipynb"
        nb = nbformat.read(caminho, as_version=4)
        cliente = NotebookClient(
            nb, kernel_name="mlops-lab-binder", timeout=900,
            resources={"metadata": {"path": str(caminho.parent)}},
        )
        inicio = time.perf_counter()
        cliente.execute()
        segundos[caminho.stem] = round(time.perf_counter() - inicio, 1)
        print(f"{caminho.stem}: {segundos[caminho.stem]} s", flush=True)
    return segundos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verificar", action="store_true", help="falha se passar das metas")
    parser.add_argument("--medir", action="store_true", help="mede o tempo dos notebooks")
    args = parser.parse_args()
    if args.medir:
        resultado = {
            "data": date.today().isoformat(),
            "maquina": f"{platform.machine()}, {os.cpu_count()} núcleos",
            "segundos": medir(),
        }
        from mlops_lab import _fs

        _fs.write_json(leitura.TEMPOS_DOS_NOTEBOOKS, resultado)
    texto, problemas = tabela()
    print(texto)
    for problema in problemas:
        print("Meta não cumprida:", problema, file=sys.stderr)
    return 1 if args.verificar and problemas else 0


if __name__ == "__main__":
    sys.exit(main())
