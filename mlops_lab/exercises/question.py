"""A base das questões: nome da resposta, conferência, dicas, solução e o retorno exibido.

Cada questão é uma declaração pequena: o nome da variável que guarda a resposta,
como conferir, dicas e solução. A conferência (:meth:`Question.grade`) devolve um
:class:`~mlops_lab.exercises.answers.Result` e nunca lança exceção; a exibição fica
à parte (:func:`render`), para que o notebook, a linha de comando e a correção em
lote usem o mesmo caminho.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.exercises.answers import (
    CORRECT,
    INCORRECT,
    MENSAGEM_NONE,
    NOT_ANSWERED,
    PARTIAL,
    Result,
    diagnosis_pairs,
    is_blank,
    same_value,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

__all__ = ["Question", "render"]


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

    grades_path = False  # a resposta é um caminho (:class:`Artifact`): confere o arquivo

    kind = "valor"

    def __init__(self, name: str, answer: str, prompt: str, hints: Sequence[str], solution: str, *,
                 diagnoses: dict | Sequence[tuple] | None = None, none_message: str | None = None):
        self.name = name
        self.answer = answer
        self.prompt = prompt
        self.hints = list(hints)
        self.solution_text = solution
        self.diagnoses = diagnosis_pairs(diagnoses)
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
            if self.grades_path:
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
