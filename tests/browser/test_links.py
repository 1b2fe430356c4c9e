"""Links internos do livro gerado, conferidos sem rede: todo arquivo e toda âncora existem."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import site_pages

PAGES = site_pages() or ["book/index.html"]
# Atributos que apontam para outro arquivo do site.
LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
              "source": "src", "video": "src", "audio": "src", "object": "data"}


@cache
def _soup(arquivo: Path) -> BeautifulSoup:
    return BeautifulSoup(arquivo.read_text(encoding="utf-8"), "html.parser")


@cache
def _ids(arquivo: Path) -> frozenset[str]:
    soup = _soup(arquivo)
    return frozenset([el["id"] for el in soup.find_all(id=True)]
                     + [el["name"] for el in soup.find_all("a", attrs={"name": True})])


def internal_link_problems(html_dir: Path, path: str) -> list[str]:
    pagina = html_dir / path
    problemas = []
    for tag, attr in LINK_ATTRS.items():
        for el in _soup(pagina).find_all(tag, attrs={attr: True}):
            url = el[attr].strip()
            partes = urlsplit(url)
            if partes.scheme or partes.netloc or url.startswith(("mailto:", "javascript:")):
                continue  # externo: não é seguido (e não é carregado: veja test_weight.py)
            if not partes.path and not partes.fragment:
                continue
            destino = (pagina.parent / unquote(partes.path)).resolve() if partes.path else pagina
            if destino.is_dir():
                destino = destino / "index.html"
            if not destino.is_relative_to(html_dir):
                problemas.append(f"<{tag} {attr}={url!r}> sai da pasta do site")
                continue
            if not destino.exists():
                problemas.append(f"<{tag} {attr}={url!r}> aponta para um arquivo que não existe")
                continue
            ancora = unquote(partes.fragment)
            if ancora and destino.suffix == ".html" and ancora not in _ids(destino):
                problemas.append(f"<{tag} {attr}={url!r}>: a âncora #{ancora} não existe "
                                 f"em {destino.relative_to(html_dir)}")
    return sorted(set(problemas))


@pytest.mark.parametrize("path", PAGES)
def test_internal_links_resolve(html_dir, path):
    problemas = internal_link_problems(html_dir, path)
    assert not problemas, f"{path}: links internos quebrados:\n" + "\n".join(problemas)


def test_link_checker_catches_broken_links(tmp_path):
    """O verificador acusa arquivo inexistente e âncora inexistente (e aceita os bons)."""
    (tmp_path / "a.html").write_text(
        '<p id="topo"></p><a href="b.html#fim">ok</a><a href="#topo">ok</a>'
        '<a href="c.html">sem arquivo</a><a href="b.html#nada">sem âncora</a>'
        '<img src="img/x.png"><a href="https://exemplo.org/x">externo</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h2 id="fim">Fim</h2>', encoding="utf-8")
    problemas = internal_link_problems(tmp_path.resolve(), "a.html")
    assert len(problemas) == 3, problemas
    assert any("c.html" in p for p in problemas)
    assert any("#nada" in p for p in problemas)
    assert any("img/x.png" in p for p in problemas)
