"""Verificação ortográfica do livro renderizado, com o hunspell pt_BR.

Lê as páginas HTML de ``_build/html``, pega só o texto do artigo (sem
código, saídas de células, fórmulas e a lista de referências, que tem
títulos em inglês) e passa as palavras pelo ``hunspell -d pt_BR``. Palavras
que o dicionário não conhece, mas que revisamos e aceitamos (nomes de
ferramentas, termos técnicos em inglês), ficam em ``book/wordlist/*.txt``.

Uso: ``python scripts/spellcheck.py [_build/html]``. Sai com código 1 se
houver palavra desconhecida, listando cada uma com as páginas onde aparece.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
WORDLIST = ROOT / "book" / "wordlist"
IGNORED_SELECTORS = [
    "pre", "code", "kbd", "samp", "script", "style", "math", ".math", "mjx-container",
    ".cell_output", ".output", ".highlight", ".bibliography", ".citation",
    "div.docutils.container.cell_input", ".headerlink", ".spellcheck-skip", "svg",
    "span.pre", "a.reference.external[href^='http'] > span.pre", "img",
]
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'][A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def article_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    artigo = soup.find("article") or soup.find("main")
    if artigo is None:
        return ""
    for seletor in IGNORED_SELECTORS:
        for elemento in artigo.select(seletor):
            elemento.decompose()
    return artigo.get_text(" ")


def words(text: str) -> set[str]:
    encontradas = set()
    for palavra in WORD.findall(text):
        # Palavras compostas com hífen são checadas parte a parte, como o hunspell faz.
        for parte in palavra.split("-"):
            if len(parte) > 1 and not parte.isupper():
                encontradas.add(parte)
    return encontradas


def load_wordlist() -> set[str]:
    linhas = []
    for arquivo in sorted(WORDLIST.glob("*.txt")):
        linhas += arquivo.read_text(encoding="utf-8").splitlines()
    return {linha.strip() for linha in linhas if linha.strip() and not linha.startswith("#")}


def unknown_words(candidatas: set[str]) -> set[str]:
    resultado = subprocess.run(["hunspell", "-d", "pt_BR", "-l"],
                               input="\n".join(sorted(candidatas)),
                               capture_output=True, text=True, check=True)
    return set(resultado.stdout.split())


def check(html_dir: Path) -> dict[str, set[str]]:
    paginas = defaultdict(set)
    for pagina in sorted(html_dir.rglob("*.html")):
        if pagina.name in {"genindex.html", "search.html"} or "_static" in pagina.parts:
            continue
        for palavra in words(article_text(pagina.read_text(encoding="utf-8"))):
            paginas[palavra].add(str(pagina.relative_to(html_dir)))
    aceitas = load_wordlist()
    aceitas_minusculas = {p.lower() for p in aceitas}
    candidatas = {p for p in paginas if p not in aceitas and p.lower() not in aceitas_minusculas}
    return {p: paginas[p] for p in sorted(unknown_words(candidatas))}


def main(argv: list[str]) -> int:
    html_dir = Path(argv[0]) if argv else ROOT / "_build" / "html"
    dicionario = Path("/usr/share/hunspell/pt_BR.dic")
    if shutil.which("hunspell") is None or not dicionario.exists():
        mensagem = ("hunspell com o dicionário pt_BR não encontrado: instale com "
                    "'sudo apt-get install hunspell hunspell-pt-br'.")
        if os.environ.get("CI") == "true":
            print(f"ERRO: {mensagem}", file=sys.stderr)
            return 2
        print(f"AVISO: verificação ortográfica pulada; {mensagem}", file=sys.stderr)
        return 0
    if not html_dir.is_dir():
        print(f"'{html_dir}' não existe: gere o livro antes com 'make book'.", file=sys.stderr)
        return 2
    desconhecidas = check(html_dir)
    for palavra, paginas in desconhecidas.items():
        print(f"{palavra}\t{', '.join(sorted(paginas))}")
    if desconhecidas:
        print(f"\n{len(desconhecidas)} palavras desconhecidas. Corrija a grafia ou, se a palavra "
              f"estiver certa, acrescente-a a um arquivo de {WORDLIST.relative_to(ROOT)}/.",
              file=sys.stderr)
        return 1
    print("Ortografia: nenhuma palavra desconhecida.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
