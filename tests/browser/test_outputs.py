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

from .conftest import site_pages

PAGES = site_pages() or ["book/index.html"]
JANELA = {"width": 1366, "height": 900}
# Uma tela: a altura da janela. Uma saída um pouco mais alta ainda se lê de uma vez.
ALTURA_MAXIMA = 900

# Para cada saída, a altura que ocupa na página sem contar as figuras (img, svg,
# canvas) e o começo do código que a gerou, para a mensagem dizer qual célula é.
# Quem está num bloco fechado (<details>, toggle) não ocupa altura; quem rola por
# dentro (overflow auto/scroll) ocupa só a altura do bloco.
MEDIR_SAIDAS = """
() => {
  const figuras = "img, svg, canvas, video";
  const saidas = [];
  const todas = document.querySelectorAll("article.bd-article .cell_output");
  todas.forEach((saida, i) => {
    let altura = saida.getBoundingClientRect().height;
    // Dentro de um bloco que rola por dentro, vale a altura do bloco.
    for (let p = saida.parentElement; p && !p.matches("article"); p = p.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowY)) {
        altura = Math.min(altura, p.getBoundingClientRect().height);
      }
    }
    let emFiguras = 0;
    for (const fig of saida.querySelectorAll(figuras)) {
      // O <svg> dentro de outro e o ícone do botão de copiar não são figuras.
      if (fig.parentElement.closest(figuras) || fig.closest("button")) continue;
      emFiguras += Math.min(fig.getBoundingClientRect().height, altura);
    }
    const celula = saida.closest(".cell");
    const entrada = celula && celula.querySelector(".cell_input pre");
    const codigo = entrada ? entrada.textContent.trim().split("\\n") : [];
    saidas.push({
      numero: i + 1,
      altura: Math.round(altura),
      sem_figuras: Math.round(Math.max(altura - emFiguras, 0)),
      codigo: codigo.length ? codigo[codigo.length - 1].slice(0, 80) : "(código oculto)",
    });
  });
  return saidas;
}
"""
# O contêiner do diagrama (sklearn.utils._repr_html) e as caixas de cada estimador.
WIDGET_SKLEARN = ".sk-top-container, .sk-container, .sk-estimator, div[id^='sk-container-id']"


def medir_saidas(context, site: str, path: str) -> tuple[str, list[dict]]:
    """Abre a página a 1366 × 900 e mede as saídas; devolve também a página medida."""
    aba = context.new_page()
    try:
        aba.set_viewport_size(JANELA)
        resposta = aba.goto(site + path, wait_until="load")
        assert resposta and resposta.status == 200, f"{path}: não abriu"
        # O index.html da raiz só redireciona (meta refresh): mede-se o destino.
        aba.wait_for_load_state("networkidle")
        destino = aba.url.removeprefix(site).split("#")[0].split("?")[0]
        return destino, aba.evaluate(MEDIR_SAIDAS)
    finally:
        aba.close()


@pytest.mark.parametrize("path", PAGES)
def test_outputs_fit_on_one_screen(html_dir, context, site, path):
    """Nenhuma saída de célula (tirando as figuras) passa da altura da janela."""
    destino, saidas = medir_saidas(context, site, path)
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
