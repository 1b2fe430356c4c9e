"""Limpeza: grafias de categorias, outliers, duplicatas e rótulos."""

import numpy as np
import pandas as pd
import pytest
from sklearn.utils.estimator_checks import check_estimator

from mlops_lab.clean import (
    CategoryNormalizer,
    OutlierClipper,
    clean_table,
    clean_target,
    drop_duplicates,
    normalize_key,
)

# Os transformadores não declaram suporte à Array API (não rodam em GPU); a
# verificação dela só existe para quem declara, e o scikit-learn a pula.
SEM_ARRAY_API = {"check_array_api_input"}


@pytest.mark.filterwarnings("ignore:Skipping check check_array_api_input")
@pytest.mark.parametrize("estimator", [CategoryNormalizer(), OutlierClipper()], ids=repr)
def test_transformadores_passam_nas_verificacoes_do_scikit_learn(estimator):
    resultados = check_estimator(estimator, on_fail=None)
    falhas = [(r["check_name"], r["status"], str(r["exception"])[:200]) for r in resultados
              if r["status"] != "passed" and r["check_name"] not in SEM_ARRAY_API]
    assert falhas == []
    assert sum(r["status"] == "passed" for r in resultados) > 40


@pytest.mark.parametrize("a,b", [
    ("Pós-pago", "pos pago"), ("  CONTROLE", "controle"),
    ("Cartão de Crédito", "cartao_de_credito"),
    ("Débito automático", "DEBITO AUTOMATICO"),
])
def test_chave_ignora_caixa_acentos_e_separadores(a, b):
    assert normalize_key(a) == normalize_key(b)


def test_normalizador_escolhe_a_grafia_mais_frequente():
    X = np.array([["Pós-pago"], ["pos pago"], ["Pós-pago"], ["POS-PAGO"], [None], [""]],
                 dtype=object)
    saida = CategoryNormalizer().fit_transform(X).ravel()
    assert list(saida[:4]) == ["Pós-pago"] * 4
    assert all(pd.isna(v) for v in saida[4:])


def test_sinonimo_so_vale_se_a_forma_longa_existe():
    com_sim = np.array([["Sim"], ["S"], ["Não"], ["N"]], dtype=object)
    assert CategoryNormalizer().fit_transform(com_sim).ravel().tolist() == [
        "Sim", "Sim", "Não", "Não"]
    # Numa coluna de pontos cardeais, "N" continua "N".
    cardeais = np.array([["N"], ["S"], ["Leste"]], dtype=object)
    assert CategoryNormalizer().fit_transform(cardeais).ravel().tolist() == ["N", "S", "Leste"]


def test_normalizador_aprende_no_treino_e_aplica_em_dados_novos():
    treino = np.array([["Controle"], ["Controle"], ["controle"]], dtype=object)
    novo = np.array([["CONTROLE "], ["Família"]], dtype=object)
    saida = CategoryNormalizer().fit(treino).transform(novo).ravel().tolist()
    assert saida == ["Controle", "Família"]


def test_normalizador_no_conjunto_embutido_reduz_as_categorias(example_df):
    plano = example_df[["plano"]].to_numpy(dtype=object)
    assert len(set(plano.ravel())) > 3
    limpo = CategoryNormalizer().fit_transform(plano).ravel()
    assert set(limpo) == {"Pré-pago", "Controle", "Pós-pago"}


def test_clipper_usa_limites_do_treino():
    treino = np.array([[20.0], [30.0], [40.0], [35.0], [25.0]])
    clipper = OutlierClipper(factor=1.5).fit(treino)
    saida = clipper.transform(np.array([[999.0], [-50.0], [np.nan], [33.0]])).ravel()
    assert saida[0] == pytest.approx(clipper.upper_[0])
    assert saida[1] == pytest.approx(clipper.lower_[0])
    assert np.isnan(saida[2]) and saida[3] == 33.0


def test_clipper_rejeita_fator_negativo():
    with pytest.raises(ValueError, match="factor"):
        OutlierClipper(factor=-1).fit(np.array([[1.0], [2.0]]))


def test_duplicatas_e_rotulos():
    df = pd.DataFrame({"x": [1, 1, 2, 3], "y": ["sim", "sim", None, "Não"]})
    sem_dup, removidas = drop_duplicates(df)
    assert removidas == 1 and len(sem_dup) == 3
    limpo, sem_rotulo = clean_target(sem_dup, "y")
    assert sem_rotulo == 1
    assert limpo["y"].tolist() == ["sim", "Não"]


def test_limpeza_do_conjunto_embutido(example_df):
    limpo, relatorio = clean_table(example_df, "cancelou")
    assert relatorio["linhas_duplicadas"] == 120
    assert relatorio["linhas_sem_rotulo"] > 0
    assert relatorio["linhas_finais"] == len(limpo)
    assert set(limpo["cancelou"]) == {"Sim", "Não"}
    assert not limpo.duplicated().any()
    assert example_df.shape[0] == relatorio["linhas_iniciais"]  # a entrada não foi alterada
