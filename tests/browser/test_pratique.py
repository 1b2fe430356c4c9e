"""Teoria e prática ligadas: a caixa "Pratique", o caminho de estudo e o "Comece aqui".

Cada capítulo abre e fecha com a caixa "Pratique" (link para a página do seu
notebook e botões do Binder e do Colab, com os endereços do ``_config.yml``); a
página do notebook volta ao capítulo; o "próximo" leva do capítulo ao notebook
e do notebook ao capítulo seguinte; a página inicial tem os três passos para
começar.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
import yaml

from .conftest import DESKTOP, PHONE_WIDTH, ROOT, WIDE_ELEMENTS

# (capítulo, o seu notebook, o capítulo seguinte). Entre o notebook e o capítulo
# seguinte só podem vir as subpáginas "Aprofundamento: …" do próprio capítulo.
LEARNING_PATH = [
    ("book/machine-learning", "notebooks/02-machine-learning", "book/pipeline/index"),
    ("book/pipeline/data-preparation", "notebooks/03-1-data-preparation",
     "book/pipeline/model-building"),
    ("book/pipeline/model-building", "notebooks/03-2-model-building",
     "book/pipeline/deployment"),
    ("book/pipeline/deployment", "notebooks/03-3-deployment", "book/mlops"),
    ("book/mlops", "notebooks/04-mlops", "book/ops-family"),
    ("book/ops-family", "notebooks/05-ops-family", "book/big-small-data"),
    ("book/big-small-data", "notebooks/06-big-small-data", "book/mlops-tools"),
    ("book/mlops-tools", "notebooks/07-mlops-tools", "book/dataops-tools"),
    ("book/dataops-tools", "notebooks/08-dataops-tools", "book/production/environments"),
    # A parte opcional "Em produção", depois de "Ferramentas".
    ("book/production/environments", "notebooks/09-environments",
     "book/production/supply-chain"),
    ("book/production/supply-chain", "notebooks/10-supply-chain", "book/production/rollouts"),
    ("book/production/rollouts", "notebooks/11-rollouts", "book/production/observability"),
    ("book/production/observability", "notebooks/12-observability",
     "book/production/fast-inference"),
    ("book/production/fast-inference", "notebooks/13-fast-inference", "book/production/trust"),
    ("book/production/trust", "notebooks/14-trust", "book/production/lgpd"),
    ("book/production/lgpd", "notebooks/15-lgpd", "book/production/time-data"),
    ("book/production/time-data", "notebooks/16-time-data", "book/production/llmops"),
    ("book/production/llmops", "notebooks/17-llmops", "book/projeto-final"),
]
IDS = [capitulo.removeprefix("book/") for capitulo, _, _ in LEARNING_PATH]
# A posição de cada caixa e de cada título de seção (h2) no artigo.
BOX_POSITIONS = """
() => {
  const artigo = document.querySelector("article.bd-article");
  const topo = (el) => el.getBoundingClientRect().top + window.scrollY;
  return {
    caixas: [...artigo.querySelectorAll(".admonition.pratique")].map(topo),
    // As seções "Aprofundamento" (opcionais) podem vir depois da última caixa.
    secoes: [...artigo.querySelectorAll("section > section:not(.aprofundamento) > h2")].map(topo),
  };
}
"""


def launch_urls(notebook: str) -> dict[str, str]:
    """Os endereços que os botões devem ter, montados a partir do ``_config.yml``."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]["url"].removeprefix("https://github.com/").strip("/")
    branch = config["repository"]["branch"]
    binder = config["launch_buttons"]["binderhub_url"].rstrip("/")
    colab = config["launch_buttons"]["colab_url"].rstrip("/")
    arquivo = f"{notebook}.ipynb"
    assert (ROOT / arquivo).is_file(), f"{arquivo} não existe no repositório"
    return {
        "Binder": f"{binder}/v2/gh/{repo}/{branch}?urlpath=lab/tree/{arquivo}",
        "Colab": f"{colab}/github/{repo}/blob/{branch}/{arquivo}",
    }


def _open(page, url: str) -> None:
    resposta = page.goto(url)
    assert resposta is not None and resposta.status == 200, (
        f"{url}: status HTTP {resposta.status if resposta else None}")


def _check_buttons(bloco, notebook: str, onde: str) -> None:
    for servico, url in launch_urls(notebook).items():
        botao = bloco.locator(f"a.pratique-botao-{servico.lower()}")
        assert botao.count() == 1, f"{onde}: sem o botão do {servico}"
        assert botao.inner_text().strip() == f"Abrir no {servico}", onde
        assert botao.get_attribute("href") == url, f"{onde}: botão do {servico}"
        assert botao.is_visible(), f"{onde}: o botão do {servico} não aparece"


