"""O percurso de quem estuda pelo celular, só com a navegação da própria página.

Numa tela de toque de 375 px: da página inicial, pelo sumário, até um capítulo; da
caixa "Pratique" até o notebook dele; do "Próximo" do notebook até o capítulo seguinte
(passando pelas subpáginas opcionais, se houver). Em cada passo a página não rola para
o lado e o navegador não registra erro.
"""

from __future__ import annotations

import re

from .conftest import PHONE_WIDTH, WIDE_ELEMENTS, coletar_erros

CAPITULO, NOTEBOOK, SEGUINTE = "book/mlops", "notebooks/04-mlops", "book/ops-family"


def test_da_pagina_inicial_ao_capitulo_seguinte_no_celular(browser, site, guard, artifacts):
    contexto = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800},
                                   locale="pt-BR", service_workers="block", has_touch=True,
                                   is_mobile=True)
    contexto.route("**/*", guard)
    contexto.set_default_timeout(30_000)
    try:
        aba = coletar_erros(contexto.new_page())

        def sem_rolagem_lateral(onde: str) -> None:
            tela = aba.evaluate(WIDE_ELEMENTS)
            assert tela["scrollWidth"] <= tela["clientWidth"], f"{onde}: {tela}"

        aba.goto(f"{site}book/index.html")
        aba.wait_for_load_state("networkidle")
        sem_rolagem_lateral("página inicial")

        # 1. Página inicial -> capítulo, pelo botão do sumário.
        aba.locator(".bd-header-article .primary-toggle").tap()
        sumario = aba.locator("#pst-primary-sidebar-modal")
        sumario.wait_for(state="visible")
        link = sumario.get_by_role("link", name=re.compile(r"O que é MLOps")).first
        assert link.is_visible(), "o capítulo não aparece no sumário do celular"
        link.tap()
        aba.wait_for_url(f"{site}{CAPITULO}.html")
        sem_rolagem_lateral(CAPITULO)

        # 2. Capítulo -> notebook, pelo link da caixa "Pratique".
        pratica = aba.locator("article .admonition.pratique p.pratique-notebook a").first
        pratica.scroll_into_view_if_needed()
        assert pratica.is_visible(), f"{CAPITULO}: o link do notebook não aparece"
        pratica.tap()
        aba.wait_for_url(f"{site}{NOTEBOOK}.html")
        sem_rolagem_lateral(NOTEBOOK)
        aba.screenshot(path=str(artifacts / "celular-percurso-notebook.png"))

        # 3. Notebook -> capítulo seguinte, pelo "Próximo" (subpáginas opcionais no meio).
        for _ in range(6):
            proximo = aba.locator(".prev-next-area a.right-next")
            proximo.scroll_into_view_if_needed()
            assert proximo.is_visible(), f"{aba.url}: o botão Próximo não aparece"
            antes = aba.url
            proximo.tap()
            aba.wait_for_url(lambda url, antes=antes: url != antes)
            if aba.url == f"{site}{SEGUINTE}.html":
                break
            titulo = aba.locator("article h1").first.inner_text().lstrip("0123456789. ")
            assert titulo.startswith("Aprofundamento"), (
                f"entre {NOTEBOOK} e {SEGUINTE} veio {aba.url} ({titulo}), que não é opcional")
        assert aba.url == f"{site}{SEGUINTE}.html", f"o percurso parou em {aba.url}"
        sem_rolagem_lateral(SEGUINTE)
        assert not aba.console_errors, aba.console_errors
    finally:
        contexto.close()
