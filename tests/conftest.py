"""Fixtures compartilhadas: dados limpos, divisão treino/teste e um modelo treinado."""

import os

import pytest

from mlops_lab.clean import clean_table
from mlops_lab.data import load_example
from mlops_lab.pipeline import run_pipeline
from mlops_lab.train import split_data

# 'mlops-lab run' registra cada execução no MLflow (em ./mlflow.db) por padrão. Nos
# testes, isso gravaria na raiz do repositório e deixaria cada execução mais lenta:
# só os testes do rastreamento (tests/code/test_tracking.py) ligam, com um banco em tmp_path.
os.environ["MLOPS_LAB_TRACKING"] = "off"


@pytest.fixture(scope="session")
def example_df():
    return load_example()


@pytest.fixture(scope="session")
def clean_df(example_df):
    return clean_table(example_df, "cancelou")[0]


@pytest.fixture(scope="session")
def split(clean_df):
    return split_data(clean_df, "cancelou", seed=42)


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    """Um modelo rápido (só regressão logística), treinado uma vez por sessão."""
    out = tmp_path_factory.mktemp("modelo") / "artefatos"
    run_pipeline(out=out, algorithms=["logistic_regression"], progress=False, plots=False)
    return out
