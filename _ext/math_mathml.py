"""Fórmulas em MathML, escritas na geração do livro: nenhum JavaScript para a matemática.

O padrão do Sphinx é o MathJax, que desenha as fórmulas no navegador: são 1,1 MB
de JavaScript (``tex-chtml.js``) em cada página com uma fórmula, mais que todo o
resto da página. O livro tem poucas fórmulas e simples (índices, somatórios,
frações); esta extensão as converte de LaTeX para MathML com o ``latex2mathml``
já na geração, e o navegador as desenha sozinho (o MathML Core está no Chromium
desde a versão 109, no Firefox e no Safari). O LaTeX original fica numa
``<annotation>`` (invisível), para quem copia a fórmula.

Uma fórmula que o ``latex2mathml`` não entende vira um aviso com o trecho e o
arquivo, e o aviso derruba a geração (``-W``): nada sai quebrado em silêncio.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)
RENDERER = "mathml"


def latex_to_mathml(latex: str, display: bool = False) -> str:
    """Converte uma fórmula em LaTeX para um elemento ``<math>`` do MathML.

    Parameters
    ----------
    latex : str
        A fórmula, sem os delimitadores (``$``, ``\\(``...).
    display : bool
        ``True`` para uma fórmula em destaque (em bloco); ``False`` para uma no texto.

    Returns
    -------
    str
        O elemento ``<math>``, com o LaTeX original numa ``<annotation>``.

    Examples
    --------
    >>> latex_to_mathml("E_i")  # doctest: +ELLIPSIS
    '<math ... display="inline"><semantics><mrow><msub><mi>E</mi><mi>i</mi></msub></mrow>...'
    >>> "<mfrac>" in latex_to_mathml(r"\\frac{a}{b}", display=True)
    True
    """
    from latex2mathml.converter import convert

    mathml = convert(latex.strip(), display="block" if display else "inline")
    abertura, resto = mathml.split(">", 1)
    corpo = resto.removesuffix("</math>")
    anotacao = f'<annotation encoding="application/x-tex">{escape(latex.strip())}</annotation>'
    return f"{abertura}><semantics>{corpo}{anotacao}</semantics></math>"


def _convert(translator, node, latex: str, display: bool) -> str:
    try:
        return latex_to_mathml(latex, display=display)
    except Exception as erro:  # o latex2mathml não tem uma exceção só dele
        logger.warning("Fórmula que o MathML não conseguiu representar (%s): %s",
                       erro, latex, location=node, type="math", subtype="mathml")
        return f'<code class="math-erro">{escape(latex)}</code>'


def html_visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_convert(self, node, node.astext(), display=False) + "</span>")
    raise nodes.SkipNode


def html_visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    # Como no MathJax do Sphinx: parágrafos separados são equações separadas,
    # e uma equação com quebras de linha (\\) fica alinhada.
    for parte in (p for p in node.astext().split("\n\n") if p.strip()):
        if r"\\" in parte and r"\begin" not in parte:
            parte = r"\begin{aligned}" + parte + r"\end{aligned}"
        self.body.append(_convert(self, node, parte, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _select(app, config) -> None:
    if not config.html_math_renderer:
        config.html_math_renderer = RENDERER


def setup(app):
    app.add_html_math_renderer(RENDERER, (html_visit_math, None),
                               (html_visit_displaymath, None))
    app.connect("config-inited", _select)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
