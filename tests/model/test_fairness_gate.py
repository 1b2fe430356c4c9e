"""Portão de justiça: a revocação do modelo não pode ser muito pior numa região que noutra.

Os dados sintéticos não têm atributo protegido (sexo, cor, religião...): a região (da UF)
é um grupo de comparação que faz as vezes dele. Ela foi gerada **sem** efeito nenhum sobre
o cancelamento, então toda diferença entre regiões é ruído ou defeito do modelo. A métrica
é a de igualdade de oportunidade (a maior revocação por região menos a menor): entre os
clientes que vão cancelar, cada região precisa ter uma fração parecida encontrada pela
equipe de retenção. O limite tem folga para o ruído das regiões pequenas (o Centro-Oeste
tem cerca de 20 cancelamentos no teste: cada um vale 5 pontos de revocação).
"""

import numpy as np
import pytest

from mlops_lab.package import load_model
from mlops_lab.trust import check_fairness, group_columns

LIMITES = {"equal_opportunity_difference": 0.30}


class ModeloEnviesado:
    """O modelo de verdade, mas que diz "Não" a todo cliente do Nordeste."""

    def __init__(self, modelo):
        self.modelo = modelo
        self.classes_ = modelo.classes_

    def predict(self, X):
        previsto = np.asarray(self.modelo.predict(X), dtype=object)
        previsto[(group_columns(X)["regiao"] == "Nordeste").to_numpy()] = "Não"
        return previsto


@pytest.fixture(scope="module")
def modelo(model_dir):
    return load_model(model_dir)[0]


def _portao(modelo, split):
    _, X_test, _, y_test = split
    return check_fairness(y_test, modelo.predict(X_test), group_columns(X_test)["regiao"],
                          LIMITES)


def test_portao_de_justica_por_regiao(modelo, split):
    assert _portao(modelo, split) == {}


def test_portao_reprova_um_modelo_enviesado(modelo, split):
    reprovado = _portao(ModeloEnviesado(modelo), split)
    assert set(reprovado) == {"equal_opportunity_difference"}
    assert reprovado["equal_opportunity_difference"] > 0.4  # o Nordeste fica com revocação 0
