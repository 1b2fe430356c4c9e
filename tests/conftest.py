"""Fixtures compartilhadas: dados limpos, divisão treino/teste e um modelo treinado.

A divisão treino/teste tem uma fonte só, :data:`DIVISAO`: o ``split`` é preparado com
ela e o ``model_dir`` é treinado com ela. Assim, o teste de ``split`` é sempre feito de
linhas que o modelo não viu no treino (``tests/model/test_performance_gate.py`` confere).
"""

import os

import pytest

from mlops_lab.clean import clean_table
from mlops_lab.data import load_example
from mlops_lab.pipeline import prepare_data, run_pipeline

# 'mlops-lab run' registra cada execução no MLflow (em ./mlflow.db) por padrão. Nos
# testes, isso gravaria na raiz do repositório e deixaria cada execução mais lenta:
# só os testes do rastreamento (tests/code/test_tracking.py) ligam, com um banco em tmp_path.
os.environ["MLOPS_LAB_TRACKING"] = "off"

# Arquivos de teste que sobem servidores HTTP, kernels do Jupyter, o DVC ou o MLflow, ou
# rodam o pipeline inteiro pela linha de comando: ficam fora do ciclo rápido (make check,
# que roda ``-m "not lento"``) e dentro do make test.
LENTOS = {
    "test_cli.py", "test_cli_bad_input.py", "test_dvc_demo.py", "test_serve.py",
    "test_serve_reload.py", "test_stream.py", "test_tracking.py", "test_dvc_stages.py",
    "test_grader.py", "test_notebooks_grade.py", "test_readme_tables.py",
    "test_performance_gate.py", "test_model_behaviour.py", "test_jobs_api.py",
    "test_fs_commands.py", "test_serve_rollout_http.py", "test_fairness_gate.py",
    "test_llmops_mlflow.py",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in LENTOS:
            item.add_marker(pytest.mark.lento)


@pytest.fixture(scope="session")
def example_df():
    return load_example()


@pytest.fixture(scope="session")
def clean_df(example_df):
    return clean_table(example_df, "cancelou")[0]


# A divisão dos dados embutidos que o ``split`` e o ``model_dir`` compartilham.
DIVISAO = {"seed": 42, "test_size": 0.2}


@pytest.fixture(scope="session")
def split():
    """(X_train, X_test, y_train, y_test): a divisão com que o ``model_dir`` foi treinado.

    Vem de :func:`~mlops_lab.pipeline.prepare_data`, a mesma função que o
    ``run_pipeline`` usa, com os mesmos :data:`DIVISAO`.
    """
    p = prepare_data(**DIVISAO)
    return p.X_train, p.X_test, p.y_train, p.y_test


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    """Um modelo rápido (só regressão logística), treinado uma vez por sessão no treino de
    ``split`` (os mesmos :data:`DIVISAO`), com o cartão do modelo, como o ``mlops-lab run``."""
    out = tmp_path_factory.mktemp("modelo") / "artifacts"
    run_pipeline(out=out, algorithms=["logistic_regression"], progress=False, plots=False,
                 model_card=True, **DIVISAO)
    return out
