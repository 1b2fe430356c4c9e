"""Os tipos de questão: múltipla escolha, número, conferências, artefato e casos de função.

O retorno tenta diagnosticar, e não só dizer "errado": números escritos como quem
estuda escreve (``"0,204"``), a unidade trocada (porcentagem no lugar de fração,
contagem no lugar de fração), ``None`` devolvido por um método que altera ou grava,
e erros conhecidos declarados em cada questão (``diagnoses=``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mlops_lab.exercises.answers import (
    CORRECT,
    INCORRECT,
    Requirement,
    Result,
    combine_checks,
    diagnosis_pairs,
    format_br,
    is_dataframe,
    is_empty_answer,
    is_number,
    parse_number,
    wrong_type,
)
from mlops_lab.exercises.question import Question

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

__all__ = ["MultipleChoice", "Numeric", "Checks", "ChainedChecks", "Artifact"]


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
        opcoes["diagnoses"] = (diagnosis_pairs(opcoes.get("diagnoses"))
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
        if not is_number(valor):
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
                f"{format_br(valor)} não é inteiro: a questão pede uma contagem (de linhas, "
                "clientes, valores), que é um número inteiro."])
        if self._perto(valor, float(esperado), inteira):
            return Result(CORRECT, 1.0, [f"{format_br(valor)} está certo."])
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
                             f"total ({format_br(total)}).")
        if not mensagens and self.share and not 0 <= valor <= 1:
            mensagens.append(f"A questão pede uma fração, entre 0 e 1; {format_br(valor)} está "
                             "fora desse intervalo.")
        if mensagens:
            return mensagens
        if self.decimals is not None and abs(valor - esperado) <= 5 * 10 ** -self.decimals:
            return [f"{format_br(valor)} está perto, mas não bate com {self.decimals} casas "
                    "decimais: confira a conta e o arredondamento."]
        direcao = "alto" if valor > esperado else "baixo"
        unidade = f" Confira a unidade: a resposta é em {self.unit}." if self.unit else ""
        return [f"{format_br(valor)} está {direcao} demais.{unidade}"]


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
        if not self.allow_empty and is_empty_answer(answer):
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
            if isinstance(item, Requirement) or funcao is is_dataframe:
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

    grades_path = True

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
