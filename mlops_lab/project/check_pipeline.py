"""Critérios "Reprodutível" e "Rastreado": o ``dvc repro`` no clone e o registro no MLflow."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from mlops_lab.project.results import CheckContext
from mlops_lab.project.rubric import METRICS_TOLERANCE
from mlops_lab.project.runner import decimal, git

__all__ = ["check_reproducible", "check_tracked"]


# --- reprodutível -----------------------------------------------------------------------------

def _metric_files(ctx: CheckContext) -> list[str]:
    estagios = ctx.yaml("dvc.yaml").get("stages") or {}
    arquivos = []
    for estagio in estagios.values() if isinstance(estagios, dict) else []:
        for m in (estagio.get("metrics") or []) if isinstance(estagio, dict) else []:
            arquivos += [m] if isinstance(m, str) else list(m) if isinstance(m, dict) else []
    return [str(a) for a in arquivos]


def _numbers(valor, prefixo="") -> dict:
    if isinstance(valor, bool):
        return {}
    if isinstance(valor, (int, float)):
        return {prefixo: float(valor)}
    if isinstance(valor, dict):
        return {k: v for chave, sub in valor.items()
                for k, v in _numbers(sub, f"{prefixo}.{chave}" if prefixo else str(chave)).items()}
    return {}


def _read_metrics(ctx: CheckContext, arquivos: list[str]) -> dict:
    numeros = {}
    for nome in arquivos:
        try:
            conteudo = json.loads(ctx.path(nome).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        numeros.update({f"{nome}:{k}": v for k, v in _numbers(conteudo).items()})
    return numeros


def check_reproducible(ctx: CheckContext) -> None:
    c = "reproducible"
    if not (ctx.root / "dvc.yaml").is_file():
        for item in ("repro", "status", "metrics"):
            ctx.mark(c, item, False, "não há dvc.yaml versionado no repositório")
        return
    arquivos = _metric_files(ctx)
    versionadas = _read_metrics(ctx, arquivos)
    ctx.repro = ctx.run(["dvc", "repro"])
    if not ctx.reproduced:
        ctx.mark(c, "repro", False, f"`dvc repro` {ctx.repro.describe()}: "
                                    f"{ctx.repro.last_lines(3)}")
        ctx.mark(c, "status", False, "sem `dvc repro` completo não há o que conferir")
        ctx.mark(c, "metrics", False, "sem `dvc repro` completo não há métricas reproduzidas")
        return
    ctx.mark(c, "repro", True, f"`dvc repro` {ctx.repro.describe()} num clone novo")
    status = ctx.run(["dvc", "status", "--json"])
    try:
        pendente = json.loads(status.output.strip().splitlines()[-1]) if status.ok else None
    except (ValueError, IndexError):
        pendente = None
    if pendente == {}:
        ctx.mark(c, "status", True, "`dvc status` depois do `dvc repro`: tudo em dia")
    else:
        ctx.mark(c, "status", False, "`dvc status` depois do `dvc repro` ainda acusa mudanças: "
                                     + (", ".join(sorted(pendente)) if isinstance(pendente, dict)
                                        else status.last_lines(2)))
    reproduzidas = _read_metrics(ctx, arquivos)
    if not versionadas:
        ctx.mark(c, "metrics", False, "não há métricas versionadas no git "
                                      f"({', '.join(arquivos) or 'nenhum metrics no dvc.yaml'})")
        return
    diferentes = [f"{k} ({decimal(v, 4)} → {decimal(reproduzidas.get(k, float('nan')), 4)})"
                  for k, v in versionadas.items()
                  if not abs(reproduzidas.get(k, float("inf")) - v) <= METRICS_TOLERANCE]
    ctx.mark(c, "metrics", not diferentes,
             f"{len(versionadas)} métricas iguais às versionadas" if not diferentes
             else "métricas diferentes das versionadas: " + "; ".join(diferentes[:4]))


# --- rastreado --------------------------------------------------------------------------------

def _mlflow_db(ctx: CheckContext) -> tuple[Path | None, str]:
    secao = ctx.yaml("params.yaml").get("track")
    uri = str(secao.get("uri")) if isinstance(secao, dict) and secao.get("uri") else ""
    uri = uri or "sqlite:///mlflow.db"
    if not uri.startswith("sqlite:///"):
        return None, f"`track.uri` é '{uri}'; o corretor lê um SQLite local (sqlite:///mlflow.db)"
    caminho = Path(uri[len("sqlite:///"):])
    caminho = ctx.path(caminho)
    if not caminho.is_file():
        return None, f"o `dvc repro` não criou o banco do MLflow ({uri})"
    return caminho, uri


def _latest_run(banco: Path) -> dict | None:
    with sqlite3.connect(f"file:{banco}?mode=ro", uri=True) as conexao:
        linha = conexao.execute(
            "SELECT run_uuid, status FROM runs WHERE lifecycle_stage = 'active' "
            "ORDER BY start_time DESC LIMIT 1").fetchone()
        if linha is None:
            return None
        run_id, estado = linha

        def pares(tabela: str) -> dict:
            return dict(conexao.execute(f"SELECT key, value FROM {tabela} WHERE run_uuid = ?",
                                        (run_id,)).fetchall())

        return {"id": run_id, "status": estado, "params": pares("params"),
                "metrics": pares("latest_metrics"), "tags": pares("tags")}


def check_tracked(ctx: CheckContext) -> None:
    c = "tracked"
    if not ctx.reproduced:
        for item in ("run", "data_hash", "commit"):
            ctx.mark(c, item, False, "o pipeline não rodou no clone, então nada foi registrado")
        return
    banco, onde = _mlflow_db(ctx)
    execucao = None
    if banco is not None:
        try:
            execucao = _latest_run(banco)
        except sqlite3.Error as erro:
            onde = f"o banco do MLflow não pôde ser lido ({erro})"
        else:
            onde = onde if execucao else f"o banco {onde} não tem nenhuma execução"
    if execucao is None:
        for item in ("run", "data_hash", "commit"):
            ctx.mark(c, item, False, onde)
        return
    completa = execucao["status"] == "FINISHED" and execucao["params"] and execucao["metrics"]
    ctx.mark(c, "run", completa,
             f"execução {execucao['id'][:8]} ({execucao['status']}) com "
             f"{len(execucao['params'])} parâmetros e {len(execucao['metrics'])} métricas")
    chaves = {**execucao["params"], **execucao["tags"]}
    hashes = [k for k, v in chaves.items() if re.search(r"sha|md5|hash", k, re.I)
              and re.fullmatch(r"[0-9a-f]{32,64}", str(v))]
    ctx.mark(c, "data_hash", bool(hashes), f"hash dos dados em: {', '.join(hashes)}" if hashes
             else "nenhum parâmetro ou etiqueta com o hash dos dados")
    head = git(["rev-parse", "HEAD"], ctx.root).output.strip()
    commit = execucao["tags"].get("mlflow.source.git.commit")
    ctx.mark(c, "commit", commit == head,
             f"commit registrado {commit[:10]} = HEAD do clone" if commit == head
             else f"commit registrado: {commit or 'nenhum'}; HEAD do clone: {head[:10]}")
