"""Peso do site: nada de CDN (scripts, estilos, fontes), scripts dentro do orçamento e a página
mais pesada."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import site_pages

PAGES = site_pages() or ["book/index.html"]
# O que a página carrega sozinha ao abrir (links <a> não contam: só são seguidos num clique).
LOADED = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
          "video": "src", "audio": "src", "object": "data", "embed": "src"}
# Orçamento de JavaScript de cada página na primeira visita (sem cache): 600 KB.
# Antes: 2,9 MB (fontawesome.js, 1,5 MB, em toda página; MathJax, 1,1 MB).
SCRIPT_BUDGET = 600 * 1024
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def _external(url: str) -> bool:
    partes = urlsplit(url.strip())
    return bool(partes.netloc) or partes.scheme in {"http", "https", "ftp"}


def offsite_assets(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    achados = []
    for tag, attr in LOADED.items():
        for el in soup.find_all(tag, attrs={attr: True}):
            if tag == "link" and not ({"stylesheet", "preload", "icon", "modulepreload",
                                       "manifest", "prefetch"} & set(el.get("rel", []))):
                continue
            if _external(el[attr]):
                achados.append(f"<{tag} {attr}={el[attr]!r}>")
    for estilo in soup.find_all("style"):
        achados += [f"<style> {u}" for u in offsite_css(estilo.get_text())]
    return achados


def offsite_css(css: str) -> list[str]:
    return [url for par in CSS_URL.findall(css) for url in par if url and _external(url)]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_other_sites(html_dir, path):
    """Nenhum <script>, folha de estilo, fonte ou imagem vem de CDN: tudo é servido pelo site."""
    achados = offsite_assets((html_dir / path).read_text(encoding="utf-8"))
    assert not achados, f"{path} carrega de fora do site:\n" + "\n".join(achados)


def test_stylesheets_load_nothing_from_other_sites(html_dir):
    """As folhas de estilo do site não importam fontes nem CSS de CDN."""
    achados = {}
    for css in sorted((html_dir / "_static").rglob("*.css")):
        externos = offsite_css(css.read_text(encoding="utf-8", errors="replace"))
        if externos:
            achados[css.relative_to(html_dir).as_posix()] = externos
    assert not achados, f"CSS com endereços externos: {achados}"


def test_offsite_detector():
    """O detector acusa script, CSS e fonte externos e deixa passar os locais e os links <a>."""
    html = ('<script src="https://cdn.exemplo.org/x.js"></script>'
            '<script src="../_static/local.js"></script>'
            '<link rel="stylesheet" href="//fonts.exemplo.org/css">'
            '<link rel="canonical" href="https://exemplo.org/pagina">'
            '<a href="https://exemplo.org">link</a>'
            "<style>@font-face{src:url('https://fonts.exemplo.org/f.woff2')}</style>")
    achados = offsite_assets(html)
    assert len(achados) == 3, achados


def _human(n: int) -> str:
    return f"{n / 1024:,.0f} KiB".replace(",", ".")


def scripts(recursos: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Os scripts (``.js``) entre os recursos carregados, do maior para o menor."""
    return sorted(((url, tamanho) for url, tamanho in recursos
                   if urlsplit(url).path.endswith(".js")), key=lambda r: -r[1])


@pytest.mark.parametrize("path", PAGES)
def test_page_scripts_within_budget(visit, path):
    """Ao abrir a página, os scripts que ela carrega somam no máximo 600 KB."""
    carregados = scripts(visit(path, axe_audit=False).resources)
    assert carregados, f"{path}: nenhum script medido (a medida falhou?)"
    total = sum(tamanho for _, tamanho in carregados)
    assert total <= SCRIPT_BUDGET, (
        f"{path}: {_human(total)} de scripts (orçamento: {_human(SCRIPT_BUDGET)}); maiores: "
        + ", ".join(f"{Path(urlsplit(u).path).name} ({_human(t)})" for u, t in carregados[:5]))


def test_heaviest_page_report(visit, artifacts):
    """Mede no navegador os bytes de cada página (HTML + tudo o que ela carrega) e relata."""
    medidas = {}
    for path in PAGES:
        rel = visit(path, axe_audit=False)  # o peso não depende do axe
        medidas[path] = {"bytes": rel.bytes, "recursos": len(rel.resources),
                         "scripts": sum(t for _, t in scripts(rel.resources)),
                         "maiores": sorted(rel.resources, key=lambda r: -r[1])[:5]}
    assert all(m["bytes"] > 0 for m in medidas.values()), "páginas sem medida de bytes"
    ordem = sorted(medidas, key=lambda p: -medidas[p]["bytes"])
    mais_pesada = ordem[0]
    total = medidas[mais_pesada]["bytes"]
    resumo = [f"página mais pesada: {mais_pesada}: {total:,} bytes".replace(",", ".")
              + f" ({_human(total)}, {medidas[mais_pesada]['recursos']} arquivos, HTML incluído)"]
    resumo += [f"  {Path(urlsplit(url).path).name}: {_human(tamanho)}"
               for url, tamanho in medidas[mais_pesada]["maiores"]]
    mais_scripts = max(medidas, key=lambda p: medidas[p]["scripts"])
    resumo.append(f"mais JavaScript: {mais_scripts}: {_human(medidas[mais_scripts]['scripts'])}"
                  f" (orçamento: {_human(SCRIPT_BUDGET)})")
    resumo += [f"{p}: {_human(medidas[p]['bytes'])}" for p in ordem[1:4]]
    (artifacts / "peso.json").write_text(json.dumps(
        {"mais_pesada": mais_pesada, "resumo": resumo, "paginas": medidas},
        ensure_ascii=False, indent=2), encoding="utf-8")
