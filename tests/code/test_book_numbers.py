"""Números no texto dos capítulos: o que uma célula calcula é colado (glue), nunca digitado.

O teste lê as fontes MyST de todas as páginas do livro (``book/**/*.md``: capítulos,
subpáginas e o glossário em ``book/_glossary/*.md``),
fica só com a prosa (sem células de código, blocos cercados, código em linha,
papéis como ``{glue:text}`` e opções de diretivas) e procura números com vírgula
decimal ("3,44", "1.250,50"). Cada um precisa estar em ``book/numeros-fixos.txt``,
a lista curta de números que são definições, exemplos ou fatos citados, e não
resultados de uma célula. Um resultado digitado à mão fica velho na próxima
execução e passa a contradizer a saída impressa logo acima dele.
"""

import re
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
LIVRO = RAIZ / "book"
LISTA = LIVRO / "numeros-fixos.txt"

# Um número com vírgula decimal, com ou sem ponto de milhar: 0,25; 3,44; 1.250,50.
NUMERO = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+,\d+(?!\d)|(?<![\w.,])\d+,\d+(?!\d)")
# Abertura de um bloco cercado: ``` ou ~~~ (três ou mais), com ou sem diretiva.
CERCA = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?\s*(.*)$")
# Diretivas cujo conteúdo é código ou dado, não prosa.
DIRETIVAS_DE_CODIGO = {"{code-cell}", "{code-block}", "{code}", "{literalinclude}",
                       "{math}", "{raw}", "{eval-rst}", "{glue:figure}", "{glue}"}
OPCAO = re.compile(r"^\s*:[\w-]+:")
CODIGO_EM_LINHA = re.compile(r"(`+)(?:(?!\1).)+?\1")
COMENTARIO_HTML = re.compile(r"<!--.*?-->", re.S)
MATEMATICA_EM_BLOCO = re.compile(r"\$\$.*?\$\$", re.S)


def capitulos():
    """Os arquivos MyST dos capítulos, das subpáginas e do glossário, em ordem."""
    return sorted(LIVRO.rglob("*.md"))


def prosa(texto):
    """Devolve ``(linha, texto)`` de cada linha de prosa de um arquivo MyST.

    Tira o cabeçalho YAML, os blocos cercados de código (células, ``python``,
    ``bash``, ``json``, ``literalinclude``...), as opções das diretivas
    (``:alt:``, ``:tags:``...), a matemática em bloco, os comentários HTML, o código
    em linha e o conteúdo dos papéis (``{glue:text}`chave```, ``{cite}`...```).
    O conteúdo das diretivas de texto (figuras, exercícios, avisos) continua.

    Examples
    --------
    >>> texto = "Vale 3,44.\\n```{code-cell} ipython3\\nx = '1,5'\\n```\\nE {glue:text}`k`."
    >>> prosa(texto)
    [(1, 'Vale 3,44.'), (5, 'E {glue:text}.')]
    """
    texto = COMENTARIO_HTML.sub(lambda m: "\n" * m.group().count("\n"), texto)
    texto = MATEMATICA_EM_BLOCO.sub(lambda m: "\n" * m.group().count("\n"), texto)
    linhas = texto.split("\n")
    inicio = 0
    if linhas and linhas[0].strip() == "---":  # cabeçalho jupytext
        fim = next((i for i in range(1, len(linhas)) if linhas[i].strip() == "---"), 0)
        inicio = fim + 1
    saida = []
    pilha = []  # blocos abertos: (cerca, é código?)
    em_opcoes = False
    for numero, linha in enumerate(linhas[inicio:], start=inicio + 1):
        cerca = CERCA.match(linha)
        if pilha and cerca and cerca.group(2) == pilha[-1][0] and not cerca.group(3) \
                and not cerca.group(4).strip():
            pilha.pop()  # fecha o bloco de dentro
            em_opcoes = False
            continue
        if pilha and pilha[-1][1]:
            continue  # dentro de código: nada é prosa
        if cerca and (cerca.group(3) or cerca.group(2)[0] != ":" or cerca.group(4)):
            diretiva = cerca.group(3)
            codigo = (diretiva in DIRETIVAS_DE_CODIGO if diretiva
                      else cerca.group(2)[0] != ":")  # ```python, ```bash, ``` puro
            pilha.append((cerca.group(2), codigo))
            em_opcoes = not codigo
            continue
        if em_opcoes:
            if OPCAO.match(linha):
                continue
            em_opcoes = False
        saida.append((numero, CODIGO_EM_LINHA.sub("", linha)))
    return saida


