"""As extensões do livro (``_ext/``): exemplos das docstrings e casos de borda.

Não precisam do livro gerado nem do navegador: testam as funções que a geração usa.
"""

from __future__ import annotations

import doctest
import importlib
import sys

import pytest

from .conftest import ROOT

EXTENSIONS = ["math_mathml", "search_pt_br", "glossary_sorted"]


def _load(nome: str):
    if str(ROOT / "_ext") not in sys.path:
        sys.path.insert(0, str(ROOT / "_ext"))
    return importlib.import_module(nome)


@pytest.mark.parametrize("nome", EXTENSIONS)
def test_docstring_examples(nome):
    """Os exemplos ``>>>`` das docstrings das extensões rodam e dão o que dizem."""
    modulo = _load(nome)
    resultado = doctest.testmod(modulo, optionflags=doctest.ELLIPSIS)
    assert resultado.attempted > 0, f"{nome} não tem exemplos"
    assert resultado.failed == 0


@pytest.mark.parametrize("com_acento", [
    "normalização", "normalizações", "implantação", "versões", "dependência", "métricas",
    "análise", "disponível", "previsão", "regressão", "latência",
])
def test_search_stem_ignores_accents(com_acento):
    """Com ou sem acentos (e em maiúsculas), a palavra tem o mesmo radical no índice da busca."""
    busca = _load("search_pt_br")
    lingua = busca.SearchPortugueseNoAccents({})
    sem_acento = busca.strip_accents(com_acento)
    assert lingua.stem(sem_acento) == lingua.stem(com_acento) == lingua.stem(com_acento.upper())
    assert busca.strip_accents(lingua.stem(com_acento)) == lingua.stem(com_acento)


def test_search_javascript_has_the_same_endings():
    """O stemmer do navegador leva a mesma lista de terminações que o do índice."""
    busca = _load("search_pt_br")
    for sem, com in busca.ACCENTED_ENDINGS:
        assert f'["{sem}", "{com}"]' in busca.JS_STEMMER


def test_mathml_display_and_error():
    """Fórmula em destaque vira <math display="block">; LaTeX inválido vira erro, não lixo."""
    mathml = _load("math_mathml")
    bloco = mathml.latex_to_mathml(r"\sum_i (A_i - E_i)\,\ln\frac{A_i}{E_i}", display=True)
    assert bloco.startswith("<math") and 'display="block"' in bloco
    assert bloco.count("<mfrac>") == 1 and "<annotation" in bloco
    with pytest.raises(Exception):  # noqa: B017 - o latex2mathml não tem exceção própria
        mathml.latex_to_mathml(r"\frac{a}{")
