"""As etapas do pipeline como comandos separados: preparar, treinar e avaliar.

``mlops-lab run`` faz tudo de uma vez. Um orquestrador (DVC, Airflow…) quer o
contrário: etapas pequenas, cada uma com entradas e saídas em arquivos, para
refazer só o que mudou. Este módulo oferece as três etapas, que reaproveitam as
funções de :mod:`mlops_lab.pipeline` e por isso dão os mesmos números que o
``run`` com os mesmos parâmetros:

- :func:`prepare`: lê, valida, limpa e divide; grava ``train.parquet``,
  ``test.parquet`` e ``prepare.json``;
- :func:`train`: busca hiperparâmetros e treina; grava o modelo empacotado
  (como o ``run``: ``model.skops``, ``metadata.json``, ``reference.json``, ``tuning.csv``);
- :func:`evaluate`: mede no teste; grava ``metrics.json`` e os gráficos.

Na linha de comando: ``mlops-lab prepare``, ``mlops-lab train`` e
``mlops-lab evaluate``, todos com ``--params params.yaml`` opcional (as seções
``prepare``, ``train`` e ``evaluate`` do arquivo; opções explícitas valem mais).
:func:`init_dvc_project` copia um projeto DVC pronto cujos estágios são essas etapas.

Cada etapa grava numa pasta temporária e só no fim a troca pela de destino.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError
from mlops_lab.train import DEFAULT_ALGORITHMS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mlops_lab.pipeline import PreparedData

__all__ = [
    "TRAIN_FILE", "TEST_FILE", "PREPARE_FILE", "SECTIONS", "PARAMS", "StageResult", "read_params",
    "prepare", "load_prepared", "train", "score", "evaluate", "init_dvc_project",
]

TRAIN_FILE = "train.parquet"
TEST_FILE = "test.parquet"
PREPARE_FILE = "prepare.json"
SECTIONS = ("prepare", "train", "evaluate")
# Parâmetros aceitos em cada seção do params.yaml (e o tipo esperado).
PARAMS = {
    "prepare": {"target": str, "seed": int, "test_size": float},
    "train": {"algorithms": list, "cv": int, "seed": int},
    "evaluate": {"plots": bool},
}


@dataclass
class StageResult:
    """O que uma etapa gravou."""

    stage: str
    out: Path
    details: dict

    def summary(self) -> str:
        itens = ", ".join(f"{k} = {v}" for k, v in self.details.items())
        return f"Etapa {self.stage}: {itens}. Gravado em: {self.out}"


def read_params(path: str | Path, section: str) -> dict:
    """Lê a seção ``section`` de um ``params.yaml`` e confere nomes e tipos.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> arquivo = pathlib.Path(tempfile.mkdtemp()) / "params.yaml"
    >>> _ = arquivo.write_text("train:\\n  cv: 4\\n  algorithms: [random_forest]\\n")
    >>> read_params(arquivo, "train")
    {'cv': 4, 'algorithms': ['random_forest']}
    >>> read_params(arquivo, "prepare")
    {}
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        raise MlopsLabError(f"o arquivo de parâmetros '{path}' não existe. Confira o caminho "
                            "em --params.")
    try:
        conteudo = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as erro:
        raise MlopsLabError(f"'{path}' não é um YAML válido ({erro}). Confira a indentação "
                            "e os dois-pontos.") from None
    conteudo = conteudo or {}
    if not isinstance(conteudo, dict):
        raise MlopsLabError(f"'{path}' deve ter seções ({', '.join(SECTIONS)}), cada uma com "
                            "nome: valor.")
    secao = conteudo.get(section) or {}
    if not isinstance(secao, dict):
        raise MlopsLabError(f"a seção '{section}' de '{path}' deve ter pares nome: valor.")
    aceitos = PARAMS[section]
    resultado = {}
    for nome, valor in secao.items():
        if nome not in aceitos:
            raise MlopsLabError(f"parâmetro desconhecido '{section}.{nome}' em '{path}'. "
                                f"Aceitos: {', '.join(aceitos)}.")
        tipo = aceitos[nome]
        if tipo is float and isinstance(valor, int) and not isinstance(valor, bool):
            valor = float(valor)
        if tipo is list and isinstance(valor, str):
            valor = [valor]
        if not isinstance(valor, tipo) or (tipo is int and isinstance(valor, bool)):
            raise MlopsLabError(f"'{section}.{nome}' em '{path}' deveria ser "
                                f"{_TIPOS[tipo]}, mas é {valor!r}.")
        resultado[nome] = valor
    return resultado


