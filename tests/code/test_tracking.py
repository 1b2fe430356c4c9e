"""O MLflow de verdade: 'mlops-lab run' registra a execução num SQLite local.

Estes testes são a demonstração local do MLflow citada no catálogo de
ferramentas (``mlops_lab.catalog``): se eles passam, o MLflow roda nesta máquina.
"""

import json
import os
import subprocess
import sys

import pytest

from mlops_lab.dvc_stages import load_prepared, prepare
from mlops_lab.errors import MlopsLabError
from mlops_lab.pipeline import run_pipeline
from mlops_lab.tracking import Tracker
from tests.helpers import run_cli

RAPIDO = ["logistic_regression"]


def _cli_com_rastreamento(*args, cwd):
    """'mlops-lab run' com o rastreamento no padrão (o conftest o desliga para os outros)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MLOPS_LAB_TRACKING", "MLFLOW_TRACKING_URI")}
    return subprocess.run([sys.executable, "-m", "mlops_lab.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


@pytest.fixture(scope="module")
def execucao(tmp_path_factory):
    """Uma execução de 'mlops-lab run' registrada no padrão: sqlite:///mlflow.db na pasta atual."""
    pasta = tmp_path_factory.mktemp("mlflow")
    r = _cli_com_rastreamento("run", "--algorithms", *RAPIDO, "--quiet", "--out", "artifacts",
                              cwd=pasta)
    assert r.returncode == 0, r.stderr
    return pasta, r.stdout


def test_run_registra_parametros_metricas_e_artefatos(execucao):
    import mlflow

    pasta, saida = execucao
    assert (pasta / "mlflow.db").is_file()  # o padrão: SQLite na pasta atual
    uri = f"sqlite:///{pasta / 'mlflow.db'}"
    assert "MLflow: execução" in saida
    client = mlflow.MlflowClient(uri)
    experimento = client.get_experiment_by_name("mlops-lab")
    [run] = client.search_runs([experimento.experiment_id])
    assert run.info.status == "FINISHED"
    assert run.info.run_id in saida
    local = json.loads((pasta / "artifacts" / "metrics.json").read_text(encoding="utf-8"))
    assert run.data.params["algorithm"] == "logistic_regression"
    assert run.data.params["seed"] == "42"
    assert run.data.params["model.C"] == str(local["params"]["C"])
    for nome, valor in local["test"].items():
        assert run.data.metrics[f"test_{nome}"] == pytest.approx(valor)
    assert run.data.metrics["cv_f1_macro"] == pytest.approx(local["cv"]["score"])
    assert len(run.data.tags["data.file_sha256"]) == 64
    artefatos = {a.path for a in client.list_artifacts(run.info.run_id)}
    assert {"metrics.json", "metadata.json", "tuning.csv", "confusion_matrix.png",
            "learning_curve.png", "reliability_diagram.png", "model_card.md"} <= artefatos


def test_registro_alias_e_carga_pelo_alias_preveem_igual(execucao):
    import mlflow

    from mlops_lab.package import load_model

    pasta, _ = execucao
    mlflow.set_tracking_uri(f"sqlite:///{pasta / 'mlflow.db'}")
    [run] = mlflow.search_runs(experiment_names=["mlops-lab"], output_format="list")
    modelo_uri = run.data.tags["mlops_lab.model_uri"]
    assert modelo_uri.startswith("models:/m-")
    versao = mlflow.register_model(modelo_uri, "churn")
    cliente = mlflow.MlflowClient()
    cliente.set_registered_model_alias("churn", "champion", versao.version)
    assert cliente.get_model_version_by_alias("churn", "champion").version == versao.version

    campeao = mlflow.sklearn.load_model("models:/churn@champion")
    pyfunc = mlflow.pyfunc.load_model("models:/churn@champion")
    local, _ = load_model(pasta / "artifacts")
    X_test = load_prepared(prepare(out=pasta / "prep").out).X_test
    assert list(campeao.predict(X_test)) == list(local.predict(X_test))
    assert list(pyfunc.predict(X_test)) == list(local.predict(X_test))
    # A assinatura registrada são as colunas de entrada do modelo.
    entradas = [c.name for c in pyfunc.metadata.get_input_schema().inputs]
    assert entradas == list(X_test.columns)


@pytest.mark.parametrize("uri, trecho", [
    ("sqlite:///{tmp}/nao_existe/mlflow.db", "não existe"),
    ("http://127.0.0.1:9", "não respondeu"),
    ("sqlite://mlflow.db", "três barras"),
    ("ftp-falso://servidor/banco", "o MLflow não conseguiu usar"),
])
def test_uri_invalida_sai_com_2_antes_de_treinar(tmp_path, uri, trecho):
    uri = uri.format(tmp=tmp_path)
    r = run_cli("run", "--tracking-uri", uri, "--out", tmp_path / "art", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert trecho in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "art").exists()


def test_falha_ao_registrar_deixa_artefatos_como_estavam(tmp_path):
    """Se o MLflow falha no meio do registro, a pasta de artefatos não muda."""
    import mlflow

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    (tmp_path / "um_arquivo").write_text("não sou pasta")
    Tracker(uri)  # cria o banco
    mlflow.set_tracking_uri(uri)
    mlflow.create_experiment("quebrado",
                             artifact_location=str(tmp_path / "um_arquivo" / "artifacts"))
    with pytest.raises((MlopsLabError, OSError)):
        run_pipeline(out=tmp_path / "art", algorithms=RAPIDO, progress=False, plots=False,
                     tracking=uri, experiment="quebrado")
    assert not (tmp_path / "art").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".art")]
    [run] = mlflow.search_runs(experiment_names=["quebrado"], output_format="list")
    assert run.info.status == "FAILED"


def test_sem_rastreamento_nao_cria_banco(tmp_path):
    r = _cli_com_rastreamento("run", "--algorithms", *RAPIDO, "--quiet", "--no-plots",
                              "--no-tracking", "--out", "art", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["art"]
    assert "MLflow" not in r.stdout
