"""Arquivos de trava (*lock*) com hashes dos ambientes que o ``make`` instala.

Uso::

    python scripts/lock.py            # regenera as travas (make lock)
    python scripts/lock.py --check    # sai com erro se a trava não corresponde às entradas

As entradas são os arquivos de requisitos (versões fixas, escritos à mão) e o
``constraints.txt`` (as dependências indiretas). A trava é gerada pelo
``uv pip compile --generate-hashes --universal``: todas as dependências, com a
versão exata e o sha256 de **cada** arquivo publicado daquela versão (as rodas de
Linux, macOS e Windows, x86 e ARM), para que a mesma trava sirva em qualquer
computador. O pacote do curso (``-e .``) fica de fora: um pacote editável não tem
hash; o ``make`` o instala depois, com ``--no-deps``.

A primeira linha de cada trava guarda o sha256 das entradas. ``--check`` (que o
``make`` roda antes de instalar) compara com as entradas de agora: quem muda um
requisito e esquece de rodar ``make lock`` recebe uma mensagem, e não um ambiente
diferente do que a trava promete. Só a biblioteca padrão: roda antes do ``.venv``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Trava -> (arquivo de requisitos de entrada, arquivos que ele inclui). As travas
# que incluem o constraints.txt são compiladas com ele (-c); as outras, sozinhas.
LOCKS = {
    "requirements.lock": ("requirements.txt", ("requirements.txt", "constraints.txt")),
    "requirements-dev.lock": (
        "requirements-dev.txt",
        ("requirements.txt", "requirements-dev.txt", "constraints.txt"),
    ),
    # A imagem do mlops-lab serve (Dockerfile): só as dependências do pacote.
    "deploy/requirements-serve.lock": (
        "deploy/requirements-serve.txt",
        ("deploy/requirements-serve.txt", "constraints.txt"),
    ),
    # O Feast (make feast): pandas<3 e prometheus-client<0.25, fora do constraints.txt.
    "requirements-feast.lock": ("requirements-feast.txt", ("requirements-feast.txt",)),
}
# A menor versão do Python para a qual a trava vale (e dela para cima, em qualquer
# sistema): o soupsieve do ambiente de desenvolvimento exige 3.11.5.
PYTHON_MINIMO = "3.11.5"
PREFIXO = "# entradas (sha256): "


def resumo(entradas: tuple[str, ...], raiz: Path = ROOT) -> str:
    """O sha256 das entradas de uma trava, numa linha (os 16 primeiros dígitos de cada).

    As quebras de linha são normalizadas: um clone no Windows (CRLF) dá o mesmo resumo.
    """
    partes = []
    for nome in entradas:
        texto = (raiz / nome).read_bytes().replace(b"\r\n", b"\n")
        digest = hashlib.sha256(texto).hexdigest()[:16]
        partes.append(f"{nome}={digest}")
    return " ".join(partes)


def _sem_editavel(pasta: Path, raiz: Path) -> None:
    """Copia os requisitos para ``pasta`` sem a linha ``-e .`` (sem hash possível)."""
    for nome in sorted({nome for _, entradas in LOCKS.values() for nome in entradas}):
        linhas = (raiz / nome).read_text(encoding="utf-8").splitlines()
        linhas = [linha for linha in linhas if not linha.strip().startswith("-e ")]
        (pasta / nome).parent.mkdir(parents=True, exist_ok=True)
        (pasta / nome).write_text("\n".join(linhas) + "\n", encoding="utf-8")


def gerar(uv: str, raiz: Path = ROOT) -> None:
    """Regenera as travas com o uv (precisa do índice de pacotes)."""
    with tempfile.TemporaryDirectory() as tmp:
        pasta = Path(tmp)
        _sem_editavel(pasta, raiz)
        for trava, (entrada, entradas) in LOCKS.items():
            saida = pasta / trava
            saida.parent.mkdir(parents=True, exist_ok=True)
            restricoes = ["-c", "constraints.txt"] if "constraints.txt" in entradas else []
            subprocess.run(
                [
                    uv, "pip", "compile", "--quiet", "--generate-hashes", "--universal",
                    "--python-version", PYTHON_MINIMO, "--no-header", "--no-annotate",
                    *restricoes, entrada, "-o", str(saida),
                ],
                cwd=pasta, check=True,
            )
            cabecalho = (
                f"{PREFIXO}{resumo(entradas, raiz)}\n"
                "# Gerado por `make lock` (scripts/lock.py): não edite à mão.\n"
                f"# uv pip compile --generate-hashes --universal --python-version {PYTHON_MINIMO}"
                f" {' '.join(restricoes + [entrada])}\n"
                "# Instale com hashes obrigatórios: uv pip install --require-hashes -r"
                f" {trava}\n"
            )
            (raiz / trava).write_text(cabecalho + saida.read_text(encoding="utf-8"), "utf-8")
            print(f"{trava}: gerado.")


def conferir(raiz: Path = ROOT) -> list[str]:
    """Os problemas das travas: ausentes ou geradas de outras entradas."""
    problemas = []
    for trava, (_, entradas) in LOCKS.items():
        caminho = raiz / trava
        if not caminho.exists():
            problemas.append(f"{trava} não existe. Gere-o com: make lock")
            continue
        primeira = caminho.read_text(encoding="utf-8").splitlines()[0]
        esperado = PREFIXO + resumo(entradas, raiz)
        if primeira != esperado:
            problemas.append(
                f"{trava} foi gerado de outras versões de {', '.join(entradas)}: "
                "os requisitos mudaram depois da trava. Regenere-a com: make lock "
                "(e faça o commit da trava junto com os requisitos)."
            )
    return problemas


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="só confere; não regenera")
    parser.add_argument("--uv", default=os.environ.get("UV", "uv"), help="o executável do uv")
    args = parser.parse_args()
    if os.sep in args.uv:
        args.uv = str(Path(args.uv).resolve())
    if not args.check:
        gerar(args.uv)
    problemas = conferir()
    for problema in problemas:
        print("Erro:", problema, file=sys.stderr)
    return 2 if problemas else 0


if __name__ == "__main__":
    sys.exit(main())
