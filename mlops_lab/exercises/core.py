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
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any

__all__ = ["NOT_ANSWERED", "CORRECT", "PARTIAL", "INCORRECT", "MENSAGEM_NONE", "Result",
           "is_blank", "is_dataframe", "requires", "parse_number", "as_list", "as_set", "as_float",
           "as_bool", "close", "same_value", "same_items", "AnyOrder", "wrong_type", "Question",
           "MultipleChoice", "Numeric", "Checks", "ChainedChecks", "Artifact", "FunctionCases",
           "render", "combine_checks"]

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
    >>> tem_a = requires(lambda d: "a" in d, "falta a chave 'a'")
    >>> q = Checks("q", "resposta_1", "Um dicionário com 'a' = 1.",
    ...            [tem_a, (lambda d: d["a"] == 1, "a vale 1", "'a' deveria valer 1")],
    ...            hints=["..."], solution="resposta_1 = {'a': 1}")
    >>> q.grade({"b": 2}).score, q.grade({"a": 2}).score, q.grade({"a": 1}).score
    (0.0, 0.0, 1.0)
    """
    return _Requisito(funcao, mensagem_de_acerto, mensagem_de_erro)


class _Requisito(tuple):
    def __new__(cls, funcao, bom, ruim) -> _Requisito:
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


def _br(valor: float) -> str:
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
    if _numero(a) and _numero(b):
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


def _numero(valor) -> bool:
    import numpy as np

    return isinstance(valor, (int, float, np.integer, np.floating)) and not isinstance(
        valor, (bool, np.bool_))


def _is_empty(valor) -> bool:
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


def _pares(diagnoses):
    if not diagnoses:
        return []
    if isinstance(diagnoses, dict):
        return list(diagnoses.items())
    return [tuple(par) for par in diagnoses]


class Question:
    """Base das questões. Subclasses implementam :meth:`_grade`.

    Parameters
    ----------
    name : str
        Identificador curto (``"q1"``), usado na tabela de notas.
    answer : str
        Nome da variável do notebook que guarda a resposta
        (``"resposta_1"``); o corretor em lote lê essa variável.
    prompt : str
        Enunciado curto, em uma frase.
    hints : list of str
        Dicas, da mais geral (o conceito) para a mais específica (o método);
        código, só na solução. Cada ``hint()`` mostra a próxima.
    solution : str
        Código ou texto da solução.
    diagnoses : dict or list of pairs, optional
        Erros conhecidos: ``{valor_ou_predicado: "mensagem"}``. Um valor é
        comparado com a resposta (números com a tolerância da questão); um
        predicado recebe a resposta e devolve verdadeiro se o erro é aquele.
        A mensagem aparece quando a resposta não está certa.
    none_message : str, optional
        Retorno para uma resposta ``None`` (o padrão explica métodos que não
        devolvem nada).

    Attributes
    ----------
    hints_shown : int
        Quantas dicas já foram mostradas (a correção em lote registra).
    solution_shown : bool
        Se a solução já foi mostrada.
    """

    kind = "valor"

    def __init__(self, name: str, answer: str, prompt: str, hints: Sequence[str], solution: str, *,
                 diagnoses: dict | Sequence[tuple] | None = None, none_message: str | None = None):
        self.name = name
        self.answer = answer
        self.prompt = prompt
        self.hints = list(hints)
        self.solution_text = solution
        self.diagnoses = _pares(diagnoses)
        self.none_message = none_message or MENSAGEM_NONE
        self.hints_shown = 0
        self.solution_shown = False

    # ----- para quem estuda -------------------------------------------------
    def check(self, answer: Any = ...) -> None:
        """Confere a resposta e mostra o retorno (nunca lança exceção)."""
        resultado = self.grade(answer, base_dir=None)
        _show(render(self, resultado))
        return None

    def hint(self, n: int | None = None) -> None:
        """Mostra a próxima dica (ou a de número ``n``), da mais geral à mais específica."""
        total = len(self.hints)
        if not total:
            _show(f"Esta questão não tem dicas. Veja a solução com `ex.{self.name}.solution()`.")
            return
        if n is None:
            if self.hints_shown >= total:
                _show(f"Não há mais dicas para {self.name}: você já viu as {total}. Para rever "
                      f"uma, use `ex.{self.name}.hint(1)`; se ainda travar, "
                      f"`ex.{self.name}.solution()` mostra a solução.")
                return
            n = self.hints_shown + 1
        try:
            n = int(n)
        except (TypeError, ValueError):
            n = 0
        if not 1 <= n <= total:
            _show(f"{self.name} tem {total} dica(s): peça de `hint(1)` a `hint({total})`.")
            return
        self.hints_shown = max(self.hints_shown, n)
        fim = (f"Próxima: `ex.{self.name}.hint()`." if n < total else
               f"Era a última dica; se ainda travar, `ex.{self.name}.solution()` mostra a "
               "solução.")
        _show(f"💡 Dica {n} de {total} ({self.name}): {self.hints[n - 1]}\n   {fim}")

    def solution(self) -> None:
        """Mostra a solução."""
        self.solution_shown = True
        _show(f"Solução de {self.name}:\n{self.solution_text}")

    # ----- para o corretor ---------------------------------------------------
    def grade(self, answer: Any, base_dir: str | Path | None = None) -> Result:
        """Nota e mensagens para ``answer``; erros viram mensagem, não exceção.

        ``base_dir`` é a pasta onde o notebook rodou (para questões que
        inspecionam arquivos); ``None`` significa a pasta atual.
        """
        if is_blank(answer):
            return Result(NOT_ANSWERED, 0.0, [
                f"Troque o `...` de `{self.answer}` pela sua resposta e rode a célula de novo."])
        if answer is None:
            return Result(INCORRECT, 0.0, [self.none_message])
        try:
            if isinstance(self, Artifact):
                return self._grade_path(answer, base_dir)
            return self._diagnosed(self._grade(answer), answer)
        except Exception as erro:  # a resposta pode ser qualquer coisa
            return Result(INCORRECT, 0.0, [
                f"Não consegui conferir a resposta ({type(erro).__name__}: {erro}). "
                "Confira o tipo do valor que você guardou."])

    def _grade(self, answer) -> Result:  # pragma: no cover - abstrato
        raise NotImplementedError

    def _matches(self, answer, valor) -> bool:
        """A resposta é o valor de um erro conhecido?"""
        if isinstance(valor, str) and isinstance(answer, str):
            return answer.strip().lower() == valor.strip().lower()
        return same_value(answer, valor)

    def _diagnosed(self, resultado: Result, sujeito) -> Result:
        """Acrescenta (no começo) as mensagens dos erros conhecidos que casam."""
        if resultado.status == CORRECT or not self.diagnoses:
            return resultado
        achados = []
        for chave, mensagem in self.diagnoses:
            try:
                casou = bool(chave(sujeito)) if callable(chave) else self._matches(sujeito, chave)
            except Exception:
                casou = False
            if casou and mensagem not in achados:
                achados.append(mensagem)
        if achados:
            resultado.messages[:0] = [f"🔎 {m}" for m in achados]
        return resultado


class MultipleChoice(Question):
    """Múltipla escolha: a resposta é a letra (``"b"``) da alternativa certa.

    ``why_wrong`` explica cada alternativa errada (um teste exige todas).
    """

    kind = "escolha"

    def __init__(self, name: str, answer: str, prompt: str, options: dict[str, str], correct: str,
                 explanation: str, hints: Sequence[str] = (),
                 why_wrong: dict[str, str] | None = None, **opcoes: Any):
        self.options = dict(options)
        self.correct = correct
        self.explanation = explanation
        self.why_wrong = dict(why_wrong or {})
        solucao = f"Alternativa {correct}: {self.options[correct]}. {explanation}"
        super().__init__(name, answer, prompt, hints, solucao, **opcoes)

    def _grade(self, answer):
        letra = str(answer).strip().lower().strip("()").strip()
        if letra not in self.options:
            return Result(INCORRECT, 0.0, [
                f"Responda com a letra de uma alternativa: {', '.join(self.options)}."])
        if letra == self.correct:
            return Result(CORRECT, 1.0, [self.explanation])
        motivo = self.why_wrong.get(letra, "Releia o enunciado e as alternativas.")
        return Result(INCORRECT, 0.0, [f"A alternativa {letra} não é a melhor. {motivo}"])


class Numeric(Question):
    """Resposta numérica, escrita como número ou como texto (``"0,204"``).

    ``expected`` pode ser um número ou uma função sem argumentos que o calcula
    (avaliada só na conferência, para não pesar na importação).

    Parameters
    ----------
    rel_tol, abs_tol : float, optional
        Tolerâncias de ``math.isclose`` (padrão: ``1e-3`` relativa).
    decimals : int, optional
        A resposta arredondada a ``decimals`` casas está certa (é a precisão
        que o notebook mostra): aceita ``0.204`` para ``0.2044``.
    share : bool
        A resposta é uma fração (entre 0 e 1): um valor fora desse intervalo
        recebe um retorno sobre a unidade.
    total : number or callable, optional
        O denominador da fração: reconhece a contagem no lugar da fração.
    integer : bool, optional
        A resposta é uma contagem: precisa ser inteira e exata. O padrão é
        decidir pelo tipo do valor esperado (``int`` sem tolerância declarada).
    known : list of (number or callable, str), optional
        Erros conhecidos dados pelo **valor** errado que produzem (um número ou
        uma função sem argumentos que o calcula): a resposta perto dele recebe a
        explicação. Para erros reconhecidos por um predicado, use ``diagnoses``.
    unit : str, optional
        A unidade da resposta ("porcentagem (de 0 a 100)"), lembrada quando o
        número está errado sem outro diagnóstico.

    Examples
    --------
    >>> q = Numeric("q", "resposta_1", "Fração?", 0.2044, ["..."], "...", decimals=3,
    ...             share=True)
    >>> [q.grade(x).status for x in (0.2044, 0.204, "0,204", 0.21)]
    ['correta', 'correta', 'correta', 'incorreta']
    >>> q.grade(20.44).messages[0]
    '🔎 Parece uma porcentagem: a questão pede a fração, entre 0 e 1 (divida por 100).'
    >>> q = Numeric("q", "resposta_2", "Quantos?", 12, ["..."], "...",
    ...             known=[(lambda: 15, "Esse é o total com as duplicatas.")])
    >>> q.grade(15).messages[0]
    '🔎 Esse é o total com as duplicatas.'
    """

    kind = "numero"

    def __init__(self, name: str, answer: str, prompt: str, expected: Any, hints: Sequence[str],
                 solution: str, rel_tol: float | None = None, abs_tol: float | None = None, *,
                 decimals: int | None = None, share: bool = False,
                 total: float | Callable[[], float] | None = None, integer: bool | None = None,
                 known: Sequence[tuple[Any, str]] = (), unit: str = "", **opcoes: Any):
        self.expected = expected
        self.unit = unit
        opcoes["diagnoses"] = (_pares(opcoes.get("diagnoses"))
                               + [(self._is_value(alvo), texto) for alvo, texto in known])
        self._tolerancia_declarada = rel_tol is not None or abs_tol is not None
        self.rel_tol = 1e-3 if rel_tol is None else rel_tol
        self.abs_tol = 1e-9 if abs_tol is None else abs_tol
        self.decimals = decimals
        self.share = share
        self.total = total
        self.integer = integer
        super().__init__(name, answer, prompt, hints, solution, **opcoes)

    def _is_value(self, alvo):
        """Predicado: a resposta é (com a tolerância da questão) o valor ``alvo``."""
        def casou(resposta):
            valor = alvo() if callable(alvo) else alvo
            return valor is not None and self._matches(resposta, valor)
        return casou

    def _valor_esperado(self):
        return self.expected() if callable(self.expected) else self.expected

    def _inteira(self, esperado) -> bool:
        import numpy as np

        if self.integer is not None:
            return self.integer
        return (not self._tolerancia_declarada and self.decimals is None
                and isinstance(esperado, (int, np.integer)) and not isinstance(esperado, bool))

    def _perto(self, valor, esperado, inteira=False) -> bool:
        if inteira:
            return valor == esperado
        meia_casa = 0.5 * 10 ** -self.decimals if self.decimals is not None else 0.0
        if abs(valor - esperado) <= meia_casa + 1e-12:
            return True
        return math.isclose(valor, esperado, rel_tol=self.rel_tol, abs_tol=self.abs_tol)

    def _matches(self, answer, valor) -> bool:
        if not _numero(valor):
            return super()._matches(answer, valor)
        try:
            return self._perto(parse_number(answer), float(valor))
        except ValueError:
            return False

    def _grade(self, answer):
        esperado = self._valor_esperado()
        inteira = self._inteira(esperado)
        try:
            valor = parse_number(answer, inteiro=inteira)
        except ValueError as erro:
            return Result(INCORRECT, 0.0, [f"A resposta deve ser um número: {erro}."])
        if math.isnan(valor):
            return Result(INCORRECT, 0.0, [
                "A resposta é NaN (não é um número): confira se a conta não caiu em valores "
                "ausentes."])
        if inteira and valor != round(valor):
            return Result(INCORRECT, 0.0, [
                f"{_br(valor)} não é inteiro: a questão pede uma contagem (de linhas, clientes, "
                "valores), que é um número inteiro."])
        if self._perto(valor, float(esperado), inteira):
            return Result(CORRECT, 1.0, [f"{_br(valor)} está certo."])
        return Result(INCORRECT, 0.0, self._unidade(valor, float(esperado)))

    def _unidade(self, valor, esperado) -> list[str]:
        """Retorno para um número errado: unidade trocada, arredondamento ou direção."""
        mensagens = []
        if esperado and self._perto(valor / 100, esperado) and (self.share or 0 < esperado <= 1):
            mensagens.append("🔎 Parece uma porcentagem: a questão pede a fração, entre 0 e 1 "
                             "(divida por 100).")
        elif esperado and self._perto(valor * 100, esperado) and not self.share:
            mensagens.append("🔎 Parece uma fração: a questão pede a porcentagem "
                             "(multiplique por 100).")
        total = self.total() if callable(self.total) else self.total
        if not mensagens and total and self._perto(valor / total, esperado):
            mensagens.append(f"🔎 Parece uma contagem: a questão pede a fração; divida pelo "
                             f"total ({_br(total)}).")
        if not mensagens and self.share and not 0 <= valor <= 1:
            mensagens.append(f"A questão pede uma fração, entre 0 e 1; {_br(valor)} está fora "
                             "desse intervalo.")
        if mensagens:
            return mensagens
        if self.decimals is not None and abs(valor - esperado) <= 5 * 10 ** -self.decimals:
            return [f"{_br(valor)} está perto, mas não bate com {self.decimals} casas "
                    "decimais: confira a conta e o arredondamento."]
        direcao = "alto" if valor > esperado else "baixo"
        unidade = f" Confira a unidade: a resposta é em {self.unit}." if self.unit else ""
        return [f"{_br(valor)} está {direcao} demais.{unidade}"]


class Checks(Question):
    """Várias verificações sobre a resposta, com nota parcial.

    ``checks`` é uma lista de ``(funcao, mensagem_de_acerto, mensagem_de_erro)``;
    ``funcao(resposta)`` devolve ``True`` se a verificação passa, algo falso se
    falha, ou um texto, que é o diagnóstico específico da falha (no lugar da
    mensagem de erro). Itens criados
    com :func:`requires` (e :func:`is_dataframe`) são pré-requisitos: não valem
    ponto, e se falham a nota é 0. Verificar só o tipo não dá nota.

    Parameters
    ----------
    expects : type or tuple of types, optional
        Tipo exigido (pré-requisito).
    dependent : bool
        Cada verificação depende das anteriores: a conferência para na primeira
        que falha, e as seguintes contam como não cumpridas, sem mensagens em
        cascata.
    allow_empty : bool
        Se ``False`` (o padrão), uma resposta vazia (tabela sem linhas ou sem
        colunas, lista vazia) vale 0.
    """

    kind = "codigo"

    def __init__(self, name: str, answer: str, prompt: str, checks: Sequence[tuple],
                 hints: Sequence[str], solution: str,
                 expects: type | tuple[type, ...] | None = None, *, dependent: bool = False,
                 allow_empty: bool = False, **opcoes: Any):
        self.checks = list(checks)
        self.expects = expects
        self.dependent = dependent
        self.allow_empty = allow_empty
        super().__init__(name, answer, prompt, hints, solution, **opcoes)

    def _grade(self, answer):
        tipo_errado = wrong_type(answer, self.expects)
        if tipo_errado is not None:
            return tipo_errado
        if not self.allow_empty and _is_empty(answer):
            return Result(INCORRECT, 0.0, [
                f"A resposta está vazia ({type(answer).__name__} sem conteúdo): confira o "
                "filtro ou a expressão que a produziu."])
        partes, pulados, parar = [], [], False
        for item in self.checks:
            funcao, bom, ruim = item
            if parar:
                pulados.append(bom)
                continue
            try:
                saida = funcao(answer)
            except Exception:
                saida = False
            ok = bool(saida) and not isinstance(saida, str)
            if isinstance(saida, str) and saida:
                ruim = saida
            if isinstance(item, _Requisito) or funcao is is_dataframe:
                if not ok:
                    return Result(INCORRECT, 0.0, [f"✘ {ruim}"])
                continue
            partes.append((ok, bom, ruim))
            parar = self.dependent and not ok
        return combine_checks(partes, pulados)


class ChainedChecks(Checks):
    """:class:`Checks` em que cada verificação depende das anteriores.

    A conferência para na primeira que falha (nada de "as probabilidades não
    somam 1" quando as colunas nem existem); as seguintes contam como não
    cumpridas. Uma resposta vazia é conferida como qualquer outra.
    """

    def __init__(self, *args: Any, **opcoes: Any):
        opcoes.setdefault("dependent", True)
        opcoes.setdefault("allow_empty", True)
        super().__init__(*args, **opcoes)


class Artifact(Checks):
    """A resposta é o caminho de um arquivo ou pasta que o aluno produziu.

    Cada verificação (e cada predicado de ``diagnoses``) recebe um
    ``pathlib.Path`` já resolvido.
    """

    kind = "artefato"

    def _grade_path(self, answer, base_dir):
        from pathlib import Path

        if not isinstance(answer, (str, Path)):
            return Result(INCORRECT, 0.0, [
                f"Guarde em `{self.answer}` o caminho (texto) do arquivo; recebi "
                f"{type(answer).__name__}."])
        caminho = Path(answer)
        if not caminho.is_absolute():
            caminho = Path(base_dir or ".") / caminho
        if not caminho.exists():
            return Result(INCORRECT, 0.0, [f"'{answer}' não existe. Rode a célula que o cria."])
        return self._diagnosed(Checks._grade(self, caminho), caminho)


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


def render(question: Question, result: Result) -> str:
    """Texto do retorno, igual no notebook e no terminal."""
    linhas = [f"{result.title} ({question.name}: {result.score:.0%})"]
    linhas += [f"  {m}" for m in result.messages]
    if result.status in (INCORRECT, PARTIAL):
        linhas.append(f"  Peça uma dica com `ex.{question.name}.hint()` (uma de cada vez) ou "
                      f"veja a solução com `ex.{question.name}.solution()`.")
    return "\n".join(linhas)


def _show(texto: str) -> None:
    print(texto)
