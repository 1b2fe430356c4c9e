"""Roda uma etapa do ``make test`` e mede o tempo dela: relógio e CPU dos processos.

``python scripts/etapa.py NOME comando args...`` roda o comando, devolve o código
de saída dele e anota uma linha em ``_build/etapas.tsv`` (ou em ``$ETAPAS_ARQUIVO``);
``python scripts/etapa.py --inicio`` zera a anotação e ``--resumo`` mostra a tabela.
A coluna "núcleos" (CPU ÷ relógio) diz se a etapa ocupa a máquina: perto de 2 numa
máquina de 2 núcleos, ela já está no limite; bem abaixo, há espera (rede, disco,
processos parados) que outra etapa poderia aproveitar.

Só biblioteca padrão: roda com o Python do sistema, antes de o .venv existir.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ANOTACAO = Path(os.environ.get("ETAPAS_ARQUIVO")
                or Path(__file__).resolve().parents[1] / "_build" / "etapas.tsv")
INICIO = "#início"


def _duracao(segundos: float) -> str:
    minutos, resto = divmod(round(segundos), 60)
    return f"{minutos} min {resto:02d} s" if minutos else f"{resto} s"


def _cpu() -> float:
    uso = resource.getrusage(resource.RUSAGE_CHILDREN)
    return uso.ru_utime + uso.ru_stime


def rodar(nome: str, comando: list[str]) -> int:
    inicio, cpu = time.monotonic(), _cpu()
    # close_fds=False: um make dentro da etapa herda o jobserver do make de fora (-j2).
    codigo = subprocess.call(comando, close_fds=False)
    relogio, cpu = time.monotonic() - inicio, _cpu() - cpu
    ANOTACAO.parent.mkdir(exist_ok=True)
    with ANOTACAO.open("a", encoding="utf-8") as f:
        f.write(f"{nome}\t{relogio:.1f}\t{cpu:.1f}\t{codigo}\n")
    print(f"[etapa] {nome}: {_duracao(relogio)} (CPU {_duracao(cpu)}, "
          f"{cpu / max(relogio, 1e-9):.1f} núcleos em média)", flush=True)
    return codigo


def inicio() -> None:
    ANOTACAO.parent.mkdir(exist_ok=True)
    ANOTACAO.write_text(f"{INICIO}\t{time.time():.1f}\n", encoding="utf-8")


def resumo() -> None:
    if not ANOTACAO.is_file():
        return
    linhas = [linha.split("\t") for linha in ANOTACAO.read_text(encoding="utf-8").splitlines()]
    comeco = [float(linha[1]) for linha in linhas if linha[0] == INICIO]
    etapas = [linha for linha in linhas if linha[0] != INICIO]
    print("\nTempo de cada etapa do make test:")
    for nome, relogio, cpu, _ in etapas:
        print(f"  {nome:<28} {_duracao(float(relogio)):>12}   "
              f"{float(cpu) / max(float(relogio), 1e-9):.1f} núcleos")
    # As etapas "ao lado" correm junto com outra: o total é o relógio do começo ao fim.
    total = time.time() - comeco[0] if comeco else sum(float(e[1]) for e in etapas)
    print(f"  {'total':<28} {_duracao(total):>12}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--inicio"]:
        inicio()
    elif sys.argv[1:] == ["--resumo"]:
        resumo()
    elif len(sys.argv) >= 3:
        sys.exit(rodar(sys.argv[1], sys.argv[2:]))
    else:
        sys.exit("uso: python scripts/etapa.py NOME comando [args...] | --inicio | --resumo")
