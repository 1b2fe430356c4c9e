"""Busca em português que não depende dos acentos: "normalizacao" acha "normalização".

A busca do Sphinx guarda no índice (``searchindex.js``) o radical de cada palavra,
calculado pelo stemmer Snowball do português, e o navegador calcula o radical do que
se digita com o mesmo stemmer, em JavaScript. Quem digita sem acento (comum no
celular) não achava nada: o radical de "normalização" é ``normaliz``; o de
"normalizacao", ``normalizaca``.

Esta língua de busca substitui a do português (``pt``), no índice e no navegador:

- uma palavra escrita sem nenhum acento ganha os acentos das terminações que
  quase sempre os têm ("-cao" → "-ção", "-oes" → "-ões", "-encia" → "-ência",
  "-avel" → "-ável"...) antes do stemmer: "normalizacao" vira "normalização";
- o radical sai sem acentos: "métricas" e "metricas" dão ``metric``;
- cada palavra acentuada do livro entra no índice também na grafia sem acentos,
  para as que o Snowball trata de outro jeito sem o acento (``binária``).

Assim, o que se digita com ou sem acentos tem o mesmo radical e acha as mesmas páginas.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import sphinx
from sphinx.search.pt import SearchPortuguese

# Terminações que, sem acento, quase sempre o perderam (a primeira que servir vale).
ACCENTED_ENDINGS = [
    ("coes", "ções"), ("cao", "ção"), ("oes", "ões"), ("aes", "ães"), ("ao", "ão"),
    ("ancias", "âncias"), ("ancia", "ância"), ("encias", "ências"), ("encia", "ência"),
    ("aveis", "áveis"), ("iveis", "íveis"), ("avel", "ável"), ("ivel", "ível"),
]

_MINIFIED = Path(sphinx.__file__).parent / "search" / "minified-js"

# O stemmer do Sphinx em JavaScript, com os mesmos passos do stem() abaixo.
JS_STEMMER = "\n".join([
    (_MINIFIED / "base-stemmer.js").read_text(encoding="utf-8"),
    (_MINIFIED / "portuguese-stemmer.js").read_text(encoding="utf-8"),
    f"""
var Stemmer = function () {{
  const portugues = new PortugueseStemmer();
  const terminacoes = {json.dumps(ACCENTED_ENDINGS, ensure_ascii=False)};
  const semAcentos = (texto) => texto.normalize("NFD").replace(/\\p{{Mn}}/gu, "").normalize("NFC");
  this.stemWord = (palavra) => {{
    palavra = palavra.toLowerCase();
    if (semAcentos(palavra) === palavra) {{
      const achada = terminacoes.find(([sem]) => palavra.endsWith(sem));
      if (achada) palavra = palavra.slice(0, -achada[0].length) + achada[1];
    }}
    return semAcentos(portugues.stemWord(palavra));
  }};
}};
""",
])


def strip_accents(text: str) -> str:
    """Tira os acentos (e o cedilha) de um texto.

    Examples
    --------
    >>> strip_accents("Normalização, métrica e versões")
    'Normalizacao, metrica e versoes'
    """
    decomposto = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposto if unicodedata.category(c) != "Mn"))


def restore_ending(word: str) -> str:
    """Põe o acento na terminação de uma palavra escrita sem nenhum acento.

    Examples
    --------
    >>> restore_ending("normalizacao"), restore_ending("dependencias"), restore_ending("dados")
    ('normalização', 'dependências', 'dados')
    >>> restore_ending("versão")  # já tem acento: fica como está
    'versão'
    """
    if strip_accents(word) != word:
        return word
    for sem, com in ACCENTED_ENDINGS:
        if word.endswith(sem):
            return word[: -len(sem)] + com
    return word


class SearchPortugueseNoAccents(SearchPortuguese):
    """O português da busca do Sphinx, sem diferença entre palavras com e sem acento.

    Examples
    --------
    >>> busca = SearchPortugueseNoAccents({})
    >>> busca.stem("normalização"), busca.stem("normalizacao"), busca.stem("Normalizações")
    ('normaliz', 'normaliz', 'normaliz')
    >>> busca.split("Binária e dados")
    ['Binária', 'Binaria', 'e', 'dados']
    """

    js_stemmer_rawcode = ""  # o código vai inteiro em js_stemmer_code
    js_stemmer_code = JS_STEMMER
    stopwords = SearchPortuguese.stopwords | {strip_accents(w) for w in SearchPortuguese.stopwords}

    def split(self, input: str) -> list[str]:  # noqa: A002 - assinatura da classe-mãe
        palavras = []
        for palavra in super().split(input):
            palavras.append(palavra)
            sem_acentos = strip_accents(palavra)
            if sem_acentos != palavra:
                palavras.append(sem_acentos)
        return palavras

    def stem(self, word: str) -> str:
        return strip_accents(super().stem(restore_ending(word.lower())))


def setup(app):
    app.add_search_language(SearchPortugueseNoAccents)
    # env_version: mudar o código desta extensão pede a releitura de todas as páginas.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
