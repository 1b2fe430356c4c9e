"""Tipos de questão a mais, usados pelos capítulos 03-3 a 08.

Ficam à parte do :mod:`mlops_lab.exercises.core` e são feitos só de subclasses
das questões de lá:

* :class:`ChainedChecks`: verificações que dependem umas das outras; a
  conferência para na primeira que falha, com uma mensagem só (nada de "as
  probabilidades não somam 1" quando as colunas nem existem);
* :class:`Number`: número com diagnóstico dos erros conhecidos (um valor de
  outra semente, a porcentagem no lugar da fração) e, para contagens, a
  exigência de um inteiro;
* funções pequenas para comparar respostas sem depender do tipo do recipiente
  (lista, tupla ou conjunto) nem da vírgula decimal.
"""

from __future__ import annotations

import math

from mlops_lab.exercises.core import (
    CORRECT,
    INCORRECT,
    PARTIAL,
    Checks,
    Numeric,
    Result,
    wrong_type,
)


def as_float(valor) -> float | None:
    """Número de um valor qualquer, aceitando texto com vírgula decimal.

    >>> as_float("0,204"), as_float(3), as_float("abc")
    (0.204, 3.0, None)
    """
    if isinstance(valor, bool):
        return None
    if isinstance(valor, str):
        valor = valor.strip().replace(",", ".")
    try:
        numero = float(valor)
    except (TypeError, ValueError):
        return None
    return numero if math.isfinite(numero) else None


def as_bool(valor) -> bool | None:
    """``True``/``False`` do Python ou do NumPy; qualquer outra coisa dá ``None``.

    >>> as_bool(True), as_bool(1), as_bool("sim")
    (True, None, None)
    """
    if isinstance(valor, bool):
        return valor
    if type(valor).__module__ == "numpy" and type(valor).__name__ in ("bool", "bool_"):
        return bool(valor)
    return None


def close(a, b, abs_tol=5e-4, rel_tol=0.0) -> bool:
    """``a`` e ``b`` são números próximos (``a`` pode vir como texto).

    >>> close("0,6029", 0.602941), close(0.59, 0.602941)
    (True, False)
    """
    a = as_float(a)
    return a is not None and math.isclose(a, float(b), abs_tol=abs_tol, rel_tol=rel_tol)


def as_set(valor) -> set | None:
    """Os itens de uma sequência qualquer (lista, tupla, conjunto), ou ``None``.

    >>> sorted(as_set(("b", "a"))), as_set("texto") is None
    (['a', 'b'], True)
    """
    if isinstance(valor, (str, bytes, dict)) or not hasattr(valor, "__iter__"):
        return None
    try:
        return set(valor)
    except TypeError:
        return None


class ChainedChecks(Checks):
    """Verificações em sequência: a primeira que falha encerra a conferência.

    Cada verificação é ``(funcao, mensagem_de_acerto, mensagem_de_erro)``; a
    função devolve ``True`` (passou), algo falso (falhou, com a mensagem de
    erro) ou um texto, que é o diagnóstico específico da falha. A nota é a
    fração das verificações que passaram antes da primeira falha; nenhuma
    verificação só de tipo vale ponto (o tipo fica em ``expects``).
    """

    def _grade(self, answer):
        tipo_errado = wrong_type(answer, self.expects)
        if tipo_errado is not None:
            return tipo_errado
        mensagens = []
        for posicao, (funcao, bom, ruim) in enumerate(self.checks):
            try:
                saida = funcao(answer)
            except Exception:
                saida = False
            if saida is True or (saida and not isinstance(saida, str)):
                mensagens.append(f"✔ {bom}")
                continue
            mensagens.append(f"✘ {saida if isinstance(saida, str) and saida else ruim}")
            restantes = len(self.checks) - posicao - 1
            if restantes:
                mensagens.append(f"(as outras {restantes} verificação(ões) dependem desta e "
                                 "ficam para depois)")
            score = round(posicao / len(self.checks), 4)
            return Result(PARTIAL if posicao else INCORRECT, score, mensagens)
        return Result(CORRECT, 1.0, mensagens)


class Number(Numeric):
    """Número com diagnóstico: ``known`` é uma lista de ``(valor, explicação)``.

    ``valor`` pode ser um número ou uma função sem argumentos. Com
    ``integer=True`` a resposta é uma contagem e precisa ser inteira. A
    resposta pode vir como texto com vírgula decimal ("0,204").
    """

    def __init__(self, *args, known=(), integer=False, unit="", **kwargs):
        self.known = list(known)
        self.integer = integer
        self.unit = unit
        super().__init__(*args, **kwargs)

    def _grade(self, answer):
        valor = as_float(answer)
        if valor is None:
            return Result(INCORRECT, 0.0, [
                f"A resposta deve ser um número; recebi {type(answer).__name__}"
                + (f" ({answer!r})." if isinstance(answer, str) else ".")])
        if self.integer and not float(valor).is_integer():
            return Result(INCORRECT, 0.0, [
                f"{valor:g} não é uma contagem: a resposta é um número inteiro de linhas "
                "(some os True, não calcule uma média ou uma fração)."])
        resultado = super()._grade(valor)
        if resultado.status == CORRECT:
            return resultado
        esperado = self.expected() if callable(self.expected) else self.expected

        def perto(a, b):
            return math.isclose(a, b, rel_tol=self.rel_tol, abs_tol=self.abs_tol)

        for conhecido, explicacao in self.known:
            alvo = conhecido() if callable(conhecido) else conhecido
            if alvo is not None and perto(valor, alvo):
                resultado.messages.append(explicacao)
                return resultado
        if esperado and perto(valor, esperado * 100):
            resultado.messages.append("É o valor certo multiplicado por 100: a pergunta pede "
                                      "a fração (de 0 a 1), não a porcentagem.")
        elif esperado and perto(valor * 100, esperado):
            resultado.messages.append("É o valor certo dividido por 100: a pergunta pede a "
                                      "porcentagem (de 0 a 100), não a fração.")
        elif self.unit:
            resultado.messages.append(f"Confira a unidade: a resposta é em {self.unit}.")
        return resultado
