"""Saídas das células com tamanho de leitura: nenhuma engole a tela, nenhuma é um widget.

Numa tela de notebook comum (1366 × 900), uma saída de célula (os blocos
``.cell_output`` do myst-nb) mais alta que a janela empurra o texto que a explica
para fora da vista: quem lê rola sem saber o que procura. O livro mostra trechos
(as colunas que interessam, as chaves de um JSON), e o que precisa ser longo vai
num bloco que rola por dentro ou que começa fechado. Figuras não contam: são
desenhadas para caber na página.

O diagrama HTML do scikit-learn (o ``Pipeline`` como última expressão da célula)
também fica de fora: pesa mais de 100 KB por página, vira um bloco branco no
modo escuro e traz rótulos em inglês ("Parameters", "Fitted", "Copied!").
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import JANELA, site_pages

PAGES = site_pages() or ["book/index.html"]
# Uma tela: a altura da janela. Uma saída um pouco mais alta ainda se lê de uma vez.
ALTURA_MAXIMA = 900

# O contêiner do diagrama (sklearn.utils._repr_html) e as caixas de cada estimador.
WIDGET_SKLEARN = ".sk-top-container, .sk-container, .sk-estimator, div[id^='sk-container-id']"


@pytest.mark.parametrize("path", PAGES)
def test_outputs_fit_on_one_screen(html_dir, visit, path):
    """Nenhuma saída de célula (tirando as figuras) passa da altura da janela.

    A medida é feita na visita da página (``visit``), numa janela de 1366 × 900.
    """
    rel = visit(path)
    destino, saidas = rel.url, rel.outputs
    # A medida vê todas as saídas que o HTML gerado tem (nenhuma escapa do seletor).
    html = (html_dir / destino).read_text(encoding="utf-8")
    no_html = len(BeautifulSoup(html, "html.parser")
                  .select("article.bd-article div.cell_output"))
    assert len(saidas) == no_html, f"{path}: {len(saidas)} saídas medidas, {no_html} no HTML"
    altas = [s for s in saidas if s["sem_figuras"] > ALTURA_MAXIMA]
    assert not altas, (
        f"{path}: saídas mais altas que uma tela ({ALTURA_MAXIMA} px a "
        f"{JANELA['width']}×{JANELA['height']}):\n"
        + "\n".join(f"- saída {s['numero']}: {s['sem_figuras']} px, da célula que termina em "
                    f"{s['codigo']!r}" for s in altas)
        + "\nMostre um trecho (as colunas ou as chaves que interessam) ou ponha a saída "
          "num bloco que rola por dentro.")


@pytest.mark.parametrize("path", PAGES)
def test_no_sklearn_html_widget(html_dir, path):
    """Nenhuma página traz o diagrama HTML de um estimador do scikit-learn.

    O diagrama é HTML fixo na saída da célula: basta ler a página gerada.
    """
    sopa = BeautifulSoup((html_dir / path).read_text(encoding="utf-8"), "html.parser")
    widgets = sopa.select(WIDGET_SKLEARN)
    assert not widgets, (
        f"{path}: {len(widgets)} elemento(s) do diagrama HTML do scikit-learn. Não deixe um "
        "Pipeline como última expressão da célula: descreva os passos com print() "
        "(ou use sklearn.set_config(display='text')).")
