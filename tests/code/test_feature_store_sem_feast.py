"""O Feast tem ambiente próprio (make feast): no do curso, quem tenta usá-lo é orientado.

Os testes do Feast de verdade estão em ``tests/feast`` e rodam no ``.venv-feast``.
"""

import importlib.util
import subprocess
import sys

import pandas as pd
import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.timedata import feature_store as fs
from mlops_lab.timedata.asof import load_time_data


def test_ambiente_do_curso_nao_tem_feast():
    # O Feast 0.67 exige pandas<3; se um dia entrar aqui, os testes abaixo mudam.
    assert importlib.util.find_spec("feast") is None


def test_sem_feast_a_mensagem_diz_como_instalar(tmp_path):
    _, chamados = load_time_data()
    with pytest.raises(MlopsLabError, match=r"\.venv-feast.*make feast"):
        fs.open_store(tmp_path / "repo", chamados)


def test_sem_feast_a_linha_de_comando_sai_com_2_e_nao_grava(tmp_path):
    destino = tmp_path / "feature_store.json"
    saida = subprocess.run([sys.executable, "-m", "mlops_lab.timedata.feature_store",
                            str(destino)], capture_output=True, text=True, check=False)
    assert saida.returncode == 2
    assert saida.stderr.startswith("Erro: O Feast não está instalado neste ambiente")
    assert "Traceback" not in saida.stderr
    assert not destino.exists()


@pytest.mark.parametrize("retratos, mensagem", [
    (pd.DataFrame({"id_cliente": ["A"]}), "faltam colunas nos retratos: mes_referencia"),
    (pd.DataFrame({"id_cliente": ["A", "B", "A"],
                   "mes_referencia": ["2025-01", "2025-01", "2025-01"]}),
     "há 1 retrato repetido .* A em 2025-01"),
])
def test_retratos_invalidos_sao_recusados_antes_de_pedir_ao_feast(retratos, mensagem):
    # A conferência vem antes de qualquer chamada ao Feast: vale sem a store.
    with pytest.raises(MlopsLabError, match=mensagem):
        fs.training_table(None, retratos)
