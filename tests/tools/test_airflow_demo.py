"""O DAG do curso no Airflow real: carrega, roda com dag.test() e os portões barram o que é ruim.

Roda no .venv-airflow (make airflow), com SQLite num AIRFLOW_HOME temporário
e sem agendador nem servidor web (veja conftest.py).
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest
from airflow.dag_processing.dagbag import DagBag

from mlops_lab.dataops import make_batch

DAGS = Path(os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
ORDEM = ["prepare", "quality_gate", "train", "evaluate", "model_gate", "promote"]


@pytest.fixture(scope="module")
def dag():
    sacola = DagBag(dag_folder=str(DAGS))
    assert sacola.import_errors == {}
    return sacola.get_dag("mlops_lab_pipeline")


def _estados(execucao) -> dict[str, str]:
    return {ti.task_id: str(ti.state) for ti in execucao.get_task_instances()}


def _arquivos(pasta: Path) -> dict[str, tuple[str, int]]:
    """Conteúdo (SHA-256) e data de modificação de cada arquivo da pasta."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(pasta.iterdir())}


def _metadados(pasta: Path) -> dict:
    return json.loads((pasta / "metadata.json").read_text("utf-8"))


def test_dag_carrega_com_as_etapas_na_ordem(dag):
    assert dag is not None and dag.schedule is None
    assert set(dag.task_ids) == set(ORDEM)
    for antes, depois in zip(ORDEM, ORDEM[1:]):
        assert depois in dag.get_task(antes).downstream_task_ids
    # A avaliação usa o modelo treinado e os dados aprovados pelo portão.
    assert dag.get_task("evaluate").upstream_task_ids == {"train", "quality_gate"}
    # Só o portão do modelo libera a publicação.
    assert dag.get_task("promote").upstream_task_ids == {"model_gate"}


def test_so_publica_o_modelo_que_passa_no_portao(dag, tmp_path, capfd):
    trabalho, no_ar = tmp_path / "execucao", tmp_path / "no_ar"
    conf = {"workdir": str(trabalho), "served": str(no_ar)}

    # 1. Sem modelo no ar: o candidato passa no portão e é publicado.
    execucao = dag.test(run_conf=conf)
    assert str(execucao.state) == "success"
    assert set(_estados(execucao).values()) == {"success"}
    metricas = json.loads((trabalho / "staging" / "evaluation" / "metrics.json")
                          .read_text("utf-8"))
    assert metricas["test"]["roc_auc"] > 0.8
    assert metricas["algorithm"] == "logistic_regression"
    assert (no_ar / "model.skops").is_file() and _metadados(no_ar)["data"]["file"] == \
        "telecom_churn.csv"
    assert not (trabalho / "staging" / "model").exists()  # o candidato virou o modelo no ar
    primeiro = _arquivos(no_ar)

    # 2. Remessa com os rótulos embaralhados (por cliente): os dados passam no contrato,
    #    mas o modelo não aprende nada. O portão do modelo barra, e nada vai para o ar.
    remessa = make_batch(n=2000, seed=11)
    clientes = remessa.drop_duplicates("id_cliente").set_index("id_cliente")["cancelou"]
    embaralhado = dict(zip(clientes.index,
                           np.random.default_rng(0).permutation(clientes.to_numpy())))
    ruim = tmp_path / "rotulos_embaralhados.csv"
    remessa.assign(cancelou=remessa["id_cliente"].map(embaralhado)).to_csv(ruim, index=False)
    capfd.readouterr()
    execucao = dag.test(run_conf={**conf, "data": str(ruim)})
    assert str(execucao.state) == "failed"
    assert _estados(execucao) == {"prepare": "success", "quality_gate": "success",
                                  "train": "success", "evaluate": "success",
                                  "model_gate": "failed", "promote": "upstream_failed"}
    saida = capfd.readouterr()
    assert "não passou no portão de qualidade" in saida.out + saida.err
    assert "< mínimo 0.800" in saida.out + saida.err
    assert _arquivos(no_ar) == primeiro  # o modelo anterior continua no ar, intacto
    assert not no_ar.with_name("no_ar.previous").exists()
    # O candidato reprovado fica na pasta de preparação, para quem quiser examiná-lo.
    assert _metadados(trabalho / "staging" / "model")["data"]["file"] == ruim.name

    # 3. Uma remessa nova e boa: passa no portão (também contra o modelo no ar,
    #    medido no mesmo teste) e é publicada; a versão anterior fica guardada.
    boa = tmp_path / "remessa_boa.csv"
    make_batch(n=3000, seed=12).to_csv(boa, index=False)
    execucao = dag.test(run_conf={**conf, "data": str(boa)})
    assert str(execucao.state) == "success", _estados(execucao)
    assert "modelo no ar" in capfd.readouterr().out
    assert _metadados(no_ar)["data"]["file"] == "remessa_boa.csv"
    assert _arquivos(no_ar.with_name("no_ar.previous")) == primeiro


def test_dados_ruins_param_no_portao_e_nada_e_treinado(dag, tmp_path, capfd):
    remessa = tmp_path / "remessa.csv"
    make_batch(n=1500, defect="alvo_estranho").to_csv(remessa, index=False)
    execucao = dag.test(run_conf={"workdir": str(tmp_path / "saida"), "data": str(remessa)})
    assert str(execucao.state) == "failed"
    assert _estados(execucao) == {"prepare": "success", "quality_gate": "failed",
                                  "train": "upstream_failed", "evaluate": "upstream_failed",
                                  "model_gate": "upstream_failed",
                                  "promote": "upstream_failed"}
    assert not (tmp_path / "saida" / "staging").exists()
    assert not (tmp_path / "saida" / "model").exists()
    saida = capfd.readouterr()
    assert "não passou no contrato de entrada do treino" in saida.out + saida.err
    assert "fração de 'Sim' em cancelou" in saida.out + saida.err