_TIPOS = {str: "um texto", int: "um número inteiro", float: "um número",
          list: "uma lista", bool: "true ou false"}


def prepare(data: str | Path | None = None, out: str | Path = "data/prepared",
            target: str | None = None, seed: int = 42, test_size: float = 0.2,
            read_options: dict | None = None) -> StageResult:
    """Etapa 1: lê, valida, limpa e divide; grava treino e teste em Parquet.

    Parameters
    ----------
    data : str, Path ou None
        CSV (também comprimido, como ``.csv.gz``) ou Parquet; ``None`` usa os
        dados embutidos.
    out : str ou Path
        Pasta com ``train.parquet``, ``test.parquet`` (atributos e alvo) e
        ``prepare.json`` (alvo, semente, origem dos dados e relatório de limpeza).
    target, seed, test_size, read_options
        Como em :func:`mlops_lab.pipeline.run_pipeline`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pasta = pathlib.Path(tempfile.mkdtemp()) / "prepared"
    >>> r = prepare(out=pasta)
    >>> sorted(p.name for p in pasta.iterdir())
    ['prepare.json', 'test.parquet', 'train.parquet']
    """
    from mlops_lab.data import to_parquet
    from mlops_lab.pipeline import prepare_data

    out = Path(out)
    _fs.check_out(out, PREPARE_FILE)
    # cv=2: só o mínimo; a etapa de treino confere de novo com o seu cv.
    p = prepare_data(data, target, seed, test_size, cv=2, read_options=read_options)

    with _fs.staged_dir(out) as pasta:
        to_parquet(p.X_train.assign(**{p.target: p.y_train}), pasta / TRAIN_FILE)
        to_parquet(p.X_test.assign(**{p.target: p.y_test}), pasta / TEST_FILE)
        _fs.write_json(pasta / PREPARE_FILE, {"target": p.target, "seed": seed,
                                              "test_size": test_size, "data": p.data,
                                              "cleaning": p.cleaning})
    return StageResult("prepare", out, {"treino": len(p.X_train), "teste": len(p.X_test),
                                        "alvo": p.target})


def load_prepared(prepared_dir: str | Path) -> PreparedData:
    """Lê a pasta gravada por :func:`prepare` (devolve um ``PreparedData``)."""
    import pandas as pd

    from mlops_lab.pipeline import PreparedData

    pasta = Path(prepared_dir)
    faltando = [n for n in (TRAIN_FILE, TEST_FILE, PREPARE_FILE) if not (pasta / n).is_file()]
    if faltando:
        raise MlopsLabError(f"'{pasta}' não é uma pasta gravada por 'mlops-lab prepare' "
                            f"(faltam {', '.join(faltando)}). Rode antes: mlops-lab prepare "
                            f"--out {pasta}")
    info = json.loads((pasta / PREPARE_FILE).read_text(encoding="utf-8"))
    alvo = info["target"]
    treino = pd.read_parquet(pasta / TRAIN_FILE)
    teste = pd.read_parquet(pasta / TEST_FILE)
    return PreparedData(treino.drop(columns=[alvo]), teste.drop(columns=[alvo]),
                        treino[alvo].astype(str), teste[alvo].astype(str), alvo,
                        info["cleaning"], info["data"], info["seed"], info["test_size"])


def train(prepared_dir: str | Path = "data/prepared", out: str | Path = "model",
          algorithms: Sequence[str] = DEFAULT_ALGORITHMS, cv: int = 3, seed: int = 42,
          progress: bool = True) -> StageResult:
    """Etapa 2: busca hiperparâmetros, treina o melhor candidato e empacota o modelo.

    A pasta ``out`` tem o mesmo formato da de ``mlops-lab run`` (serve para
    ``mlops-lab predict`` e ``serve``), mas sem métricas de teste: elas são da
    etapa :func:`evaluate`.
    """
    from mlops_lab.package import METADATA_FILE
    from mlops_lab.pipeline import fit_best, model_metadata, write_model_package
    from mlops_lab.schema import check_size
    from mlops_lab.train import check_algorithms

    out = Path(out)
    _fs.check_out(out, METADATA_FILE)
    algorithms = check_algorithms(algorithms)
    p = load_prepared(prepared_dir)
    check_size(p.y_train, cv, 0.0)
    modelo, busca = fit_best(p.X_train, p.y_train, algorithms, cv, seed, progress)
    metadados = model_metadata(p, modelo, busca, cv, seed, metrics=None)
    with _fs.staged_dir(out) as pasta:
        write_model_package(pasta, modelo, metadados, p.X_train, busca)
    return StageResult("train", out, {"algoritmo": busca.algorithm,
                                      busca.scoring: round(busca.score, 3)})


