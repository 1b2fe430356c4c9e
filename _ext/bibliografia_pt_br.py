"""Referências em português, com rótulos autor-ano e em ordem alfabética.

O sphinxcontrib-bibtex formata as referências com os estilos do pybtex, que
escrevem em inglês ("and", "edition", "In", "pages", "(visited on ...)",
"n.d."...), e o estilo ``unsrt`` numera a lista na ordem das citações, enquanto
o texto cita por autor e ano: quem lê "[DVC, 2026]" não acha o número.
Esta extensão registra no pybtex (``pybtex.plugin.register_plugin``):

- o estilo de formatação ``pt_br`` (``bibtex_default_style``): a lista em
  português, perto da ABNT NBR 6023 ("4. ed.", "Local: Editora, ano",
  "v. 28, n. 2, p. 129–137", "In:", "Disponível em: ... Acesso em: 26 nov.
  2026.", "DOI: ...");
- o estilo de rótulos ``autor_ano_pt_br``: "Mitchell, 1997", "Russell e
  Norvig, 2021", "Kreuzberger et al., 2023", "Google Cloud, s.d.", com
  "2001a"/"2001b" (e "s.d.-a"/"s.d.-b") quando o mesmo autor tem mais de uma
  obra no ano;
- o estilo de ordenação ``autor_ano_pt_br``: a lista em ordem alfabética pelo
  rótulo (autor, sem acentos nem caixa, depois o ano; sem data por último;
  empate pelo título);
- o estilo de citação ``autor_ano_pt_br`` (``bibtex_reference_style``): a
  citação no texto é o próprio rótulo da lista ("[Breiman, 2001a]"), com
  "; " entre obras citadas juntas.

A dica (o ``title``) de cada citação no texto é a referência formatada por
este mesmo estilo: também em português.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as campo

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.richtext import Symbol, Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    field,
    first_of,
    href,
    join,
    names,
    node,
    optional,
    optional_field,
    sentence,
    tag,
    words,
)
from sphinxcontrib.bibtex.style.referencing import (
    BaseReferenceStyle,
    BracketStyle,
    GroupReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

NOME = "pt_br"
NOME_AUTOR_ANO = "autor_ano_pt_br"
SEM_DATA = "s.d."
# Abreviaturas dos meses da ABNT (NBR 6023): "maio" não se abrevia.
MESES = ("jan.", "fev.", "mar.", "abr.", "maio", "jun.",
         "jul.", "ago.", "set.", "out.", "nov.", "dez.")
_NOMES_DOS_MESES = {
    **{nome: i for i, nome in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"))},
    **{nome: i for i, nome in enumerate(
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
         "setembro", "outubro", "novembro", "dezembro"))},
    **{nome: i for i, nome in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))},
    **{nome: i for i, nome in enumerate(
        ("jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"))},
    "sept": 8,
}
_ORDINAIS = {
    nome: i + 1 for i, nome in enumerate(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
         "ninth", "tenth"))
} | {
    nome: i + 1 for i, nome in enumerate(
        ("primeira", "segunda", "terceira", "quarta", "quinta", "sexta", "sétima",
         "oitava", "nona", "décima"))
}


def mes(texto: str) -> str:
    """Mês abreviado como na ABNT, a partir do nome (inglês ou português) ou do número.

    >>> mes("February"), mes("apr"), mes("5"), mes("Setembro")
    ('fev.', 'abr.', 'maio', 'set.')
    """
    chave = texto.strip().lower().rstrip(".")
    if chave.isdigit() and 1 <= int(chave) <= 12:
        return MESES[int(chave) - 1]
    if chave in _NOMES_DOS_MESES:
        return MESES[_NOMES_DOS_MESES[chave]]
    return texto.strip()


def edicao(texto: str) -> str:
    """A edição como na ABNT: "4" ou "fourth" viram "4. ed.".

    >>> edicao("4"), edicao("Second"), edicao("3rd"), edicao("2ª")
    ('4. ed.', '2. ed.', '3. ed.', '2. ed.')
    >>> edicao("ed. rev.")
    'ed. rev.'
    """
    chave = texto.strip().lower().rstrip(".")
    numero = re.fullmatch(r"(\d+)\s*(st|nd|rd|th|ª|a|\.)?", chave)
    if numero:
        return f"{numero.group(1)}. ed."
    if chave in _ORDINAIS:
        return f"{_ORDINAIS[chave]}. ed."
    return texto.strip()


def data_de_acesso(texto: str) -> str:
    """A data de acesso (campo ``urldate``, AAAA-MM-DD) como na ABNT.

    >>> data_de_acesso("2026-11-26"), data_de_acesso("2026-05"), data_de_acesso("2026")
    ('26 nov. 2026', 'maio 2026', '2026')
    """
    partes = texto.strip().split("-")
    if len(partes) == 3 and all(p.isdigit() for p in partes):
        return f"{int(partes[2])} {MESES[int(partes[1]) - 1]} {partes[0]}"
    if len(partes) == 2 and all(p.isdigit() for p in partes):
        return f"{MESES[int(partes[1]) - 1]} {partes[0]}"
    return texto.strip()


@functools.cache
def _texto_puro():
    # render_as("text") procura o plugin a cada chamada (lê os metadados de todos
    # os pacotes instalados: décimos de segundo por chamada).
    return pybtex.plugin.find_plugin("pybtex.backends", "text")()


@functools.lru_cache(maxsize=4096)
def _texto(valor) -> str:
    """Texto puro de um valor BibTeX (acentos do LaTeX resolvidos, sem chaves)."""
    return Text.from_latex(str(valor)).render(_texto_puro()).replace("\xa0", " ")


def _sobrenome(pessoa) -> str:
    partes = [*pessoa.prelast_names, *pessoa.last_names]
    return _texto(" ".join(partes))


def junta_nomes(nomes: list[str]) -> str:
    """Nomes separados por vírgula, com "e" antes do último.

    >>> junta_nomes(["Russell"]), junta_nomes(["Russell", "Norvig"])
    ('Russell', 'Russell e Norvig')
    >>> junta_nomes(["Breck", "Cai", "Nielsen"])
    'Breck, Cai e Nielsen'
    """
    if len(nomes) <= 2:
        return " e ".join(nomes)
    return ", ".join(nomes[:-1]) + " e " + nomes[-1]


def autores_do_rotulo(entrada, completo: bool = False) -> str:
    """Os autores como aparecem no rótulo e na citação: sobrenomes, com "et al." de 3 em diante.

    Sem autor, valem os organizadores (``editor``); sem eles, o título.
    """
    pessoas = entrada.persons.get("author") or entrada.persons.get("editor")
    if pessoas:
        nomes = [_sobrenome(p) for p in pessoas]
        if len(nomes) >= 3 and not completo:
            return f"{nomes[0]} et al."
        return junta_nomes(nomes)
    return _texto(entrada.fields.get("title", entrada.key))


def ano_do_rotulo(entrada) -> str:
    return _texto(entrada.fields["year"]) if "year" in entrada.fields else SEM_DATA


def chave_de_ordem(texto: str) -> str:
    """Chave de ordem alfabética: sem acentos, sem caixa e sem pontuação.

    >>> sorted(["Zinkevich", "Ávila", "abreu", "Azevedo"], key=chave_de_ordem)
    ['abreu', 'Ávila', 'Azevedo', 'Zinkevich']
    """
    sem_acento = "".join(c for c in unicodedata.normalize("NFD", texto)
                         if not unicodedata.combining(c))
    return re.sub(r"[^\w ]+", "", sem_acento).casefold().strip()


def chave_do_ano(ano: str) -> tuple[int, int, str]:
    """Anos em ordem numérica; "s.d." (sem data) por último."""
    numero = re.match(r"\d+", ano)
    return (0, int(numero.group()), ano) if numero else (1, 0, ano)


class OrdemAutorAno(BaseSortingStyle):
    """Ordem alfabética pelos autores do rótulo, depois pelo ano e pelo título."""

    def sorting_key(self, entry):
        return (chave_de_ordem(autores_do_rotulo(entry)), chave_do_ano(ano_do_rotulo(entry)),
                chave_de_ordem(_texto(entry.fields.get("title", ""))))


class RotuloAutorAno(BaseLabelStyle):
    """Rótulo "Autor, ano"; obras do mesmo autor no mesmo ano ganham a, b, c..."""

    def format_labels(self, sorted_entries):
        sorted_entries = list(sorted_entries)
        rotulos = [f"{autores_do_rotulo(e)}, {ano_do_rotulo(e)}" for e in sorted_entries]
        total = Counter(rotulos)
        vistos: Counter = Counter()
        for rotulo in rotulos:
            if total[rotulo] == 1:
                yield rotulo
                continue
            letra = chr(ord("a") + vistos[rotulo])
            vistos[rotulo] += 1
            yield f"{rotulo}-{letra}" if rotulo.endswith(SEM_DATA) else rotulo + letra


def _traco(texto):
    return Text(Symbol("ndash")).join(texto.split(re.compile(r"-+")))


def _com(funcao):
    return lambda texto: Text(funcao(str(texto)))


paginas = join["p. ", field("pages", apply_func=_traco)]
data = words[optional[field("month", apply_func=_com(mes))], field("year")]
volume = join["v. ", field("volume")]
numero = join["n. ", field("number")]
capitulo = join["cap. ", field("chapter")]


class EstiloPtBr(BaseStyle):
    """Referências em português, perto da ABNT NBR 6023 (veja o módulo)."""

    default_name_style = "plain"
    default_label_style = NOME_AUTOR_ANO
    default_sorting_style = NOME_AUTOR_ANO

    # Partes comuns -------------------------------------------------------

    def format_names(self, role, as_sentence=True):
        nomes = names(role, sep=", ", sep2=" e ", last_sep=" e ")
        return sentence[nomes] if as_sentence else nomes

    def organizadores(self, as_sentence=True):
        texto = words[names("editor", sep=", ", sep2=" e ", last_sep=" e "), "(org.)"]
        return sentence[texto] if as_sentence else texto

    def autores_ou_organizadores(self):
        return first_of[optional[self.format_names("author")], self.organizadores()]

    def titulo(self, campo_="title"):
        return sentence[field(campo_)]

    def titulo_destacado(self, campo_="title", as_sentence=True):
        texto = tag("em")[field(campo_)]
        return sentence[texto] if as_sentence else texto

    def edicao(self):
        return optional[sentence[field("edition", apply_func=_com(edicao))]]

    def serie(self):
        # "v. 3 (Série)" ou "n. 12 (Série)" ou só a série.
        return optional[sentence[words[
            first_of[optional[volume], optional[numero]],
            optional[join["(", field("series"), ")"]],
        ]]]

    def local_editora_data(self, editora="publisher", data_obrigatoria=True):
        """ "Local: Editora, ano." (ABNT); cada parte pode faltar, menos o ano se exigido."""
        ano = data if data_obrigatoria else optional[data]
        return sentence[
            join(sep=": ")[optional_field("address"), optional_field(editora)],
            ano,
        ]

    def nota(self):
        return sentence[optional_field("note")]

    def web(self, e):
        doi = field("doi", raw=True)
        url = field("url", raw=True)
        url_e_doi = (e.fields.get("url", "").rstrip("/").lower()
                     == "https://doi.org/" + e.fields.get("doi", "").lower())
        partes = [
            optional[sentence[join["ISBN ", field("isbn")]]],
            optional[sentence[join["DOI: ", href(join["https://doi.org/", doi])[doi]]]],
        ]
        if not url_e_doi:
            partes.append(optional[sentence[join["Disponível em: ", href(url)[url]]]])
        partes.append(optional[sentence[join["Acesso em: ",
                                             field("urldate", apply_func=_com(data_de_acesso))]]])
        return join(sep=Symbol("newblock"))[partes]

    def em(self, e):
        """ "In: Organizadores (org.). *Obra*." (parte de um livro ou de anais)."""
        return sentence[words[
            "In:",
            sentence(sep=". ", add_period=False)[
                optional[self.organizadores(as_sentence=False)],
                self.titulo_destacado("booktitle", as_sentence=False),
            ],
        ]]

    # Tipos de entrada ----------------------------------------------------

    def get_article_template(self, e):
        return toplevel[
            self.format_names("author"),
            self.titulo(),
            sentence[tag("em")[field("journal")], optional[volume], optional[numero],
                     optional[paginas], data],
            self.nota(),
            self.web(e),
        ]

    def get_book_template(self, e):
        return toplevel[
            self.autores_ou_organizadores(),
            self.titulo_destacado(),
            self.edicao(),
            self.local_editora_data(),
            self.serie(),
            self.nota(),
            self.web(e),
        ]

    def get_booklet_template(self, e):
        return toplevel[
            optional[self.format_names("author")],
            self.titulo(),
            sentence[optional_field("howpublished"), optional_field("address"), optional[data]],
            self.nota(),
            self.web(e),
        ]

    def get_inbook_template(self, e):
        return toplevel[
            self.autores_ou_organizadores(),
            self.titulo_destacado(),
            self.edicao(),
            self.local_editora_data(),
            self.serie(),
            sentence[optional[capitulo], optional[paginas]],
            self.nota(),
            self.web(e),
        ]

    def get_incollection_template(self, e):
        return toplevel[
            self.format_names("author"),
            self.titulo(),
            self.em(e),
            self.edicao(),
            self.local_editora_data(),
            self.serie(),
            sentence[optional[capitulo], optional[paginas]],
            self.nota(),
            self.web(e),
        ]

    def get_inproceedings_template(self, e):
        return toplevel[
            self.format_names("author"),
            self.titulo(),
            self.em(e),
            sentence[
                join(sep=": ")[optional_field("address"),
                               first_of[optional_field("publisher"),
                                        optional_field("organization")]],
                data,
            ],
            self.serie(),
            sentence[optional[paginas]],
            self.nota(),
            self.web(e),
        ]

    def get_manual_template(self, e):
        return toplevel[
            first_of[optional[self.format_names("author")],
                     optional[sentence[field("organization")]]],
            self.titulo_destacado(),
            self.edicao(),
            self.local_editora_data(editora="organization", data_obrigatoria=False),
            self.nota(),
            self.web(e),
        ]

    def _trabalho_academico(self, e, tipo):
        # "Tese (Doutorado) – Universidade, Local, ano." (ABNT)
        return toplevel[
            self.format_names("author"),
            self.titulo_destacado(),
            sentence[
                join(sep=" – ")[first_of[optional_field("type"), tipo], field("school")],
                optional_field("address"),
                data,
            ],
            self.nota(),
            self.web(e),
        ]

    def get_mastersthesis_template(self, e):
        return self._trabalho_academico(e, "Dissertação (Mestrado)")

    def get_phdthesis_template(self, e):
        return self._trabalho_academico(e, "Tese (Doutorado)")

    def get_misc_template(self, e):
        return toplevel[
            optional[self.format_names("author")],
            optional[self.titulo()],
            sentence[optional_field("howpublished"), optional[data]],
            self.nota(),
            self.web(e),
        ]

    def get_online_template(self, e):
        return self.get_misc_template(e)

    def get_dataset_template(self, e):
        return self.get_misc_template(e)

    def get_software_template(self, e):
        return self.get_misc_template(e)

    def get_patent_template(self, e):
        return self.get_misc_template(e)

    def get_proceedings_template(self, e):
        return toplevel[
            first_of[optional[self.organizadores()], optional[sentence[field("organization")]]],
            self.titulo_destacado(),
            self.local_editora_data(),
            self.serie(),
            self.nota(),
            self.web(e),
        ]

    def get_techreport_template(self, e):
        return toplevel[
            self.format_names("author"),
            self.titulo(),
            sentence[words[first_of[optional_field("type"), "Relatório técnico"],
                           optional[numero]]],
            self.local_editora_data(editora="institution"),
            self.nota(),
            self.web(e),
        ]

    def get_unpublished_template(self, e):
        return toplevel[
            self.format_names("author"),
            self.titulo(),
            sentence[field("note"), optional[data]],
            self.web(e),
        ]


# Citações no texto: o rótulo da lista ---------------------------------------

def _partes_do_rotulo(dados) -> tuple[str, str]:
    autores, _, ano = dados["formatted_entry"].label.rpartition(", ")
    return autores, ano


@node
def rotulo_autores(children, data, completo=False):
    """Os autores do rótulo (ou todos os sobrenomes, nas variantes com "s")."""
    assert not children
    if completo:
        return Text(autores_do_rotulo(data["entry"], completo=True))
    return Text(_partes_do_rotulo(data)[0])


@node
def rotulo_ano(children, data):
    """O ano do rótulo, com a letra que desfaz empates ("2001a")."""
    assert not children
    return Text(_partes_do_rotulo(data)[1])


def _colchetes():
    return BracketStyle(left="[", right="]", sep="; ")


def _lista_com_e():
    return BracketStyle(left="[", right="]", sep=", ", sep2=" e ", last_sep=" e ")


@dataclass
class _Parentetica(BaseReferenceStyle):
    """``{cite}``/``{cite:p}``: "[Breiman, 2001a; Mitchell, 1997]"."""

    bracket: BracketStyle = campo(default_factory=_colchetes)

    def role_names(self):
        return [f"{alt}p{s}" for alt in ("", "al") for s in ("", "s")]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="al" not in role_name, capfirst=False)

    def inner(self, role_name):
        return join2(sep1=" ", sep2=", ")[
            pre_text,
            reference[join(sep=", ")[rotulo_autores(completo="s" in role_name), rotulo_ano]],
            post_text,
        ]


@dataclass
class _Textual(BaseReferenceStyle):
    """``{cite:t}``: "Russell e Norvig [2021]"."""

    bracket: BracketStyle = campo(default_factory=_lista_com_e)

    def role_names(self):
        return [f"{c}t{s}" for c in ("", "c") for s in ("", "s")]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets=False, capfirst="c" in role_name)

    def inner(self, role_name):
        return join(sep=" ")[
            rotulo_autores(completo="s" in role_name),
            join["[", join2(sep1=" ", sep2=", ")[pre_text, reference[rotulo_ano], post_text],
                 "]"],
        ]


@dataclass
class _SoAutores(BaseReferenceStyle):
    """``{cite:author}`` e variantes: só os autores do rótulo."""

    bracket: BracketStyle = campo(default_factory=_lista_com_e)

    def role_names(self):
        return [f"{c}author{par}{s}" for par in ("par", "") for c in ([""] if par else ["", "c"])
                for s in ("", "s")]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="par" in role_name,
                                  capfirst="c" in role_name)

    def inner(self, role_name):
        return reference[rotulo_autores(completo="s" in role_name)]


@dataclass
class _SoRotulo(BaseReferenceStyle):
    """``{cite:label}``: o rótulo inteiro."""

    bracket: BracketStyle = campo(default_factory=_colchetes)

    def role_names(self):
        return ["label", "labelpar"]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="par" in role_name)

    def inner(self, role_name):
        return reference[join(sep=", ")[rotulo_autores, rotulo_ano]]


@dataclass
class _SoAno(BaseReferenceStyle):
    """``{cite:year}``: o ano do rótulo ("2001a", "s.d.")."""

    bracket: BracketStyle = campo(default_factory=_colchetes)

    def role_names(self):
        return ["year", "yearpar"]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="par" in role_name)

    def inner(self, role_name):
        return reference[rotulo_ano]


@dataclass
class CitacaoAutorAno(GroupReferenceStyle):
    """Citações autor-ano iguais aos rótulos da lista de referências."""

    def __post_init__(self):
        self.styles.extend([_Parentetica(), _Textual(), _SoAutores(), _SoRotulo(), _SoAno(),
                            ExtraEmptyReferenceStyle()])
        super().__post_init__()


def registrar() -> None:
    """Registra os estilos no pybtex (pode ser chamada mais de uma vez)."""
    for grupo, nome, classe in (
        ("pybtex.style.formatting", NOME, EstiloPtBr),
        ("pybtex.style.labels", NOME_AUTOR_ANO, RotuloAutorAno),
        ("pybtex.style.sorting", NOME_AUTOR_ANO, OrdemAutorAno),
    ):
        pybtex.plugin.register_plugin(grupo, nome, classe, force=True)
    # Os estilos de citação têm o registro do próprio sphinxcontrib-bibtex.
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", NOME_AUTOR_ANO, CitacaoAutorAno, force=True)


def setup(app):
    registrar()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
