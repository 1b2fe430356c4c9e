"""Triagem de incidentes assistida: o AIOps do curso escreve a nota de plantão.

Uma equipe de operação que já detecta anomalias (:mod:`mlops_lab.aiops`) usa
hoje um LLM para resumir o alerta, a causa provável e os próximos passos numa
nota de triagem. Aqui o mesmo papel é feito por um **modelo de texto**, não
por um LLM: a nota é montada com os dados do alerta e um *runbook* fixo, passa
pela guarda de saída e tem os seus *tokens* contados, como uma chamada de
verdade teria.
"""

from __future__ import annotations

from typing import Any

from mlops_lab.llmops.costs import count_tokens
from mlops_lab.llmops.guardrails import check_output
from mlops_lab.plot_style import br_number

__all__ = ["RUNBOOK", "triage_note"]

#: Próximo passo por palavra da causa provável (o primeiro que casar vale).
RUNBOOK = (
    ("pool de conexões", "aumentar o pool ou achar a consulta que segura conexões [RB01]"),
    ("consulta lenta", "ver o plano da consulta mais lenta e os índices do banco [RB02]"),
    ("memória", "procurar vazamento de memória e reiniciar a instância mais antiga [RB03]"),
    ("balanceador", "conferir a saúde dos servidores de origem no balanceador [RB04]"),
)
_PADRAO = "abrir um chamado para a equipe do serviço e anexar os logs da janela [RB00]"


def triage_note(alert: Any, zscores: Any = None, max_words: int = 70) -> dict[str, Any]:
    """A nota de triagem de um alerta de :func:`mlops_lab.aiops.run_aiops`.

    Parameters
    ----------
    alert
        Uma linha da tabela ``alerts`` (com ``inicio``, ``fim`` e ``causa_provavel``).
    zscores
        Os desvios robustos (``run_aiops(...)["zscores"]``): a nota diz a métrica
        mais desviada na janela. Opcional.
    max_words
        Tamanho máximo da nota (a guarda de saída confere).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.Series({"inicio": pd.Timestamp("2026-11-02 11:06"),
    ...                "fim": pd.Timestamp("2026-11-02 11:24"),
    ...                "causa_provavel": "consulta lenta ao banco (mais de <n> s)"})
    >>> nota = triage_note(a)
    >>> nota["text"].split(".")[0]
    'Alerta de 02/11 11:06 a 11:24 (18 min)'
    >>> nota["runbook"], nota["blocked"]
    ('RB02', None)
    """
    minutos = int((alert["fim"] - alert["inicio"]).total_seconds() // 60)
    causa = str(alert["causa_provavel"])
    passo = next((p for chave, p in RUNBOOK if chave in causa), _PADRAO)
    partes = [f"Alerta de {alert['inicio']:%d/%m %H:%M} a {alert['fim']:%H:%M} ({minutos} min).",
              f"Causa provável nos logs: {causa}."]
    if zscores is not None:
        janela = zscores.loc[alert["inicio"]:alert["fim"]].abs().max().round(1).sort_index()
        metrica = janela.sort_values(ascending=False, kind="stable").index[0]
        partes.append(f"Métrica mais desviada: {metrica} (|z| = {br_number(janela[metrica], 1)}).")
    partes.append(f"Próximo passo: {passo}.")
    texto = " ".join(partes)
    return {"text": texto, "runbook": passo[-5:-1], "tokens": count_tokens(texto),
            "blocked": check_output(texto, max_words)}
