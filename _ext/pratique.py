"""A caixa "Pratique": cada capítulo ligado ao seu notebook, e o notebook ao capítulo.

Num capítulo, logo depois dos objetivos e no fim::

    ```{pratique} ../notebooks/02-machine-learning
    ```

vira uma caixa com o título "Pratique", um link para a página do notebook (uma
referência cruzada de verdade: notebook movido ou renomeado é erro na geração)
e os botões "Abrir no Binder" e "Abrir no Colab". O endereço dos botões sai do
``_config.yml`` (``repository``: ``url`` e ``branch``; ``launch_buttons``:
``binderhub_url``, ``colab_url`` e ``notebook_interface``), nunca de um
endereço escrito aqui. O conteúdo da diretiva, se houver, entra na caixa.

A diretiva também anota, no ambiente do Sphinx, de que capítulo cada notebook
é a prática. Na página do notebook, uma transformação põe logo abaixo do
título "Capítulo deste notebook: <link>", sem tocar no ``.ipynb``. Notebook
do sumário sem capítulo, ou com dois capítulos, é aviso (e aviso derruba a
geração com ``-W``).

Na página inicial, ```` ```{comece-aqui} ../notebooks/02-machine-learning ``` ````
(com ``:capitulo:``, o primeiro capítulo a ler) gera os três passos para
começar: ler aqui, rodar na nuvem (os mesmos botões) e rodar no computador
(o ``git clone`` do repositório e os dois comandos do README).

Os botões são links comuns com o estilo de ``_static/pratique.css``: nenhuma
imagem ou selo de outro site.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[1]
CSS = "pratique.css"
# De qual capítulo cada notebook é a prática: {docname do notebook: docname do capítulo}.
ENV_KEY = "pratique_capitulos"
# Como o sphinx-book-theme abre o notebook no Binder, conforme a interface escolhida.
INTERFACES = {"classic": "tree", "jupyterlab": "lab/tree"}

logger = logging.getLogger(__name__)


def _mapa(env) -> dict[str, str]:
    if not hasattr(env, ENV_KEY):
        setattr(env, ENV_KEY, {})
    return getattr(env, ENV_KEY)


def launch_urls(config, caminho: str) -> dict[str, str]:
    """Os endereços do Binder e do Colab para um arquivo do repositório.

    Parameters
    ----------
    config : sphinx.config.Config ou objeto com ``html_theme_options``
        A configuração do Sphinx, que o Jupyter Book monta a partir do
        ``_config.yml`` (``repository_url``, ``repository_branch``,
        ``path_to_docs`` e ``launch_buttons``).
    caminho : str
        O arquivo, relativo à pasta do livro (``notebooks/04-mlops.ipynb``).

    Returns
    -------
    dict
        ``{"Binder": url, "Colab": url}``, só com os serviços configurados.

    Raises
    ------
    ValueError
        Se o repositório não for um endereço do GitHub.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> config = SimpleNamespace(html_theme_options={
    ...     "repository_url": "https://github.com/org/curso", "repository_branch": "main",
    ...     "launch_buttons": {"binderhub_url": "https://mybinder.org/",
    ...                        "colab_url": "https://colab.research.google.com",
    ...                        "notebook_interface": "jupyterlab"}})
    >>> urls = launch_urls(config, "notebooks/04-mlops.ipynb")
    >>> urls["Binder"]
    'https://mybinder.org/v2/gh/org/curso/main?urlpath=lab/tree/notebooks/04-mlops.ipynb'
    >>> urls["Colab"]
    'https://colab.research.google.com/github/org/curso/blob/main/notebooks/04-mlops.ipynb'
    """
    opcoes = config.html_theme_options
    url = str(opcoes.get("repository_url") or "")
    partes = urlsplit(url)
    dono_repo = partes.path.strip("/").removesuffix(".git").split("/")
    if partes.hostname not in {"github.com", "www.github.com"} or len(dono_repo) != 2:
        raise ValueError(
            f"repository.url no _config.yml ({url!r}) não é o endereço de um repositório "
            "do GitHub (https://github.com/dono/repositorio): os botões do Binder e do "
            "Colab precisam dele.")
    dono, repo = dono_repo
    ramo = opcoes.get("repository_branch") or "main"
    pasta = str(opcoes.get("path_to_docs") or "").strip("/")
    arquivo = f"{pasta}/{caminho}" if pasta else caminho
    lancar = opcoes.get("launch_buttons") or {}
    interface = INTERFACES.get(lancar.get("notebook_interface", "classic"), "tree")
    urls = {}
    if binder := str(lancar.get("binderhub_url") or "").rstrip("/"):
        urls["Binder"] = f"{binder}/v2/gh/{dono}/{repo}/{ramo}?urlpath={interface}/{arquivo}"
    if colab := str(lancar.get("colab_url") or "").rstrip("/"):
        urls["Colab"] = f"{colab}/github/{dono}/{repo}/blob/{ramo}/{arquivo}"
    return urls


def _doc_xref(alvo: str, refdoc: str, texto: str | None = None) -> addnodes.pending_xref:
    """Referência ``{doc}``: se a página não existir, a geração avisa (e falha com -W)."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=alvo,
                                refdoc=refdoc, refexplicit=texto is not None, refwarn=True)
    ref += nodes.inline(texto or alvo, texto or alvo)
    return ref


