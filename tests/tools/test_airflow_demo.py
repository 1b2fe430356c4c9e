"""O DAG do curso no Airflow real: carrega, roda com dag.test() e o portão barra dados ruins.

Roda no .venv-airflow (make airflow), com SQLite num AIRFLOW_HOME temporário
e sem agendador nem servidor web (veja conftest.py).
"""

import json
import os
from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag

from mlops_lab.dataops import make_batch

DAGS = Path(os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
ORDEM = ["prepare", "quality_gate", "train", "evaluate"]


@pytest.fixture(scope="module")
def dag():
    sacola = DagBag(dag_folder=str(DAGS))
    assert sacola.import_errors == {}
    return sacola.get_dag("mlops_lab_pipeline")


def _estados(execucao) -> dict[str, str]:
    return {ti.task_id: str(ti.state) for ti in execucao.get_task_instances()}


def test_dag_carrega_com_as_etapas_na_ordem(dag):
    assert dag is not None and dag.schedule is None
    assert set(dag.task_ids) == set(ORDEM)
    for antes, depois in zip(ORDEM, ORDEM[1:]):
        assert depois in dag.get_task(antes).downstream_task_ids
    # A avaliação usa o modelo treinado e os dados aprovados pelo portão.
    assert dag.get_task("evaluate").upstream_task_ids == {"train", "quality_gate"}


def test_dag_runs(dag, tmp_path):
    execucao = dag.test(run_conf={"workdir": str(tmp_path)})
    assert str(execucao.state) == "success"
    assert set(_estados(execucao).values()) == {"success"}
    assert (tmp_path / "model" / "model.skops").is_file()
    metricas = json.loads((tmp_path / "evaluation" / "metrics.json").read_text("utf-8"))
    assert metricas["test"]["roc_auc"] > 0.8
    assert metricas["algorithm"] == "logistic_regression"


def test_dados_ruins_param_no_portao_e_nada_e_treinado(dag, tmp_path, capfd):
    remessa = tmp_path / "remessa.csv"
    make_batch(n=1500, defect="alvo_estranho").to_csv(remessa, index=False)
    execucao = dag.test(run_conf={"workdir": str(tmp_path / "saida"), "data": str(remessa)})
    assert str(execucao.state) == "failed"
    assert _estados(execucao) == {"prepare": "success", "quality_gate": "failed",
                                  "train": "upstream_failed", "evaluate": "upstream_failed"}
    assert not (tmp_path / "saida" / "model").exists()
    saida = capfd.readouterr()
    assert "não passou no contrato de entrada do treino" in saida.out + saida.err
    assert "fração de 'Sim' em cancelou" in saida.out + saida.err
