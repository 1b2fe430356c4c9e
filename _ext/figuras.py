"""Toda imagem do livro abre em tamanho natural com um toque (ampliável no celular).

A 375 px, um diagrama ou gráfico largo fica com o texto pequeno demais para ler na
página. O Sphinx já põe um link para o arquivo da imagem em volta das figuras com
``:width:`` (``html_scaled_image_link``); esta extensão dá a mesma largura explícita
(a largura natural, em px, que o CSS do tema limita à coluna) às imagens que não a têm,
as saídas das células de código e as figuras sem ``:width:``, e assim toda imagem
ganha o link. O teste ``tests/browser/test_figuras.py`` confere o tamanho do texto no
computador e o link no celular.
"""

from __future__ import annotations

import os

from docutils import nodes


def _largura_natural(caminho: str) -> int | None:
    from sphinx.util.images import get_image_size

    tamanho = get_image_size(caminho) if os.path.isfile(caminho) else None
    return int(tamanho[0]) if tamanho else None


def _dar_largura(app, doctree, docname) -> None:
    for imagem in doctree.findall(nodes.image):
        if any(chave in imagem for chave in ("scale", "width", "height")):
            continue
        if isinstance(imagem.parent, nodes.reference):
            continue
        uri = imagem.get("uri", "")
        if "://" in uri or uri.startswith("data:"):
            continue
        largura = _largura_natural(os.path.join(app.srcdir, uri))
        if largura:
            imagem["width"] = f"{largura}px"


def setup(app):
    app.connect("doctree-resolved", _dar_largura)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
