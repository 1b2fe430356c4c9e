"""Navegar pelo livro no celular e no computador: sumário, seções da página, busca e tema.

Os botões das barras laterais são tocados (no celular, com toque de verdade) ou
clicados como quem lê faria; o que se confere é o que aparece na tela e para onde
os links levam.
"""

from __future__ import annotations

import re

import pytest

from .conftest import AXE_OPTIONS, coletar_erros

PHONE = {"width": 375, "height": 800}
DESKTOP_WIDE = {"width": 1366, "height": 900}
SIZES = [pytest.param(PHONE, id="celular-375"), pytest.param(DESKTOP_WIDE, id="computador-1366")]
CHAPTER = "book/mlops.html"
SERIOUS = {"serious", "critical"}


@pytest.fixture
def open_tab(browser, site, guard):
    """Abre uma página numa janela do tamanho pedido (no celular, com tela de toque)."""
    contextos = []

    def _open(path: str, viewport: dict, **opcoes):
        celular = viewport["width"] < 768
        contexto = browser.new_context(viewport=viewport, locale="pt-BR",
                                       service_workers="block", has_touch=celular,
                                       is_mobile=celular, **opcoes)
        contexto.route("**/*", guard)
        contexto.set_default_timeout(30_000)
        contextos.append(contexto)
        aba = coletar_erros(contexto.new_page())
        aba.goto(site + path)
        aba.wait_for_load_state("networkidle")
        aba.is_phone = celular
        return aba

    yield _open
    for contexto in contextos:
        contexto.close()


def _press(aba, alvo) -> None:
    """Toca (celular) ou clica (computador) num elemento."""
    if aba.is_phone:
        alvo.tap()
    else:
        alvo.click()


def _tap_outside(aba, janela) -> None:
    """Toca fora da janela aberta (no escurecido em volta), que é como ela se fecha no celular."""
    caixa = janela.bounding_box()
    esquerda = caixa["x"]
    direita = aba.viewport_size["width"] - (caixa["x"] + caixa["width"])
    assert max(esquerda, direita) >= 20, f"a janela cobre a tela inteira: {caixa}"
    x = esquerda / 2 if esquerda > direita else caixa["x"] + caixa["width"] + direita / 2
    aba.touchscreen.tap(x, caixa["y"] + caixa["height"] / 2)


@pytest.mark.parametrize("tela", SIZES)
def test_primary_sidebar_opens_closes_and_navigates(open_tab, artifacts, tela):
    """O botão do sumário abre e fecha o sumário do livro, e um link dele leva ao capítulo."""
    aba = open_tab(CHAPTER, tela)
    # Um botão só: com dois (o tema repetia um oculto no cabeçalho), o clique
    # ficava ligado ao oculto e o visível não abria nada.
    assert aba.locator(".primary-toggle").count() == 1
    botao = aba.locator(".bd-header-article .primary-toggle")
    assert botao.is_visible()

    if aba.is_phone:
        sumario = aba.locator("#pst-primary-sidebar-modal")
        assert sumario.is_hidden(), "o sumário já começa aberto no celular"
        _press(aba, botao)
        sumario.wait_for(state="visible")
        _tap_outside(aba, sumario)
        sumario.wait_for(state="hidden")
        _press(aba, botao)
        sumario.wait_for(state="visible")
        aba.screenshot(path=str(artifacts / "celular-sumario.png"))
    else:
        sumario = aba.locator("#pst-primary-sidebar")
        assert sumario.is_visible(), "o sumário não aparece no computador"
        _press(aba, botao)
        sumario.wait_for(state="hidden")
        assert botao.is_visible(), "o botão sumiu junto com o sumário"
        aba.screenshot(path=str(artifacts / "computador-sumario-fechado.png"))
        _press(aba, botao)
        sumario.wait_for(state="visible")

    link = sumario.get_by_role("link", name=re.compile(r"Glossário"))
    assert link.is_visible()
    _press(aba, link)
    aba.wait_for_url("**/book/glossary.html")
    assert aba.locator("article h1").first.inner_text().startswith("Glossário")
    assert not aba.console_errors, aba.console_errors


