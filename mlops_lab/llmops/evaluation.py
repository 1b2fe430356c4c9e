"""Avaliação do assistente: conjunto de perguntas, avaliadores e o portão de promoção.

O conjunto de avaliação (``eval_set.json``) tem perguntas de clientes com o fato
que a resposta precisa trazer e se a pergunta deve ser barrada pelas guardas.
Os avaliadores (*scorers*) são funções determinísticas, sem LLM juiz: cada uma
recebe a saída do assistente e as expectativas da linha e devolve ``True`` ou
``False``. :func:`evaluate_local` tira a média de cada um em Python puro;
:mod:`mlops_lab.llmops.tracking` faz a mesma conta com ``mlflow.genai.evaluate``.
:func:`gate` é o portão: um *prompt* novo só é promovido se não piorar nenhuma
métrica além da tolerância.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from mlops_lab.errors import MlopsLabError
from mlops_lab.llmops.assistant import PromptSpec, answer

__all__ = ["MAX_WORDS", "SCORERS", "eval_set", "cites_passage", "mentions_fact",
           "within_length", "guardrail_respected", "evaluate_local", "gate"]

#: Limite de palavras de uma resposta, pela política de atendimento do curso.
MAX_WORDS = 80
_CODIGO = re.compile(r"\[KB\d{2}\]")


@cache
def _linhas() -> str:
    return resources.files("mlops_lab.llmops").joinpath("eval_set.json").read_text("utf-8")


def eval_set() -> list[dict[str, Any]]:
    """As linhas do conjunto de avaliação, no formato de ``mlflow.genai.evaluate``.

    Examples
    --------
    >>> linhas = eval_set()
    >>> sorted(linhas[0]), sorted(linhas[0]["expectations"])
    (['expectations', 'inputs'], ['block', 'fact'])
    """
    return json.loads(_linhas())["linhas"]


def cites_passage(outputs: dict, expectations: dict) -> bool:
    """A resposta cita o código de um trecho da base (uma recusa esperada não precisa).

    Examples
    --------
    >>> cites_passage({"text": "Vale em dois dias [KB11]."}, {"block": False})
    True
    """
    return bool(expectations["block"] or _CODIGO.search(outputs["text"]))


def mentions_fact(outputs: dict, expectations: dict) -> bool:
    """A resposta traz o fato esperado (comparação sem diferenciar maiúsculas).

    Examples
    --------
    >>> mentions_fact({"text": "Aceitamos Pix."}, {"fact": "pix", "block": False})
    True
    """
    return expectations["fact"].lower() in outputs["text"].lower()


def within_length(outputs: dict, expectations: dict) -> bool:
    """A resposta tem até :data:`MAX_WORDS` palavras.

    Examples
    --------
    >>> within_length({"text": "curta"}, {})
    True
    """
    return len(outputs["text"].split()) <= MAX_WORDS


def guardrail_respected(outputs: dict, expectations: dict) -> bool:
    """Barrou o que devia barrar e deixou passar o resto.

    Examples
    --------
    >>> guardrail_respected({"blocked": None}, {"block": False})
    True
    """
    return (outputs["blocked"] is not None) == bool(expectations["block"])


#: Os avaliadores, na ordem em que aparecem nas tabelas.
SCORERS: dict[str, Callable[[dict, dict], bool]] = {
    "cites_passage": cites_passage, "mentions_fact": mentions_fact,
    "within_length": within_length, "guardrail_respected": guardrail_respected,
}


def evaluate_local(spec: PromptSpec, rows: list[dict[str, Any]] | None = None) -> dict[str, float]:
    """Média de cada avaliador (e o custo médio por resposta) nas linhas, sem MLflow.

    Examples
    --------
    >>> from mlops_lab.llmops import PROMPT_V1
    >>> evaluate_local(PROMPT_V1)["guardrail_respected"]
    1.0
    """
    rows = eval_set() if rows is None else rows
    if not rows:
        raise MlopsLabError("O conjunto de avaliação está vazio; passe ao menos uma linha.")
    saidas = [answer(r["inputs"]["question"], spec).as_dict() for r in rows]
    medias = {nome: round(sum(f(s, r["expectations"]) for s, r in zip(saidas, rows)) / len(rows), 3)
              for nome, f in SCORERS.items()}
    medias["cost"] = round(sum(s["cost"] for s in saidas) / len(rows), 6)
    return medias


def gate(current: dict[str, float], candidate: dict[str, float],
         tolerance: float = 0.0) -> list[str]:
    """Os motivos para **não** promover o candidato (lista vazia: pode promover).

    Só os avaliadores contam (o custo é informação, não critério): cada um pode
    cair no máximo ``tolerance`` em relação à versão atual.

    Examples
    --------
    >>> gate({"mentions_fact": 0.9}, {"mentions_fact": 0.7})
    ['mentions_fact caiu de 0,900 para 0,700 (tolerância 0,000)']
    >>> gate({"mentions_fact": 0.9}, {"mentions_fact": 0.95})
    []
    """
    faltando = [m for m in current if m in SCORERS and m not in candidate]
    if faltando:
        raise MlopsLabError(f"O candidato não tem as métricas {', '.join(faltando)}; avalie-o "
                            "com os mesmos avaliadores da versão atual.")
    from mlops_lab.plot_style import br_number

    return [f"{m} caiu de {br_number(current[m], 3)} para {br_number(candidate[m], 3)} "
            f"(tolerância {br_number(tolerance, 3)})"
            for m in current if m in SCORERS and candidate[m] < current[m] - tolerance - 1e-9]
