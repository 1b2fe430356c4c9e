"""A busca de hiperparâmetros num cluster Dask dá o mesmo resultado da busca local."""

import pandas as pd
import pytest

from mlops_lab.dask_search import dask_client
from mlops_lab.errors import MlopsLabError
from mlops_lab.tune import tune_hyperparameters


def test_busca_no_cluster_dask_local_igual_a_busca_local(split):
    X_train, _, y_train, _ = split
    local = tune_hyperparameters(X_train, y_train, ["logistic_regression"], seed=7,
                                 progress=False)
    cluster = tune_hyperparameters(X_train, y_train, ["logistic_regression"], seed=7,
                                   progress=False, dask_scheduler="local")
    assert (cluster.algorithm, cluster.params, cluster.score) == (
        local.algorithm, local.params, local.score)
    pd.testing.assert_frame_equal(cluster.table, local.table)


def test_endereco_do_agendador_invalido_da_erro_claro():
    with pytest.raises(MlopsLabError, match="tcp://"), dask_client("10.0.0.5:8786"):
        pass


def test_cli_recusa_endereco_e_workers_invalidos_sem_traceback(tmp_path):
    from tests.helpers import run_cli

    r = run_cli("run", "--out", tmp_path / "saida", "--quiet", "--no-tracking",
                "--dask-scheduler", "10.0.0.5:8786")
    assert r.returncode == 2 and "tcp://" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "saida").exists()
    r = run_cli("serve", "--model", tmp_path, "--workers", "0")
    assert r.returncode == 2 and "pelo menos 1 processo" in r.stderr
    assert "Traceback" not in r.stderr
