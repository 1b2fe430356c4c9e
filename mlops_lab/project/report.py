"""O relatório da correção em Markdown (para ler) e em JSON (para programas)."""

from __future__ import annotations

from mlops_lab import _fs
from mlops_lab.project.check import CriterionResult, ItemResult, ProjectReport
from mlops_lab.project.rubric import criterion

__all__ = ["to_markdown", "to_dict", "to_json", "from_dict"]


def _pts(n: int) -> str:
    return f"{n} ponto" if n == 1 else f"{n} pontos"


def to_markdown(relatorio: ProjectReport) -> str:
    """O relatório em Markdown: resumo, e por critério o que foi achado e o que fazer."""
    linhas = [f"# Relatório do projeto `{relatorio.project}`", "",
              f"**Nota: {relatorio.score} de {relatorio.points}** (commit "
              f"`{relatorio.commit[:10]}`, corrigido em {relatorio.seconds:.0f} s).", ""]
    if relatorio.warnings:
        linhas += ["**Atenção:** o que depende de rodar o projeto não conta, porque:", ""]
        linhas += [f"- {alerta}" for alerta in relatorio.warnings] + [""]
    linhas += ["| Critério | Pontos |", "|:--|--:|"]
    linhas += [f"| {r.criterion.title} | {r.score} de {r.criterion.points} |"
               for r in relatorio.criteria]
    for r in relatorio.criteria:
        linhas += ["", f"## {r.criterion.title}: {r.score} de {_pts(r.criterion.points)}", "",
                   f"Como é conferido: {r.criterion.how}", "", "O que encontramos:", ""]
        linhas += [f"- {'✔' if i.earned else '✘'} ({i.earned}/{i.points}) {i.found}"
                   for i in r.items]
        linhas += ["", "O que fazer agora:", ""]
        linhas += ([f"- {passo}" for passo in r.next_steps] if r.next_steps
                   else ["- Nada: o critério está completo."])
    return "\n".join(linhas) + "\n"


def to_dict(relatorio: ProjectReport) -> dict:
    """O relatório como dicionário (o que ``--json`` imprime)."""
    return {
        "project": relatorio.project, "commit": relatorio.commit,
        "score": relatorio.score, "points": relatorio.points,
        "seconds": round(relatorio.seconds, 1), "warnings": relatorio.warnings,
        "criteria": [
            {"id": r.criterion.id, "title": r.criterion.title, "score": r.score,
             "points": r.criterion.points,
             "items": [{"id": i.id, "earned": i.earned, "points": i.points, "found": i.found}
                       for i in r.items],
             "next_steps": r.next_steps}
            for r in relatorio.criteria
        ],
    }


def to_json(relatorio: ProjectReport) -> str:
    return _fs.json_text(to_dict(relatorio))


def from_dict(dados: dict) -> ProjectReport:
    """O relatório de volta a partir do dicionário de :func:`to_dict` (um JSON gravado).

    Examples
    --------
    >>> r = from_dict({"project": "p", "commit": "abc", "seconds": 1.0, "criteria": [
    ...     {"id": "automated", "items": [{"id": "workflow", "earned": 2, "points": 2,
    ...                                    "found": "ci.yml"}]}]})
    >>> r.score, r.criteria[0].criterion.title
    (2, 'Automatizado')
    """
    criterios = [CriterionResult(criterion(c["id"]),
                                 [ItemResult(i["id"], i["points"], i["earned"], i["found"])
                                  for i in c["items"]])
                 for c in dados["criteria"]]
    return ProjectReport(dados["project"], dados["commit"], criterios, dados["seconds"],
                         list(dados.get("warnings", [])))
