"""Tipos de questão, resultado da correção e exibição do retorno.

Cada questão é uma declaração pequena: o nome da variável que guarda a
resposta, como conferir, dicas e solução. A conferência (:meth:`Question.grade`)
devolve um :class:`Result` e nunca lança exceção; a exibição fica à parte
(:func:`render`), para que o notebook, a linha de comando e a correção em lote
usem o mesmo caminho.

O retorno tenta diagnosticar, e não só dizer "errado": números escritos como
quem estuda escreve (``"0,204"``), a unidade trocada (porcentagem no lugar de
fração, contagem no lugar de fração), ``None`` devolvido por um método que
altera ou grava, e erros conhecidos declarados em cada questão
(``diagnoses=``).

A implementação fica em quatro módulos: :mod:`~mlops_lab.exercises.answers` (o
resultado e as comparações), :mod:`~mlops_lab.exercises.question` (a base das
questões e a exibição), :mod:`~mlops_lab.exercises.question_types` (os tipos) e
:mod:`~mlops_lab.exercises.function_cases` (as questões cuja resposta é uma função).
Este módulo junta o que os exercícios de cada capítulo importam.
"""

from __future__ import annotations

from mlops_lab.exercises.answers import (
    CORRECT,
    INCORRECT,
    MENSAGEM_NONE,
    NOT_ANSWERED,
    PARTIAL,
    AnyOrder,
    Result,
    as_bool,
    as_float,
    as_list,
    as_set,
    close,
    combine_checks,
    is_blank,
    is_dataframe,
    parse_number,
    requires,
    same_items,
    same_value,
    wrong_type,
)
from mlops_lab.exercises.function_cases import FunctionCases
from mlops_lab.exercises.question import Question, render
from mlops_lab.exercises.question_types import (
    Artifact,
    ChainedChecks,
    Checks,
    MultipleChoice,
    Numeric,
)

__all__ = ["NOT_ANSWERED", "CORRECT", "PARTIAL", "INCORRECT", "MENSAGEM_NONE", "Result",
           "is_blank", "is_dataframe", "requires", "parse_number", "as_list", "as_set", "as_float",
           "as_bool", "close", "same_value", "same_items", "AnyOrder", "wrong_type", "Question",
           "MultipleChoice", "Numeric", "Checks", "ChainedChecks", "Artifact", "FunctionCases",
           "render", "combine_checks"]