@pytest.mark.parametrize("capitulo, notebook, _seguinte", LEARNING_PATH, ids=IDS)
def test_chapter_and_notebook_link_to_each_other(page, site, capitulo, notebook, _seguinte):
    """Caixa "Pratique" no início e no fim do capítulo; o link abre o notebook, que volta."""
    _open(page, f"{site}{capitulo}.html")
    caixas = page.locator("article .admonition.pratique")
    assert caixas.count() == 2, f"{capitulo}: {caixas.count()} caixas Pratique (esperadas 2)"
    posicoes = page.evaluate(BOX_POSITIONS)
    assert posicoes["caixas"][0] < posicoes["secoes"][0], (
        f"{capitulo}: a primeira caixa Pratique não vem antes da primeira seção")
    assert posicoes["caixas"][-1] > posicoes["secoes"][-1], (
        f"{capitulo}: a última caixa Pratique não vem depois da última seção")

    destinos = set()
    for i in range(2):
        caixa = caixas.nth(i)
        assert caixa.locator(".admonition-title").inner_text().strip() == "Pratique"
        link = caixa.locator("p.pratique-notebook a.reference.internal")
        assert link.count() == 1, f"{capitulo}: caixa {i + 1} sem o link do notebook"
        assert link.inner_text().strip().startswith("Prática:"), link.inner_text()
        destinos.add(urljoin(page.url, link.get_attribute("href")))
        _check_buttons(caixa, notebook, f"{capitulo}, caixa {i + 1}")
    assert destinos == {f"{site}{notebook}.html"}, destinos

    # O link leva à página do notebook (que existe) e ela volta ao capítulo.
    page.locator("article .admonition.pratique p.pratique-notebook a").first.click()
    page.wait_for_url(f"{site}{notebook}.html")
    volta = page.locator("article p.pratique-capitulo")
    assert volta.count() == 1, f"{notebook}: sem o link de volta ao capítulo"
    assert volta.inner_text().startswith("Capítulo deste notebook:"), volta.inner_text()
    # O link de volta fica logo abaixo do título do notebook.
    assert page.locator("article h1 + p.pratique-capitulo").count() == 1
    titulo = page.locator("article p.pratique-capitulo a")
    assert urljoin(page.url, titulo.get_attribute("href")) == f"{site}{capitulo}.html"
    titulo.click()
    page.wait_for_url(f"{site}{capitulo}.html")
    assert page.locator("article .admonition.pratique").count() == 2
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("capitulo, notebook, seguinte", LEARNING_PATH, ids=IDS)
def test_next_and_previous_follow_the_learning_path(page, site, capitulo, notebook, seguinte):
    """ "Próximo" vai do capítulo ao seu notebook e do notebook ao capítulo seguinte.

    Entre o notebook e o capítulo seguinte só podem vir as subpáginas opcionais do
    próprio capítulo ("Aprofundamento: …"), e elas levam ao capítulo seguinte.
    """
    def alvo(seletor: str) -> str:
        return urljoin(page.url, page.locator(f".prev-next-area a.{seletor}").get_attribute("href"))

    _open(page, f"{site}{capitulo}.html")
    assert alvo("right-next") == f"{site}{notebook}.html"
    _open(page, f"{site}{notebook}.html")
    assert alvo("left-prev") == f"{site}{capitulo}.html"
    opcionais = []
    while alvo("right-next") != f"{site}{seguinte}.html":
        proxima = alvo("right-next")
        assert proxima.startswith(f"{site}{capitulo}/") and len(opcionais) < 5, (
            f"depois de {notebook} vem {proxima}, e não {seguinte}")
        page.locator(".prev-next-area a.right-next").click()
        page.wait_for_url(proxima)
        titulo = page.locator("article h1").first.inner_text()
        titulo = titulo.lstrip("0123456789. ")  # sem o número da seção ("3.3.12. ")
        assert titulo.startswith("Aprofundamento"), (
            f"{proxima} fica entre o notebook e o capítulo seguinte, mas não é opcional: {titulo}")
        opcionais.append(proxima)
    page.locator(".prev-next-area a.right-next").click()
    page.wait_for_url(f"{site}{seguinte}.html")


