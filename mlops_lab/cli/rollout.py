"""O comando ``rollout-report``: o resumo do diário de um lançamento.

O diário é o que ``mlops-lab serve --candidate ... --log PASTA`` grava
(:mod:`mlops_lab.serve.rollout_log`); o resumo é o de
:func:`mlops_lab.serve.rollout_report.summarize`, o mesmo de ``GET /rollout``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_rollout_report", "format_report"]


def add_rollout_report(sub: Subcommands) -> None:
    """Registra ``mlops-lab rollout-report``."""
    p = sub.add_parser(
        "rollout-report", help="resume o diário de um lançamento (sombra, canário, A/B)",
        description="Lê o diário gravado por 'mlops-lab serve --candidate ... --log PASTA' e "
                    "mostra a concordância na sombra, os erros e latências de cada braço, as "
                    "reversões do canário e os resultados do teste A/B.",
        epilog="Exemplo: mlops-lab rollout-report diario-canario")
    p.add_argument("log", metavar="PASTA", help="a pasta passada em --log")
    p.add_argument("--json", action="store_true", help="mostra o resumo em JSON")
    p.set_defaults(func=_cmd_report)


def _ms(latencia: dict) -> str:
    if latencia["p50"] is None:
        return "sem medidas"
    return f"p50 {latencia['p50']:.1f} ms, p95 {latencia['p95']:.1f} ms"


def format_report(resumo: dict) -> str:
    """O resumo em texto, em português.

    Examples
    --------
    >>> print(format_report({"mode": "canary", "rollbacks": ["taxa de erro alta"]}))
    Lançamento em modo canary.
    Reversão: taxa de erro alta
    """
    linhas = [f"Lançamento em modo {resumo['mode']}."]
    linhas += [f"Reversão: {motivo}" for motivo in resumo["rollbacks"]]
    if "shadow" in resumo:
        s = resumo["shadow"]
        linhas.append(f"Sombra: {s['requests']} requisições, {s['records']} registros, "
                      f"{s['candidate_errors']} erros do candidato.")
        if s["agreement"] is not None:
            linhas.append(f"  concordância {s['agreement']:.1%}; diferença de probabilidade "
                          f"média {s['mean_abs_diff']:.4f}, p95 {s['p95_abs_diff']:.4f}, "
                          f"máxima {s['max_abs_diff']:.4f}")
        linhas.append(f"  latência do candidato: {_ms(s['candidate_ms'])}; "
                      f"do campeão: {_ms(s['champion_ms'])}")
    for braco, nome in (("champion", "Campeão"), ("candidate", "Candidato")):
        if braco in resumo.get("arms", {}):
            b = resumo["arms"][braco]
            linhas.append(f"{nome}: {b['requests']} chamadas, {b['records']} registros, "
                          f"{b['errors']} erros; {_ms(b['ms'])}")
    if "ab" in resumo:
        ab = resumo["ab"]
        for braco, nome in (("champion", "campeão"), ("candidate", "candidato")):
            media = ab["mean"][braco]
            linhas.append(f"A/B, {nome}: {ab['customers'][braco]} clientes, "
                          f"{ab['outcomes'][braco]} resultados, média "
                          f"{'—' if media is None else f'{media:.4f}'}")
    return "\n".join(linhas)


def _cmd_report(args: argparse.Namespace) -> int:
    from mlops_lab.serve.rollout_report import summarize

    pasta = Path(args.log)
    if not (pasta / "events.jsonl").is_file():
        raise MlopsLabError(f"'{pasta}' não tem o diário de um lançamento (events.jsonl). "
                            "Passe a pasta usada em 'mlops-lab serve --candidate ... --log "
                            "PASTA'.")
    resumo = summarize(pasta)
    print(json.dumps(resumo, ensure_ascii=False, indent=2) if args.json
          else format_report(resumo))
    return 0
