"""Variantes quebradas do projeto final: cada uma perde exatamente o que a rubrica diz.

Cada teste copia o projeto completo do passo a passo do capítulo (construído uma
vez por sessão, em ``tests/code/projeto_final.py``), introduz um erro típico
(``tests/code/variantes.py``) e corrige a cópia. As variantes mais baratas (não
reprodutível, testes que não conferem nada) e o projeto adversário ficam em
``test_project.py``, no modo de quem ensina.
"""

import pytest

from mlops_lab.project.check import check_project
from mlops_lab.project.rubric import RUBRIC, criterion
from tests.code.projeto_final import projeto_completo, variante
from tests.code.variantes import _TODAS, PERDE, QUEBRA


def test_a_lista_de_exigencias_das_variantes_e_a_da_rubrica():
    assert _TODAS == {(c.id, i.id) for c in RUBRIC for i in c.items}


@pytest.fixture(scope="module")
def projeto(tmp_path_factory, worker_id):
    return projeto_completo(tmp_path_factory, worker_id)


@pytest.mark.lento
@pytest.mark.parametrize("quebra", ["sem rastreamento", "modelo em pickle",
                                    "servidor que devolve 500", "README e CI incompletos"])
def test_variante_perde_exatamente_os_pontos_da_rubrica(projeto, tmp_path, quebra):
    copia = variante(projeto, tmp_path / "projeto", QUEBRA[quebra])
    relatorio = check_project(copia, timeout=600)
    perdidos = {(c.criterion.id, i.id): i.found for c in relatorio.criteria for i in c.items
                if not i.earned}
    assert set(perdidos) == PERDE[quebra], perdidos
    assert relatorio.score == 100 - sum(criterion(c).item(i).points for c, i in PERDE[quebra])
    assert relatorio.warnings == []
    por_id = {r.criterion.id: r for r in relatorio.criteria}
    for c, i in PERDE[quebra]:  # o conselho em português é o da rubrica
        assert criterion(c).item(i).advice in por_id[c].next_steps
    if quebra == "modelo em pickle":
        assert "model/model.pkl" in perdidos[("packaged", "skops")]
    if quebra == "servidor que devolve 500":
        assert ": 500 " in perdidos[("served", "predict")]