def test_notebooks_sit_under_their_chapter_in_the_sidebar(page, site):
    """No sumário, cada notebook fica dentro do seu capítulo, e não há mais um bloco à parte."""
    _open(page, f"{site}book/index.html")
    assert page.locator("nav.bd-links", has_text="Notebooks práticos").count() == 0
    # Para cada link do sumário, os links que estão dentro do item dele (os filhos).
    filhos = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll("nav.bd-links li > a")].map(a => [a.href,
          [...a.parentElement.querySelectorAll("ul a")].map(f => f.href)]))""")
    for capitulo, notebook, _ in LEARNING_PATH:
        assert f"{site}{capitulo}.html" in filhos, f"{capitulo} não está no sumário"
        assert f"{site}{notebook}.html" in filhos[f"{site}{capitulo}.html"], (
            f"{notebook} não está dentro de {capitulo} no sumário")


def test_home_page_starts_here(page, site, artifacts):
    """A página inicial tem os três passos: ler aqui, rodar na nuvem, rodar no computador."""
    _open(page, f"{site}book/index.html")
    assert page.locator("article h2", has_text="Comece aqui").count() == 1
    passos = page.locator("article ol.comece-aqui > li")
    assert passos.count() == 3
    ler, nuvem, computador = (passos.nth(i) for i in range(3))
    assert ler.locator("strong").first.inner_text() == "Leia on-line."
    assert nuvem.locator("strong").first.inner_text() == "Rode no Binder ou no Colab."
    assert computador.locator("strong").first.inner_text() == "Rode no seu computador."
    _check_buttons(nuvem, "notebooks/02-machine-learning", "Comece aqui")
    primeiro = nuvem.locator("a.reference.internal")
    assert urljoin(page.url, primeiro.get_attribute("href")) == (
        f"{site}notebooks/02-machine-learning.html")

    texto = computador.inner_text()
    assert "Python 3.11 ou mais novo" in texto and "make" in texto, texto
    comandos = computador.locator("pre").inner_text()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    linhas = [linha.split("#")[0].strip() for linha in comandos.splitlines()]
    url = config["repository"]["url"]
    assert linhas[:2] == [f"git clone {url}", f"cd {url.rstrip('/').rsplit('/', 1)[-1]}"], linhas
    assert linhas[2:] == ["make book", "make test"], linhas

    # O `mlops-lab run` só aparece depois do passo que instala o ambiente.
    artigo = page.locator("article.bd-article").inner_text()
    assert "mlops-lab run" in artigo
    assert artigo.index("make book") < artigo.index("mlops-lab run"), (
        "o `mlops-lab run` aparece antes do passo de instalação")
    page.locator("article ol.comece-aqui").screenshot(path=str(artifacts / "comece-aqui.png"))
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("tema", ["light", "dark"])
def test_pratique_box_is_legible_in_both_themes(page, site, artifacts, tema):
    """Botões e caixa com contraste WCAG AA (axe-core) no tema claro e no escuro."""
    from axe_playwright_python.sync_playwright import Axe

    _open(page, f"{site}book/mlops.html")
    page.evaluate(f"() => document.documentElement.dataset.theme = '{tema}'")
    page.wait_for_timeout(200)
    caixa = page.locator("article .admonition.pratique").first
    resultado = Axe().run(page, context=".admonition.pratique",
                          options={"runOnly": ["color-contrast", "link-name"]})
    violacoes = [(v["id"], [n["target"] for n in v["nodes"]])
                 for v in resultado.response["violations"]]
    assert not violacoes, f"tema {tema}: {violacoes}"
    fundo, texto = caixa.locator("a.pratique-botao").first.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]")
    assert fundo != texto and fundo not in {"rgba(0, 0, 0, 0)", "transparent"}, (fundo, texto)
    nome = "pratique-claro" if tema == "light" else "pratique-escuro"
    caixa.screenshot(path=str(artifacts / f"{nome}.png"))


@pytest.mark.parametrize("path", ["book/pipeline/data-preparation.html", "book/index.html"])
def test_pratique_fits_on_phone(page, site, artifacts, path):
    """Numa tela de 375 px, a caixa e os botões cabem na largura (sem rolagem lateral)."""
    page.set_viewport_size({"width": PHONE_WIDTH, "height": DESKTOP["height"]})
    _open(page, site + path)
    blocos = page.locator("article .admonition.pratique, article ol.comece-aqui")
    assert blocos.count() >= 1
    for i in range(blocos.count()):
        bloco = blocos.nth(i)
        bloco.scroll_into_view_if_needed()
        medida = bloco.evaluate(
            "el => ({direita: el.getBoundingClientRect().right, rolagem: el.scrollWidth,"
            " largura: el.clientWidth, botoes: [...el.querySelectorAll('a.pratique-botao')]"
            ".map(b => b.getBoundingClientRect().right)})")
        assert medida["direita"] <= PHONE_WIDTH, f"{path}: o bloco {i + 1} passa da tela: {medida}"
        assert medida["rolagem"] <= medida["largura"], f"{path}: o bloco {i + 1} rola: {medida}"
        assert medida["botoes"] and max(medida["botoes"]) <= PHONE_WIDTH, medida
    tela = page.evaluate(WIDE_ELEMENTS)
    assert tela["scrollWidth"] <= tela["clientWidth"], tela
    nome = "pratique-celular" if path.startswith("book/pipeline") else "inicio-celular"
    blocos.first.screenshot(path=str(artifacts / f"{nome}.png"))
