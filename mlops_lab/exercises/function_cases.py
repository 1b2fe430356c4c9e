"""Questões cuja resposta é uma função: casos de teste com entradas e saídas esperadas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mlops_lab.exercises.answers import (
    INCORRECT,
    Result,
    combine_checks,
    same_value,
)
from mlops_lab.exercises.question import Question

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

__all__ = ["FunctionCases"]


class FunctionCases(Question):
    """A resposta é uma função; ela é chamada com casos de teste.

    ``cases`` é uma lista de ``(argumentos, esperado, descricao)``, com
    argumentos e valor esperado em tipos simples (números, textos, listas,
    dicionários), para que o corretor em lote possa transportá-los. Um
    esperado :class:`AnyOrder` aceita os mesmos itens em qualquer ordem e em
    qualquer sequência; um esperado lista ou tupla aceita qualquer sequência
    com os mesmos itens na mesma ordem.
    """

    kind = "funcao"

    def __init__(self, name: str, answer: str, prompt: str, cases: Sequence[tuple],
                 hints: Sequence[str], solution: str, rel_tol: float = 1e-6, **opcoes: Any):
        self.cases = list(cases)
        self.rel_tol = rel_tol
        super().__init__(name, answer, prompt, hints, solution, **opcoes)

    def outputs(self, funcao: Callable) -> list:
        """Chama ``funcao`` em cada caso; erros viram ``{"erro": ...}``.

        Geradores e visões de dicionário viram listas (para poderem viajar).
        """
        saidas = []
        for argumentos, _, _ in self.cases:
            try:
                saida = funcao(*argumentos)
                if isinstance(saida, Iterator) or type(saida).__name__ in (
                        "dict_keys", "dict_values", "dict_items"):
                    saida = list(saida)
                saidas.append(saida)
            except Exception as erro:
                saidas.append({"erro": f"{type(erro).__name__}: {erro}"})
        return saidas

    def _same(self, obtido, esperado) -> bool:
        return same_value(obtido, esperado, rel_tol=self.rel_tol)

    def _grade(self, answer):
        if isinstance(answer, dict) and "__saidas__" in answer:
            saidas = answer["__saidas__"]  # já calculadas no notebook pelo corretor
        elif callable(answer):
            saidas = self.outputs(answer)
        else:
            return Result(INCORRECT, 0.0, [
                f"Esperava uma função (def ...); recebi {type(answer).__name__}."])
        if saidas and all(s is None for s in saidas) and any(
                esperado is not None for _, esperado, _ in self.cases):
            return Result(INCORRECT, 0.0, [
                "A função devolveu None em todos os casos: falta o `return` (um `print` mostra "
                "o valor, mas não o devolve)."])
        partes = []
        for (_, esperado, descricao), obtido in zip(self.cases, saidas):
            if isinstance(obtido, dict) and "erro" in obtido:
                partes.append((False, "", f"{descricao}: a função lançou {obtido['erro']}"))
                continue
            partes.append((self._same(obtido, esperado), descricao,
                           f"{descricao}: esperava {esperado!r}, recebi {obtido!r}"))
        return combine_checks(partes)