@pytest.mark.parametrize("tela", SIZES)
def test_page_contents_open_close_and_navigate(open_tab, artifacts, tela):
    """As seções da página: no celular, o botão as abre e fecha; no computador, estão à vista.

    Tocar numa seção leva até ela, e a janela das seções se fecha (senão cobriria o texto).
    """
    aba = open_tab(CHAPTER, tela)
    assert aba.locator(".secondary-toggle").count() == 1
    botao = aba.locator(".bd-header-article .secondary-toggle")
    if aba.is_phone:
        secoes = aba.locator("#pst-secondary-sidebar-modal")
        assert botao.is_visible() and secoes.is_hidden()
        _press(aba, botao)
        secoes.wait_for(state="visible")
        _tap_outside(aba, secoes)
        secoes.wait_for(state="hidden")
        _press(aba, botao)
        secoes.wait_for(state="visible")
        aba.screenshot(path=str(artifacts / "celular-secoes.png"))
    else:
        # Com espaço, as seções ficam sempre à direita, e o botão não aparece.
        secoes = aba.locator("#pst-secondary-sidebar")
        assert secoes.is_visible() and botao.is_hidden()

    link = secoes.get_by_role("link", name=re.compile(r"Resumo"))
    _press(aba, link)
    aba.wait_for_url(re.compile(r"#resumo$"))
    titulo = aba.locator("#resumo h2")
    aba.wait_for_function(
        "() => { const r = document.querySelector('#resumo h2').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2; }")
    if aba.is_phone:
        secoes.wait_for(state="hidden")
    assert titulo.is_visible()
    assert not aba.console_errors, aba.console_errors


# Caixas de busca (o campo ou o botão com cara de campo) e o botão com a lupa.
SEARCH_CONTROLS = ".search-button-field, .search-button, form.bd-search"


@pytest.mark.parametrize("tela", SIZES)
@pytest.mark.parametrize("path", ["book/index.html", CHAPTER, "notebooks/04-mlops.html",
                                  "search.html?q=modelo"])
def test_exactly_one_search_box(open_tab, tela, path):
    """Uma caixa (ou botão) de busca à vista por página; a de busca tem também o seu formulário."""
    aba = open_tab(path, tela)
    assert aba.locator("#pst-header").is_hidden(), "a barra do topo (só com outra busca) voltou"
    visiveis = aba.locator(SEARCH_CONTROLS).filter(visible=True)
    controles = [visiveis.nth(i) for i in range(visiveis.count())]
    # O formulário próprio da página de busca, no conteúdo, à parte.
    da_pagina = [c for c in controles if c.evaluate("e => !!e.closest('.bd-search-container')")]
    do_site = [c for c in controles if c not in da_pagina]
    assert len(do_site) == 1, [c.evaluate("e => e.outerHTML.slice(0, 120)") for c in do_site]
    assert len(da_pagina) == (1 if path.startswith("search.html") else 0)
    # A busca do cabeçalho abre (na página de busca, leva ao campo da própria
    # página) e leva aos resultados.
    _press(aba, do_site[0])
    if da_pagina:
        campo = aba.locator(".bd-search-container input[name=q]")
        aba.wait_for_function("() => document.activeElement?.closest('.bd-search-container')")
    else:
        campo = aba.locator("#pst-search-dialog input[name=q]")
        campo.wait_for(state="visible")
    campo.fill("reprodutibilidade")
    campo.press("Enter")
    aba.wait_for_url(re.compile(r"search\.html\?q=reprodutibilidade"))
    aba.locator("#search-results ul.search li").first.wait_for()


def _results(aba, site, termo: str) -> set[str]:
    aba.goto(f"{site}search.html?q={termo}")
    # O resumo ("Pesquisa concluída…") só ganha texto depois que o último resultado
    # entrou na lista: o Sphinx mostra um resultado a cada 5 ms.
    aba.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')"
        "?.textContent.trim().length > 0")
    links = aba.locator("#search-results ul.search li > a")
    return {links.nth(i).get_attribute("href").split("#")[0] for i in range(links.count())}


@pytest.mark.parametrize("com_acento, sem_acento", [
    ("normalização", "normalizacao"),
    ("implantação", "implantacao"),
    ("métricas", "metricas"),
])
def test_search_ignores_accents(page, site, com_acento, sem_acento):
    """Buscar sem acentos acha as mesmas páginas que buscar com eles."""
    com = _results(page, site, com_acento)
    sem = _results(page, site, sem_acento)
    assert com, f"a busca por {com_acento!r} não achou nada"
    assert sem == com, (f"{sem_acento!r} achou {sorted(sem)}, "
                        f"mas {com_acento!r} achou {sorted(com)}")
    assert not page.console_errors, page.console_errors


def test_search_without_accents_finds_the_chapter(page, site):
    """ "normalizacao" (sem acentos, como se digita no celular) acha o capítulo de preparação."""
    assert "book/pipeline/data-preparation.html" in _results(page, site, "normalizacao")


