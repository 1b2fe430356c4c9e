"""Respostas e resultados: o que a correção compara e o que ela devolve.

:class:`Result` é o resultado de uma conferência; as funções daqui leem a resposta
como quem estuda a escreve (``"0,204"``, ``"1.234"``, uma tupla no lugar de uma
lista) e a comparam com a esperada, com tolerância para números. Os tipos de questão
(:mod:`mlops_lab.exercises.question_types`) são feitos com elas.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["NOT_ANSWERED", "CORRECT", "PARTIAL", "INCORRECT", "MENSAGEM_NONE", "Result",
           "is_blank", "is_dataframe", "requires", "Requirement", "parse_number", "format_br",
           "as_list", "as_set", "as_float", "as_bool", "close", "same_value", "same_items",
           "AnyOrder", "is_number", "is_empty_answer", "wrong_type", "combine_checks",
           "diagnosis_pairs"]

NOT_ANSWERED = "nao_respondida"
CORRECT = "correta"
PARTIAL = "parcial"
INCORRECT = "incorreta"

_ICONES = {CORRECT: "✅", PARTIAL: "🟡", INCORRECT: "❌", NOT_ANSWERED: "✏️"}
_TITULOS = {CORRECT: "Correto!", PARTIAL: "Quase lá", INCORRECT: "Ainda não",
            NOT_ANSWERED: "Ainda sem resposta"}

MENSAGEM_NONE = (
    "Sua expressão devolveu None. Métodos como `df.to_parquet(...)`, "
    "`df.sort_values(..., inplace=True)` ou `lista.sort()` alteram ou gravam e não devolvem "
    "nada; guarde o objeto (ou o caminho), não o retorno do método.")


@dataclass
class Result:
    """Resultado da conferência de uma questão: nota de 0 a 1 e mensagens."""

    status: str
    score: float
    messages: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{_ICONES[self.status]} {_TITULOS[self.status]}"


def is_blank(answer: Any) -> bool:
    """``...`` (Ellipsis) significa "ainda não respondi".

    ``None`` não é branco: quase sempre é o retorno de um método que altera ou
    grava e não devolve nada, e recebe um retorno próprio.

    Examples
    --------
    >>> is_blank(...), is_blank(None), is_blank(0)
    (True, False, False)
    """
    return answer is Ellipsis


def is_dataframe(valor: Any) -> bool:
    """A resposta é um ``pandas.DataFrame``?

    Em :class:`Checks`, esta verificação é um pré-requisito: se falha, a nota é
    zero; se passa, não vale ponto (ser uma tabela não prova nada sobre o
    conteúdo).
    """
    import pandas as pd

    return isinstance(valor, pd.DataFrame)


def requires(funcao: Callable, mensagem_de_erro: str, mensagem_de_acerto: str = "") -> tuple:
    """Verificação que é pré-requisito das outras: não vale ponto; se falha, a nota é 0.

    Use para o tipo da resposta e para o que as demais verificações supõem
    (uma coluna que elas leem, por exemplo), para não relatar falhas em cascata.

    Examples
    --------
    >>> from mlops_lab.exercises.core import Checks
    >>> tem_a = requires(lambda d: "a" in d, "falta a chave 'a'")
    >>> q = Checks("q", "resposta_1", "Um dicionário com 'a' = 1.",
    ...            [tem_a, (lambda d: d["a"] == 1, "a vale 1", "'a' deveria valer 1")],
    ...            hints=["..."], solution="resposta_1 = {'a': 1}")
    >>> q.grade({"b": 2}).score, q.grade({"a": 2}).score, q.grade({"a": 1}).score
    (0.0, 0.0, 1.0)
    """
    return Requirement(funcao, mensagem_de_acerto, mensagem_de_erro)


class Requirement(tuple):
    def __new__(cls, funcao, bom, ruim) -> Requirement:
        return super().__new__(cls, (funcao, bom, ruim))


# ----- números como quem estuda escreve ---------------------------------------------

_MILHAR = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(valor: Any, inteiro: bool = False) -> float:
    """Converte a resposta num ``float``, aceitando a vírgula decimal brasileira.

    Aceita números (inclusive do NumPy) e textos como ``"0,204"``,
    ``"0.204"``, ``" 1.234,5 "`` e ``"20,4%"`` (este vira ``20.4``: quem decide
    se a porcentagem cabe é a questão). Com ``inteiro=True``, ``"1.197"`` é mil
    cento e noventa e sete. Lança ``ValueError`` com uma mensagem em português.

    Examples
    --------
    >>> parse_number("0,204"), parse_number("0.204"), parse_number("1.234,5")
    (0.204, 0.204, 1234.5)
    >>> parse_number("1.197", inteiro=True)
    1197.0
    """
    import numpy as np

    if isinstance(valor, (bool, np.bool_)):
        raise ValueError("recebi um valor lógico (True/False), não um número")
    if isinstance(valor, str):
        texto = valor.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
        if "," in texto and "." in texto:
            texto = texto.replace(".", "").replace(",", ".")
        elif "," in texto:
            texto = texto.replace(",", ".")
        elif inteiro and _MILHAR.match(texto):
            texto = texto.replace(".", "")
        try:
            return float(texto)
        except ValueError:
            raise ValueError(f"não consegui ler {valor!r} como número") from None
    if isinstance(valor, (list, tuple, set, dict)) or (
            hasattr(valor, "__len__") and getattr(valor, "ndim", 1) != 0):
        raise ValueError(f"recebi uma coleção ({type(valor).__name__}); guarde um único número")
    try:
        return float(valor)
    except (TypeError, ValueError):
        raise ValueError(f"a resposta deve ser um número; recebi {type(valor).__name__}") from None


def format_br(valor: float) -> str:
    """Número com vírgula decimal, como no texto do curso."""
    return f"{valor:g}".replace(".", ",")


# ----- sequências em que a ordem ou o recipiente não importam ------------------------

def as_list(valor: Any) -> list | None:
    """Lista com os itens de qualquer sequência (lista, tupla, conjunto, array, Series...).

    Textos e dicionários não são sequências aqui. Devolve ``None`` se ``valor``
    não for uma sequência.

    Examples
    --------
    >>> as_list((1, 2)), as_list({3}), as_list("ab")
    ([1, 2], [3], None)
    """
    if isinstance(valor, (str, bytes, dict)) or valor is None:
        return None
    if hasattr(valor, "tolist"):  # array do NumPy, Series e Index do pandas
        convertido = valor.tolist()
        return convertido if isinstance(convertido, list) else None
    if isinstance(valor, (list, tuple, set, frozenset, range, Iterator)) or type(
            valor).__name__ in ("dict_keys", "dict_values", "dict_items"):
        return list(valor)
    return None


def as_set(valor: object) -> set | None:
    """Os itens de uma sequência qualquer (lista, tupla, conjunto, array), ou ``None``.

    >>> sorted(as_set(("b", "a"))), as_set("texto") is None
    (['a', 'b'], True)
    """
    itens = as_list(valor)
    if itens is None:
        return None
    try:
        return set(itens)
    except TypeError:  # itens que não cabem num conjunto (listas, dicionários)
        return None


def as_float(valor: object) -> float | None:
    """Número finito de um valor qualquer (texto com vírgula decimal também), ou ``None``.

    >>> as_float("0,204"), as_float(3), as_float("abc"), as_float(True)
    (0.204, 3.0, None, None)
    """
    try:
        numero = parse_number(valor)
    except ValueError:
        return None
    return numero if math.isfinite(numero) else None


def as_bool(valor: object) -> bool | None:
    """``True``/``False`` do Python ou do NumPy; qualquer outra coisa dá ``None``.

    >>> as_bool(True), as_bool(1), as_bool("sim")
    (True, None, None)
    """
    if isinstance(valor, bool):
        return valor
    if type(valor).__module__ == "numpy" and type(valor).__name__ in ("bool", "bool_"):
        return bool(valor)
    return None


def close(a: object, b: float, abs_tol: float = 5e-4, rel_tol: float = 0.0) -> bool:
    """``a`` e ``b`` são números próximos (``a`` pode vir como texto).

    >>> close("0,6029", 0.602941), close(0.59, 0.602941)
    (True, False)
    """
    a = as_float(a)
    return a is not None and math.isclose(a, float(b), abs_tol=abs_tol, rel_tol=rel_tol)


def same_value(a: Any, b: Any, rel_tol: float = 1e-6) -> bool:
    """Igualdade tolerante: números com ``math.isclose``, sequências item a item.

    Examples
    --------
    >>> same_value(0.1 + 0.2, 0.3), same_value((1, "a"), [1.0, "a"]), same_value("a", "b")
    (True, True, False)
    """
    if is_number(a) and is_number(b):
        return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=1e-9)
    if isinstance(b, AnyOrder):
        return same_items(a, b, ordered=False, rel_tol=rel_tol)
    la, lb = as_list(a), as_list(b)
    if la is not None and lb is not None:
        return len(la) == len(lb) and all(same_value(x, y, rel_tol) for x, y in zip(la, lb))
    try:
        return bool(a == b)
    except Exception:
        return False


def same_items(obtido: Any, esperado: Any, ordered: bool = False, rel_tol: float = 1e-6) -> bool:
    """Os mesmos itens, em qualquer sequência (lista, tupla, conjunto, array...).

    Com ``ordered=False`` (o padrão) a ordem não importa, mas as repetições sim.

    Examples
    --------
    >>> same_items(("b", "a"), ["a", "b"]), same_items({"a"}, ["a", "a"])
    (True, False)
    >>> same_items(["b", "a"], ["a", "b"], ordered=True)
    False
    """
    a, b = as_list(obtido), as_list(esperado)
    if a is None or b is None or len(a) != len(b):
        return False
    if ordered:
        return all(same_value(x, y, rel_tol) for x, y in zip(a, b))
    restantes = list(b)
    for item in a:
        for i, candidato in enumerate(restantes):
            if same_value(item, candidato, rel_tol):
                del restantes[i]
                break
        else:
            return False
    return True


class AnyOrder(list):
    """Valor esperado de :class:`FunctionCases` em que a ordem e o recipiente não importam.

    Examples
    --------
    >>> same_value(("y", "x"), AnyOrder(["x", "y"]))
    True
    """


def is_number(valor: Any) -> bool:
    import numpy as np

    return isinstance(valor, (int, float, np.integer, np.floating)) and not isinstance(
        valor, (bool, np.bool_))


def is_empty_answer(valor: Any) -> bool:
    import pandas as pd

    if isinstance(valor, pd.DataFrame):
        return valor.shape[0] == 0 or valor.shape[1] == 0
    if isinstance(valor, (pd.Series, list, tuple, set, dict)):
        return len(valor) == 0
    if isinstance(valor, str):
        return not valor.strip()
    return False


def wrong_type(answer: Any, expects: type | tuple[type, ...] | None) -> Result | None:
    """O resultado "tipo errado" quando ``answer`` não é de ``expects`` (ou ``None``)."""
    if expects is None or isinstance(answer, expects):
        return None
    nomes = (expects.__name__ if isinstance(expects, type)
             else " ou ".join(t.__name__ for t in expects))
    return Result(INCORRECT, 0.0, [
        f"Esperava um valor do tipo {nomes}; recebi {type(answer).__name__}."])


def combine_checks(parts: list[tuple[bool, str, str]], pulados: list[str] = ()) -> Result:
    """Junta verificações parciais (ok, mensagem de acerto, mensagem de erro).

    ``pulados`` são verificações que não chegaram a rodar porque dependiam de
    uma que falhou: contam como não cumpridas.

    Examples
    --------
    >>> r = combine_checks([(True, "tem 3 colunas", "faltam colunas"), (False, "ok", "vazia")])
    >>> r.score, r.messages
    (0.5, ['✔ tem 3 colunas', '✘ vazia'])
    """
    total = len(parts) + len(pulados)
    acertos = sum(ok for ok, _, _ in parts)
    mensagens = [(f"✔ {bom}" if ok else f"✘ {ruim}") for ok, bom, ruim in parts]
    mensagens += [f"· não conferido (depende do item anterior): {bom}" for bom in pulados]
    score = acertos / total if total else 1.0
    status = CORRECT if acertos == total else PARTIAL if acertos else INCORRECT
    return Result(status, round(score, 4), mensagens)


def diagnosis_pairs(diagnoses: Any) -> list[tuple]:
    """Os erros conhecidos de uma questão como pares (condição, mensagem)."""
    if not diagnoses:
        return []
    if isinstance(diagnoses, dict):
        return list(diagnoses.items())
    return [tuple(par) for par in diagnoses]