def numeros_no_texto(caminho):
    """Os números com vírgula decimal da prosa: ``(linha, número, trecho)``."""
    achados = []
    for numero, linha in prosa(caminho.read_text(encoding="utf-8")):
        for m in NUMERO.finditer(linha):
            trecho = linha[max(0, m.start() - 40):m.end() + 40].strip()
            achados.append((numero, m.group(), trecho))
    return achados


def ler_lista():
    """Lê ``book/numeros-fixos.txt``: ``arquivo | número | motivo`` por linha."""
    entradas = {}
    for n, linha in enumerate(LISTA.read_text(encoding="utf-8").splitlines(), start=1):
        if not linha.strip() or linha.lstrip().startswith("#"):
            continue
        partes = [p.strip() for p in linha.split("|")]
        assert len(partes) == 3 and all(partes), (
            f"{LISTA.relative_to(RAIZ)}, linha {n}: escreva 'arquivo | número | motivo' "
            f"(encontrado: {linha!r}).")
        arquivo, valor, motivo = partes
        entradas[(arquivo, valor)] = motivo
    return entradas


def caminho_relativo(caminho):
    return caminho.relative_to(RAIZ).as_posix()


def test_a_lista_de_numeros_fixos_existe_e_tem_motivos():
    entradas = ler_lista()
    assert entradas, "book/numeros-fixos.txt está vazio ou não foi lido."
    for (arquivo, valor), motivo in entradas.items():
        assert (RAIZ / arquivo).is_file(), (
            f"book/numeros-fixos.txt cita {arquivo!r}, que não existe. Corrija o caminho "
            "ou apague a linha.")
        assert NUMERO.fullmatch(valor), (
            f"book/numeros-fixos.txt: {valor!r} ({arquivo}) não é um número com vírgula "
            "decimal; a lista só serve para esses.")
        assert len(motivo) >= 10, (
            f"book/numeros-fixos.txt: o motivo de {valor} em {arquivo} é curto demais; "
            "diga por que ele é uma definição, um exemplo ou um fato citado.")


@pytest.mark.parametrize("caminho", capitulos(), ids=caminho_relativo)
def test_numero_com_virgula_na_prosa_e_colado_ou_esta_na_lista(caminho):
    permitidos = {valor for (arquivo, valor) in ler_lista() if arquivo == caminho_relativo(caminho)}
    soltos = [(linha, valor, trecho) for linha, valor, trecho in numeros_no_texto(caminho)
              if valor not in permitidos]
    detalhes = "\n".join(f"  {caminho_relativo(caminho)}:{linha}: {valor}  (…{trecho}…)"
                         for linha, valor, trecho in soltos)
    assert not soltos, (
        "Número digitado no texto do capítulo:\n" + detalhes + "\n"
        "Se uma célula calcula esse número, não o digite: cole o valor com "
        "glue('chave', texto, display=False) numa célula (com a vírgula decimal, como "
        "no resto do livro) e escreva {glue:text}`chave` no texto. Se ele é uma "
        "definição, um exemplo inventado ou um fato citado de uma fonte, acrescente "
        "em book/numeros-fixos.txt a linha 'arquivo | número | motivo'.")


def test_lista_nao_guarda_numero_que_sumiu_do_texto():
    presentes = {(caminho_relativo(c), valor) for c in capitulos()
                 for _, valor, _ in numeros_no_texto(c)}
    sobrando = sorted(set(ler_lista()) - presentes)
    assert not sobrando, (
        "book/numeros-fixos.txt tem números que não aparecem mais na prosa: "
        + "; ".join(f"{valor} em {arquivo}" for arquivo, valor in sobrando)
        + ". Apague essas linhas.")


def test_o_guarda_pega_um_resultado_digitado(tmp_path):
    """O caso que motivou o teste: '3,44' digitado no texto, e não colado."""
    pagina = tmp_path / "pagina.md"
    pagina.write_text(
        "---\njupytext: {}\n---\n\n"
        "```{code-cell} ipython3\nprint(f\"{3.4374:.2f}\")  # imprime 3.44 e '1,5'\n```\n\n"
        "O nosso entrega 3,44 vezes mais, e 1.250,50 reais. A razão colada,\n"
        "{glue:text}`razao`, e o código `x = 2,5` não contam.\n\n"
        "```{figure} f.svg\n:alt: Gráfico com 7,5 no eixo.\n\nLegenda com 0,25.\n```\n",
        encoding="utf-8")
    assert [(linha, valor) for linha, valor, _ in numeros_no_texto(pagina)] == [
        (9, "3,44"), (9, "1.250,50"), (15, "0,25")]
