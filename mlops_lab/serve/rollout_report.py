"""O resumo do diário de um lançamento (``mlops-lab rollout-report`` e ``GET /rollout``).

Examples
--------
>>> campeao = {"previsoes": [{"previsao": "Não", "probabilidades": {"Não": 0.9, "Sim": 0.1}}]}
>>> candidato = {"previsoes": [{"previsao": "Não", "probabilidades": {"Não": 0.8, "Sim": 0.2}}]}
>>> compare_responses(campeao, candidato)
{'agree': 1, 'diffs': [0.1]}
"""

from __future__ import annotations

from pathlib import Path

from mlops_lab.serve.rollout_log import percentile, read_jsonl

__all__ = ["compare_responses", "summarize"]


def compare_responses(champion: dict, candidate: dict) -> dict:
    """Quantos registros têm a mesma classe prevista e a diferença de cada um.

    A diferença de um registro é a maior diferença absoluta entre as
    probabilidades das classes nos dois modelos (uma classe que falta num deles
    conta como probabilidade 0).
    """
    concordam, diferencas = 0, []
    for a, b in zip(champion["previsoes"], candidate["previsoes"], strict=True):
        concordam += a["previsao"] == b["previsao"]
        classes = set(a["probabilidades"]) | set(b["probabilidades"])
        diferencas.append(round(max(abs(a["probabilidades"].get(c, 0.0)
                                        - b["probabilidades"].get(c, 0.0)) for c in classes), 6))
    return {"agree": concordam, "diffs": diferencas}


def _latency(linhas: list[dict], campo: str = "ms") -> dict:
    valores = [linha[campo] for linha in linhas if linha.get(campo) is not None]
    return {"p50": percentile(valores, 50), "p95": percentile(valores, 95)}


def _shadow(linhas: list[dict]) -> dict:
    certas = [linha for linha in linhas if linha["error"] is None]
    diferencas = [d for linha in certas for d in linha["diffs"]]
    comparados = len(diferencas)
    return {
        "requests": len(linhas),
        "records": sum(linha["n"] for linha in linhas),
        "candidate_errors": len(linhas) - len(certas),
        "skipped": max((linha.get("skipped_before", 0) for linha in linhas), default=0),
        "agreement": (round(sum(linha["agree"] for linha in certas) / comparados, 4)
                      if comparados else None),
        "mean_abs_diff": round(sum(diferencas) / comparados, 6) if comparados else None,
        "p95_abs_diff": percentile(diferencas, 95),
        "max_abs_diff": max(diferencas, default=None),
        "candidate_ms": _latency(linhas),
        "champion_ms": _latency(linhas, "champion_ms"),
    }


def _arms(linhas: list[dict]) -> dict:
    bracos = {}
    for braco in ("champion", "candidate"):
        do_braco = [linha for linha in linhas if linha["arm"] == braco]
        erros = sum(linha["error"] is not None for linha in do_braco)
        bracos[braco] = {
            "requests": len(do_braco),
            "records": sum(linha["n"] for linha in do_braco if linha["error"] is None),
            "errors": erros,
            "error_rate": round(erros / len(do_braco), 4) if do_braco else None,
            "ms": _latency(do_braco),
        }
    return bracos


def _outcomes(folder: Path) -> dict:
    """Clientes, resultados observados e a média do resultado, por braço."""
    from mlops_lab.serve.ab_stats import arm_outcomes

    braco_de = {}
    for linha in read_jsonl(folder, "assignments"):
        braco_de.setdefault(linha["key"], linha["arm"])
    valores = arm_outcomes(folder)
    return {"customers": {b: sum(1 for x in braco_de.values() if x == b) for b in valores},
            "outcomes": {b: len(v) for b, v in valores.items()},
            "mean": {b: round(sum(v) / len(v), 4) if v else None for b, v in valores.items()}}


def summarize(folder: str | Path) -> dict:
    """O resumo do diário em ``folder``: o que aconteceu em cada modo e as reversões.

    Returns
    -------
    dict
        ``mode`` (o do último início), ``rollbacks`` (os motivos), e, conforme o
        que houver no diário: ``shadow`` (concordância, diferenças, latências),
        ``arms`` (por braço: requisições, registros, erros, latências) e ``ab``
        (clientes, resultados e média do resultado por braço).

    Examples
    --------
    >>> import tempfile
    >>> summarize(tempfile.mkdtemp())
    {'mode': None, 'rollbacks': []}
    """
    folder = Path(folder)
    eventos = read_jsonl(folder, "events")
    inicios = [e for e in eventos if e["event"] == "start"]
    resumo: dict = {"mode": inicios[-1]["mode"] if inicios else None,
                    "rollbacks": [e["reason"] for e in eventos if e["event"] == "rollback"]}
    linhas = read_jsonl(folder, "requests")
    sombra = [linha for linha in linhas if linha["mode"] == "shadow"]
    divididas = [linha for linha in linhas if linha["mode"] != "shadow"]
    if sombra:
        resumo["shadow"] = _shadow(sombra)
    if divididas:
        resumo["arms"] = _arms(divididas)
    if any(linha["mode"] == "ab" for linha in divididas):
        resumo["ab"] = _outcomes(folder)
    return resumo