@pytest.mark.parametrize("esquema, tema", [("dark", "dark"), ("light", "light")])
def test_color_mode_follows_the_system(open_tab, artifacts, esquema, tema):
    """Sem escolha de quem lê, o livro segue o modo de cor do sistema (claro ou escuro)."""
    aba = open_tab(CHAPTER, DESKTOP_WIDE, color_scheme=esquema)
    html = aba.locator("html")
    assert html.get_attribute("data-mode") == "auto"
    assert html.get_attribute("data-theme") == tema
    fundo = aba.evaluate("() => getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(x) for x in re.findall(r"\d+", fundo)[:3])
    luminancia = 0.2126 * r + 0.7152 * g + 0.0722 * b
    assert (luminancia < 60) if tema == "dark" else (luminancia > 200), fundo
    if tema == "dark":
        aba.screenshot(path=str(artifacts / "modo-escuro.png"))
    # A escolha explícita no seletor vale mais que a do sistema.
    aba.locator(".theme-switch-button").first.click()
    assert html.get_attribute("data-mode") != "auto"
    assert not aba.console_errors, aba.console_errors


def test_dark_mode_is_readable(open_tab):
    """No modo escuro, o axe não acha problemas sérios de contraste num capítulo."""
    from axe_playwright_python.sync_playwright import Axe

    aba = open_tab("book/pipeline/data-preparation.html", DESKTOP_WIDE, color_scheme="dark")
    assert aba.locator("html").get_attribute("data-theme") == "dark"
    resultado = Axe().run(aba, options=AXE_OPTIONS)
    graves = [f"{v['id']}: {v['help']} ({len(v['nodes'])}): "
              + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:5])
              for v in resultado.response["violations"] if v["impact"] in SERIOUS]
    assert not graves, "\n".join(graves)


def test_icons_without_fontawesome_js(open_tab):
    """Os ícones do tema aparecem pela fonte da folha de estilo, sem o fontawesome.js (1,5 MB)."""
    pedidos = []
    aba = open_tab(CHAPTER, DESKTOP_WIDE)
    aba.on("request", lambda r: pedidos.append(r.url))
    aba.reload()
    aba.wait_for_load_state("networkidle")
    assert not [u for u in pedidos if "fontawesome" in u and u.split("?")[0].endswith(".js")]
    icone = aba.locator(".primary-toggle .fa-bars")
    assert icone.is_visible()
    glifo = icone.evaluate("e => getComputedStyle(e, '::before').content")
    assert glifo not in ("", "none", "normal"), glifo
    assert aba.evaluate(
        "async () => { await document.fonts.ready;"
        " return document.fonts.check('900 16px \"Font Awesome 6 Free\"'); }")
    largura = icone.evaluate("e => e.getBoundingClientRect().width")
    assert largura > 5, f"o ícone do sumário tem {largura} px de largura"


def test_favicon(open_tab, site):
    """O ícone do site é o nosso, vem do próprio site e é uma imagem que o navegador desenha."""
    aba = open_tab(CHAPTER, DESKTOP_WIDE)
    icone = aba.locator("link[rel=icon]")
    assert icone.count() == 1
    endereco = icone.evaluate("e => e.href")
    assert endereco.startswith(site) and endereco.endswith("/_static/favicon.svg"), endereco
    resposta = aba.request.get(endereco)
    assert resposta.status == 200
    assert resposta.headers["content-type"].startswith("image/svg+xml")
    largura = aba.evaluate(
        """async (url) => { const img = new Image(); img.src = url; await img.decode();
                            return img.naturalWidth; }""", endereco)
    assert largura > 0


def test_math_is_mathml_without_javascript(open_tab, artifacts):
    """As fórmulas vêm prontas em MathML: aparecem sem nenhum script de matemática (MathJax)."""
    pedidos = []
    aba = open_tab("book/pipeline/deployment.html", DESKTOP_WIDE)
    aba.on("request", lambda r: pedidos.append(r.url))
    aba.reload()
    aba.wait_for_load_state("networkidle")
    assert not [u for u in pedidos if "mathjax" in u.lower() or "tex-" in u]
    no_texto = aba.locator("span.math > math")
    assert no_texto.count() >= 2
    formula = aba.locator("div.math > math[display=block]").first
    assert formula.locator("mfrac").count() == 1
    caixa = formula.bounding_box()
    # A fração empilhada deixa a fórmula mais alta que uma linha de texto.
    assert caixa["width"] > 100 and caixa["height"] > 30, caixa
    assert "\\sum" in formula.locator("annotation").text_content()
    formula.locator("xpath=..").screenshot(path=str(artifacts / "formula.png"))
