"""Escolha do algoritmo, busca de hiperparâmetros, treino e avaliação."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from mlops_lab.errors import MlopsLabError  # noqa: E402
from mlops_lab.evaluate import (  # noqa: E402
    evaluate,
    learning_curve_table,
    plot_confusion_matrix,
    positive_label,
)
from mlops_lab.train import (  # noqa: E402
    ALGORITHMS,
    check_algorithms,
    feature_schema,
    make_model,
    split_data,
    train_model,
)
from mlops_lab.tune import candidates, tune_hyperparameters  # noqa: E402


@pytest.mark.parametrize("algoritmo", list(ALGORITHMS))
def test_cada_candidato_da_grade_vira_um_modelo_com_esses_hiperparametros(algoritmo):
    """Todo candidato que a busca vai testar monta um modelo, com os valores da grade."""
    esquema = {"numeric": ["idade"], "categorical": ["plano"]}
    grade = candidates([algoritmo])
    assert len(grade) >= 2  # há o que buscar
    for nome, params in grade:
        estimador = make_model(nome, esquema, seed=3, **params).named_steps["modelo"]
        ajustados = estimador.get_params()
        assert {k: ajustados[k] for k in params} == params
        if "random_state" in ajustados:
            assert ajustados["random_state"] == 3


def test_algoritmo_desconhecido_lista_as_opcoes():
    with pytest.raises(MlopsLabError, match="random_forest"):
        check_algorithms(["xgboost"])


@pytest.mark.parametrize("test_size", [0, 1, 1.5])
def test_test_size_invalido(clean_df, test_size):
    with pytest.raises(MlopsLabError, match="test_size"):
        split_data(clean_df, "cancelou", test_size=test_size)


def test_divisao_estratificada(split):
    _, _, y_train, y_test = split
    taxa_treino = (y_train == "Sim").mean()
    taxa_teste = (y_test == "Sim").mean()
    assert taxa_treino == pytest.approx(taxa_teste, abs=0.01)


@pytest.mark.parametrize("algoritmo", list(ALGORITHMS))
def test_cada_algoritmo_treina_e_preve_dados_sujos(split, algoritmo):
    X_train, X_test, y_train, _ = split
    modelo = make_model(algoritmo, feature_schema(X_train), seed=0)
    modelo.fit(X_train.iloc[:800], y_train.iloc[:800])
    previsto = modelo.predict(X_test)
    assert set(previsto) <= {"Sim", "Não"} and len(previsto) == len(X_test)


def test_busca_escolhe_o_melhor_da_tabela(split):
    X_train, _, y_train, _ = split
    r = tune_hyperparameters(X_train, y_train, ["logistic_regression", "knn"], cv=3,
                             progress=False)
    assert len(r.table) == len(candidates(["logistic_regression", "knn"]))
    assert r.score == pytest.approx(r.table["media"].max())
    assert r.table["media"].is_monotonic_decreasing
    assert "validação cruzada" in r.summary()


def test_busca_mostra_barra_de_progresso(split, capsys):
    X_train, _, y_train, _ = split
    tune_hyperparameters(X_train.iloc[:600], y_train.iloc[:600], ["logistic_regression"],
                         cv=2, progress=True)
    assert "Buscando hiperparâmetros" in capsys.readouterr().err


def test_mesma_semente_mesmo_resultado(split):
    X_train, X_test, y_train, y_test = split
    a = evaluate(train_model(X_train, y_train, "random_forest", seed=7), X_test, y_test)
    b = evaluate(train_model(X_train, y_train, "random_forest", seed=7), X_test, y_test)
    assert a == b


def test_metricas_e_classe_positiva(split):
    X_train, X_test, y_train, y_test = split
    modelo = train_model(X_train, y_train, "logistic_regression")
    m = evaluate(modelo, X_test, y_test)
    assert set(m) == {"accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc"}
    assert all(0 <= v <= 1 for v in m.values())
    assert positive_label(["Não", "Sim"]) == "Sim"
    assert positive_label(["ruim", "bom"]) == "ruim"


def test_graficos(split):
    X_train, X_test, y_train, y_test = split
    modelo = train_model(X_train, y_train, "logistic_regression")
    fig = plot_confusion_matrix(modelo, X_test, y_test)
    contagens = [int(t.get_text()) for t in fig.axes[0].texts]
    assert sum(contagens) == len(y_test)
    curva = learning_curve_table(modelo, X_train, y_train, points=3)
    assert list(curva.columns) == ["linhas_treino", "treino", "validacao"]
    assert curva["linhas_treino"].is_monotonic_increasing
