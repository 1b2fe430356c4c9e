"""O tema do livro em português, e só com botões que funcionam.

O sphinx-book-theme e o pydata-sphinx-theme trazem catálogos de tradução
incompletos para o português (o pydata não traz nenhum; o do book-theme só
tem ``pt``, com lacunas e erros como "Launch" → "Lançamento"). Esta extensão
lê os nossos catálogos em ``locale/pt_BR/LC_MESSAGES/*.po`` e os põe na
frente dos catálogos do tema: o que traduzimos vale; o resto cai no do tema.
Os ``.po`` são compilados na memória a cada geração (nenhum ``.mo`` no
repositório). Também troca o texto da caixa de busca e põe a pasta
``_templates`` (componentes do tema com texto fixo em inglês) na frente
dos modelos do tema. Por fim, tira os botões do Binder e do Colab das
páginas de capítulo em Markdown, que eles não sabem abrir.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup
from sphinx import locale

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "locale"
TEMPLATES_DIR = ROOT / "_templates"
# Domínios: "sphinx" (frases do pydata-sphinx-theme, via _()) e "booktheme"
# (botões e rótulos do sphinx-book-theme, via translate()).
DOMAINS = ("sphinx", "booktheme")
SEARCH_BAR_TEXT = "Buscar neste livro..."
SUMMARY_LABEL = "Mostrar ou ocultar as subseções"
HIDDEN_CELL_LABEL = "Mostrar ou ocultar a célula"
SKLEARN_COPY_BUTTON = re.compile(
    r'<div class="image-container">\s*<button type="button" class="copy-paste-icon"'
    r".*?</button>\s*</div>", re.DOTALL)


def _catalog(language: str, domain: str) -> gettext.GNUTranslations | None:
    for lang in (language, language.split("_")[0]):
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            with po.open("rb") as arquivo:
                catalogo = read_po(arquivo, locale=lang)
            buffer = io.BytesIO()
            write_mo(buffer, catalogo)
            buffer.seek(0)
            return gettext.GNUTranslations(buffer)
    return None


def _install(app, config) -> None:
    language = (config.language or "").replace("-", "_")
    for domain in DOMAINS:
        nosso = _catalog(language, domain)
        if nosso is None:
            continue
        chave = ("general", domain)
        tema = locale.translators.get(chave)
        if isinstance(tema, gettext.GNUTranslations):
            # O mesmo objeto já foi entregue ao Jinja (domínio "sphinx"):
            # as nossas frases entram no catálogo dele, por cima das do tema.
            tema._catalog.update({k: v for k, v in nosso._catalog.items() if k})
        elif tema is not None:
            tema.add_fallback(nosso)
        else:
            locale.translators[chave] = nosso

    opcoes = config.html_theme_options
    opcoes["search_bar_text"] = SEARCH_BAR_TEXT
    # Sem barra de navegação no topo, como o sphinx-book-theme quer (o theme.conf
    # dele a deixa vazia). O pydata-sphinx-theme 0.17 põe de volta, pelo Python,
    # uma busca nessa barra quando a opção não vem do usuário: a barra aparece
    # com uma segunda caixa de busca e com um segundo par de botões
    # .primary-toggle/.secondary-toggle, ocultos. O JavaScript dos dois temas
    # liga o clique só ao primeiro de cada (querySelector), o oculto, e os
    # botões que se veem não abrem nada (pydata/pydata-sphinx-theme#2451,
    # executablebooks/sphinx-book-theme#988). Com a opção explícita e vazia,
    # o cabeçalho some e só ficam os botões do artigo.
    opcoes["navbar_persistent"] = []
    # O modo de cor segue o do sistema (claro ou escuro) até quem lê escolher
    # outro no seletor. Sem modo padrão, a primeira visita dá "Got invalid
    # theme mode" no console.
    config.html_context.setdefault("default_mode", "auto")
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES_DIR))


def _drop_text_launch_links(app, pagename, templatename, context, doctree) -> None:
    """Tira das páginas de capítulo (``.md``) os botões do Binder e do Colab.

    O tema os cria apontando para o ``.md``, que o Colab não abre e que o
    Binder (sem jupytext) mostra como texto. O "Código ao vivo" fica: ele
    roda as células da própria página.
    """
    if not str(context.get("sourcename", "")).endswith((".md", ".md.txt")):
        return
    for grupo in context.get("header_buttons", []):
        if grupo.get("label") == "launch-buttons":
            grupo["buttons"] = [
                botao for botao in grupo["buttons"]
                if not str(botao.get("url", "")).endswith(".md")
            ]


THEBE_CDN = "https://unpkg.com/thebe@0.8.2/lib/index.js"


def _fix_page_context(app, pagename, templatename, context, doctree) -> None:
    """Consertos do tema em cada página.

    - O sphinx-thebe registra o seu ``<script>`` de configuração duas vezes
      (``const THEBE_JS_URL`` declarada de novo é um erro de JavaScript em
      toda página): ficam só os scripts únicos.
    - O endereço do Thebe no unpkg, que o sphinx-thebe escreve na página, sai
      (o Thebe vem do próprio site: ``_static/thebe-local.js``).
    - As células ocultas do myst-nb têm o rótulo fixo "Toggle hidden content".
    - As referências têm um papel ARIA abandonado dentro de uma lista.
    - O botão de copiar do scikit-learn fica dentro de um ``<summary>``.
    - As setas que abrem as subseções do sumário são ``<summary>`` sem texto
      (o leitor de tela não diz o que fazem): ganham um texto invisível.
    """
    if "body" in context:
        # O myst-nb escreve este rótulo fixo no <summary> das células ocultas.
        context["body"] = context["body"].replace(
            'aria-label="Toggle hidden content"', f'aria-label="{HIDDEN_CELL_LABEL}"'
        ).replace(
            # Lista de referências: role="list" pede filhos "listitem"; o
            # "doc-biblioentry" do docutils foi abandonado pelo ARIA (axe: crítico).
            'class="citation" id="', 'class="citation" role="listitem" id="'
        ).replace('role="doc-biblioentry"', "")
        # A representação HTML dos estimadores do scikit-learn põe um botão
        # ("Copy output features", em inglês) dentro de um <summary>: controle
        # dentro de controle, que o teclado e o leitor de tela não alcançam.
        context["body"] = SKLEARN_COPY_BUTTON.sub("", context["body"])

    scripts = context.get("script_files")
    if scripts:
        for script in scripts:
            # O Thebe vem do próprio site (thebe-local.js): o endereço do unpkg
            # que o sphinx-thebe escreve na página não é usado e não deve ficar.
            corpo = getattr(script, "attributes", {}).get("body") or ""
            if THEBE_CDN in corpo:
                script.attributes["body"] = corpo.replace(THEBE_CDN, "")
        vistos, unicos = set(), []
        for script in scripts:
            # O mesmo script embutido vem uma vez com filename None e outra com "".
            chave = (str(getattr(script, "filename", script) or ""),
                     repr(sorted(getattr(script, "attributes", {}).items())))
            if chave not in vistos:
                vistos.add(chave)
                unicos.append(script)
        scripts[:] = unicos

    gerar = context.get("generate_toctree_html")
    if gerar is not None and not getattr(gerar, "_pt_br", False):

        def generate_toctree_html(*args, **kwargs):
            # O tema devolve um BeautifulSoup (na barra lateral) ou um texto.
            html = str(gerar(*args, **kwargs))
            return Markup(html.replace(
                "<summary><span",
                f'<summary><span class="visually-hidden">{SUMMARY_LABEL}</span><span'))

        generate_toctree_html._pt_br = True
        context["generate_toctree_html"] = generate_toctree_html


def _add_static(app) -> None:
    # Fora do _static da raiz: o Jupyter Book põe em toda página cada .js que
    # encontra lá, e os 113 pedaços do Thebe só devem vir no clique do botão.
    app.config.html_static_path.append(str(Path(__file__).parent / "_static"))


def setup(app):
    app.connect("config-inited", _install, priority=900)
    # Código ao vivo servido pelo próprio site (veja _static/thebe-local.js).
    app.connect("builder-inited", _add_static)
    app.add_js_file("thebe-local.js")
    # Depois do add_launch_buttons do tema (prioridade 501).
    app.connect("html-page-context", _drop_text_launch_links, priority=502)
    app.connect("html-page-context", _fix_page_context, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