class _NotebookDirective(SphinxDirective):
    """O que as duas diretivas têm em comum: o notebook do argumento e os botões."""

    required_arguments = 1

    def notebook(self) -> tuple[str, str] | None:
        """O docname do notebook e o seu caminho no repositório (ou None, com aviso)."""
        docname = docname_join(self.env.docname, self.arguments[0])
        if docname not in self.env.found_docs:
            logger.warning(
                f"{self.name}: a página {self.arguments[0]!r} ({docname}) não está no "
                "livro: confira o caminho (relativo a este arquivo, sem extensão) e o _toc.yml.",
                location=self.get_location())
            return None
        caminho = Path(self.env.doc2path(docname, False)).as_posix()
        if not caminho.endswith(".ipynb"):
            logger.warning(
                f"{self.name}: {caminho} não é um notebook (.ipynb): o Binder e o Colab "
                "abrem notebooks.", location=self.get_location())
            return None
        return docname, caminho

    def buttons(self, caminho: str) -> list[nodes.Node]:
        try:
            urls = launch_urls(self.config, caminho)
        except ValueError as erro:
            logger.warning(str(erro), location=self.get_location())
            return []
        for servico, chave in (("Binder", "binderhub_url"), ("Colab", "colab_url")):
            if servico not in urls:
                logger.warning(f"launch_buttons.{chave} não está no _config.yml: "
                               f"a caixa fica sem o botão do {servico}.",
                               location=self.get_location())
        botoes = nodes.paragraph(classes=["pratique-botoes"])
        for i, (servico, url) in enumerate(urls.items()):
            if i:
                botoes += nodes.Text(" ")
            texto = f"Abrir no {servico}"
            botoes += nodes.reference(
                texto, texto, refuri=url,
                classes=["pratique-botao", f"pratique-botao-{servico.lower()}"])
        return [botoes]


