"""Engenharia de atributos, normalização e esquema."""

import numpy as np
import pandas as pd
import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.features import add_features, build_preprocessor, make_scaler
from mlops_lab.schema import check_size, check_target, infer_schema, validate_features
from mlops_lab.train import feature_schema


def test_add_features_nao_altera_a_entrada_e_cria_atributos(example_df):
    copia = example_df.copy()
    novo = add_features(example_df)
    pd.testing.assert_frame_equal(example_df, copia)
    assert {"regiao", "valor_por_gb", "anos_de_contrato"} <= set(novo.columns)
    assert set(novo["regiao"].dropna()) == {"Norte", "Nordeste", "Centro-Oeste", "Sudeste", "Sul"}


def test_add_features_ignora_dados_sem_as_colunas():
    df = pd.DataFrame({"a": [1, 2]})
    pd.testing.assert_frame_equal(add_features(df), df)


@pytest.mark.parametrize("kind", ["standard", "minmax", "robust"])
def test_escalas(kind):
    X = np.array([[1.0], [2.0], [3.0], [10.0]])
    saida = make_scaler(kind).fit_transform(X)
    if kind == "standard":
        assert saida.mean() == pytest.approx(0) and saida.std() == pytest.approx(1)
    elif kind == "minmax":
        assert saida.min() == 0 and saida.max() == 1
    else:
        assert np.median(saida) == pytest.approx(0)


def test_escala_desconhecida():
    with pytest.raises(MlopsLabError, match="standard"):
        make_scaler("zscore")


def test_preprocessador_aprende_so_com_o_treino(split):
    X_train, X_test, _, _ = split
    schema = feature_schema(X_train)
    pre = build_preprocessor(schema).fit(add_features(X_train))
    nomes = list(pre.get_feature_names_out())
    treino = pd.DataFrame(pre.transform(add_features(X_train)), columns=nomes)
    teste = pd.DataFrame(pre.transform(add_features(X_test)), columns=nomes)
    # Média ~0 no treino (onde a escala foi aprendida), não exatamente 0 no teste.
    assert treino["meses_de_contrato"].mean() == pytest.approx(0, abs=1e-9)
    assert abs(teste["meses_de_contrato"].mean()) > 1e-6
    assert not treino.isna().any().any() and not teste.isna().any().any()
    assert "id_cliente" not in " ".join(nomes)


def test_esquema_ignora_identificadores_e_constantes(example_df):
    X = example_df.drop(columns=["cancelou"]).assign(pais="Brasil")
    schema = infer_schema(X)
    assert "id_cliente" in schema["ignored"] and "pais" in schema["ignored"]
    assert "idade" in schema["numeric"] and "plano" in schema["categorical"]


def test_validacao_de_colunas():
    schema = infer_schema(pd.DataFrame({"idade": [30, 40, 50], "plano": ["A", "B", "A"]}))
    with pytest.raises(MlopsLabError, match="faltam colunas.*plano"):
        validate_features(pd.DataFrame({"idade": [1]}), schema)
    with pytest.raises(MlopsLabError, match="'idade' deveria ser numérica"):
        validate_features(pd.DataFrame({"idade": ["trinta"], "plano": ["A"]}), schema)
    ok = validate_features(pd.DataFrame({"plano": ["A"], "idade": ["31,5"], "extra": [1]}), schema)
    assert list(ok.columns) == ["idade", "plano"] and ok["idade"].iloc[0] == 31.5


def test_alvo_invalido():
    df = pd.DataFrame({"x": [1, 2, 3], "classe": ["a", "a", "a"]})
    with pytest.raises(MlopsLabError, match="Você quis dizer: classe"):
        check_target(df, "clase")
    with pytest.raises(MlopsLabError, match="uma única classe"):
        check_target(df, "classe")


def test_poucas_linhas():
    with pytest.raises(MlopsLabError, match="poucas linhas"):
        check_size(pd.Series(["a"] * 20 + ["b"] * 2), 3, 0.2)


def test_colunas_ignoradas_no_treino_podem_faltar(model_dir, split):
    from mlops_lab.package import load_model
    from mlops_lab.predict import predict

    _, X_test, _, _ = split
    modelo, meta = load_model(model_dir)
    com_id = predict(modelo, meta, X_test.head(20))
    sem_id = predict(modelo, meta, X_test.head(20).drop(columns=["id_cliente"]))
    assert "id_cliente" in meta["schema"]["ignored"]
    assert com_id.equals(sem_id)
