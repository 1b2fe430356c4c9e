"""O livro gerado como quem lê o vê: o site servido no loopback e o Chromium do Debian.

Os testes daqui precisam do livro já gerado (``make book`` ou o ``$(JB)`` do
``make test``) e do Chromium do sistema (``apt-get install chromium``); nunca
baixam um navegador. Variáveis de ambiente:

- ``MLOPS_LAB_HTML``: pasta do site (padrão: ``_build/html``);
- ``MLOPS_LAB_CHROMIUM``: o executável (padrão: ``/usr/bin/chromium``);
- ``MLOPS_LAB_ARTIFACTS``: onde gravar capturas de tela e o relatório de peso
  (padrão: ``test-artifacts/browser``).

Sem o livro ou sem o Chromium, os testes são pulados com o que fazer; na CI
(``CI=true``) isso é erro: lá eles nunca pulam.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML_DIR = Path(os.environ.get("MLOPS_LAB_HTML", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("MLOPS_LAB_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("MLOPS_LAB_ARTIFACTS", ROOT / "test-artifacts" / "browser"))
IN_CI = os.environ.get("CI") == "true"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Headless e sem nenhum tráfego próprio do navegador (atualizações,
# sincronização, telemetria): a máquina só alcança o loopback.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    "--no-default-browser-check", "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 860}
# A janela de um notebook comum, em que as saídas de célula são medidas (test_outputs.py).
JANELA = {"width": 1366, "height": 900}

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
PHONE_WIDTH = 375


def site_pages() -> list[str]:
    """Todas as páginas HTML do site, como caminhos relativos (``book/mlops.html``)."""
    if not HTML_DIR.is_dir():
        return []
    return sorted(
        p.relative_to(HTML_DIR).as_posix()
        for p in HTML_DIR.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(p.relative_to(HTML_DIR).parts)
    )


def _missing(what: str, how: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} Na CI os testes do navegador não podem ser pulados. {how}")
    pytest.skip(f"{what} {how}")


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML_DIR / "book" / "index.html").exists():
        _missing(f"O livro não foi gerado em {HTML_DIR}.",
                 "Gere-o com `make book` (ou aponte MLOPS_LAB_HTML para o site).")
    return HTML_DIR


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - assinatura da classe-mãe
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        import sys

        # O navegador cancela downloads ao trocar de página: conexão fechada no meio
        # não é erro do site (e o traceback só poluiria o log do make test).
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site(html_dir) -> str:
    """O site num servidor HTTP de verdade em 127.0.0.1, numa porta livre."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(html_dir):
    if not Path(CHROMIUM).exists():
        _missing(f"O Chromium não está em {CHROMIUM}.",
                 "Instale-o com `sudo apt-get install chromium` (ou `bash scripts/system-deps.sh` "
                 "como root), ou aponte MLOPS_LAB_CHROMIUM para o executável.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        navegador = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield navegador
        finally:
            navegador.close()


class OffsiteGuard:
    """Barra (e anota) toda requisição que não vá para o loopback."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        partes = urlsplit(url)
        if partes.scheme in {"data", "blob", "about"} or partes.hostname in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def guard() -> OffsiteGuard:
    return OffsiteGuard()


@pytest.fixture(scope="session")
def context(browser, guard):
    """Um contexto só para a sessão inteira (cache do navegador reaproveitado)."""
    contexto = browser.new_context(viewport=DESKTOP, locale="pt-BR",
                                   service_workers="block")
    contexto.route("**/*", guard)
    # Folga para máquinas ocupadas (o axe leva dezenas de segundos nas páginas grandes).
    contexto.set_default_timeout(120_000)
    try:
        yield contexto
    finally:
        contexto.close()


def coletar_erros(aba):
    """Faz ``aba.console_errors`` juntar os erros do console, exceções e respostas 4xx/5xx."""
    aba.console_errors = []
    aba.on("console", lambda msg: aba.console_errors.append(msg.text)
           if msg.type == "error" else None)
    aba.on("pageerror", lambda exc: aba.console_errors.append(f"exceção: {exc}"))
    aba.on("response", lambda r: aba.console_errors.append(f"HTTP {r.status}: {r.url}")
           if r.status >= 400 else None)
    return aba


@pytest.fixture
def page(context):
    """Uma aba nova por teste, que junta os erros do console."""
    aba = coletar_erros(context.new_page())
    try:
        yield aba
    finally:
        aba.close()


def pytest_sessionstart(session):
    """O relatório de peso de uma execução anterior não vale para esta."""
    if not hasattr(session.config, "workerinput"):  # só no processo principal
        (ARTIFACTS / "peso.json").unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
    """Mostra, no fim da execução, a página mais pesada (medida no navegador).

    O relatório vem do arquivo que ``test_heaviest_page_report`` grava: com
    ``-n 2``, o teste roda num processo auxiliar, não no que escreve o resumo.
    """
    import json

    relatorio = ARTIFACTS / "peso.json"
    if relatorio.is_file():
        terminalreporter.section("peso das páginas do livro")
        for linha in json.loads(relatorio.read_text(encoding="utf-8"))["resumo"]:
            terminalreporter.write_line(linha)


# Frases do tema que, se aparecerem, ficaram em inglês. As curtas só contam
# quando são o texto ou o atributo inteiro ("Dark", "Main"); as longas, em
# qualquer lugar (mas fora do texto dos capítulos, que pode citar inglês).
ENGLISH_EXACT = {
    "Back to top", "Skip to main content", "Suggest edit", "Launch", "Open issue",
    "Open an issue", "Repository", "Source repository", "Source repositories", "Live Code",
    "Launch Thebe", "Launch interactive content", "Launch on Binder", "Launch on Colab",
    "On this page", "Site navigation", "Toggle primary sidebar", "Toggle secondary sidebar",
    "Color mode", "System Settings", "Light", "Dark", "previous page", "next page",
    "previous", "next", "Download this page", "Download source file",
    "Download notebook file", "Print to PDF", "Fullscreen mode", "Contents", "Copy",
    "Copy to clipboard", "Copied!", "Failed to copy", "Version warning", "Breadcrumb",
    "Section Navigation", "Edit this page", "Main", "Page", "Search", "Binder logo",
    "Colab logo", "Table of contents", "Click to show", "Click to hide", "Home", "Error",
    "Show Source", "Announcement", "Search Results", "Searching", "Toggle hidden content",
}
ENGLISH_PHRASES = (
    "Search this book", "Launch on", "Skip to main", "Back to top", "Toggle ",
    "Click to ", "Copy to clipboard", "Please activate JavaScript", "Search finished",
    "Preparing search", "Your search did not match",
)

# Texto e atributos que quem lê vê (ou ouve num leitor de tela), fora do
# artigo; do artigo, só os atributos dos controles que o tema põe lá.
COLLECT_UI_STRINGS = """
() => {
  const attrs = ["title", "aria-label", "placeholder", "alt", "data-bs-title", "data-tooltip",
                 "data-bs-original-title"];
  const found = [];
  const hidden = (el) => el.closest(".onlyprint, script, style, template, noscript");
  for (const el of document.querySelectorAll("*")) {
    if (hidden(el)) continue;
    const inArticle = el.closest("article.bd-article");
    const control = el.closest(".copybtn, .toggle-button, .headerlink, .dropdown-toggle, summary");
    if (inArticle && !control) continue;
    for (const a of attrs) {
      const v = el.getAttribute(a);
      if (v) found.push([a, v.trim()]);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || hidden(el) || el.closest("article.bd-article")) continue;
    const t = n.textContent.trim();
    if (t) found.push(["texto", t]);
  }
  for (const t of document.querySelectorAll("svg title")) {
    if (!hidden(t) && t.textContent.trim()) found.push(["svg title", t.textContent.trim()]);
  }
  return found;
}
"""

# Elementos que passam da largura da janela (para explicar uma rolagem lateral).
WIDE_ELEMENTS = """
() => {
  const largura = document.documentElement.clientWidth;
  const largos = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > largura + 1) {
      let p = el.parentElement, contido = false;
      while (p && p !== document.body) {
        const s = getComputedStyle(p);
        if (["auto", "scroll", "hidden", "clip"].includes(s.overflowX)) { contido = true; break; }
        p = p.parentElement;
      }
      const classes = typeof el.className === "string" ? el.className.trim() : "";
      if (!contido) largos.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (classes ? "." + classes.split(/\\s+/).join(".") : "") +
        " (" + Math.round(r.right) + " px)");
    }
    if (largos.length >= 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: largura, largos};
}
"""

PAGE_BYTES = """
() => {
  const entradas = [...performance.getEntriesByType("navigation"),
                    ...performance.getEntriesByType("resource")];
  return entradas.map(e => [e.name, e.decodedBodySize || e.encodedBodySize || 0]);
}
"""

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# A regra de contraste é 80% do tempo do axe (9 s de 10 na maior página). O resultado dela
# só depende, para cada texto, da cor, do fundo (as camadas até a primeira opaca), do
# tamanho e do peso da fonte, da sombra e da opacidade. Por isso o axe roda as outras
# regras na página inteira e a de contraste só nos elementos cuja combinação de estilo
# ainda não foi aprovada nesta execução (``TEXT_STYLES`` os marca com
# ``data-contraste-novo``): a primeira página de cada tipo, um DataFrame colorido, um
# bloco novo do tema...
AXE_WITHOUT_CONTRAST = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
AXE_ONLY_CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast"]},
                     "resultTypes": ["violations"]}
NEW_STYLE_CONTEXT = {"include": [["[data-contraste-novo]"]]}
TEXT_STYLES = r"""
(aprovados) => {
  const ja = new Set(aprovados);
  const estilos = new Set();
  const transparente = (c) => c === "transparent" || /^rgba\(.*,\s*0\)$/.test(c);
  const fundo = (el) => {
    const camadas = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== "none") camadas.push(s.backgroundImage);
      if (!transparente(s.backgroundColor)) {
        camadas.push(s.backgroundColor);
        if (!s.backgroundColor.startsWith("rgba")) break;
      }
    }
    return camadas.join(" > ");
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || el.closest("script, style, template, noscript")) continue;
    const s = getComputedStyle(el);
    let opacidade = 1;
    for (let e = el; e; e = e.parentElement) opacidade *= parseFloat(getComputedStyle(e).opacity);
    const estilo = [s.color, fundo(el), s.fontSize, s.fontWeight, s.textShadow,
                    opacidade.toFixed(3)].join(" | ");
    estilos.add(estilo);
    if (!ja.has(estilo)) el.setAttribute("data-contraste-novo", "");
  }
  return [...estilos];
}
"""


def english_strings(found: list[list[str]]) -> list[str]:
    ruins = []
    for onde, valor in found:
        if valor in ENGLISH_EXACT or any(frase in valor for frase in ENGLISH_PHRASES):
            ruins.append(f"{onde}={valor!r}")
    return sorted(set(ruins))


# As referências: cada item da lista (página de referências), e cada citação no
# texto com a sua dica (o title que aparece ao passar o mouse, ou a do Bootstrap).
COLLECT_REFERENCES = """
() => {
  const found = [];
  const artigo = document.querySelector("article.bd-article");
  if (!artigo) return found;
  for (const item of artigo.querySelectorAll("div.citation")) {
    const rotulo = item.querySelector(".label");
    found.push(["referência " + (rotulo ? rotulo.textContent.trim() : item.id),
                item.textContent.trim()]);
  }
  for (const a of artigo.querySelectorAll(".bibtex-citation a")) {
    // textContent, não innerText: a citação pode estar num bloco fechado (solução).
    const texto = a.textContent.trim();
    const dica = a.getAttribute("title") || a.getAttribute("data-bs-original-title") || "";
    found.push(["citação", texto]);
    found.push(["dica da citação [" + texto + "]", dica.trim()]);
  }
  return found;
}
"""
# O que os estilos do pybtex escrevem em inglês ("and" entre autores, "In",
# "pages", "edition", "(visited on ...)", "n.d.", os meses...). Confere-se o texto
# da referência sem os dados do .bib (títulos, revistas, notas, nomes, endereços),
# que podem estar em inglês. "In:" (sem ponto, com dois-pontos) é a forma da
# ABNT (NBR 6023), em latim: não conta.
ENGLISH_REFERENCE_WORDS = re.compile(
    r"\b(?:and|of|in|pages?|edition|editors?|[Vv]olume|[Nn]umber|chapter|Technical Report"
    r"|PhD thesis|Master's thesis|visited on|URL|In(?!:)"
    r"|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\bn\.d\.")
# Campos do .bib cujo texto vai para a referência como está.
BIB_TEXT_FIELDS = ("title", "booktitle", "journal", "howpublished", "note", "publisher",
                   "address", "school", "institution", "organization", "series", "type",
                   "isbn", "url", "doi")


@functools.cache
def bib_texts() -> tuple[str, ...]:
    """Os textos que vêm do .bib (títulos, notas, nomes...), do maior para o menor."""
    import yaml
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin
    from pybtex.richtext import Text

    # Um backend só: render_as("text") procura o plugin (e lê os metadados de
    # todos os pacotes instalados) a cada chamada.
    texto_puro = find_plugin("pybtex.backends", "text")()

    def texto(valor: str) -> str:
        return Text.from_latex(valor).render(texto_puro).replace("\xa0", " ")

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    textos = set()
    for arquivo in config["bibtex_bibfiles"]:
        for entrada in parse_file(ROOT / arquivo).entries.values():
            for nome in BIB_TEXT_FIELDS:
                if nome in entrada.fields:
                    valor = entrada.fields[nome]
                    textos.add(valor if nome in ("url", "doi") else texto(valor))
            for pessoas in entrada.persons.values():
                for p in pessoas:
                    textos.add(texto(" ".join(p.first_names + p.middle_names
                                              + p.prelast_names + p.last_names)))
    return tuple(sorted((t for t in textos if t.strip()), key=len, reverse=True))


def english_in_references(found: list[list[str]]) -> list[str]:
    """Palavras em inglês que sobram nas referências tirando os dados do .bib."""
    ruins = []
    for onde, valor in found:
        resto = " ".join(valor.replace("\xa0", " ").split())
        for dado in bib_texts():
            resto = resto.replace(dado, " ")
        palavras = sorted({m.group() for m in ENGLISH_REFERENCE_WORDS.finditer(resto)})
        if palavras or not valor:
            ruins.append(f"{onde}: {', '.join(palavras) or 'sem texto'} em {valor!r}")
    return sorted(set(ruins))


class PageReport:
    """O que uma visita a uma página revelou (cada página é visitada uma vez só)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.status: int | None = None
        self.console_errors: list[str] = []
        self.offsite: list[str] = []
        self.axe_violations: list[dict] = []
        self.new_text_styles = 0  # combinações de estilo que o contraste conferiu aqui
        self.english: list[str] = []
        self.phone: dict = {}
        self.resources: list[tuple[str, int]] = []
        self.url = path  # o destino, depois de um redirecionamento (o index.html da raiz)
        self.outputs: list[dict] = []  # as saídas de célula medidas na JANELA

    @property
    def bytes(self) -> int:
        return sum(tamanho for _, tamanho in self.resources)


