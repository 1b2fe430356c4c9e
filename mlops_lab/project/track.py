"""O estágio ``track`` do projeto final: registra a execução do pipeline no MLflow.

O ``dvc.yaml`` gerado por ``mlops-lab new-project`` o chama depois do ``evaluate``::

    python -m mlops_lab.project.track --params params.yaml --model model \\
        --metrics evaluation/metrics.json

A execução leva os parâmetros do modelo (algoritmo, hiperparâmetros, semente, dados),
as métricas de teste, o *hash* dos dados (``data.file_sha256``) e a versão do código
(``mlflow.source.git.commit``, de ``git rev-parse HEAD``). O destino é a seção
``track`` do ``params.yaml`` (``uri`` e ``experiment``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["DEFAULT_URI", "git_commit", "read_track_config", "log_pipeline_run", "main"]

DEFAULT_URI = "sqlite:///mlflow.db"


def git_commit(cwd: str | Path = ".") -> str | None:
    """O commit atual do git em ``cwd``, ou ``None`` fora de um repositório (ou sem commits).

    >>> import tempfile
    >>> git_commit(tempfile.mkdtemp()) is None
    True
    """
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def read_track_config(params: str | Path) -> dict:
    """A seção ``track`` do ``params.yaml`` (``uri`` e ``experiment``), com os padrões."""
    import yaml

    caminho = Path(params)
    try:
        conteudo = yaml.safe_load(caminho.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise MlopsLabError(f"o arquivo de parâmetros '{caminho}' não existe.") from None
    except yaml.YAMLError as erro:
        raise MlopsLabError(f"'{caminho}' não é um YAML válido ({erro}).") from None
    secao = conteudo.get("track") if isinstance(conteudo, dict) else None
    secao = secao if isinstance(secao, dict) else {}
    return {"uri": str(secao.get("uri") or DEFAULT_URI),
            "experiment": str(secao.get("experiment") or "projeto-final")}


def log_pipeline_run(params: dict = "params.yaml", model: str | Path = "model",
                     metrics: dict = "evaluation/metrics.json") -> str:
    """Registra no MLflow a execução do pipeline; devolve o id da execução."""
    import mlflow

    from mlops_lab import __version__
    from mlops_lab.package import read_metadata
    from mlops_lab.tracking import Tracker

    config = read_track_config(params)
    metadados = read_metadata(model)
    try:
        resultado = json.loads(Path(metrics).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        raise MlopsLabError(f"não consegui ler as métricas em '{metrics}'. Rode o estágio "
                            "evaluate antes (dvc repro).") from None
    rastreador = Tracker(config["uri"], config["experiment"])
    parametros = {"algorithm": metadados["algorithm"], "seed": metadados["seed"],
                  "test_size": metadados["test_size"], "cv_folds": metadados["cv"]["folds"],
                  "target": metadados["target"], "data_file": metadados["data"]["file"],
                  "data_rows": metadados["data"]["rows"],
                  **{f"model.{k}": v for k, v in metadados["params"].items()}}
    metricas = {f"test_{k}": v for k, v in resultado["test"].items()}
    metricas[f"cv_{metadados['cv']['scoring']}"] = metadados["cv"]["score"]
    etiquetas = {"mlops_lab.version": __version__,
                 "data.file_sha256": metadados["data"]["file_sha256"],
                 "data.clean_sha256": metadados["data"]["clean_sha256"]}
    commit = git_commit()
    if commit:
        etiquetas["mlflow.source.git.commit"] = commit
    with mlflow.start_run(experiment_id=rastreador.experiment_id) as run:
        mlflow.log_params(parametros)
        mlflow.log_metrics(metricas)
        mlflow.set_tags(etiquetas)
        mlflow.log_artifact(str(Path(model) / "metadata.json"))
        mlflow.log_artifact(str(metrics))
    return run.info.run_id


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mlops_lab.project.track",
        description="Registra no MLflow a execução do pipeline do projeto final.")
    parser.add_argument("--params", default="params.yaml", help="params.yaml (seção track)")
    parser.add_argument("--model", default="model", help="pasta do modelo (padrão: model)")
    parser.add_argument("--metrics", default="evaluation/metrics.json",
                        help="métricas do estágio evaluate")
    args = parser.parse_args(argv)
    try:
        run_id = log_pipeline_run(args.params, args.model, args.metrics)
    except MlopsLabError as erro:
        print(f"mlops-lab: erro: {erro}", file=sys.stderr)
        return 2
    print(f"MLflow: execução {run_id} registrada.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
