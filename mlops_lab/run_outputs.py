"""O que ``mlops-lab run`` grava na pasta de saída, arquivo por arquivo.

:data:`ARTIFACTS` lista cada arquivo e o seu papel (o README mostra essa lista);
:func:`write_model_package` grava o modelo, os metadados, a referência do
monitoramento e a tabela da busca; :func:`write_evaluation`, as métricas e os
gráficos; :func:`write_lineage`, a linhagem da pseudonimização (LGPD). As etapas
do DVC (:mod:`mlops_lab.dvc_stages`) usam as mesmas funções.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.drift import REFERENCE_FILE
from mlops_lab.package import METADATA_FILE, MODEL_FILE
from mlops_lab.trust.model_card import MODEL_CARD_FILE

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

    from mlops_lab.pipeline import PreparedData
    from mlops_lab.tune import TuningResult

__all__ = [
    "METRICS_FILE", "TUNING_FILE", "PLOT_FILES", "MODEL_CARD_FILE", "ARTIFACTS",
    "metrics_record", "write_model_package", "write_evaluation", "write_lineage",
]

METRICS_FILE = "metrics.json"
TUNING_FILE = "tuning.csv"
PLOT_FILES = ("confusion_matrix.png", "learning_curve.png", "reliability_diagram.png")

#: O que ``mlops-lab run`` grava na pasta de saída e o papel de cada arquivo (os gráficos
#: só sem ``--no-plots``). O README mostra esta lista, e um teste confere que ela é
#: exatamente o que uma execução grava.
ARTIFACTS = {
    METRICS_FILE: "métricas de teste (`\"test\"`) e da validação cruzada (`\"cv\"`), "
                  "algoritmo escolhido, hiperparâmetros e calibração (`\"calibration\"`: "
                  "Brier e ECE com 10 faixas)",
    MODEL_FILE: "o modelo no formato seguro do skops (não é *pickle*)",
    METADATA_FILE: "esquema de entrada, *hash* dos dados, métricas, versões das bibliotecas",
    TUNING_FILE: "a nota de cada candidato na validação cruzada",
    REFERENCE_FILE: "o retrato dos dados de treino que o monitoramento de drift usa",
    PLOT_FILES[0]: "gráfico da matriz de confusão no teste",
    PLOT_FILES[1]: "gráfico da curva de aprendizado",
    PLOT_FILES[2]: "diagrama de confiabilidade (calibração) no teste",
    MODEL_CARD_FILE: "o cartão do modelo: uso pretendido, dados, métricas gerais e por "
                     "subgrupo, calibração, limites e linhagem",
}


def _write_plots(model, X_train, y_train, X_test, y_test, pasta: Path, cv: int, seed: int):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from mlops_lab.evaluate import plot_confusion_matrix, plot_learning_curve
    from mlops_lab.trust.calibration import plot_positive_reliability

    figuras = [(PLOT_FILES[0], plot_confusion_matrix(model, X_test, y_test)),
               (PLOT_FILES[1], plot_learning_curve(model, X_train, y_train, cv=cv, seed=seed))]
    confiabilidade = plot_positive_reliability(model, X_test, y_test)
    if confiabilidade is not None:  # só em problemas binários
        figuras.append((PLOT_FILES[2], confiabilidade))
    for nome, fig in figuras:
        fig.savefig(pasta / nome, dpi=110)
        plt.close(fig)


def metrics_record(metrics: dict, metadata: dict) -> dict:
    """O conteúdo de ``metrics.json``: métricas de teste e como o modelo foi escolhido."""
    return {"test": metrics, "algorithm": metadata["algorithm"], "params": metadata["params"],
            "cv": metadata["cv"], "seed": metadata["seed"]}


def write_model_package(pasta: Path, modelo: Pipeline, metadados: dict, X_train: pd.DataFrame,
                        busca: TuningResult | None = None) -> None:
    """Grava o modelo, os metadados, a referência do monitoramento e a tabela da busca."""
    from mlops_lab.drift import build_reference, write_reference
    from mlops_lab.package import save_model

    save_model(modelo, pasta, metadados)
    # A referência de treino que o monitoramento (mlops-lab stream) compara.
    write_reference(build_reference(modelo, X_train, metadados["schema"], metadados["seed"]),
                    pasta)
    if busca is not None:
        busca.table.to_csv(pasta / TUNING_FILE, index=False)


def write_evaluation(pasta: Path, modelo: Pipeline, metadados: dict, prepared: PreparedData,
                     metrics: dict, plots: bool = True, calibration: bool = False) -> dict:
    """Grava ``metrics.json`` e, se ``plots``, a matriz de confusão, a curva de aprendizado
    e o diagrama de confiabilidade; devolve o conteúdo de ``metrics.json``.

    Com ``calibration`` (o ``mlops-lab run``), ``metrics.json`` ganha a chave
    ``"calibration"`` (:func:`mlops_lab.trust.calibration.calibration_metrics`). A etapa
    ``mlops-lab evaluate`` do DVC não a grava: o ``dvc metrics diff`` dela fica como era.
    """
    registro = metrics_record(metrics, metadados)
    if calibration:
        from mlops_lab.trust.calibration import calibration_metrics

        registro["calibration"] = calibration_metrics(modelo, prepared.X_test, prepared.y_test)
    _fs.write_json(pasta / METRICS_FILE, registro)
    if plots:
        _write_plots(modelo, prepared.X_train, prepared.y_train, prepared.X_test,
                     prepared.y_test, pasta, metadados["cv"]["folds"], metadados["seed"])
    return registro


def write_lineage(pasta: Path, prepared: PreparedData, column: str, key: bytes) -> None:
    """Grava a linhagem (LGPD): os pseudônimos de treino e de teste, para achar os titulares."""
    from mlops_lab.lgpd import LINEAGE_FILE, lineage_record

    _fs.write_json(pasta / LINEAGE_FILE, lineage_record(
        column, key, prepared.X_train[column], prepared.X_test[column]))
