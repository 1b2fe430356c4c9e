"""Cada página do livro, aberta no Chromium: carrega limpa, é acessível e cabe no celular."""

from __future__ import annotations

import pytest

from .conftest import AXE_ONLY_CONTRAST, NEW_STYLE_CONTEXT, PHONE_WIDTH, TEXT_STYLES, site_pages

PAGES = site_pages() or ["book/index.html"]
SERIOUS = {"serious", "critical"}


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors(visit, path):
    """A página responde 200 e o console não mostra erro nem exceção de JavaScript."""
    rel = visit(path)
    assert rel.status == 200, f"{path}: status HTTP {rel.status}"
    assert not rel.console_errors, f"{path}: erros no console:\n" + "\n".join(rel.console_errors)


@pytest.mark.parametrize("path", PAGES)
def test_page_only_talks_to_the_site(visit, path):
    """Nenhuma requisição sai do site: nada de CDN, fonte externa ou telemetria."""
    rel = visit(path)
    assert not rel.offsite, f"{path}: requisições para outros endereços:\n" + "\n".join(rel.offsite)


@pytest.mark.parametrize("path", PAGES)
def test_page_accessibility(visit, path):
    """axe-core com as regras WCAG 2 A e AA: nenhuma violação séria ou crítica.

    A regra de contraste roda nas páginas que trazem uma combinação de cor, fundo e
    fonte que o axe ainda não aprovou nesta execução (veja ``TEXT_STYLES``).
    """
    rel = visit(path)
    graves = [v for v in rel.axe_violations if v["impact"] in SERIOUS]
    detalhes = "\n".join(
        f"- {v['id']} ({v['impact']}, {v['nos']} elemento(s)): {v['help']}\n    "
        + "\n    ".join(v["alvos"]) for v in graves)
    assert not graves, f"{path}: violações de acessibilidade:\n{detalhes}"


@pytest.mark.parametrize("path", PAGES)
def test_theme_strings_in_portuguese(visit, path):
    """Botões, rótulos e dicas do tema (o que se vê e o que o leitor de tela lê) em português.

    Também as referências: a lista da página de referências e a dica de cada
    citação no texto, tirando os dados do .bib (títulos, notas e nomes).
    """
    rel = visit(path)
    assert not rel.english, f"{path}: frases em inglês:\n" + "\n".join(rel.english)


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_on_phone(visit, path):
    """Numa tela de 375 px, a página não rola para os lados (tabelas e código rolam por dentro)."""
    tela = visit(path).phone
    assert tela["scrollWidth"] <= tela["clientWidth"], (
        f"{path}: a {PHONE_WIDTH} px a página tem {tela['scrollWidth']} px de largura; "
        f"elementos que passam da tela: {tela['largos']}")



def test_contrast_is_audited_when_a_page_brings_a_new_text_style(page):
    """Um texto cinza-claro num fundo branco é uma combinação nova: ele é marcado, e o axe,
    rodando o contraste só nos marcados, o reprova; o texto já aprovado não é marcado."""
    from axe_playwright_python.sync_playwright import Axe

    base = ("<html lang='pt-BR'><head><title>Teste</title></head><body><main><h1>Título</h1>"
            "<p>Texto preto no branco.</p>{extra}</main></body></html>")
    page.set_content(base.format(extra=""))
    aprovados = page.evaluate(TEXT_STYLES, [])
    page.set_content(base.format(extra="<p style='color:#cccccc'>Quase invisível.</p>"))
    novos = set(page.evaluate(TEXT_STYLES, aprovados)) - set(aprovados)
    assert len(novos) == 1 and "rgb(204, 204, 204)" in next(iter(novos))
    marcados = page.eval_on_selector_all("[data-contraste-novo]",
                                         "els => els.map(e => e.textContent)")
    assert marcados == ["Quase invisível."]
    violacoes = Axe().run(page, context=NEW_STYLE_CONTEXT,
                          options=AXE_ONLY_CONTRAST).response["violations"]
    assert [v["id"] for v in violacoes] == ["color-contrast"]
