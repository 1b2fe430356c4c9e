"""O pipeline do curso como um DAG do Airflow 3, com dois portões antes de publicar.

preparar → portão dos dados → treinar → avaliar → portão do modelo → promover

Cada tarefa chama uma etapa de :mod:`mlops_lab.dvc_stages` (as mesmas de
``mlops-lab prepare|train|evaluate`` e do projeto DVC), e as tarefas trocam só
caminhos de pastas. O portão dos dados (``quality_gate``) confere os dados
preparados contra o contrato de entrada de :mod:`mlops_lab.dataops` (pandera).
O modelo é treinado e avaliado numa pasta de preparação (``<workdir>/staging``),
longe da pasta servida; o portão do modelo (``model_gate``) exige a AUC ROC
mínima e que o candidato não fique abaixo do modelo no ar no mesmo teste
(:func:`mlops_lab.package.check_quality`); só então ``promote`` troca a pasta
servida pela do candidato (:func:`mlops_lab.package.promote`), guardando a
anterior em ``<served>.previous``. Se um portão falha, a tarefa falha com a
lista das verificações em português, o Airflow não roda as seguintes e o
modelo no ar continua o mesmo.

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
                      description="CSV (também .csv.gz, .csv.zip...) ou Parquet da remessa; "
                                  "vazio usa os dados embutidos"),
        "served": Param(None, type=["null", "string"],
                        description="pasta do modelo no ar (a do mlops-lab serve --model); "
                                    "vazio usa <workdir>/model"),
        "algorithms": Param(["logistic_regression"], type="array",
                            description="candidatos do treino"),
        "seed": Param(42, type="integer"),
        "min_roc_auc": Param(0.80, type="number",
                             description="AUC ROC mínima no teste para publicar o modelo"),
        "tolerance": Param(0.01, type="number",
                           description="quanto a AUC ROC do candidato pode ficar abaixo da do "
                                       "modelo no ar, no mesmo teste"),
    },
    doc_md=__doc__,
)
def mlops_lab_pipeline():
    @task
    def prepare() -> str:
        """Lê, limpa e divide os dados (mlops_lab.dvc_stages.prepare)."""
        from pathlib import Path

        from mlops_lab import dvc_stages

        p = get_current_context()["params"]
        destino = Path(p["workdir"]) / "prepared"
        resultado = dvc_stages.prepare(p["data"], out=destino, seed=p["seed"])
        print(resultado.summary())
        return str(destino)

    @task
    def quality_gate(prepared_dir: str) -> str:
        """Portão dos dados: os dados preparados cumprem o contrato? Se não, para aqui."""
        import pandas as pd

        from mlops_lab import dataops
        from mlops_lab.dvc_stages import TEST_FILE, TRAIN_FILE

        tabela = pd.concat([pd.read_parquet(f"{prepared_dir}/{TRAIN_FILE}"),
                            pd.read_parquet(f"{prepared_dir}/{TEST_FILE}")], ignore_index=True)
        # Lança MlopsLabError (e a tarefa falha) com as verificações que não passaram.
        verificacoes = dataops.validate(tabela, dataops.raw_schema(), dataops.raw_rules(),
                                        stage="entrada do treino",
                                        source="a remessa preparada")
        print(f"Portão dos dados: {len(verificacoes)} verificações, todas OK.")
        return prepared_dir

    @task
    def train(prepared_dir: str) -> str:
        """Treina o candidato na pasta de preparação, longe do modelo no ar (dvc_stages.train)."""
        from pathlib import Path

        from mlops_lab import dvc_stages

        p = get_current_context()["params"]
        destino = Path(p["workdir"]) / "staging" / "model"
        resultado = dvc_stages.train(prepared_dir, out=destino, algorithms=p["algorithms"],
                                 seed=p["seed"], progress=False)
        print(resultado.summary())
        return str(destino)

    @task
    def evaluate(model_dir: str, prepared_dir: str) -> str:
        """Mede o candidato no teste e grava metrics.json (mlops_lab.dvc_stages.evaluate)."""
        from pathlib import Path

        from mlops_lab import dvc_stages

        p = get_current_context()["params"]
        destino = Path(p["workdir"]) / "staging" / "evaluation"
        resultado = dvc_stages.evaluate(model_dir, prepared_dir, out=destino, plots=False)
        print(resultado.summary())
        return str(destino)

    @task
    def model_gate(model_dir: str, evaluation_dir: str, prepared_dir: str) -> str:
        """Portão do modelo: o candidato é bom o bastante para o ar? Se não, para aqui."""
        import json
        from pathlib import Path

        from mlops_lab import dvc_stages, package
        from mlops_lab.pipeline import METRICS_FILE

        p = get_current_context()["params"]
        metricas = json.loads((Path(evaluation_dir) / METRICS_FILE).read_text("utf-8"))["test"]
        no_ar = _served(p)
        # O modelo no ar é medido no mesmo teste que o candidato, para a comparação ser justa.
        referencia = (dvc_stages.score(no_ar, prepared_dir)
                      if (no_ar / package.MODEL_FILE).is_file() else None)
        # Lança MlopsLabError (e a tarefa falha) com as verificações que não passaram.
        aprovadas = package.check_quality(metricas, {"roc_auc": p["min_roc_auc"]},
                                          served=referencia, tolerance=p["tolerance"])
        print("Portão do modelo: " + "; ".join(aprovadas))
        return model_dir

    @task
    def promote(model_dir: str) -> str:
        """Só agora o candidato vai para o ar (mlops_lab.package.promote)."""
        from mlops_lab import package

        no_ar = _served(get_current_context()["params"])
        anterior = package.promote(model_dir, no_ar)
        print(f"Modelo publicado em {no_ar}"
              + (f"; o anterior ficou em {anterior}" if anterior else "") + ".")
        return str(no_ar)

    preparado = prepare()
    aprovado = quality_gate(preparado)
    candidato = train(aprovado)
    avaliacao = evaluate(candidato, aprovado)
    promote(model_gate(candidato, avaliacao, aprovado))


def _served(params):
    """A pasta do modelo no ar: o parâmetro served ou, sem ele, <workdir>/model."""
    from pathlib import Path

    return Path(params["served"] or Path(params["workdir"]) / "model")


pipeline = mlops_lab_pipeline()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Roda o DAG uma vez, sem agendador (dag.test()).")
    parser.add_argument("--workdir", required=True, help="pasta das saídas das etapas")
    parser.add_argument("--data", help="CSV (também .csv.gz, .csv.zip...) ou Parquet; sem "
                                        "esta opção, os dados embutidos")
    parser.add_argument("--served", help="pasta do modelo no ar (padrão: <workdir>/model)")
    args = parser.parse_args()
    execucao = pipeline.test(run_conf={"workdir": args.workdir, "data": args.data,
                                       "served": args.served})
    print(f"Execução {execucao.run_id}: {execucao.state}")
    raise SystemExit(0 if execucao.state == "success" else 1)
