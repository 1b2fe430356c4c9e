"""Tempo de leitura de cada página e o orçamento de tempo do curso.

Uma só regra de contagem, usada na geração do livro (esta extensão), no
``scripts/palavras.py`` (a tabela por capítulo) e nos testes:

- conta como ``wc -w`` (palavras separadas por espaço) o texto-fonte MyST;
- fora da contagem: o cabeçalho YAML, células de código, blocos de código
  (```` ``` ```` e ``~~~``), ``literalinclude``, ``glue``, ``pratique``, rótulos
  ``(nome)=``, comentários ``%`` e ``<!-- -->``;
- **aprofundamento** (leitura opcional): a seção cujo título começa com
  "Aprofundamento" (até o próximo título do mesmo nível ou acima), o bloco
  (``admonition`` ou ``dropdown``) cujo título começa com "Aprofundamento", e a
  página inteira cujo título começa com "Aprofundamento".

Os capítulos da parte "Em produção (além do programa)" (``OPCIONAIS``) ganham a
linha de tempo e a meta por capítulo, mas ficam fora do total do curso e da meta
do núcleo; a tabela do tempo do curso os mostra à parte.

Um capítulo é o arquivo do sumário mais as subpáginas na pasta de mesmo nome
(``book/big-small-data.md`` e ``book/big-small-data/*.md``).

Na geração, cada capítulo e subpágina ganha, logo abaixo do título, uma linha
"Leitura: N min" (e "+ M min de aprofundamento", se houver), com 200 palavras
por minuto, o ritmo de leitura atenta de texto técnico em português. A diretiva
``{tempo-do-curso}`` monta a tabela do orçamento de tempo (leitura, notebook e
exercícios por capítulo) e o papel ``{tempo-total}`` escreve o total, em horas,
calculados pelas funções deste módulo: nenhum tempo é digitado à mão.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PALAVRAS_POR_MINUTO = 200
# Um exercício com correção automática: ler o enunciado, escrever a resposta,
# conferir e, às vezes, pedir a dica. Cinco minutos em média (medido ao resolver
# os exercícios do capítulo 2 do zero: 4 a 7 min cada).
MINUTOS_POR_EXERCICIO = 5
# Uma célula de código do notebook: ler, rodar e olhar a saída.
MINUTOS_POR_CELULA = 0.5
# As dez páginas do roteiro do curso (o "caminho principal"), na ordem do livro.
CAPITULOS = (
    "book/machine-learning",
    "book/pipeline/index",
    "book/pipeline/data-preparation",
    "book/pipeline/model-building",
    "book/pipeline/deployment",
    "book/mlops",
    "book/ops-family",
    "book/big-small-data",
    "book/mlops-tools",
    "book/dataops-tools",
)
# A parte "Em produção (além do programa)": capítulos opcionais, depois de
# "Ferramentas". Cada um tem a linha de tempo de leitura e a meta de palavras por
# capítulo, mas fica fora da meta do núcleo (25.000 palavras) e do total do curso;
# a tabela do tempo do curso os mostra à parte. Capítulo novo da parte: acrescente-o
# aqui (e o notebook dele em NOTEBOOKS).
OPCIONAIS = (
    "book/production/environments",
    "book/production/supply-chain",
    "book/production/rollouts",
    "book/production/observability",
    "book/production/fast-inference",
    "book/production/trust",
    "book/production/lgpd",
    "book/production/time-data",
    "book/production/llmops",
)
# O notebook de cada capítulo (o da página do pipeline é o do capítulo 3.1).
NOTEBOOKS = {
    "book/machine-learning": "notebooks/02-machine-learning",
    "book/pipeline/data-preparation": "notebooks/03-1-data-preparation",
    "book/pipeline/model-building": "notebooks/03-2-model-building",
    "book/pipeline/deployment": "notebooks/03-3-deployment",
    "book/mlops": "notebooks/04-mlops",
    "book/ops-family": "notebooks/05-ops-family",
    "book/big-small-data": "notebooks/06-big-small-data",
    "book/mlops-tools": "notebooks/07-mlops-tools",
    "book/dataops-tools": "notebooks/08-dataops-tools",
    "book/production/environments": "notebooks/09-environments",
    "book/production/supply-chain": "notebooks/10-supply-chain",
    "book/production/rollouts": "notebooks/11-rollouts",
    "book/production/observability": "notebooks/12-observability",
    "book/production/fast-inference": "notebooks/13-fast-inference",
    "book/production/trust": "notebooks/14-trust",
    "book/production/lgpd": "notebooks/15-lgpd",
    "book/production/time-data": "notebooks/16-time-data",
    "book/production/llmops": "notebooks/17-llmops",
}
TEMPOS_DOS_NOTEBOOKS = ROOT / "benchmarks" / "results" / "notebooks.json"

_CERCA = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?\s*(.*)$")
_TITULO = re.compile(r"^(#{1,6})\s+(.*)$")
# Diretivas cujo conteúdo é texto para ler; as demais (código, figuras incluídas
# de arquivo, glue…) ficam fora da contagem.
_DIRETIVAS_DE_TEXTO = {
    "admonition", "note", "tip", "warning", "important", "caution", "attention",
    "hint", "seealso", "dropdown", "exercise", "solution", "figure", "margin",
    "sidebar", "epigraph", "topic", "card", "tab-item", "tab-set", "list-table",
    "table", "glossary", "prf:definition", "prf:example", "div",
}
_OPCIONAL = re.compile(r"^\s*Aprofundamento\b", re.IGNORECASE)


@dataclass(frozen=True)
class Contagem:
    """Palavras de uma página: do caminho principal e de aprofundamento."""

    nucleo: int = 0
    aprofundamento: int = 0

    def __add__(self, outra: Contagem) -> Contagem:
        return Contagem(self.nucleo + outra.nucleo, self.aprofundamento + outra.aprofundamento)


def _sem_cabecalho(texto: str) -> list[str]:
    linhas = texto.splitlines()
    if linhas and linhas[0].strip() == "---":
        for i in range(1, len(linhas)):
            if linhas[i].strip() == "---":
                return linhas[i + 1 :]
    return linhas


def _palavras(linha: str) -> int:
    linha = re.sub(r"<!--.*?-->", " ", linha)
    # Opções de diretiva (":class: dropdown") não são texto.
    if re.match(r"^\s*:[\w-]+:(\s|$)", linha):
        return 0
    return len(linha.split())


class _Contador:
    """Percorre o texto linha a linha, sabendo em que cerca e em que seção está."""

    def __init__(self) -> None:
        self.nucleo = self.opcional = 0
        # Pilha de cercas abertas: (marcador, conta?, opcional?).
        self.cercas: list[tuple[str, bool, bool]] = []
        self.nivel_opcional: int | None = None  # nível do título "Aprofundamento" em curso
        self.em_comentario = False

    def _somar(self, n: int, opcional: bool) -> None:
        if opcional or self.nivel_opcional is not None:
            self.opcional += n
        else:
            self.nucleo += n

    def _cerca(self, cerca: re.Match) -> bool:
        """Abre ou fecha uma cerca; devolve se a linha foi consumida."""
        marcador, diretiva, titulo = cerca.group(2), cerca.group(3), cerca.group(5)
        aberta = self.cercas[-1][0] if self.cercas else ""
        fecha = bool(aberta) and aberta[0] == marcador[0] and len(marcador) >= len(aberta)
        if fecha and not diretiva and not titulo.strip():
            self.cercas.pop()
            return True
        if fecha and not diretiva:
            return False
        nome = (cerca.group(4) or "").lower()
        conta = nome in _DIRETIVAS_DE_TEXTO and not (self.cercas and not self.cercas[-1][1])
        opcional = bool(_OPCIONAL.match(titulo)) or any(c[2] for c in self.cercas)
        self.cercas.append((marcador, conta, opcional))
        if conta and titulo and nome != "figure":
            self._somar(_palavras(titulo), opcional)
        return True

    def _titulo(self, linha: str) -> None:
        titulo = _TITULO.match(linha)
        if not titulo:
            return
        nivel = len(titulo.group(1))
        if self.nivel_opcional is not None and nivel <= self.nivel_opcional:
            self.nivel_opcional = None
        if self.nivel_opcional is None and _OPCIONAL.match(titulo.group(2)):
            self.nivel_opcional = nivel

    def _comentario(self, linha: str) -> bool:
        if self.em_comentario:
            self.em_comentario = "-->" not in linha
            return True
        if linha.lstrip().startswith("<!--") and "-->" not in linha:
            self.em_comentario = True
            return True
        return bool(re.match(r"^\s*\(.+\)=\s*$", linha) or linha.lstrip().startswith("%"))

    def linha(self, linha: str) -> None:
        if self._comentario(linha):
            return
        cerca = _CERCA.match(linha)
        if cerca and self._cerca(cerca):
            return
        if self.cercas and not self.cercas[-1][1]:
            return
        if not self.cercas:
            self._titulo(linha)
        n = _palavras(re.sub(r"^#{1,6}\s", "", linha))
        self._somar(n, bool(self.cercas and self.cercas[-1][2]))


def contar(texto: str) -> Contagem:
    """Conta as palavras de um texto MyST, separando o aprofundamento.

    >>> texto = "# Título\\n\\nUm texto curto.\\n\\n## Aprofundamento: mais\\n\\nQuatro palavras."
    >>> contar(texto)
    Contagem(nucleo=4, aprofundamento=4)
    >>> contar("Antes.\\n```{code-cell} ipython3\\nx = 1 + 2\\n```\\nDepois.")
    Contagem(nucleo=2, aprofundamento=0)
    """
    contador = _Contador()
    for linha in _sem_cabecalho(texto):
        contador.linha(linha)
    return Contagem(contador.nucleo, contador.opcional)


def contar_pagina(caminho: Path) -> Contagem:
    """Conta uma página; se o título dela começa com "Aprofundamento", tudo é opcional."""
    texto = caminho.read_text(encoding="utf-8")
    contagem = contar(texto)
    for linha in _sem_cabecalho(texto):
        titulo = _TITULO.match(linha)
        if titulo and len(titulo.group(1)) == 1:
            if _OPCIONAL.match(titulo.group(2)):
                return Contagem(0, contagem.nucleo + contagem.aprofundamento)
            break
    return contagem


def paginas_do_capitulo(capitulo: str, raiz: Path = ROOT) -> list[Path]:
    """O arquivo do capítulo e as subpáginas na pasta de mesmo nome."""
    arquivo = raiz / f"{capitulo}.md"
    paginas = [arquivo]
    if arquivo.name != "index.md":
        pasta = raiz / capitulo
        if pasta.is_dir():
            paginas += sorted(pasta.glob("*.md"))
    return paginas


def contar_capitulo(capitulo: str, raiz: Path = ROOT) -> Contagem:
    """Soma as palavras do capítulo e das subpáginas."""
    total = Contagem()
    for pagina in paginas_do_capitulo(capitulo, raiz):
        total = total + contar_pagina(pagina)
    return total


def minutos(palavras: int) -> int:
    """Minutos de leitura, arredondados para cima (200 palavras por minuto).

    >>> minutos(0), minutos(1), minutos(200), minutos(201)
    (0, 1, 1, 2)
    """
    return math.ceil(palavras / PALAVRAS_POR_MINUTO)


@dataclass(frozen=True)
class Pratica:
    """O que um notebook pede: texto, células, exercícios e tempo de execução."""

    palavras: int
    celulas: int
    exercicios: int
    execucao_s: float

    @property
    def minutos(self) -> int:
        return math.ceil(
            self.palavras / PALAVRAS_POR_MINUTO
            + self.celulas * MINUTOS_POR_CELULA
            + self.execucao_s / 60
        )

    @property
    def minutos_exercicios(self) -> int:
        return self.exercicios * MINUTOS_POR_EXERCICIO


def _tempos_medidos() -> dict[str, float]:
    if TEMPOS_DOS_NOTEBOOKS.exists():
        return json.loads(TEMPOS_DOS_NOTEBOOKS.read_text(encoding="utf-8"))["segundos"]
    return {}


def pratica(notebook: str, raiz: Path = ROOT) -> Pratica:
    """Conta o notebook do aluno: texto, células e perguntas com ``.check()``."""
    caminho = raiz / f"{notebook}.ipynb"
    nb = json.loads(caminho.read_text(encoding="utf-8"))
    palavras = celulas = 0
    perguntas: set[str] = set()
    for celula in nb["cells"]:
        fonte = "".join(celula["source"])
        if celula["cell_type"] == "markdown":
            palavras += contar(fonte).nucleo
        elif celula["cell_type"] == "code":
            celulas += 1
            perguntas.update(re.findall(r"\b(q\w+)\.check\(\)", fonte))
    execucao = _tempos_medidos().get(Path(notebook).name, 0.0)
    return Pratica(palavras, celulas, len(perguntas), execucao)


def exercicios_do_capitulo(capitulo: str, raiz: Path = ROOT) -> int:
    """Quantos ``{exercise}`` o capítulo (e as subpáginas) propõe."""
    return sum(
        len(re.findall(r"^\s*[`:]{3,}\{exercise\}", p.read_text(encoding="utf-8"), re.MULTILINE))
        for p in paginas_do_capitulo(capitulo, raiz)
    )


@dataclass(frozen=True)
class Orcamento:
    """Tempo de um capítulo, em minutos."""

    capitulo: str
    titulo: str
    leitura: int
    aprofundamento: int
    notebook: int
    exercicios: int

    @property
    def total(self) -> int:
        return self.leitura + self.notebook + self.exercicios


def _titulo(caminho: Path) -> str:
    for linha in _sem_cabecalho(caminho.read_text(encoding="utf-8")):
        titulo = _TITULO.match(linha)
        if titulo and len(titulo.group(1)) == 1:
            return titulo.group(2).strip()
    return caminho.stem


def orcamento(raiz: Path = ROOT, capitulos: tuple[str, ...] = CAPITULOS) -> list[Orcamento]:
    """O orçamento de tempo de cada capítulo do caminho principal (ou de ``capitulos``).

    ``orcamento(capitulos=OPCIONAIS)`` dá o da parte opcional "Em produção".
    """
    linhas = []
    for capitulo in capitulos:
        contagem = contar_capitulo(capitulo, raiz)
        nb = pratica(NOTEBOOKS[capitulo], raiz) if capitulo in NOTEBOOKS else None
        exercicios = exercicios_do_capitulo(capitulo, raiz) + (nb.exercicios if nb else 0)
        linhas.append(
            Orcamento(
                capitulo=capitulo,
                titulo=_titulo(raiz / f"{capitulo}.md"),
                leitura=minutos(contagem.nucleo),
                aprofundamento=minutos(contagem.aprofundamento),
                notebook=nb.minutos if nb else 0,
                exercicios=exercicios * MINUTOS_POR_EXERCICIO,
            )
        )
    return linhas


def horas(minutos_: int) -> str:
    """Horas com meia hora de precisão, com vírgula: ``"7,5"``.

    O empate sobe (3 h 15 min vira "3,5"): melhor sobrar tempo do que faltar.

    >>> horas(440), horas(450), horas(60), horas(195), horas(225)
    ('7,5', '7,5', '1', '3,5', '4')
    """
    meias = math.floor(minutos_ / 30 + 0.5)
    texto = f"{meias / 2:.1f}".replace(".", ",")
    return texto.removesuffix(",0")


def duracao(minutos_: int) -> str:
    """Uma duração exata para a tabela: minutos, ou horas e minutos.

    Exata, e não arredondada a meia hora, para que as colunas da linha de
    total somem o total.

    >>> duracao(0), duracao(45), duracao(60), duracao(195), duracao(610)
    ('0 min', '45 min', '1 h', '3 h 15 min', '10 h 10 min')
    """
    h, m = divmod(minutos_, 60)
    if not h:
        return f"{m} min"
    return f"{h} h" + (f" {m} min" if m else "")


def por_extenso(minutos_: int) -> str:
    """O total para a prosa: meia hora de precisão, ou minutos abaixo de uma hora.

    Um total pequeno (o aprofundamento, por exemplo) não vira "0 horas".

    >>> por_extenso(610), por_extenso(60), por_extenso(40), por_extenso(3)
    ('10 horas', '1 hora', '40 min', '3 min')
    """
    if minutos_ < 60:
        return f"{minutos_} min"
    valor = horas(minutos_)
    return f"{valor} {'hora' if valor == '1' else 'horas'}"


# --- Extensão do Sphinx -----------------------------------------------------

CSS = "leitura.css"


def _pagina_do_capitulo(docname: str) -> bool:
    capitulos = CAPITULOS + OPCIONAIS
    return any(
        docname == capitulo or docname.startswith(capitulo + "/")
        for capitulo in capitulos
        if not capitulo.endswith("/index")
    ) or docname in capitulos


def _linha_de_tempo(app, doctree) -> None:
    """Põe "Leitura: N min" logo abaixo do título de cada página de capítulo."""
    from docutils import nodes

    docname = app.env.docname
    # Seção de aprofundamento ganha uma classe: o CSS a marca como opcional. A
    # subpágina inteira de aprofundamento ganha outra, sem a marca lateral (a linha
    # "Leitura opcional" já diz isso), com o título ajustado à tela do celular.
    for secao in doctree.findall(nodes.section):
        titulo = secao.next_node(nodes.title)
        if titulo is not None and _OPCIONAL.match(titulo.astext()):
            pagina = isinstance(secao.parent, nodes.document)
            secao["classes"].append("pagina-aprofundamento" if pagina else "aprofundamento")
    if not _pagina_do_capitulo(docname):
        return
    contagem = contar_pagina(Path(app.env.doc2path(docname)))
    if contagem.nucleo:
        texto = f"Leitura: cerca de {minutos(contagem.nucleo)} min"
        if contagem.aprofundamento:
            texto += f" (+ {minutos(contagem.aprofundamento)} min de aprofundamento, opcional)"
    else:
        texto = f"Leitura opcional: cerca de {minutos(contagem.aprofundamento)} min"
    secao = next(iter(doctree.findall(nodes.section)), None)
    if secao is None:
        return
    titulo = next(iter(secao.findall(nodes.title)))
    paragrafo = nodes.paragraph(texto, texto, classes=["tempo-de-leitura"])
    secao.insert(secao.index(titulo) + 1, paragrafo)


def _tabela_markdown(linhas: list[Orcamento], origem: str, rotulo: str = "Total") -> str:
    def link(capitulo: str, titulo: str) -> str:
        alvo = "/" + capitulo
        return f"{{doc}}`{titulo} <{alvo}>`"

    cabecalho = (
        "| Capítulo | Leitura | Notebook | Exercícios | Total | Aprofundamento (opcional) |\n"
        "|:--|--:|--:|--:|--:|--:|\n"
    )
    corpo = "".join(
        f"| {link(o.capitulo, o.titulo)} | {o.leitura} min | {o.notebook or '—'}"
        f"{' min' if o.notebook else ''} | {o.exercicios} min | **{o.total} min** "
        f"| {o.aprofundamento or '—'}{' min' if o.aprofundamento else ''} |\n"
        for o in linhas
    )
    soma = sum(o.total for o in linhas)
    rodape = (
        f"| **{rotulo}** | {duracao(sum(o.leitura for o in linhas))} "
        f"| {duracao(sum(o.notebook for o in linhas))} "
        f"| {duracao(sum(o.exercicios for o in linhas))} | **{duracao(soma)}** "
        f"| {duracao(sum(o.aprofundamento for o in linhas))} |\n"
    )
    return cabecalho + corpo + rodape


def _dependencias(env) -> None:
    for capitulo in CAPITULOS + OPCIONAIS:
        for pagina in paginas_do_capitulo(capitulo):
            env.note_dependency(str(pagina))
        if capitulo in NOTEBOOKS:
            env.note_dependency(str(ROOT / f"{NOTEBOOKS[capitulo]}.ipynb"))
    if TEMPOS_DOS_NOTEBOOKS.exists():
        env.note_dependency(str(TEMPOS_DOS_NOTEBOOKS))


def _diretiva():
    from sphinx.util.docutils import SphinxDirective

    class TempoDoCurso(SphinxDirective):
        """A tabela do orçamento de tempo, calculada das fontes do livro."""

        has_content = False

        def run(self):
            from docutils import nodes

            _dependencias(self.env)
            # Cada tabela numa caixa com classe própria: no celular, o CSS (leitura.css)
            # empilha cada linha (o capítulo em cima, os minutos embaixo) em vez de rolar
            # para o lado.
            def caixa(texto):
                bloco = nodes.container(classes=["tempo-do-curso"])
                bloco.extend(self.parse_text_to_nodes(texto))
                return bloco

            saida = [caixa(_tabela_markdown(orcamento(), self.env.docname))]
            if OPCIONAIS:
                saida.extend(self.parse_text_to_nodes(
                    "Fora do total, a parte **Em produção (opcional)**, além do programa "
                    "do curso:"))
                saida.append(caixa(_tabela_markdown(orcamento(capitulos=OPCIONAIS),
                                                    self.env.docname, "Total (opcional)")))
            return saida

    return TempoDoCurso


_TOTAIS = {
    "curso": lambda linhas: sum(o.total for o in linhas),
    # A parte opcional "Em produção": o total dos capítulos de OPCIONAIS.
    "em-producao": lambda _: sum(o.total for o in orcamento(capitulos=OPCIONAIS)),
    "leitura": lambda linhas: sum(o.leitura for o in linhas),
    "notebooks": lambda linhas: sum(o.notebook for o in linhas),
    "exercicios": lambda linhas: sum(o.exercicios for o in linhas),
    "aprofundamento": lambda linhas: sum(o.aprofundamento for o in linhas),
}


def _papel_tempo_total(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{tempo-total}`curso``` vira "9,5 horas" (também: leitura, notebooks…).

    Abaixo de uma hora, o total sai em minutos ("40 min"), nunca "0 horas".
    """
    from docutils import nodes

    chave = text.strip() or "curso"
    if chave not in _TOTAIS:
        msg = inliner.reporter.error(
            f"tempo-total: use um de {sorted(_TOTAIS)}, e não {chave!r}.", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    _dependencias(inliner.document.settings.env)
    return [nodes.Text(por_extenso(_TOTAIS[chave](orcamento())))], []


def setup(app):
    app.connect("doctree-read", _linha_de_tempo)
    app.add_directive("tempo-do-curso", _diretiva())
    app.add_role("tempo-total", _papel_tempo_total)
    app.add_css_file(CSS)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