@pytest.fixture(scope="session")
def visit(context, site, guard):
    """Visita uma página (uma vez por sessão) e guarda tudo o que os testes conferem.

    ``visit(path, axe_audit=False)`` não roda o axe (o mais demorado: dezenas de segundos
    nas páginas grandes); quem precisa dele pede ``axe_audit=True`` (o padrão) e a página é
    auditada uma vez só.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    visitas: dict[str, PageReport] = {}
    auditadas: set[str] = set()
    contrastes_aprovados: set[str] = set()  # combinações de estilo que o axe já aprovou

    def _visit(path: str, axe_audit: bool = True) -> PageReport:
        if path in visitas and (path in auditadas or not axe_audit):
            return visitas[path]
        rel = PageReport(path)
        aba = context.new_page()
        erros: list[str] = []
        aba.on("console", lambda msg: erros.append(msg.text) if msg.type == "error" else None)
        aba.on("pageerror", lambda exc: erros.append(f"exceção: {exc}"))
        aba.on("response", lambda r: erros.append(f"HTTP {r.status}: {r.url}")
               if r.status >= 400 else None)
        guard.blocked.clear()
        try:
            resposta = aba.goto(site + path, wait_until="load")
            rel.status = resposta.status if resposta else None
            aba.wait_for_load_state("networkidle")
            rel.resources = [tuple(e) for e in aba.evaluate(PAGE_BYTES)]
            rel.english = (english_strings(aba.evaluate(COLLECT_UI_STRINGS))
                           + english_in_references(aba.evaluate(COLLECT_REFERENCES)))
            rel.offsite = list(guard.blocked)
            # O que o axe faz depois (ele relê as folhas de estilo e resolve mal
            # o @import relativo do tema) não é o que quem lê carrega.
            rel.console_errors = list(erros)
            if axe_audit:
                estilos = set(aba.evaluate(TEXT_STYLES, sorted(contrastes_aprovados)))
                violacoes = axe.run(aba, options=AXE_WITHOUT_CONTRAST).response["violations"]
                rel.new_text_styles = len(estilos - contrastes_aprovados)
                if rel.new_text_styles:
                    violacoes += axe.run(aba, context=NEW_STYLE_CONTEXT,
                                         options=AXE_ONLY_CONTRAST).response["violations"]
                rel.axe_violations = [
                    {"id": v["id"], "impact": v["impact"], "help": v["help"],
                     "alvos": [", ".join(map(str, n["target"])) for n in v["nodes"][:5]],
                     "nos": len(v["nodes"])}
                    for v in violacoes
                ]
                if not any(v["id"] == "color-contrast" for v in violacoes):
                    contrastes_aprovados.update(estilos)
                auditadas.add(path)
            rel.url = aba.url.removeprefix(site).split("#")[0].split("?")[0]
            aba.set_viewport_size(JANELA)
            aba.wait_for_timeout(100)  # o tema reage ao tamanho novo
            rel.outputs = aba.evaluate(MEDIR_SAIDAS)
            aba.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
            aba.wait_for_timeout(150)
            rel.phone = aba.evaluate(WIDE_ELEMENTS)
        finally:
            aba.close()
        visitas[path] = rel
        return rel

    return _visit


#: Arquivos cujos testes por página usam a mesma visita (``visit``).
POR_PAGINA = ("test_pages.py", "test_weight.py", "test_outputs.py")


@pytest.hookimpl(optionalhook=True)  # sem o xdist (-p no:xdist), o gancho não existe
def pytest_xdist_make_scheduler(config, log):
    """Com ``-n 2`` (make test), os testes de uma mesma página vão para o mesmo processo.

    (Os de ``test_pages.py``, ``test_weight.py`` e ``test_outputs.py``, que medem a
    mesma visita.)

    Assim cada página é aberta e auditada pelo axe uma vez só, e as páginas se
    dividem entre os dois navegadores. (O ``--dist loadgroup`` faria isso, mas
    não agrupa com o pytest 9: pytest-dev/pytest-xdist#1386.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class PorPagina(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if any(f"{arquivo}::" in nodeid for arquivo in POR_PAGINA) and nodeid.endswith("]"):
                return "página " + nodeid[nodeid.index("[") + 1:-1]
            return nodeid  # os demais testes, um a um, como no --dist load

    return PorPagina(config, log)
