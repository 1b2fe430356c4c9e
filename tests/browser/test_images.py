"""Toda imagem do livro tem um texto alternativo de verdade, em português.

Quem usa leitor de tela ouve o ``alt`` no lugar da figura. Um ``alt`` vazio ou que é
só o caminho do arquivo (``../_images/3f2a….png``, o que o myst-nb põe quando a célula
não diz nada) não conta o que o gráfico mostra. Lê o HTML gerado, sem o navegador.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from .conftest import HTML_DIR, site_pages

# Imagens decorativas do tema, com alt próprio e curto (logotipos dos botões).
LOGOTIPOS = re.compile(r"logotipo|logo", re.I)
CAMINHO = re.compile(r"(^|/)_images/|\.(png|svg|jpe?g|gif|webp)$", re.I)


def _imagens(pagina: str):
    sopa = BeautifulSoup((HTML_DIR / pagina).read_text(encoding="utf-8"), "html.parser")
    return sopa.find_all("img")


@pytest.mark.parametrize("pagina", site_pages())
def test_cada_imagem_tem_texto_alternativo_que_descreve(pagina):
    ruins = []
    for img in _imagens(pagina):
        alt = (img.get("alt") or "").strip()
        if LOGOTIPOS.search(alt):
            continue
        if not alt or CAMINHO.search(alt) or len(alt.split()) < 4:
            ruins.append(f"{img.get('src')}: alt={alt!r}")
    assert not ruins, (
        f"{pagina}: imagens sem texto alternativo que descreva o que mostram: {ruins}. "
        "Numa célula de código, ponha em ---\\nmystnb:\\n  image:\\n    alt: ...\\n--- (no "
        "notebook, nos metadados da célula); numa figura, use a opção :alt:.")
