"""Tipos de questão, resultado da correção e exibição do retorno.

Cada questão é uma declaração pequena: o nome da variável que guarda a
resposta, como conferir, dicas e solução. A conferência (:meth:`Question.grade`)
devolve um :class:`Result` e nunca lança exceção; a exibição fica à parte
(:func:`render`), para que o notebook, a linha de comando e a correção em lote
usem o mesmo caminho.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

NOT_ANSWERED = "nao_respondida"
CORRECT = "correta"
PARTIAL = "parcial"
INCORRECT = "incorreta"

_ICONES = {CORRECT: "✅", PARTIAL: "🟡", INCORRECT: "❌", NOT_ANSWERED: "✏️"}
_TITULOS = {CORRECT: "Correto!", PARTIAL: "Quase lá", INCORRECT: "Ainda não",
            NOT_ANSWERED: "Ainda sem resposta"}


@dataclass
class Result:
    """Resultado da conferência de uma questão: nota de 0 a 1 e mensagens."""

    status: str
    score: float
    messages: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{_ICONES[self.status]} {_TITULOS[self.status]}"


def is_blank(answer) -> bool:
    """``...`` (Ellipsis) ou ``None`` significam "ainda não respondi"."""
    return answer is Ellipsis or answer is None


def is_dataframe(valor) -> bool:
    """Verificação comum a várias questões: a resposta é um ``pandas.DataFrame``?"""
    import pandas as pd

    return isinstance(valor, pd.DataFrame)


def _combine(parts: list[tuple[bool, str, str]]) -> Result:
    """Junta verificações parciais (ok, mensagem de acerto, mensagem de erro)."""
    acertos = sum(ok for ok, _, _ in parts)
    mensagens = [(f"✔ {bom}" if ok else f"✘ {ruim}") for ok, bom, ruim in parts]
    score = acertos / len(parts)
    status = CORRECT if acertos == len(parts) else PARTIAL if acertos else INCORRECT
    return Result(status, round(score, 4), mensagens)


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
        Dicas, da mais geral para a mais específica.
    solution : str
        Código ou texto da solução.
    """

    kind = "valor"

    def __init__(self, name, answer, prompt, hints, solution):
        self.name = name
        self.answer = answer
        self.prompt = prompt
        self.hints = list(hints)
        self.solution_text = solution

    # ----- para quem estuda -------------------------------------------------
    def check(self, answer=...):
        """Confere a resposta e mostra o retorno (nunca lança exceção)."""
        resultado = self.grade(answer, base_dir=None)
        _show(render(self, resultado))
        return None

    def hint(self, n: int | None = None):
        """Mostra as dicas (todas, ou só a de número ``n``)."""
        inicio = 1 if n is None else n
        dicas = self.hints[inicio - 1:] if n is None else self.hints[n - 1:n]
        texto = "\n".join(f"💡 Dica {i}: {d}" for i, d in enumerate(dicas, start=inicio))
        _show(texto or "Esta questão não tem dicas.")

    def solution(self):
        """Mostra a solução."""
        _show(f"Solução de {self.name}:\n{self.solution_text}")

    # ----- para o corretor ---------------------------------------------------
    def grade(self, answer, base_dir=None) -> Result:
        """Nota e mensagens para ``answer``; erros viram mensagem, não exceção.

        ``base_dir`` é a pasta onde o notebook rodou (para questões que
        inspecionam arquivos); ``None`` significa a pasta atual.
        """
        if is_blank(answer):
            return Result(NOT_ANSWERED, 0.0, [
                f"Troque o `...` de `{self.answer}` pela sua resposta e rode a célula de novo."])
        try:
            if isinstance(self, Artifact):
                return self._grade_path(answer, base_dir)
            return self._grade(answer)
        except Exception as erro:  # a resposta pode ser qualquer coisa
            return Result(INCORRECT, 0.0, [
                f"Não consegui conferir a resposta ({type(erro).__name__}: {erro}). "
                "Confira o tipo do valor que você guardou."])

    def _grade(self, answer) -> Result:  # pragma: no cover - abstrato
        raise NotImplementedError


class MultipleChoice(Question):
    """Múltipla escolha: a resposta é a letra (``"b"``) da alternativa certa."""

    kind = "escolha"

    def __init__(self, name, answer, prompt, options, correct, explanation, hints=(),
                 why_wrong=None):
        self.options = dict(options)
        self.correct = correct
        self.explanation = explanation
        self.why_wrong = dict(why_wrong or {})
        solucao = f"Alternativa {correct}: {self.options[correct]}. {explanation}"
        super().__init__(name, answer, prompt, hints, solucao)

    def _grade(self, answer):
        letra = str(answer).strip().lower().rstrip(")")
        if letra not in self.options:
            return Result(INCORRECT, 0.0, [
                f"Responda com a letra de uma alternativa: {', '.join(self.options)}."])
        if letra == self.correct:
            return Result(CORRECT, 1.0, [self.explanation])
        motivo = self.why_wrong.get(letra, "Releia o enunciado e as alternativas.")
        return Result(INCORRECT, 0.0, [f"A alternativa {letra} não é a melhor. {motivo}"])


