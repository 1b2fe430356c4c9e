"""O que quem lê usa no livro: busca, botões de abrir os notebooks, soluções e código."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import DESKTOP, PHONE_WIDTH, ROOT, site_pages

PAGES = site_pages()
NOTEBOOK_PAGES = [p for p in PAGES if p.startswith("notebooks/")] or ["notebooks/04-mlops.html"]
CHAPTER_PAGES = [p for p in PAGES if p.startswith("book/")]


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _pages_with(html_dir: Path, marker: str) -> list[str]:
    return [p for p in PAGES if marker in (html_dir / p).read_text(encoding="utf-8")]


@pytest.mark.parametrize("termo, pagina", [
    ("normalização", "book/pipeline/data-preparation.html"),
    ("reprodutibilidade", "book/mlops.html"),
])
def test_search_finds_chapter_words(page, site, termo, pagina):
    """A busca (índice em português, com radicais) acha palavras dos capítulos."""
    page.goto(f"{site}search.html?q={termo}")
    resultados = page.locator("#search-results ul.search li")
    resultados.first.wait_for()
    links = [resultados.nth(i).locator("a").first.get_attribute("href")
             for i in range(resultados.count())]
    assert any(pagina in (href or "") for href in links), (
        f"a busca por {termo!r} não trouxe {pagina}; trouxe: {links}")
    resumo = page.locator("#search-results p.search-summary").inner_text()
    assert re.search(r"\d", resumo) and "page" not in resumo.lower(), resumo
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_launch_buttons_on_notebook_pages(page, site, html_dir, path):
    """Binder, Colab e "Código ao vivo" aparecem no menu e apontam para o notebook certo."""
    config = _config()
    repo = config["repository"]["url"].removeprefix("https://github.com/").strip("/")
    branch = config["repository"].get("branch", "main")
    notebook = path.removesuffix(".html") + ".ipynb"
    assert (ROOT / notebook).exists(), f"{notebook} não existe no repositório"

    page.goto(site + path)
    menu = page.locator(".dropdown-launch-buttons")
    menu.locator("button.dropdown-toggle").click()
    binder = menu.locator("a.dropdown-item", has_text="Binder")
    colab = menu.locator("a.dropdown-item", has_text="Colab")
    ao_vivo = menu.locator(".btn-launch-thebe")
    for botao in (binder, colab, ao_vivo):
        botao.wait_for(state="visible")
    assert binder.get_attribute("href") == (
        f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab/tree/{notebook}")
    assert colab.get_attribute("href") == (
        f"https://colab.research.google.com/github/{repo}/blob/{branch}/{notebook}")
    assert ao_vivo.inner_text().strip() == "Código ao vivo"
    # O Bootstrap passa o title para data-bs-original-title quando cria a dica.
    for botao, nome in ((binder, "Binder"), (colab, "Colab")):
        dica = botao.get_attribute("title") or botao.get_attribute("data-bs-original-title")
        assert dica == f"Abrir no {nome}"


def test_live_code_comes_from_the_site(page, site, guard):
    """ "Código ao vivo" carrega o Thebe do próprio site; só a conexão do Binder sai dele.

    Sem internet, o mybinder.org fica bloqueado pelo teste (e anotado): o que se
    confere é que o Thebe veio do site, transformou as células e falou português.
    """
    locais = []
    page.on("request", lambda r: locais.append(r.url) if "/_static/thebe/" in r.url else None)
    page.goto(site + "notebooks/04-mlops.html")
    guard.blocked.clear()
    menu = page.locator(".dropdown-launch-buttons")
    menu.locator("button.dropdown-toggle").click()
    menu.locator(".btn-launch-thebe").click()
    page.wait_for_function("() => typeof thebelab !== 'undefined'")
    assert page.evaluate("() => thebelab.version") == "0.9.3"
    assert any(url.endswith("/_static/thebe/index.js") for url in locais), locais
    page.locator(".thebe-cell .thebe-run-button").first.wait_for(state="attached")
    assert page.locator(".thebe-cell").count() > 5  # as células viraram células vivas
    botao = page.locator(".thebe-launch-button").first
    assert re.match(r"(Carregando o código ao vivo|Código ao vivo pelo mybinder\.org)",
                    botao.inner_text()), botao.inner_text()
    page.wait_for_timeout(1500)  # deixa o Thebe tentar o Binder
    fora = {url.split("/")[2] for url in guard.blocked}
    assert fora <= {"mybinder.org"}, f"o código ao vivo buscou fora do site: {guard.blocked}"


def test_chapter_pages_have_no_broken_launch_links(html_dir):
    """Os capítulos (.md) não oferecem Binder/Colab apontando para um .md que eles não abrem."""
    ruins = [p for p in CHAPTER_PAGES
             if re.search(r'href="https://(mybinder\.org|colab\.research\.google\.com)/[^"]*\.md"',
                          (html_dir / p).read_text(encoding="utf-8"))]
    assert not ruins, f"botões de abrir apontando para .md em: {ruins}"


def test_solution_toggles_open(page, site, html_dir):
    """Cada solução começa fechada e abre com um clique, em todas as páginas que têm soluções."""
    paginas = _pages_with(html_dir, 'class="solution dropdown')
    assert paginas, "nenhuma página com soluções de exercícios"
    for path in paginas:
        page.goto(site + path)
        solucao = page.locator("div.solution.dropdown").first
        conteudo = solucao.locator("section").first
        assert conteudo.is_hidden(), f"{path}: a solução já começa aberta"
        botao = solucao.locator("button.toggle-button")
        assert botao.get_attribute("aria-label") == "Mostrar ou ocultar o conteúdo"
        botao.click()
        conteudo.wait_for(state="visible")
        assert botao.get_attribute("aria-expanded") == "true"
        # O exercício a que a solução se refere está na página, visível.
        alvo = solucao.locator(".admonition-title a").first.get_attribute("href")
        if alvo and alvo.startswith("#"):
            assert page.locator(alvo.replace(".", "\\.")).is_visible(), f"{path}: {alvo}"
    assert not page.console_errors, page.console_errors


def test_hidden_cells_open(page, site, html_dir):
    """As células ocultas ("Mostrar a célula") abrem com um clique."""
    paginas = _pages_with(html_dir, "tag_hide-input")
    assert paginas, "nenhuma página com células ocultas"
    for path in paginas:
        page.goto(site + path)
        celula = page.locator("details.hide").first
        codigo = celula.locator(".cell_input")
        assert codigo.is_hidden(), f"{path}: a célula oculta já começa aberta"
        resumo = celula.locator("summary")
        assert resumo.get_attribute("aria-label") == "Mostrar ou ocultar a célula"
        assert resumo.locator(".collapsed").inner_text().strip() == "Mostrar a célula"
        resumo.click()
        codigo.wait_for(state="visible")


def test_copy_button_in_portuguese(page, site):
    """O botão de copiar código fala português (o plugin não traz o idioma)."""
    page.goto(site + "book/pipeline/data-preparation.html")
    botao = page.locator("button.copybtn").first
    botao.wait_for(state="attached")
    assert botao.get_attribute("data-tooltip") == "Copiar"
    assert botao.locator("svg title").text_content() == "Copiar para a área de transferência"


def test_theme_switcher_and_search_in_portuguese(page, site):
    """O seletor de tema e a busca do cabeçalho também em português."""
    page.goto(site + "book/index.html")
    assert page.locator("html").get_attribute("lang") == "pt-BR"
    campo = page.locator("#pst-search-dialog input[name=q]")
    assert campo.get_attribute("placeholder") == "Buscar neste livro..."
    assert page.locator(".theme-switch-button").first.get_attribute("aria-label") == "Modo de cor"
    assert page.locator("#pst-skip-link a").inner_text() == "Pular para o conteúdo principal"


SCREENSHOTS = [
    ("inicio", "book/index.html", DESKTOP["width"]),
    ("capitulo", "book/pipeline/data-preparation.html", DESKTOP["width"]),
    ("notebook", "notebooks/03-2-model-building.html", DESKTOP["width"]),
    ("exercicios", "book/exercises.html", DESKTOP["width"]),
    ("busca", "search.html?q=normalização", DESKTOP["width"]),
    ("glossario", "book/glossary.html", DESKTOP["width"]),
    ("celular", "book/mlops.html", PHONE_WIDTH),
    ("inicio-celular", "book/index.html", PHONE_WIDTH),
    ("capitulo-celular", "book/pipeline/data-preparation.html", PHONE_WIDTH),
    ("notebook-celular", "notebooks/03-2-model-building.html", PHONE_WIDTH),
]


@pytest.mark.parametrize("nome, path, largura", SCREENSHOTS, ids=[s[0] for s in SCREENSHOTS])
def test_screenshots(page, site, artifacts, nome, path, largura):
    """Capturas de tela das páginas principais, gravadas como artefatos do teste."""
    page.set_viewport_size({"width": largura, "height": DESKTOP["height"]})
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("search.html"):
        page.locator("#search-results ul.search li").first.wait_for()
    destino = artifacts / f"{nome}.png"
    page.screenshot(path=str(destino))
    assert destino.stat().st_size > 10_000, f"captura vazia? {destino}"
    assert not page.console_errors, page.console_errors