def _measure(model_dir, prepared_dir, trust: bool):
    """Carrega o modelo e os dados preparados e mede o modelo no teste."""
    from mlops_lab.evaluate import evaluate as medir
    from mlops_lab.package import load_model

    modelo, metadados = load_model(model_dir, trust=trust)
    p = load_prepared(prepared_dir)
    if metadados.get("target") != p.target:
        raise MlopsLabError(f"o modelo de '{model_dir}' prevê '{metadados.get('target')}', mas "
                            f"os dados de '{prepared_dir}' têm o alvo '{p.target}'. Treine de "
                            "novo com estes dados (mlops-lab train).")
    return modelo, metadados, p, medir(modelo, p.X_test, p.y_test)


def score(model_dir: str | Path = "model", prepared_dir: str | Path = "data/prepared",
          trust: bool = False) -> dict:
    """Métricas de um modelo no teste de ``prepared_dir``, sem gravar nada.

    Serve para comparar o modelo no ar com um candidato no mesmo conjunto de
    teste, antes de decidir a troca (veja :func:`mlops_lab.package.check_quality`).
    """
    return _measure(model_dir, prepared_dir, trust)[3]


def evaluate(model_dir: str | Path = "model", prepared_dir: str | Path = "data/prepared",
             out: str | Path = "evaluation", plots: bool = True,
             trust: bool = False) -> StageResult:
    """Etapa 3: mede o modelo no teste; grava ``metrics.json`` e os gráficos em ``out``."""
    from mlops_lab.pipeline import METRICS_FILE, PLOT_FILES, write_evaluation

    out = Path(out)
    # O DVC apaga as saídas declaradas (metrics.json e dois gráficos) antes de refazer a
    # etapa; o diagrama de confiabilidade, que o dvc.yaml do curso não declara, fica. Uma
    # pasta só com arquivos desta etapa continua sendo dela.
    _fs.check_out(out, METRICS_FILE, known={METRICS_FILE, *PLOT_FILES})
    modelo, metadados, p, metricas = _measure(model_dir, prepared_dir, trust)
    with _fs.staged_dir(out) as pasta:
        write_evaluation(pasta, modelo, metadados, p, metricas, plots)
    return StageResult("evaluate", out, {k: round(v, 3) for k, v in metricas.items()})


def init_dvc_project(directory: str | Path, data: str | Path | None = None) -> Path:
    """Copia o modelo de projeto DVC (``dvc.yaml`` e ``params.yaml``) e os dados para ``directory``.

    Os dados vão para ``data/clientes.csv`` (os embutidos, se ``data`` for
    ``None``). Não roda nenhum comando do git nem do DVC: isso fica para você.

    Examples
    --------
    >>> import tempfile
    >>> pasta = init_dvc_project(tempfile.mkdtemp())
    >>> sorted(p.name for p in pasta.iterdir())
    ['data', 'dvc.yaml', 'params.yaml']
    """
    from importlib import resources

    from mlops_lab.data import example_path

    pasta = Path(directory)
    modelo = resources.files("mlops_lab") / "templates" / "dvc"
    nomes = ("dvc.yaml", "params.yaml", "data")
    existentes = [n for n in nomes if (pasta / n).exists()]
    if existentes:
        raise MlopsLabError(f"'{pasta}' já tem {', '.join(existentes)}. Escolha uma pasta "
                            "nova para o projeto DVC.")
    origem = Path(data) if data is not None else example_path()
    # Um erro no meio (dados que não existem, disco cheio) não deixa um projeto pela metade.
    with _fs.undo_on_error(pasta, *(pasta / n for n in nomes)):
        (pasta / "data").mkdir(parents=True)
        for nome in nomes[:2]:
            _fs.write_text(pasta / nome, (modelo / nome).read_text(encoding="utf-8"))
        _fs.write_bytes(pasta / "data" / "clientes.csv", origem.read_bytes())
    return pasta
