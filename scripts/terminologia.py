"""Confere a terminologia: nenhuma variante proibida no livro nem no pacote.

A lista fica em ``book/termos-proibidos.txt`` (uma expressão regular por linha e o
termo a usar no lugar); a folha de terminologia completa, no ``CONTRIBUTING.md``.
Lê o texto dos artigos do HTML gerado (o mesmo recorte do ``spellcheck.py``: sem
código nem saídas), os arquivos ``.py`` de ``mlops_lab/`` (mensagens, ajuda da
CLI e docstrings) e o texto das figuras SVG de ``book/figures/`` (que o HTML não
contém: a página só aponta para o arquivo).

Uso: ``python scripts/terminologia.py [_build/html]``. Sai com código 1 se achar
uma variante proibida, dizendo onde e o que usar no lugar.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTA = ROOT / "book" / "termos-proibidos.txt"
sys.path.insert(0, str(ROOT / "scripts"))

from spellcheck import article_text  # noqa: E402


def carregar(lista: Path = LISTA) -> list[tuple[re.Pattern[str], str]]:
    """As variantes proibidas: ``[(padrão, o que usar no lugar), ...]``."""
    regras = []
    for numero, linha in enumerate(lista.read_text(encoding="utf-8").splitlines(), 1):
        if not linha.strip() or linha.lstrip().startswith("#"):
            continue
        padrao, separador, sugestao = linha.rpartition(" | ")
        if not separador:
            raise SystemExit(f"{lista.name}, linha {numero}: use 'variante | sugestão'.")
        regras.append((re.compile(padrao.strip(), re.IGNORECASE), sugestao.strip()))
    return regras


def achados(texto: str, regras) -> list[tuple[str, str]]:
    """As variantes proibidas de um texto: ``[(trecho achado, sugestão), ...]``.

    >>> regras = [(re.compile(r"balde S3", re.I), "bucket do S3")]
    >>> achados("Guarde no balde S3 da empresa.", regras)
    [('balde S3', 'bucket do S3')]
    """
    texto = re.sub(r"\s+", " ", texto)
    return [(m.group(0), sugestao) for padrao, sugestao in regras for m in padrao.finditer(texto)]


def texto_do_svg(caminho: Path) -> str:
    """O texto que quem lê vê (ou ouve) numa figura SVG: textos, título e descrição.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as pasta:
    ...     svg = Path(pasta) / "f.svg"
    ...     _ = svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><title>Ciclo</title>'
    ...                        '<text>engenharia de</text><text>atributos</text></svg>')
    ...     texto_do_svg(svg)
    'Ciclo engenharia de atributos'
    """
    import xml.etree.ElementTree as ET

    partes = [el.text.strip() for el in ET.parse(caminho).iter()
              if el.tag.rpartition("}")[2] in {"text", "tspan", "title", "desc"}
              and el.text and el.text.strip()]
    return " ".join(partes)


def conferir(html_dir: Path, pacote: Path = ROOT / "mlops_lab",
             figuras: Path = ROOT / "book" / "figures") -> list[str]:
    regras = carregar()
    erros = []
    fontes = [
        (p, article_text(p.read_text(encoding="utf-8"))) for p in sorted(html_dir.rglob("*.html"))
    ]
    fontes += [(p, p.read_text(encoding="utf-8")) for p in sorted(pacote.rglob("*.py"))]
    fontes += [(p, texto_do_svg(p)) for p in sorted(figuras.glob("*.svg"))]
    for caminho, texto in fontes:
        for trecho, sugestao in achados(texto, regras):
            onde = caminho.relative_to(ROOT) if caminho.is_relative_to(ROOT) else caminho
            erros.append(f"{onde}: “{trecho}” → use {sugestao}")
    return erros


def main(argv: list[str]) -> int:
    html_dir = Path(argv[0]) if argv else ROOT / "_build" / "html"
    if not html_dir.is_dir():
        print(f"Não achei {html_dir}: gere o livro antes (make book).", file=sys.stderr)
        return 2
    erros = conferir(html_dir)
    for erro in erros:
        print(erro)
    if erros:
        print(f"\n{len(erros)} variante(s) proibida(s). A terminologia do curso está no "
              "CONTRIBUTING.md (seção Terminologia).", file=sys.stderr)
        return 1
    print("Terminologia: nenhuma variante proibida.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
