"""O pipeline completo, do CSV ao modelo empacotado.

:func:`run_pipeline` encadeia as etapas do livro, na ordem:

1. leitura (:mod:`mlops_lab.data`) e validação (:mod:`mlops_lab.schema`);
2. limpeza de linhas (:mod:`mlops_lab.clean`);
3. divisão treino/teste (:mod:`mlops_lab.train`);
4. busca de hiperparâmetros (:mod:`mlops_lab.tune`);
5. treino final e avaliação no teste (:mod:`mlops_lab.evaluate`);
6. empacotamento (:mod:`mlops_lab.package`);
7. opcionalmente, o registro da execução no MLflow (:mod:`mlops_lab.tracking`).

As mesmas etapas existem separadas, cada uma gravando o que produz, em
:mod:`mlops_lab.dvc_stages` (``mlops-lab prepare``, ``train`` e ``evaluate``): é o
que um orquestrador como o DVC encadeia. As funções abaixo
(:func:`prepare_data`, :func:`fit_best`, :func:`write_model_package`…) são
compartilhadas pelos dois caminhos, para que deem os mesmos resultados.

Os artefatos são escritos numa pasta temporária e só no fim trocam de lugar
com a pasta de destino (:func:`mlops_lab._fs.staged_dir`): se algo falhar no
caminho, o destino fica como estava.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.data import EXAMPLE_TARGET, example_path
from mlops_lab.errors import MlopsLabError
from mlops_lab.package import METADATA_FILE
from mlops_lab.run_outputs import (
    ARTIFACTS,
    METRICS_FILE,
    MODEL_CARD_FILE,
    PLOT_FILES,
    TUNING_FILE,
    metrics_record,
    write_evaluation,
    write_lineage,
    write_model_package,
)
from mlops_lab.train import DEFAULT_ALGORITHMS

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd
    from sklearn.pipeline import Pipeline

    from mlops_lab.tune import TuningResult

__all__ = [
    "METRICS_FILE", "TUNING_FILE", "PLOT_FILES", "MODEL_CARD_FILE", "ARTIFACTS", "PreparedData",
    "RunResult",
    "prepare_data", "fit_best", "model_metadata", "metrics_record", "write_model_package",
    "write_evaluation", "run_pipeline",
]

# Os nomes dos arquivos e os gravadores moram em mlops_lab.run_outputs; continuam
# importáveis daqui, como o livro e os notebooks ensinam.


@dataclass
class PreparedData:
    """Dados lidos, validados, limpos e divididos (a saída da etapa de preparação)."""

    X_train: object
    X_test: object
    y_train: object
    y_test: object
    target: str
    cleaning: dict
    data: dict  # arquivo de origem, hashes e número de linhas
    seed: int
    test_size: float
    time_split: dict | None = None  # a divisão no tempo (--time-column), se houve


@dataclass
class RunResult:
    """O que :func:`run_pipeline` produziu."""

    out: Path
    model: object
    metrics: dict
    tuning: object
    cleaning: dict
    target: str
    tracking: object = None  # TrackedRun quando a execução foi registrada no MLflow

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
        if self.tracking is not None:
            linhas.append(self.tracking.summary())
        return "\n".join(linhas)


def _pseudonymized(df: pd.DataFrame, column: str, target: str,
                   key: bytes | None) -> pd.DataFrame:
    from mlops_lab.lgpd import pseudonymize_frame

    if key is None:
        raise MlopsLabError("a pseudonimização precisa de uma chave (pseudo_key).")
    if column == target:
        raise MlopsLabError(f"'{column}' é a coluna alvo: pseudonimize o identificador "
                            "do cliente, não o que o modelo prevê.")
    return pseudonymize_frame(df, column, key)


def prepare_data(data: str | Path | None = None, target: str | None = None,
                 seed: int = 42, test_size: float = 0.2, cv: int = 3,
                 read_options: dict | None = None, pseudonymize: str | None = None,
                 pseudo_key: bytes | None = None, time: dict | None = None) -> PreparedData:
    """Lê, valida, limpa e divide os dados em treino e teste (sem gravar nada).

    ``cv`` só serve para conferir se há linhas bastantes para a validação cruzada.
    Com ``pseudonymize`` (uma coluna) e ``pseudo_key``, a coluna vira pseudônimos logo
    na leitura (:func:`mlops_lab.lgpd.pseudonymize_frame`), antes de tudo o mais.
    Com ``time`` (:func:`mlops_lab.timedata.time_options`), a divisão é fora do tempo.

    Examples
    --------
    >>> p = prepare_data(seed=0)
    >>> p.target, len(p.X_test) > 0, "cancelou" in p.X_train.columns
    ('cancelou', True, False)
    """
    from mlops_lab.clean import clean_table
    from mlops_lab.data import file_hash, frame_hash, read_table
    from mlops_lab.schema import check_size, check_target
    from mlops_lab.train import split_data

    if cv < 2:
        raise MlopsLabError(f"--cv deve ser pelo menos 2, recebido {cv}.")
    caminho = Path(data) if data is not None else example_path()
    df = read_table(caminho, **(read_options or {}))
    target = target or (EXAMPLE_TARGET if data is None else str(df.columns[-1]))
    check_target(df, target)
    if pseudonymize is not None:
        df = _pseudonymized(df, pseudonymize, target, pseudo_key)
    limpo, relatorio = clean_table(df, target)
    check_target(limpo, target)
    check_size(limpo[target].astype(str), cv, test_size)
    divisao = None
    if time is None:
        X_train, X_test, y_train, y_test = split_data(limpo, target, test_size, seed)
    else:
        from mlops_lab.timedata.split import time_split

        X_train, X_test, y_train, y_test, divisao = time_split(limpo, target,
                                                               test_size=test_size, **time)
    origem = {"file": caminho.name, "file_sha256": file_hash(caminho),
              "clean_sha256": frame_hash(limpo), "rows": len(limpo)}
    if pseudonymize is not None:
        from mlops_lab.lgpd import key_id

        origem["pseudonymized"] = {"column": pseudonymize, "key_id": key_id(pseudo_key)}
    return PreparedData(X_train, X_test, y_train, y_test, target, relatorio, origem, seed,
                        test_size, divisao)


def fit_best(X_train: pd.DataFrame, y_train: pd.Series,
             algorithms: Sequence[str] = DEFAULT_ALGORITHMS, cv: int = 3, seed: int = 42,
             progress: bool = True, dask_scheduler: str | None = None,
             ) -> tuple[Pipeline, TuningResult]:
    """Busca o melhor candidato com validação cruzada e treina-o em todo o treino.

    Returns
    -------
    (modelo, TuningResult)
    """
    from mlops_lab.train import check_algorithms, train_model
    from mlops_lab.tune import tune_hyperparameters

    algorithms = check_algorithms(algorithms)
    if cv < 2:
        raise MlopsLabError(f"--cv deve ser pelo menos 2, recebido {cv}.")
    busca = tune_hyperparameters(X_train, y_train, algorithms, cv=cv, seed=seed,
                                 progress=progress, dask_scheduler=dask_scheduler)
    modelo = train_model(X_train, y_train, busca.algorithm, seed=seed, **busca.params)
    return modelo, busca


def model_metadata(prepared: PreparedData, modelo: Pipeline, busca: TuningResult, cv: int,
                   seed: int, metrics: dict | None) -> dict:
    """Metadados gravados ao lado do modelo (``metadata.json``)."""
    from mlops_lab.evaluate import positive_label
    from mlops_lab.schema import infer_schema

    classes = sorted(map(str, modelo.classes_))
    metadados = {
        "target": prepared.target, "classes": classes,
        "positive_label": positive_label(classes) if len(classes) == 2 else None,
        "schema": infer_schema(prepared.X_train), "algorithm": busca.algorithm,
        "params": busca.params, "metrics": metrics, "seed": seed,
        "test_size": prepared.test_size,
        "cv": {"scoring": busca.scoring, "score": round(busca.score, 6), "folds": cv},
        "data": prepared.data, "cleaning": prepared.cleaning,
    }
    if prepared.time_split is not None:
        metadados["time_split"] = prepared.time_split
    return metadados


def run_pipeline(data: str | Path | None = None, target: str | None = None,
                 out: str | Path = "artifacts", seed: int = 42,
                 algorithms: Sequence[str] = DEFAULT_ALGORITHMS, cv: int = 3,
                 test_size: float = 0.2, progress: bool = True, plots: bool = True,
                 read_options: dict | None = None, tracking: str | None = None,
                 experiment: str | None = None, pseudonymize: str | None = None,
                 key_file: str | Path | None = None, dask_scheduler: str | None = None,
                 model_card: bool = False, time_column: str | None = None, gap: int = 0,
                 id_column: str | None = None) -> RunResult:
    """Executa o pipeline inteiro e grava os artefatos em ``out``.

    Parameters
    ----------
    data : str, Path ou None
        CSV (também comprimido: ``.csv.gz``, ``.csv.zip``, ``.csv.bz2``, ``.csv.xz``)
        ou Parquet, lido por :func:`~mlops_lab.data.read_table`. ``None`` usa o
        conjunto embutido (clientes de telecom).
    target : str ou None
        Coluna a prever. ``None`` usa ``cancelou`` no conjunto embutido e a
        última coluna num arquivo do usuário.
    out : str ou Path, padrão "artifacts"
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
    tracking : str ou None, padrão None
        URI de rastreamento do MLflow (por exemplo ``"sqlite:///mlflow.db"``): a
        execução (parâmetros, métricas, gráficos e modelo) é registrada lá. ``None``
        não registra nada. Se o registro falhar, a pasta ``out`` fica como estava.
    experiment : str ou None
        Nome do experimento no MLflow (padrão: ``mlops-lab``).
    pseudonymize : str ou None
        Coluna do identificador do cliente, trocada por pseudônimos (HMAC-SHA256) na
        leitura; a pasta ganha ``lineage.json`` (:mod:`mlops_lab.lgpd`). A chave vem de
        ``key_file`` ou da variável ``MLOPS_LAB_PSEUDO_KEY``; sem ela, nada é gravado.
    key_file : str, Path ou None
        Arquivo com a chave da pseudonimização, guardado longe dos dados.
    dask_scheduler : str ou None
        Distribui a busca num cluster Dask: ``"local"`` ou ``"tcp://host:8786"``
        (:func:`mlops_lab.tune.tune_hyperparameters`).
    model_card : bool, padrão False
        Gravar também ``model_card.md``, o cartão do modelo
        (:mod:`mlops_lab.trust.model_card`). O comando ``mlops-lab run`` sempre grava.
    time_column, gap, id_column
        Divisão fora do tempo (:func:`mlops_lab.timedata.time_split`): a coluna do
        período, os períodos de intervalo e a coluna do cliente (fora dos atributos).
    """
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import check_algorithms

    out = Path(out)
    _fs.check_out(out, METADATA_FILE)
    algorithms = check_algorithms(algorithms)
    if cv < 2:
        raise MlopsLabError(f"--cv deve ser pelo menos 2, recebido {cv}.")
    if dask_scheduler is not None:
        from mlops_lab.dask_search import check_address

        check_address(dask_scheduler)  # endereço malformado: erro antes de ler os dados
    rastreador = None
    if tracking is not None:
        from mlops_lab.tracking import Tracker

        rastreador = Tracker(tracking, experiment)  # URI inválida: erro antes de treinar
    chave = None
    if pseudonymize is not None:
        from mlops_lab.lgpd import load_key

        chave = load_key(key_file)  # sem chave: erro antes de ler ou gravar qualquer coisa

    from mlops_lab.timedata.split import time_options

    tempo = time_options(time_column, gap, id_column)  # erro antes de ler os dados
    prepared = prepare_data(data, target, seed, test_size, cv, read_options, pseudonymize,
                            chave, tempo)
    modelo, busca = fit_best(prepared.X_train, prepared.y_train, algorithms, cv, seed, progress,
                             dask_scheduler)
    metricas = evaluate(modelo, prepared.X_test, prepared.y_test)
    metadados = model_metadata(prepared, modelo, busca, cv, seed, metricas)

    registrado = None
    with _fs.staged_dir(out) as temporaria:
        write_model_package(temporaria, modelo, metadados, prepared.X_train, busca)
        registro = write_evaluation(temporaria, modelo, metadados, prepared, metricas, plots,
                                    calibration=True)
        if model_card:
            from mlops_lab.trust.model_card import write_model_card

            write_model_card(temporaria, modelo, metadados, registro, prepared.X_test,
                             prepared.y_test)
        if pseudonymize is not None:
            write_lineage(temporaria, prepared, pseudonymize, chave)
        if rastreador is not None:
            registrado = rastreador.log_run(temporaria, modelo, metadados, prepared,
                                            run_name=out.name)
    return RunResult(out=out, model=modelo, metrics=metricas, tuning=busca,
                     cleaning=prepared.cleaning, target=prepared.target, tracking=registrado)
