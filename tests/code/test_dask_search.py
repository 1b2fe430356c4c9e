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
