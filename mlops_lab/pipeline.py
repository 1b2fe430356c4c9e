"""O pipeline completo, do CSV ao modelo empacotado.

:func:`run_pipeline` encadeia as etapas do livro, na ordem:

1. leitura (:mod:`mlops_lab.data`) e validação (:mod:`mlops_lab.schema`);
2. limpeza de linhas (:mod:`mlops_lab.clean`);
3. divisão treino/teste (:mod:`mlops_lab.train`);
4. busca de hiperparâmetros (:mod:`mlops_lab.tune`);
5. treino final e avaliação no teste (:mod:`mlops_lab.evaluate`);
6. empacotamento (:mod:`mlops_lab.package`).

Os artefatos são escritos numa pasta temporária e só no fim trocam de lugar
com a pasta de destino: se algo falhar no caminho, o destino fica como estava.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mlops_lab.data import EXAMPLE_TARGET, example_path
from mlops_lab.errors import MlopsLabError
from mlops_lab.package import METADATA_FILE
from mlops_lab.train import DEFAULT_ALGORITHMS

METRICS_FILE = "metrics.json"


@dataclass
class RunResult:
    """O que :func:`run_pipeline` produziu."""

    out: Path
    model: object
    metrics: dict
    tuning: object
    cleaning: dict
    target: str

    def summary(self) -> str:
        linhas = [
            f"Alvo: {self.target}",
            f"Limpeza: {self.cleaning['linhas_iniciais']} linhas lidas, "
            f"{self.cleaning['linhas_duplicadas']} duplicadas e "
            f"{self.cleaning['linhas_sem_rotulo']} sem rótulo removidas",
            f"Melhor candidato: {self.tuning.summary()}",
            "Teste: " + ", ".join(f"{k} = {v:.3f}" for k, v in self.metrics.items()),
            f"Artefatos em: {self.out}",
        ]
        return "\n".join(linhas)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise MlopsLabError(
            f"'{out}' já existe e é um arquivo. Em --out, informe uma pasta."
        )
    if out.is_dir() and any(out.iterdir()) and not (out / METADATA_FILE).exists():
        raise MlopsLabError(
            f"a pasta '{out}' já tem arquivos que não são artefatos do mlops-lab. Para não "
            "apagá-los, escolha uma pasta nova ou vazia em --out."
        )


def _replace_dir(temporaria: Path, out: Path) -> None:
    """Troca ``out`` por ``temporaria`` com renomeações (quase atômico)."""
    antiga = None
    if out.exists():
        antiga = out.with_name(f".{out.name}.antiga")
        if antiga.exists():
            shutil.rmtree(antiga)
        out.rename(antiga)
    temporaria.rename(out)
    if antiga is not None:
        shutil.rmtree(antiga, ignore_errors=True)


def _write_plots(model, X_train, y_train, X_test, y_test, pasta: Path, cv: int, seed: int):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from mlops_lab.evaluate import plot_confusion_matrix, plot_learning_curve

    for nome, fig in (
        ("confusion_matrix.png", plot_confusion_matrix(model, X_test, y_test)),
        ("learning_curve.png", plot_learning_curve(model, X_train, y_train, cv=cv, seed=seed)),
    ):
        fig.savefig(pasta / nome, dpi=110)
        plt.close(fig)


def run_pipeline(data=None, target: str | None = None, out="artefatos", seed: int = 42,
                 algorithms=DEFAULT_ALGORITHMS, cv: int = 3, test_size: float = 0.2,
                 progress: bool = True, plots: bool = True, read_options=None) -> RunResult:
    """Executa o pipeline inteiro e grava os artefatos em ``out``.

    Parameters
    ----------
    data : str, Path ou None
        CSV ou Parquet. ``None`` usa o conjunto embutido (clientes de telecom).
    target : str ou None
        Coluna a prever. ``None`` usa ``cancelou`` no conjunto embutido e a
        última coluna num arquivo do usuário.
    out : str ou Path, padrão "artefatos"
        Pasta de saída: ``metrics.json``, ``metadata.json``, ``model.skops``,
        ``reference.json`` (a referência do monitoramento), ``tuning.csv`` e os gráficos.
    seed : int
        Mesma semente e mesmos dados, mesmas métricas e previsões.
    algorithms, cv, test_size
        Candidatos, número de partes da validação cruzada e fração de teste.
    progress, plots : bool
        Mostrar a barra de progresso; desenhar os gráficos.
    read_options : dict, opcional
        ``sep``, ``decimal`` e ``encoding`` repassados a :func:`~mlops_lab.data.read_table`.
    """
    from mlops_lab.clean import clean_table
    from mlops_lab.data import file_hash, frame_hash, read_table
    from mlops_lab.drift import build_reference, write_reference
    from mlops_lab.evaluate import evaluate, positive_label
    from mlops_lab.package import save_model
    from mlops_lab.schema import check_size, check_target, infer_schema
    from mlops_lab.train import check_algorithms, split_data, train_model
    from mlops_lab.tune import tune_hyperparameters

    out = Path(out)
    _check_out(out)
    algorithms = check_algorithms(algorithms)
    if cv < 2:
        raise MlopsLabError(f"--cv deve ser pelo menos 2, recebido {cv}.")
    caminho = Path(data) if data is not None else example_path()
    df = read_table(caminho, **(read_options or {}))
    target = target or (EXAMPLE_TARGET if data is None else str(df.columns[-1]))
    check_target(df, target)
    limpo, relatorio = clean_table(df, target)
    check_target(limpo, target)
    check_size(limpo[target].astype(str), cv, test_size)

    X_train, X_test, y_train, y_test = split_data(limpo, target, test_size, seed)
    busca = tune_hyperparameters(X_train, y_train, algorithms, cv=cv, seed=seed,
                                 progress=progress)
    modelo = train_model(X_train, y_train, busca.algorithm, seed=seed, **busca.params)
    metricas = evaluate(modelo, X_test, y_test)

    classes = sorted(map(str, modelo.classes_))
    registro = {"test": metricas, "algorithm": busca.algorithm, "params": busca.params,
                "cv": {"scoring": busca.scoring, "score": round(busca.score, 6), "folds": cv},
                "seed": seed}
    metadados = {
        "target": target, "classes": classes,
        "positive_label": positive_label(classes) if len(classes) == 2 else None,
        "schema": infer_schema(X_train), "algorithm": busca.algorithm, "params": busca.params,
        "metrics": metricas, "seed": seed, "test_size": test_size,
        "data": {"file": caminho.name, "file_sha256": file_hash(caminho),
                 "clean_sha256": frame_hash(limpo), "rows": len(limpo)},
        "cleaning": relatorio,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    temporaria = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        save_model(modelo, temporaria, metadados)
        # A referência de treino que o monitoramento (mlops-lab stream) compara.
        write_reference(build_reference(modelo, X_train, metadados["schema"], seed),
                        temporaria)
        (temporaria / METRICS_FILE).write_text(
            json.dumps(registro, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        busca.table.to_csv(temporaria / "tuning.csv", index=False)
        if plots:
            _write_plots(modelo, X_train, y_train, X_test, y_test, temporaria, cv, seed)
        _replace_dir(temporaria, out)
    except BaseException:
        shutil.rmtree(temporaria, ignore_errors=True)
        raise
    return RunResult(out=out, model=modelo, metrics=metricas, tuning=busca,
                     cleaning=relatorio, target=target)
