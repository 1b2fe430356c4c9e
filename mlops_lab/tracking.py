"""Rastreamento de experimentos com o MLflow.

Cada ``mlops-lab run`` vira uma *execução* (*run*) do MLflow com os
parâmetros (algoritmo, hiperparâmetros, semente, dados), as métricas de
teste e da validação cruzada, os gráficos e arquivos como artefatos e o
modelo no formato do MLflow (``mlflow.sklearn``, salvo com skops), com
assinatura e exemplo de entrada. Assim dá para comparar execuções,
registrar o melhor modelo e carregá-lo de volta pelo nome.

Onde fica o registro (a *tracking URI*), nesta ordem:

1. o que for passado (``--tracking-uri`` na CLI, ``tracking=`` na API);
2. a variável de ambiente ``MLFLOW_TRACKING_URI``;
3. ``sqlite:///mlflow.db``: um banco SQLite na pasta atual.

Os artefatos das execuções (gráficos, modelo) ficam, com o SQLite local, na
pasta ``mlruns/`` ao lado. ``--no-tracking`` (ou ``MLOPS_LAB_TRACKING=off`` no
ambiente) desliga o registro.

O armazenamento em arquivos (``mlruns/``) do MLflow está obsoleto; quem
precisar de mais que um SQLite local aponta a URI para um servidor do MLflow
(``http://...``) com um banco de dados de verdade por trás.

O ``mlflow`` demora alguns segundos para importar: este módulo só o importa
quando vai registrar algo.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

    from mlops_lab.pipeline import PreparedData

__all__ = [
    "DEFAULT_TRACKING_URI", "DEFAULT_EXPERIMENT", "MODEL_NAME", "MODEL_URI_TAG", "ARTIFACT_FILES",
    "cli_tracking_uri", "resolve_uri", "quiet_logs", "TrackedRun", "Tracker",
]

DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"
DEFAULT_EXPERIMENT = "mlops-lab"
MODEL_NAME = "model"  # nome do modelo dentro da execução
MODEL_URI_TAG = "mlops_lab.model_uri"  # etiqueta da execução com o endereço do modelo
# Arquivos da pasta de artefatos que vão para a execução (o modelo vai à parte, no
# formato do MLflow).
ARTIFACT_FILES = ("metadata.json", "metrics.json", "tuning.csv", "reference.json",
                  "confusion_matrix.png", "learning_curve.png", "reliability_diagram.png",
                  "model_card.md")


def cli_tracking_uri(uri: str | None = None, disabled: bool = False) -> str | None:
    """A URI que ``mlops-lab run`` usa, ou ``None`` para não registrar.

    ``--no-tracking`` desliga; ``MLOPS_LAB_TRACKING=off`` no ambiente (útil em
    CI e testes) também, a menos que ``--tracking-uri`` seja dada explicitamente.

    Examples
    --------
    >>> cli_tracking_uri("sqlite:///x.db")
    'sqlite:///x.db'
    >>> cli_tracking_uri("sqlite:///x.db", disabled=True) is None
    True
    """
    if disabled:
        return None
    if uri is None and os.environ.get("MLOPS_LAB_TRACKING", "").lower() in ("off", "0", "no"):
        return None
    return resolve_uri(uri)


def resolve_uri(uri: str | None = None) -> str:
    """A URI de rastreamento efetiva: ``uri``, ``MLFLOW_TRACKING_URI`` ou o SQLite local.

    Examples
    --------
    >>> resolve_uri("sqlite:///outro.db")
    'sqlite:///outro.db'
    """
    return uri or os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI


@dataclass
class TrackedRun:
    """Uma execução registrada no MLflow."""

    tracking_uri: str
    experiment: str
    run_id: str
    model_uri: str

    def summary(self) -> str:
        return (f"MLflow: execução {self.run_id} no experimento '{self.experiment}' "
                f"({self.tracking_uri}); modelo em {self.model_uri}")


def _check_uri(uri: str) -> None:
    """Erros comuns, com mensagem clara, antes de o MLflow tentar (e demorar) a conectar."""
    esquema = uri.split(":", 1)[0].lower() if ":" in uri else ""
    if esquema == "sqlite":
        if not uri.startswith("sqlite:///"):
            raise MlopsLabError(f"URI do SQLite inválida: '{uri}'. Use três barras e o "
                                "caminho do arquivo, por exemplo sqlite:///mlflow.db.")
        caminho = Path(uri[len("sqlite:///"):])
        if str(caminho) not in ("", ":memory:") and not caminho.parent.is_dir():
            raise MlopsLabError(f"a pasta '{caminho.parent}' do banco do MLflow ('{uri}') não "
                                "existe. Crie a pasta ou escolha outro caminho em "
                                "--tracking-uri.")
    elif esquema in ("http", "https"):
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(uri.rstrip("/") + "/health", timeout=5):
                pass
        except (urllib.error.URLError, OSError, ValueError) as erro:
            raise MlopsLabError(f"o servidor do MLflow em '{uri}' não respondeu ({erro}). "
                                "Confira se ele está no ar (mlflow server ...) e o endereço "
                                "em --tracking-uri, ou use --no-tracking.") from None


class Tracker:
    """Conecta ao MLflow e registra execuções do pipeline.

    A conexão é conferida na criação: uma URI inválida dá erro antes de o
    pipeline gastar tempo treinando.

    Parameters
    ----------
    uri : str ou None
        URI de rastreamento (veja :func:`resolve_uri`).
    experiment : str ou None
        Nome do experimento (padrão: ``mlops-lab``); é criado se não existir.
    """

    def __init__(self, uri: str | None = None, experiment: str | None = None):
        self.uri = resolve_uri(uri)
        self.experiment = experiment or DEFAULT_EXPERIMENT
        _check_uri(self.uri)
        quiet_logs()
        import mlflow
        from mlflow.exceptions import MlflowException

        try:
            mlflow.set_tracking_uri(self.uri)
            existente = mlflow.get_experiment_by_name(self.experiment)
            if existente is None and self.uri.startswith("sqlite:///"):
                # Os artefatos ficam em mlruns/ ao lado do banco, e não na pasta atual.
                banco = Path(self.uri[len("sqlite:///"):]).resolve()
                mlflow.create_experiment(self.experiment,
                                         artifact_location=(banco.parent / "mlruns").as_uri())
            self.experiment_id = mlflow.set_experiment(self.experiment).experiment_id
        except (MlflowException, ValueError, OSError) as erro:
            raise MlopsLabError(_friendly(erro, self.uri)) from None
        except Exception as erro:  # o SQLAlchemy e outros têm as suas próprias exceções
            raise MlopsLabError(_friendly(erro, self.uri)) from None

    def log_run(self, pasta: str | Path, modelo: Pipeline, metadados: dict, prepared: PreparedData,
                run_name: str | None = None, tags: dict | None = None) -> TrackedRun:
        """Registra uma execução: parâmetros, métricas, artefatos de ``pasta`` e o modelo.

        Parameters
        ----------
        pasta : Path
            Pasta com os artefatos gravados pelo pipeline.
        modelo
            O pipeline do scikit-learn treinado.
        metadados : dict
            O conteúdo de ``metadata.json``.
        prepared : mlops_lab.pipeline.PreparedData
            Os dados; as primeiras linhas do teste viram o exemplo de entrada.
        """
        import mlflow
        import mlflow.sklearn
        from mlflow.exceptions import MlflowException

        from mlops_lab import __version__
        from mlops_lab.package import library_versions

        pasta = Path(pasta)
        parametros = {
            "algorithm": metadados["algorithm"], "seed": metadados["seed"],
            "test_size": metadados["test_size"], "cv_folds": metadados["cv"]["folds"],
            "target": metadados["target"], "data_file": metadados["data"]["file"],
            "data_rows": metadados["data"]["rows"],
            **{f"model.{k}": v for k, v in metadados["params"].items()},
        }
        metricas = {f"test_{k}": v for k, v in (metadados.get("metrics") or {}).items()}
        metricas[f"cv_{metadados['cv']['scoring']}"] = metadados["cv"]["score"]
        exemplo = prepared.X_test.head(5)
        versoes = library_versions()
        requisitos = [f"mlops-lab=={__version__}",
                      f"scikit-learn=={versoes['scikit-learn']}",
                      f"skops=={versoes['skops']}", f"pandas=={versoes['pandas']}"]
        try:
            with warnings.catch_warnings():
                # O MLflow avisa que colunas inteiras não aceitam ausentes na assinatura; o
                # esquema do mlops-lab já trata ausentes antes do modelo.
                warnings.filterwarnings("ignore", message="Hint: Inferred schema contains integer")
                run, info = self._log(mlflow, parametros, metricas, metadados, tags, pasta,
                                      modelo, exemplo, requisitos, run_name, __version__)
        except MlflowException as erro:
            raise MlopsLabError(_friendly(erro, self.uri)) from None
        return TrackedRun(self.uri, self.experiment, run.info.run_id, info.model_uri)

    def _log(self, mlflow, parametros, metricas, metadados, tags, pasta, modelo, exemplo,
             requisitos, run_name, versao):
        from mlflow.models import infer_signature

        from mlops_lab.package import TRUSTED_TYPES

        with mlflow.start_run(experiment_id=self.experiment_id, run_name=run_name) as run:
            mlflow.log_params(parametros)
            mlflow.log_metrics(metricas)
            mlflow.set_tags({"mlops_lab.version": versao,
                             "data.file_sha256": metadados["data"]["file_sha256"],
                             "data.clean_sha256": metadados["data"]["clean_sha256"],
                             **(tags or {})})
            for nome in ARTIFACT_FILES:
                if (pasta / nome).is_file():
                    mlflow.log_artifact(str(pasta / nome))
            info = mlflow.sklearn.log_model(
                modelo, name=MODEL_NAME, serialization_format="skops",
                skops_trusted_types=sorted(TRUSTED_TYPES),
                signature=infer_signature(exemplo, modelo.predict(exemplo)),
                input_example=exemplo, pip_requirements=requisitos)
            # No MLflow 3 o modelo é uma entidade própria (models:/m-...); a etiqueta leva
            # da execução ao modelo, para registrá-lo com mlflow.register_model.
            mlflow.set_tag(MODEL_URI_TAG, info.model_uri)
        return run, info


def _friendly(erro: Exception, uri: str) -> str:
    texto = str(erro).strip().splitlines()[0] if str(erro).strip() else type(erro).__name__
    return (f"o MLflow não conseguiu usar '{uri}' ({texto[:300]}). Confira --tracking-uri "
            "(por exemplo sqlite:///mlflow.db ou http://servidor:5000) ou use --no-tracking.")


def quiet_logs() -> None:
    """Cala as mensagens de migração do banco (alembic) que o MLflow mostra ao criá-lo.

    E o aviso de "experimento criado": num notebook, elas saem no stderr da célula.
    """
    import logging

    for nome in ("alembic", "mlflow.store.db.utils", "mlflow.tracking.fluent"):
        logging.getLogger(nome).setLevel(logging.WARNING)