class Numeric(Question):
    """Resposta numérica, com tolerância relativa.

    ``expected`` pode ser um número ou uma função sem argumentos que o calcula
    (avaliada só na conferência, para não pesar na importação).
    """

    kind = "numero"

    def __init__(self, name, answer, prompt, expected, hints, solution, rel_tol=1e-3,
                 abs_tol=1e-9):
        self.expected = expected
        self.rel_tol = rel_tol
        self.abs_tol = abs_tol
        super().__init__(name, answer, prompt, hints, solution)

    def _grade(self, answer):
        esperado = self.expected() if callable(self.expected) else self.expected
        try:
            valor = float(answer)
        except (TypeError, ValueError):
            return Result(INCORRECT, 0.0, [
                f"A resposta deve ser um número; recebi {type(answer).__name__}."])
        if math.isclose(valor, esperado, rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return Result(CORRECT, 1.0, [f"{valor:g} está certo."])
        direcao = "alto" if valor > esperado else "baixo"
        return Result(INCORRECT, 0.0, [
            f"{valor:g} está {direcao} demais."])


class Checks(Question):
    """Várias verificações sobre a resposta, com nota parcial.

    ``checks`` é uma lista de ``(funcao, mensagem_de_acerto, mensagem_de_erro)``;
    ``funcao(resposta)`` devolve ``True`` se a verificação passa.
    """

    kind = "codigo"

    def __init__(self, name, answer, prompt, checks, hints, solution, expects=None):
        self.checks = list(checks)
        self.expects = expects
        super().__init__(name, answer, prompt, hints, solution)

    def _grade(self, answer):
        if self.expects is not None and not isinstance(answer, self.expects):
            nomes = (self.expects.__name__ if isinstance(self.expects, type)
                     else " ou ".join(t.__name__ for t in self.expects))
            return Result(INCORRECT, 0.0, [
                f"Esperava um valor do tipo {nomes}; recebi {type(answer).__name__}."])
        partes = []
        for funcao, bom, ruim in self.checks:
            try:
                ok = bool(funcao(answer))
            except Exception:
                ok = False
            partes.append((ok, bom, ruim))
        return _combine(partes)


class Artifact(Checks):
    """A resposta é o caminho de um arquivo ou pasta que o aluno produziu.

    Cada verificação recebe um ``pathlib.Path`` já resolvido.
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
        return Checks._grade(self, caminho)


class FunctionCases(Question):
    """A resposta é uma função; ela é chamada com casos de teste.

    ``cases`` é uma lista de ``(argumentos, esperado, descricao)``, com
    argumentos e valor esperado em tipos simples (números, textos, listas,
    dicionários), para que o corretor em lote possa transportá-los.
    """

    kind = "funcao"

    def __init__(self, name, answer, prompt, cases, hints, solution, rel_tol=1e-6):
        self.cases = list(cases)
        self.rel_tol = rel_tol
        super().__init__(name, answer, prompt, hints, solution)

    def outputs(self, funcao) -> list:
        """Chama ``funcao`` em cada caso; erros viram ``{"erro": ...}``."""
        saidas = []
        for argumentos, _, _ in self.cases:
            try:
                saidas.append(funcao(*argumentos))
            except Exception as erro:
                saidas.append({"erro": f"{type(erro).__name__}: {erro}"})
        return saidas

    def _same(self, obtido, esperado) -> bool:
        if isinstance(esperado, float) or isinstance(obtido, float):
            try:
                return math.isclose(float(obtido), float(esperado), rel_tol=self.rel_tol,
                                    abs_tol=1e-9)
            except (TypeError, ValueError):
                return False
        if isinstance(esperado, (list, tuple)):
            return (isinstance(obtido, (list, tuple)) and len(obtido) == len(esperado)
                    and all(self._same(a, b) for a, b in zip(obtido, esperado)))
        return obtido == esperado

    def _grade(self, answer):
        if isinstance(answer, dict) and "__saidas__" in answer:
            saidas = answer["__saidas__"]  # já calculadas no notebook pelo corretor
        elif callable(answer):
            saidas = self.outputs(answer)
        else:
            return Result(INCORRECT, 0.0, [
                f"Esperava uma função (def ...); recebi {type(answer).__name__}."])
        partes = []
        for (_, esperado, descricao), obtido in zip(self.cases, saidas):
            if isinstance(obtido, dict) and "erro" in obtido:
                partes.append((False, "", f"{descricao}: a função lançou {obtido['erro']}"))
                continue
            partes.append((self._same(obtido, esperado), descricao,
                           f"{descricao}: esperava {esperado!r}, recebi {obtido!r}"))
        return _combine(partes)


def render(question: Question, result: Result) -> str:
    """Texto do retorno, igual no notebook e no terminal."""
    linhas = [f"{result.title} ({question.name}: {result.score:.0%})"]
    linhas += [f"  {m}" for m in result.messages]
    if result.status in (INCORRECT, PARTIAL):
        linhas.append(f"  Peça uma dica com `ex.{question.name}.hint()` ou veja a solução com "
                      f"`ex.{question.name}.solution()`.")
    return "\n".join(linhas)


def _show(texto: str) -> None:
    print(texto)
