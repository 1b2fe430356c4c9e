"""Tempo de leitura e material opcional como quem lê os vê, no celular e no computador.

Cada página de capítulo (e subpágina) mostra, logo abaixo do título, quanto tempo
leva a leitura do núcleo e do aprofundamento, com a mesma conta de
``_ext/leitura.py``; as seções "Aprofundamento" aparecem marcadas como opcionais; a
página "Como usar" traz o orçamento de tempo calculado, e não digitado.
"""

from __future__ import annotations

import importlib
import re
import sys

import pytest

from .conftest import DESKTOP, PHONE_WIDTH, ROOT

sys.path.insert(0, str(ROOT / "_ext"))
leitura = importlib.import_module("leitura")

PAGINAS = [
    pagina.relative_to(ROOT).with_suffix("").as_posix()
    for capitulo in leitura.CAPITULOS
    for pagina in leitura.paginas_do_capitulo(capitulo)
]
LARGURAS = {"computador": DESKTOP, "celular": {"width": PHONE_WIDTH, "height": 800}}


def _esperado(pagina: str) -> str:
    contagem = leitura.contar_pagina(ROOT / f"{pagina}.md")
    if not contagem.nucleo:
        return f"Leitura opcional: cerca de {leitura.minutos(contagem.aprofundamento)} min"
    texto = f"Leitura: cerca de {leitura.minutos(contagem.nucleo)} min"
    if contagem.aprofundamento:
        texto += f" (+ {leitura.minutos(contagem.aprofundamento)} min de aprofundamento, opcional)"
    return texto


@pytest.mark.parametrize("pagina", PAGINAS)
def test_tempo_de_leitura_e_secoes_opcionais(page, site, pagina):
    """No computador e a 375 px: a linha de tempo abaixo do título e as seções opcionais marcadas.

    Uma visita por página, com as duas larguras (a página é só redimensionada).
    """
    page.set_viewport_size(LARGURAS["computador"])
    page.goto(f"{site}{pagina}.html")
    for largura, tamanho in LARGURAS.items():
        page.set_viewport_size(tamanho)
        linha = page.locator("article h1 + p.tempo-de-leitura")
        assert linha.count() == 1, f"{pagina}: sem a linha de tempo logo abaixo do título"
        assert linha.is_visible()
        assert linha.inner_text().strip().removeprefix("⏱").strip() == _esperado(pagina)
        caixa = linha.bounding_box()
        assert caixa["x"] >= 0 and caixa["x"] + caixa["width"] <= tamanho["width"], (
            f"{pagina}: a linha de tempo sai da tela a {largura}")
        for secao in page.locator("article section.aprofundamento").all():
            titulo = secao.locator("> h2, > h3").first
            # O tema numera as seções ("2.8. Aprofundamento: …").
            texto = re.sub(r"^[\d.]+\s*", "", titulo.inner_text())
            assert texto.startswith("Aprofundamento"), pagina
            marca = titulo.evaluate("h => getComputedStyle(h, '::after').content")
            assert marca == '"opcional"', f"{pagina}: seção de aprofundamento sem a marca"
            assert titulo.is_visible(), f"{pagina}: título opcional escondido a {largura}"


def test_ha_secoes_de_aprofundamento_no_livro():
    """A marca "opcional" só é conferida se houver seções: o livro precisa tê-las."""
    secoes = [
        pagina for pagina in PAGINAS
        if re.search(r"^#{2,3} Aprofundamento", (ROOT / f"{pagina}.md").read_text(encoding="utf-8"),
                     re.MULTILINE)
    ]
    assert len(secoes) >= 5, secoes


def test_orcamento_de_tempo_em_como_usar_vem_do_calculo(page, site):
    page.goto(f"{site}book/how-to-use.html")
    tabela = page.locator("article table", has_text="Exercícios").first
    assert tabela.is_visible(), "Como usar: sem a tabela do orçamento de tempo"
    linhas = leitura.orcamento()
    texto = tabela.inner_text()
    for orc in linhas:
        assert orc.titulo in texto, f"Como usar: o capítulo {orc.titulo} falta na tabela"
        assert f"{orc.total} min" in texto, f"{orc.titulo}: total {orc.total} min não aparece"
    minutos = sum(o.total for o in linhas)
    assert leitura.duracao(minutos) in texto, f"total {leitura.duracao(minutos)} não aparece"
    page.goto(f"{site}index.html")
    assert f"{leitura.horas(minutos)} horas" in page.locator("article").inner_text(), (
        "A página inicial não mostra o total calculado do curso")


def test_orcamento_de_tempo_cabe_no_celular_com_o_total_a_vista(page, site):
    """A 375 px, a tabela do orçamento não rola para o lado e a coluna Total fica na tela.

    Com as seis colunas lado a lado, a tabela tinha 641 px e o Total ficava fora da tela;
    no celular cada linha vira uma grade (o capítulo em cima, os minutos embaixo).
    """
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.goto(f"{site}book/how-to-use.html")
    tabela = page.locator("article div.tempo-do-curso table").first
    tabela.scroll_into_view_if_needed()
    largura = tabela.evaluate(
        "t => [t, t.parentElement, t.closest('div.tempo-do-curso')]"
        ".map(el => [el.className, el.scrollWidth, el.clientWidth])")
    for classe, rolagem, visivel in largura:
        assert rolagem <= visivel, f"a tabela rola para o lado no celular ({classe}): {largura}"
    titulo = tabela.locator("th", has_text="Total").first
    assert titulo.is_visible(), "o título da coluna Total está escondido no celular"
    linhas = leitura.orcamento()
    for orc in linhas:
        linha = tabela.locator("tr", has_text=orc.titulo).first
        total = linha.locator("td", has_text=f"{orc.total} min").last
        assert total.is_visible(), f"{orc.titulo}: o total não aparece no celular"
        for celula in (total, titulo):
            caixa = celula.bounding_box()
            assert caixa and 0 <= caixa["x"] and caixa["x"] + caixa["width"] <= PHONE_WIDTH, (
                f"{orc.titulo}: a coluna Total sai da tela a {PHONE_WIDTH} px ({caixa})")
    rodape = tabela.locator("tr", has_text="Total").last
    assert leitura.duracao(sum(o.total for o in linhas)) in rodape.inner_text()
