"""O texto das figuras como quem lê o vê: 11 px ou mais no computador, ampliável no celular.

Cada página com imagens é aberta no Chromium na largura do computador e a 375 px. O
tamanho do texto na tela sai da largura com que a imagem aparece (``clientWidth``):

- diagrama SVG (``<img src=….svg>``): o arquivo é lido, e o menor ``font-size`` dos
  textos (com a herança dos grupos) vezes a largura na página dividida pela largura do
  ``viewBox``;
- gráfico PNG do matplotlib: o estilo do curso grava nos metadados do PNG a menor fonte
  (pt) e o dpi (``mlops_lab.plot_style.png_font_metadata``): pt × dpi / 72 × largura na
  página / largura do PNG;
- SVG embutido na página: a fonte calculada de cada texto vezes a escala na tela.

No computador, todo texto precisa de 11 px ou mais. No celular, a figura que fica abaixo
disso precisa abrir em tamanho natural com um toque: um link em volta dela para o próprio
arquivo. Um SVG ou PNG novo que não siga a regra faz o teste falhar (todas as páginas do
livro são percorridas).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import DESKTOP, HTML_DIR, PHONE_WIDTH, site_pages

MINIMO_PX = 11.0
FONTE_PT = "mlops-lab:fonte-minima-pt"
DPI = "mlops-lab:dpi"
SVG_NS = "{http://www.w3.org/2000/svg}"


def _paginas_com_figuras() -> list[str]:
    return [p for p in site_pages()
            if "_images/" in (HTML_DIR / p).read_text(encoding="utf-8")]


def _tamanho(valor: str) -> float:
    """``12``, ``12px`` ou ``12.5px`` em unidades do SVG; outra unidade é erro do desenho."""
    casou = re.fullmatch(r"\s*([\d.]+)\s*(px)?\s*", valor)
    if not casou:
        raise AssertionError(f"font-size {valor!r}: use números (px) nas figuras do livro")
    return float(casou.group(1))


def _fonte_do_elemento(el: ET.Element, herdada: float) -> float:
    estilo = el.get("style", "")
    casou = re.search(r"font-size\s*:\s*([^;]+)", estilo) or re.search(
        r"font\s*:[^;]*?([\d.]+px)", estilo)
    if casou:
        return _tamanho(casou.group(1))
    if el.get("font-size"):
        return _tamanho(el.get("font-size"))
    return herdada


@cache
def svg_fonte_e_largura(arquivo: Path) -> tuple[float | None, float]:
    """A menor fonte dos textos visíveis do SVG (unidades do desenho) e a largura do viewBox."""
    raiz = ET.parse(arquivo).getroot()
    caixa = raiz.get("viewBox")
    largura = float(caixa.split()[2]) if caixa else _tamanho(raiz.get("width", "0"))
    menores: list[float] = []

    def andar(el: ET.Element, herdada: float, dentro_de_defs: bool) -> None:
        fonte = _fonte_do_elemento(el, herdada)
        dentro_de_defs = dentro_de_defs or el.tag in (f"{SVG_NS}defs", f"{SVG_NS}title",
                                                      f"{SVG_NS}desc", f"{SVG_NS}metadata")
        if el.tag in (f"{SVG_NS}text", f"{SVG_NS}tspan") and not dentro_de_defs \
                and (el.text or "").strip():
            menores.append(fonte)
        for filho in el:
            andar(filho, fonte, dentro_de_defs)

    andar(raiz, 16.0, False)  # 16 px: o tamanho padrão do navegador
    return (min(menores) if menores else None), largura


@cache
def png_fonte_e_dpi(arquivo: Path) -> tuple[float, float, int] | None:
    """(fonte em pt, dpi, largura em px) dos metadados que o estilo do curso grava no PNG."""
    from PIL import Image

    with Image.open(arquivo) as imagem:
        info = imagem.info
        if FONTE_PT not in info or DPI not in info:
            return None
        return float(info[FONTE_PT]), float(info[DPI]), imagem.size[0]


# Cada imagem do artigo e cada texto de SVG embutido, com a largura em que aparecem.
COLETAR = """
() => {
  const artigo = document.querySelector("article.bd-article");
  const imagens = [...artigo.querySelectorAll("img")]
    .filter(i => new URL(i.src, location.href).pathname.includes("/_images/"))
    .map(i => {
      const link = i.closest("a[href]");
      return {src: new URL(i.src, location.href).pathname, largura: i.clientWidth,
              natural: i.naturalWidth, carregada: i.complete && i.naturalWidth > 0,
              link: link ? new URL(link.getAttribute("href"), location.href).pathname : null};
    });
  const textos = [...artigo.querySelectorAll("svg text")]
    .filter(t => t.getBoundingClientRect().width > 0 && t.textContent.trim())
    .map(t => ({texto: t.textContent.trim().slice(0, 40),
                px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}));
  return {imagens, textos};
}
"""


def _arquivo(caminho_url: str) -> Path:
    return HTML_DIR / unquote(urlsplit(caminho_url).path).lstrip("/")


def texto_na_tela(imagem: dict) -> tuple[float | None, str]:
    """O menor texto da imagem em px na tela, e de onde veio a conta (para a mensagem)."""
    arquivo = _arquivo(imagem["src"])
    nome = arquivo.name
    if arquivo.suffix.lower() == ".svg":
        fonte, largura = svg_fonte_e_largura(arquivo)
        if fonte is None:
            return None, f"{nome}: sem texto"
        px = fonte * imagem["largura"] / largura
        return px, f"{nome}: fonte {fonte:g} × {imagem['largura']} px / viewBox {largura:g}"
    if arquivo.suffix.lower() == ".png":
        dados = png_fonte_e_dpi(arquivo)
        assert dados is not None, (
            f"{nome}: PNG sem os metadados {FONTE_PT!r} e {DPI!r}. Desenhe o gráfico com o "
            "estilo do curso (mlops_lab.plot_style.use_course_style() no início do capítulo "
            "ou notebook, ou course_style()) e gere a imagem de novo.")
        pt, dpi, natural = dados
        px = pt * dpi / 72 * imagem["largura"] / natural
        return px, (f"{nome}: {pt:g} pt × {dpi:g} dpi / 72 × {imagem['largura']} px "
                    f"/ {natural} px")
    raise AssertionError(f"{nome}: figura em formato sem regra de tamanho de texto (use SVG ou "
                         "PNG do matplotlib com o estilo do curso)")


@pytest.mark.parametrize("pagina", _paginas_com_figuras())
def test_texto_das_figuras_legivel_no_computador_e_ampliavel_no_celular(page, site, pagina):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}{pagina}", wait_until="load")
    achado = page.evaluate(COLETAR)
    assert achado["imagens"] or achado["textos"], f"{pagina}: nenhuma figura encontrada"
    pequenas = []
    for imagem in achado["imagens"]:
        assert imagem["carregada"], f"{pagina}: a imagem {imagem['src']} não carregou"
        px, conta = texto_na_tela(imagem)
        if px is not None and px < MINIMO_PX - 0.05:
            pequenas.append(f"{conta} = {px:.1f} px")
    pequenas += [f"SVG embutido, {t['texto']!r}: {t['px']:.1f} px" for t in achado["textos"]
                 if t["px"] < MINIMO_PX - 0.05]
    assert not pequenas, (
        f"{pagina}: texto de figura abaixo de {MINIMO_PX:g} px a {DESKTOP['width']} px de "
        f"largura: {pequenas}. Redesenhe com viewBox mais estreito ou fonte maior (SVG) ou "
        "com figsize menor ou fonte maior (matplotlib).")

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.wait_for_timeout(150)
    sem_zoom = []
    for imagem in page.evaluate(COLETAR)["imagens"]:
        px, conta = texto_na_tela(imagem)
        if px is None or px >= MINIMO_PX - 0.05:
            continue
        if imagem["link"] != imagem["src"]:
            sem_zoom.append(f"{conta} = {px:.1f} px, link={imagem['link']}")
    assert not sem_zoom, (
        f"{pagina}: a {PHONE_WIDTH} px, figuras com texto abaixo de {MINIMO_PX:g} px sem o "
        f"link para o arquivo em tamanho natural: {sem_zoom}")


def test_ha_figuras_no_livro(html_dir):
    """O teste acima só vale se encontrar as figuras: o livro tem diagramas e gráficos."""
    paginas = _paginas_com_figuras()
    assert len(paginas) >= 15, paginas
    svgs = sorted(p.name for p in (html_dir / "_images").glob("*.svg"))
    assert len(svgs) >= 15, svgs


@pytest.mark.parametrize("arquivo", sorted(
    (Path(__file__).resolve().parents[2] / "book" / "figures").glob("*.svg")),
    ids=lambda p: p.name)
def test_svg_das_figuras_tem_texto_legivel_na_coluna_do_livro(arquivo):
    """Sem o navegador: todo SVG de ``book/figures`` cabe na regra na coluna de 672 px.

    (A coluna do livro no computador; figuras com ``:width:`` menor que 100% são
    conferidas na página, pelo teste acima.)
    """
    fonte, largura = svg_fonte_e_largura(arquivo)
    assert fonte is not None, f"{arquivo.name}: sem texto legível (<text>) no SVG"
    px = fonte * 672 / largura
    assert px >= MINIMO_PX - 0.05, (
        f"{arquivo.name}: fonte {fonte:g} num viewBox de {largura:g} dá {px:.1f} px na coluna "
        f"de 672 px (mínimo {MINIMO_PX:g}); estreite o desenho ou aumente a fonte")