class PratiqueDirective(_NotebookDirective):
    """```{pratique} ../notebooks/NN-nome```: a caixa que leva do capítulo ao notebook."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        achado = self.notebook()
        if achado is None:
            return []
        docname, caminho = achado
        self._registrar(docname)
        caixa = nodes.admonition(classes=["pratique"])
        self.set_source_info(caixa)
        caixa += nodes.title("Pratique", "Pratique")
        link = nodes.paragraph(classes=["pratique-notebook"])
        link += nodes.Text("Notebook deste capítulo: ")
        link += _doc_xref(self.arguments[0], self.env.docname)
        caixa += link
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, caixa)
        caixa += self.buttons(caminho)
        return [caixa]

    def _registrar(self, notebook: str) -> None:
        mapa = _mapa(self.env)
        capitulo = mapa.setdefault(notebook, self.env.docname)
        if capitulo != self.env.docname:
            logger.warning(
                f"pratique: o notebook {notebook} já é a prática de {capitulo}; cada "
                "notebook volta para um capítulo só.", location=self.get_location())


class ComeceAquiDirective(_NotebookDirective):
    """```{comece-aqui} ../notebooks/NN-nome```: os três passos da página inicial."""

    option_spec = {"capitulo": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        achado = self.notebook()
        if achado is None:
            return []
        _, caminho = achado
        passos = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".",
                                       classes=["comece-aqui"])
        self.set_source_info(passos)
        passos += self._ler()
        passos += self._nuvem(caminho)
        passos += self._computador()
        return [passos]

    def _passo(self, titulo: str, *partes: nodes.Node | str) -> tuple[nodes.list_item,
                                                                     nodes.paragraph]:
        item = nodes.list_item()
        texto = nodes.paragraph()
        texto += nodes.strong(titulo, titulo)
        for parte in partes:
            texto += nodes.Text(parte) if isinstance(parte, str) else parte
        item += texto
        return item, texto

    def _ler(self) -> nodes.list_item:
        partes: list[nodes.Node | str] = [
            " Este site é o livro inteiro, com o texto, o código e as saídas de cada "
            "capítulo. "]
        if capitulo := self.options.get("capitulo"):
            partes += ["Comece por ", _doc_xref(capitulo, self.env.docname), " e siga "]
        else:
            partes += ["Siga "]
        partes += ["o sumário: cada capítulo abre e fecha com uma caixa “Pratique”, "
                   "que leva ao notebook dele."]
        return self._passo("Leia on-line.", *partes)[0]

    def _nuvem(self, caminho: str) -> nodes.list_item:
        item, _ = self._passo(
            "Rode no Binder ou no Colab.",
            " Sem instalar nada, abra o primeiro notebook prático, ",
            _doc_xref(self.arguments[0], self.env.docname),
            ", num JupyterLab na nuvem (o Binder não pede conta) ou no Google Colab "
            "(pede uma conta Google).")
        item += self.buttons(caminho)
        return item

    def _computador(self) -> nodes.list_item:
        item, _ = self._passo(
            "Rode no seu computador.",
            f" Com Python {_python_minimo()} ou mais novo, o Git e o ",
            nodes.literal("make", "make"),
            ", clone o repositório e, na pasta dele, rode os dois comandos:")
        url = str(self.config.html_theme_options.get("repository_url") or "").rstrip("/")
        if not url:
            logger.warning("repository.url não está no _config.yml: o passo 3 fica sem "
                           "o git clone.", location=self.get_location())
        pasta = url.rsplit("/", 1)[-1].removesuffix(".git")
        linhas = [f"git clone {url}", f"cd {pasta}"] if url else []
        linhas += ["make book   # cria o .venv, instala tudo e gera o livro em _build/html",
                   "make test   # roda todos os testes do curso"]
        codigo = "\n".join(linhas)
        bloco = nodes.literal_block(codigo, codigo, language="bash")
        self.set_source_info(bloco)
        item += bloco
        return item


def _python_minimo() -> str:
    """A versão mínima do Python, lida do ``requires-python`` do ``pyproject.toml``."""
    with (ROOT / "pyproject.toml").open("rb") as arquivo:
        requer = tomllib.load(arquivo)["project"]["requires-python"]
    return requer.removeprefix(">=").strip()


class VoltaAoCapitulo(SphinxPostTransform):
    """Na página de um notebook, "Capítulo deste notebook: <link>" logo abaixo do título.

    Roda antes do ``ReferencesResolver`` (prioridade 10), que resolve o link.
    """

    default_priority = 5

    def run(self, **kwargs) -> None:
        capitulo = _mapa(self.env).get(self.env.docname)
        if capitulo is None:
            return
        titulo = self.env.titles[capitulo].astext()
        numero = self.env.toc_secnumbers.get(capitulo, {}).get("")
        if numero:
            titulo = ".".join(map(str, numero)) + ". " + titulo
        nota = nodes.paragraph(classes=["pratique-capitulo"])
        nota += nodes.Text("Capítulo deste notebook: ")
        nota += _doc_xref("/" + capitulo, self.env.docname, titulo)
        secao = next(iter(self.document.findall(nodes.section)), None)
        if secao is not None and secao.children and isinstance(secao[0], nodes.title):
            secao.insert(1, nota)
        else:
            self.document.insert(0, nota)


def _purge(app, env, docname: str) -> None:
    mapa = _mapa(env)
    for notebook in [nb for nb, cap in mapa.items() if cap == docname]:
        del mapa[notebook]


def _merge(app, env, docnames, other) -> None:
    for notebook, capitulo in _mapa(other).items():
        if capitulo in docnames:
            _mapa(env)[notebook] = capitulo


def _notebooks(env) -> list[str]:
    return sorted(d for d in env.found_docs if str(env.doc2path(d, False)).endswith(".ipynb"))


def _outdated(app, env, added, changed, removed) -> list[str]:
    """Capítulo mudou: as páginas dos notebooks são refeitas (o link de volta pode mudar)."""
    notebooks = set(_notebooks(env))
    if (set(added) | set(changed) | set(removed)) - notebooks:
        return sorted(notebooks)
    return []


def _check(app, env) -> None:
    """Todo notebook do sumário volta para um capítulo."""
    mapa = _mapa(env)
    for notebook in _notebooks(env):
        if notebook not in mapa:
            logger.warning(
                f"pratique: nenhum capítulo tem a caixa Pratique do notebook {notebook}; "
                f"ponha ```{{pratique}} <caminho de {notebook}>``` no início e no fim do "
                "capítulo dele.", location=notebook)


def _add_css(app) -> None:
    # O Jupyter Book já põe em toda página cada .css do _static da raiz; fora dele
    # (um sphinx-build direto), a extensão registra a sua folha de estilo.
    nomes = [c[0] if isinstance(c, tuple) else c for c in app.config.html_css_files]
    if CSS not in nomes:
        app.add_css_file(CSS)


def setup(app):
    app.add_directive("pratique", PratiqueDirective)
    app.add_directive("comece-aqui", ComeceAquiDirective)
    app.add_post_transform(VoltaAoCapitulo)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-check-consistency", _check)
    app.connect("builder-inited", _add_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
