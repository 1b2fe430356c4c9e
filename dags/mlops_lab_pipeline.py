"""O pipeline do curso como um DAG do Airflow 3: preparar → portão de qualidade → treinar → avaliar.

Cada tarefa chama uma etapa de :mod:`mlops_lab.stages` (as mesmas de
``mlops-lab prepare|train|evaluate`` e do projeto DVC), e as tarefas trocam só
caminhos de pastas. O portão de qualidade confere os dados preparados contra o
contrato de entrada de :mod:`mlops_lab.dataops` (pandera); se algo falha, a
tarefa falha com a lista das verificações em português e o Airflow não roda
treino nem avaliação.

Para rodar sem agendador nem servidor web (como fazem os testes e o capítulo 8)::

    export AIRFLOW_HOME=$(mktemp -d) AIRFLOW__CORE__LOAD_EXAMPLES=False
    airflow db migrate
    python dags/mlops_lab_pipeline.py --workdir /tmp/execucao [--data remessa.csv]
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

DAG_ID = "mlops_lab_pipeline"


@dag(
    dag_id=DAG_ID,
    schedule=None,  # disparado à mão (ou por dag.test()); num servidor, por exemplo "@daily"
    start_date=pendulum.datetime(2026, 11, 1, tz="America/Sao_Paulo"),
    catchup=False,
    tags=["mlops-lab", "curso"],
    params={
        "workdir": Param("/tmp/mlops-lab-airflow", type="string",
                         description="pasta onde cada etapa grava o que produz"),
        "data": Param(None, type=["null", "string"],
                      description="CSV ou Parquet da remessa; vazio usa os dados embutidos"),
        "algorithms": Param(["logistic_regression"], type="array",
                            description="candidatos do treino"),
        "seed": Param(42, type="integer"),
    },
    doc_md=__doc__,
)
def mlops_lab_pipeline():
    @task
    def prepare() -> str:
        """Lê, limpa e divide os dados (mlops_lab.stages.prepare)."""
        from pathlib import Path

        from mlops_lab import stages

        p = get_current_context()["params"]
        destino = Path(p["workdir"]) / "prepared"
        resultado = stages.prepare(p["data"], out=destino, seed=p["seed"])
        print(resultado.summary())
        return str(destino)

    @task
    def quality_gate(prepared_dir: str) -> str:
        """Portão de qualidade: os dados preparados cumprem o contrato? Se não, para aqui."""
        import pandas as pd

        from mlops_lab import dataops
        from mlops_lab.stages import TEST_FILE, TRAIN_FILE

        tabela = pd.concat([pd.read_parquet(f"{prepared_dir}/{TRAIN_FILE}"),
                            pd.read_parquet(f"{prepared_dir}/{TEST_FILE}")], ignore_index=True)
        # Lança MlopsLabError (e a tarefa falha) com as verificações que não passaram.
        verificacoes = dataops.validate(tabela, dataops.raw_schema(), dataops.raw_rules(),
                                        stage="entrada do treino",
                                        source="a remessa preparada")
        print(f"Portão de qualidade: {len(verificacoes)} verificações, todas OK.")
        return prepared_dir

    @task
    def train(prepared_dir: str) -> str:
        """Busca hiperparâmetros e empacota o modelo (mlops_lab.stages.train)."""
        from pathlib import Path

        from mlops_lab import stages

        p = get_current_context()["params"]
        destino = Path(p["workdir"]) / "model"
        resultado = stages.train(prepared_dir, out=destino, algorithms=p["algorithms"],
                                 seed=p["seed"], progress=False)
        print(resultado.summary())
        return str(destino)

    @task
    def evaluate(model_dir: str, prepared_dir: str) -> dict:
        """Mede no conjunto de teste e grava metrics.json (mlops_lab.stages.evaluate)."""
        from pathlib import Path

        from mlops_lab import stages

        p = get_current_context()["params"]
        resultado = stages.evaluate(model_dir, prepared_dir, out=Path(p["workdir"]) / "evaluation",
                                    plots=False)
        print(resultado.summary())
        return resultado.details

    preparado = prepare()
    aprovado = quality_gate(preparado)
    evaluate(train(aprovado), aprovado)


pipeline = mlops_lab_pipeline()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Roda o DAG uma vez, sem agendador (dag.test()).")
    parser.add_argument("--workdir", required=True, help="pasta das saídas das etapas")
    parser.add_argument("--data", help="CSV ou Parquet; sem esta opção, os dados embutidos")
    args = parser.parse_args()
    execucao = pipeline.test(run_conf={"workdir": args.workdir, "data": args.data})
    print(f"Execução {execucao.run_id}: {execucao.state}")
    raise SystemExit(0 if execucao.state == "success" else 1)
