"""O glossário numa lista só, em ordem alfabética, com um índice de letras no topo.

Cada capítulo escreve os seus termos num fragmento (``book/_glossary/<capitulo>.md``,
um bloco ``{glossary}``), e ``book/glossary.md`` inclui os fragmentos. Sem esta
extensão, a página mostraria um bloco por capítulo, cada um com a sua ordem.
Aqui, depois da leitura da página, os termos de todos os blocos são juntados e
ordenados como num dicionário em português (sem diferença entre maiúsculas e
minúsculas, nem entre letras com e sem acento: "Índice" fica no I), e separados
em seções por letra inicial ("A", "B"...), que o sumário da página também mostra.
No topo, uma linha de links leva a cada letra.

As referências ``{term}`` continuam valendo: os termos só mudam de lugar na
mesma página, com os mesmos identificadores.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

GLOSSARY_DOC = "book/glossary"


def sort_key(term: str) -> tuple[str, str]:
    """Chave de ordem de um termo: sem acentos e sem caixa, como num dicionário.

    Examples
    --------
    >>> sorted(["Overfitting", "Índice", "AUC ROC", "imputação", "Agrupamento"], key=sort_key)
    ['Agrupamento', 'AUC ROC', 'imputação', 'Índice', 'Overfitting']
    """
    decomposto = unicodedata.normalize("NFD", term)
    sem_acentos = "".join(c for c in decomposto if unicodedata.category(c) != "Mn")
    return sem_acentos.casefold(), term


def initial(term: str) -> str:
    """A letra do índice de um termo (a inicial sem acento, maiúscula; ``#`` se não for letra).

    Examples
    --------
    >>> initial("Índice"), initial("overfitting"), initial("3 Vs")
    ('I', 'O', '#')
    """
    letra = sort_key(term)[0][:1].upper()
    return letra if letra.isalpha() else "#"


def anchor(letter: str) -> str:
    """O identificador da seção de uma letra (``letra-a``; ``letra-simbolos`` para ``#``)."""
    return "letra-" + ("simbolos" if letter == "#" else letter.lower())


class SortGlossary(SphinxTransform):
    """Junta os blocos de glossário da página do glossário numa lista ordenada por letra."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        if self.env.docname != GLOSSARY_DOC:
            return
        blocos = list(self.document.findall(addnodes.glossary))
        if not blocos:
            return
        itens = [item for bloco in blocos
                 for item in bloco.next_node(nodes.definition_list).children]
        itens.sort(key=lambda item: sort_key(item.next_node(nodes.term).astext()))

        por_letra: dict[str, list[nodes.Node]] = {}
        for item in itens:
            por_letra.setdefault(initial(item.next_node(nodes.term).astext()), []).append(item)

        letras = nodes.paragraph(classes=["glossary-letters"])
        secoes = []
        for letra, doletra in por_letra.items():
            if letras.children:
                letras += nodes.Text(" ")
            letras += nodes.reference("", letra, internal=True, refid=anchor(letra))
            lista = nodes.definition_list(classes=["glossary"])
            lista.extend(doletra)
            glossario = addnodes.glossary()
            glossario += lista
            secao = nodes.section(ids=[anchor(letra)])
            secao += nodes.title("", letra)
            secao += glossario
            secoes.append(secao)

        primeiro = blocos[0]
        pai = primeiro.parent
        # Os blocos (e o que o include deixou em volta deles) ficam no fim da seção
        # da página: as seções das letras entram ali, depois do texto de abertura.
        pai.insert(pai.index(primeiro), letras)
        for bloco in blocos:
            bloco.parent.remove(bloco)
        pai.extend(secoes)


def setup(app):
    app.add_transform(SortGlossary)
    # env_version: mudar o código desta extensão pede a releitura de todas as páginas.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
