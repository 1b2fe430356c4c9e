"""O glossário gerado: uma lista só, em ordem alfabética, com o índice de letras no topo."""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup

from .conftest import ROOT

GLOSSARY = "book/glossary.html"


def _collation_key(termo: str) -> str:
    """Ordem de dicionário em português: sem diferença de caixa nem de acentos."""
    decomposto = unicodedata.normalize("NFD", termo)
    return "".join(c for c in decomposto if unicodedata.category(c) != "Mn").casefold()


def _entries(html: str) -> list[tuple[str, str]]:
    """(letra da seção, primeiro termo) de cada verbete, na ordem da página."""
    artigo = BeautifulSoup(html, "html.parser").select_one("article")
    verbetes = []
    for lista in artigo.select("dl.glossary"):
        secao = lista.find_parent("section", id=re.compile(r"^letra-"))
        letra = secao.find(re.compile(r"^h\d$")).get_text(strip=True).rstrip("#") if secao else ""
        anterior_era_termo = False
        for filho in lista.find_all(["dt", "dd"], recursive=False):
            # Um verbete com sinônimos tem vários <dt> seguidos: vale o primeiro.
            if filho.name == "dt" and not anterior_era_termo:
                verbetes.append((letra, filho.get_text(strip=True).rstrip("#")))
            anterior_era_termo = filho.name == "dt"
    return verbetes


def _fragment_terms() -> int:
    """Quantos termos (com os sinônimos) os fragmentos têm: as linhas sem recuo dos blocos."""
    total = 0
    for fragmento in (ROOT / "book" / "_glossary").glob("*.md"):
        total += sum(1 for linha in fragmento.read_text(encoding="utf-8").splitlines()
                     if linha.strip() and not linha.startswith((" ", "\t", "`")))
    return total


def test_glossary_in_alphabetical_order(html_dir):
    """Os verbetes de todos os capítulos formam uma lista só, em ordem alfabética do português."""
    verbetes = _entries((html_dir / GLOSSARY).read_text(encoding="utf-8"))
    termos = [termo for _, termo in verbetes]
    todos = BeautifulSoup((html_dir / GLOSSARY).read_text(encoding="utf-8"),
                          "html.parser").select("article dl.glossary > dt")
    assert len(todos) == _fragment_terms(), "algum termo dos fragmentos sumiu ou sobrou"
    fora = [(a, b) for a, b in zip(termos, termos[1:]) if _collation_key(a) > _collation_key(b)]
    assert not fora, f"fora da ordem alfabética: {fora}"
    # Acentos não mudam a letra: "Índice" fica no I, depois de "Imputação".
    for letra, termo in verbetes:
        assert letra == _collation_key(termo)[0].upper(), f"{termo!r} na seção {letra!r}"


def test_glossary_letter_index(html_dir):
    """No topo, um link para cada letra, na ordem, e cada um leva à seção da letra."""
    soup = BeautifulSoup((html_dir / GLOSSARY).read_text(encoding="utf-8"), "html.parser")
    links = soup.select("article p.glossary-letters a")
    letras = [a.get_text(strip=True) for a in links]
    com_verbetes = sorted({letra for letra, _ in _entries(str(soup))})
    assert letras == com_verbetes
    for a in links:
        secao = soup.find(id=a["href"].removeprefix("#"))
        assert secao is not None and secao.name == "section", a["href"]
        assert secao.find(re.compile(r"^h\d$")).get_text(strip=True).rstrip("#") == a.get_text()
    # O índice vem antes do primeiro verbete.
    primeiro = soup.select_one("article dl.glossary")
    assert links[0].find_all_previous() and primeiro in links[0].find_all_next("dl")


def test_sort_check_catches_disorder():
    """O teste de ordem acusa uma lista fora de ordem (e ignora acentos e caixa)."""
    html = ('<article><section id="letra-a"><h2>A</h2><dl class="glossary">'
            "<dt>Árvore</dt><dd>x</dd><dt>abacate</dt><dd>y</dd></dl></section></article>")
    termos = [t for _, t in _entries(html)]
    assert termos == ["Árvore", "abacate"]
    assert _collation_key("Árvore") > _collation_key("abacate")
