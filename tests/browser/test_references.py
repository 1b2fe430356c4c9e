"""As referências do livro gerado: em ordem alfabética, com rótulos autor-ano iguais às citações.

Quem lê "[Breiman, 2001a]" num capítulo precisa achar, na página de referências,
o item com esse mesmo rótulo, no lugar da ordem alfabética. Os testes leem o
HTML gerado (sem o navegador).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import site_pages

REFERENCES_PAGE = "book/references.html"
# "[Autor, 2001]", "[Autor, 2001a]", "[Autor, s.d.]", "[Autor, s.d.-b]".
LABEL = re.compile(r"^\[(?P<autores>.+), (?:(?P<ano>\d{4})(?P<letra>[a-z])?"
                   r"|(?P<sd>s\.d\.)(?:-(?P<letra_sd>[a-z]))?)\]$")


@cache
def _soup(arquivo: Path) -> BeautifulSoup:
    return BeautifulSoup(arquivo.read_text(encoding="utf-8"), "html.parser")


def _espacos(texto: str) -> str:
    return " ".join(texto.replace("\xa0", " ").split())


def _texto_do_item(paragrafo) -> str:
    """O texto da referência como na dica: os links com o endereço inteiro.

    O tema encurta o texto dos links do GitHub ("dono/repositório"); a dica
    traz o endereço. O DOI aparece como "DOI: 10.xxx" nos dois.
    """
    copia = BeautifulSoup(str(paragrafo), "html.parser")
    for a in copia.select("a.reference.external[href]"):
        if a["href"] != "https://doi.org/" + a.get_text():
            a.string = a["href"]
    return _espacos(copia.get_text())


@cache
def reference_list(html_dir: Path) -> list[dict]:
    """Os itens da lista, na ordem da página: id, rótulo e texto."""
    pagina = html_dir / REFERENCES_PAGE
    if not pagina.exists():
        pytest.fail(f"{REFERENCES_PAGE} não foi gerada.")
    itens = []
    for item in _soup(pagina).select("article div.citation"):
        itens.append({
            "id": item["id"],
            "rotulo": _espacos(item.select_one(".label").get_text()).replace("[ ", "[")
            .replace(" ]", "]"),
            "texto": _texto_do_item(item.find("p")),
        })
    return itens


def _ordem(texto: str) -> str:
    """Ordem alfabética de quem procura: sem acento, sem caixa, sem pontuação."""
    sem_acento = "".join(c for c in unicodedata.normalize("NFD", texto)
                         if not unicodedata.combining(c))
    return " ".join("".join(c for c in sem_acento if c.isalnum() or c.isspace())
                    .casefold().split())


def _chave(rotulo: str) -> tuple:
    m = LABEL.match(rotulo)
    assert m, f"rótulo fora do formato autor-ano: {rotulo!r}"
    if m["ano"]:
        return (_ordem(m["autores"]), 0, int(m["ano"]), m["letra"] or "")
    return (_ordem(m["autores"]), 1, 0, m["letra_sd"] or "")  # sem data: por último


def test_reference_labels_are_author_year(html_dir):
    """Cada item da lista tem rótulo "[Autor, ano]" (não um número), e nenhum se repete."""
    itens = reference_list(html_dir)
    assert len(itens) >= 50, f"a lista de referências tem só {len(itens)} itens"
    fora = [i["rotulo"] for i in itens if not LABEL.match(i["rotulo"])]
    assert not fora, f"rótulos fora do formato autor-ano: {fora}"
    rotulos = [i["rotulo"] for i in itens]
    repetidos = sorted({r for r in rotulos if rotulos.count(r) > 1})
    assert not repetidos, f"rótulos repetidos (falta a letra: 2001a, 2001b): {repetidos}"


def test_reference_list_is_alphabetical(html_dir):
    """A lista está em ordem alfabética de autor (sem acentos nem caixa), depois de ano."""
    rotulos = [i["rotulo"] for i in reference_list(html_dir)]
    chaves = [_chave(r) for r in rotulos]
    for anterior, atual, chave_anterior, chave_atual in zip(
            rotulos, rotulos[1:], chaves, chaves[1:]):
        assert chave_anterior <= chave_atual, (
            f"fora da ordem alfabética: {anterior} vem antes de {atual}")


def test_same_author_and_year_get_letters_in_order(html_dir):
    """Obras do mesmo autor no mesmo ano: letras a, b, c... seguidas; obra única, sem letra."""
    grupos: dict[tuple, list[str]] = {}
    for item in reference_list(html_dir):
        m = LABEL.match(item["rotulo"])
        assert m, f"rótulo fora do formato autor-ano: {item['rotulo']!r}"
        grupo = (m["autores"], m["ano"] or m["sd"])
        grupos.setdefault(grupo, []).append(m["letra"] or m["letra_sd"] or "")
    for (autores, ano), letras in grupos.items():
        esperadas = [""] if len(letras) == 1 else [chr(ord("a") + i) for i in range(len(letras))]
        assert letras == esperadas, f"{autores}, {ano}: letras {letras}, esperadas {esperadas}"


def test_citations_match_their_entries(html_dir):
    """Cada citação no texto mostra o rótulo do seu item na lista, e a dica é a referência."""
    itens = {i["id"]: i for i in reference_list(html_dir)}
    citadas: set[str] = set()
    problemas = []
    total = 0
    for path in site_pages():
        for span in _soup(html_dir / path).select("article span.bibtex-citation"):
            for a in span.select("a"):
                total += 1
                pagina, _, alvo = a["href"].partition("#")
                texto = _espacos(a.get_text())
                if not pagina.endswith("references.html") or alvo not in itens:
                    problemas.append(f"{path}: [{texto}] aponta para {a['href']}")
                    continue
                citadas.add(alvo)
                item = itens[alvo]
                if f"[{texto}]" != item["rotulo"]:
                    problemas.append(f"{path}: citação [{texto}], mas o item é {item['rotulo']}")
                if _espacos(a.get("title", "")) != item["texto"]:
                    problemas.append(f"{path}: a dica de [{texto}] não é a referência:\n"
                                     f"    dica: {a.get('title')!r}\n    item: {item['texto']!r}")
            # Várias obras numa citação: "[A, 2020; B, 2021]".
            esperado = "[" + "; ".join(_espacos(a.get_text()) for a in span.select("a")) + "]"
            if _espacos(span.get_text()) != esperado:
                problemas.append(f"{path}: citação {_espacos(span.get_text())!r}, "
                                 f"esperada {esperado!r}")
    assert total >= 100, f"só {total} citações no livro: o teste não achou as citações"
    assert not problemas, "\n".join(problemas)
    nao_citados = sorted(itens[i]["rotulo"] for i in set(itens) - citadas)
    assert not nao_citados, f"itens da lista que nenhuma página cita: {nao_citados}"
