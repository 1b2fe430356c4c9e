"""O balcão de jobs (o conceito do Genie): pedido por etiquetas, execução num subprocesso."""

import os
import sys

import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.jobs_api import local_engines, resolve, submit_job


def test_submit_roda_o_job_num_subprocesso():
    r = submit_job("import os; print(os.getpid())", {"type:python", "data:local"})
    assert r.ok and r.engine == "python-local"
    assert int(r.stdout) != os.getpid()  # rodou em outro processo
    falha = submit_job("import sys; sys.exit('dados ausentes')", {"type:python"})
    assert not falha.ok and falha.returncode == 1 and "dados ausentes" in falha.stderr


def test_trocar_o_motor_nao_muda_o_pedido():
    motores = local_engines()
    pedido = {"type:python"}
    assert resolve(pedido, motores) == "python-local"
    motores["a-python-novo"] = {"tags": {"type:python"}, "argv": [sys.executable, "-I", "-c"]}
    motores.pop("python-local")
    r = submit_job("print('ok')", pedido, motores)
    assert r.engine == "a-python-novo" and r.stdout.strip() == "ok"


def test_pedido_sem_motor_e_job_lento_dao_erro_claro():
    with pytest.raises(MlopsLabError, match="nenhum motor atende"):
        submit_job("print(1)", {"type:spark"})
    with pytest.raises(MlopsLabError, match="passou de 0.5 s"):
        submit_job("import time; time.sleep(5)", {"type:python"}, timeout=0.5)
