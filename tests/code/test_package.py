"""Empacotamento: metadados, formato skops e a fronteira de confiança."""

import json

import pandas as pd
import pytest
import skops.io as sio
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from mlops_lab.errors import MlopsLabError
from mlops_lab.package import (
    METADATA_FILE,
    MODEL_FILE,
    load_model,
    read_metadata,
    save_model,
    untrusted_types,
)
from mlops_lab.predict import predict
from mlops_lab.train import ALGORITHMS, feature_schema, train_model


def test_metadados_completos(model_dir):
    meta = json.loads((model_dir / METADATA_FILE).read_text(encoding="utf-8"))
    assert len(meta["data"]["file_sha256"]) == 64 and len(meta["data"]["clean_sha256"]) == 64
    assert meta["algorithm"] == "logistic_regression" and "C" in meta["params"]
    assert {"scikit-learn", "pandas", "numpy", "skops", "python"} <= set(meta["libraries"])
    assert set(meta["metrics"]) >= {"accuracy", "f1", "roc_auc"}
    assert "id_cliente" in meta["schema"]["ignored"]


def test_carrega_e_preve_igual(model_dir, split):
    _, X_test, _, _ = split
    modelo, meta = load_model(model_dir)
    a = predict(modelo, meta, X_test)
    b = predict(*load_model(model_dir), X_test)
    pd.testing.assert_frame_equal(a, b)
    assert a["previsao"].isin(["Sim", "Não"]).all()
    assert (a["prob_Sim"] + a["prob_Não"]).round(5).eq(1).all()


def _funcao_desconhecida(X):
    return X


def test_tipo_desconhecido_so_carrega_com_trust(tmp_path, model_dir):
    pasta = tmp_path / "suspeito"
    pasta.mkdir()
    (pasta / METADATA_FILE).write_text((model_dir / METADATA_FILE).read_text())
    modelo = Pipeline([("f", FunctionTransformer(_funcao_desconhecida))])
    sio.dump(modelo, pasta / MODEL_FILE)
    with pytest.raises(MlopsLabError, match="--trust") as excinfo:
        load_model(pasta)
    assert "_funcao_desconhecida" in str(excinfo.value)
    carregado, _ = load_model(pasta, trust=True)
    assert carregado.steps[0][0] == "f"


def test_pickle_nao_e_aceito(tmp_path, model_dir):
    import pickle

    pasta = tmp_path / "pickle"
    pasta.mkdir()
    (pasta / METADATA_FILE).write_text((model_dir / METADATA_FILE).read_text())
    (pasta / MODEL_FILE).write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(MlopsLabError, match="não é um arquivo de modelo skops"):
        load_model(pasta, trust=True)


def test_pasta_sem_modelo(tmp_path):
    with pytest.raises(MlopsLabError, match="não tem model.skops"):
        read_metadata(tmp_path)
    with pytest.raises(MlopsLabError, match="não é uma pasta"):
        read_metadata(tmp_path / "nada")


@pytest.mark.parametrize("algoritmo", sorted(ALGORITHMS))
def test_todo_algoritmo_do_curso_carrega_sem_trust(tmp_path, split, algoritmo):
    """O modelo que o 'run' escolher, seja qual for, tem de carregar sem --trust."""
    X_train, X_test, y_train, _ = split
    modelo = train_model(X_train.head(400), y_train.head(400), algoritmo)
    save_model(modelo, tmp_path, {"schema": feature_schema(X_train)})
    assert untrusted_types(tmp_path / MODEL_FILE) == []
    carregado, _ = load_model(tmp_path)
    assert (carregado.predict(X_test) == modelo.predict(X_test)).all()


def test_promote_troca_as_versoes_e_permite_voltar(tmp_path, model_dir):
    import shutil

    from mlops_lab.package import promote

    no_ar, candidato = tmp_path / "artifacts", tmp_path / "candidato"
    shutil.copytree(model_dir, no_ar)
    shutil.copytree(model_dir, candidato)
    (candidato / "metadata.json").write_text(
        (candidato / "metadata.json").read_text(encoding="utf-8").replace(
            '"seed": 42', '"seed": 7'), encoding="utf-8")
    anterior = promote(candidato, no_ar)
    assert read_metadata(no_ar)["seed"] == 7 and read_metadata(anterior)["seed"] == 42
    assert not candidato.exists()
    promote(anterior, no_ar)  # voltar atrás
    assert read_metadata(no_ar)["seed"] == 42 and read_metadata(anterior)["seed"] == 7


def test_promote_recusa_pasta_que_nao_e_modelo(tmp_path, model_dir):
    import shutil

    from mlops_lab.package import promote

    pasta = tmp_path / "documentos"
    pasta.mkdir()
    (pasta / "tese.txt").write_text("não apague", encoding="utf-8")
    shutil.copytree(model_dir, tmp_path / "candidato")
    with pytest.raises(MlopsLabError):
        promote(tmp_path / "candidato", pasta)
    assert (pasta / "tese.txt").read_text(encoding="utf-8") == "não apague"
    assert (tmp_path / "candidato").exists()


@pytest.mark.parametrize("metricas,no_ar,reprovadas", [
    ({"roc_auc": 0.85, "f1": 0.60}, None, []),
    ({"roc_auc": 0.79, "f1": 0.60}, None, ["roc_auc = 0.790 < mínimo 0.800"]),
    ({"roc_auc": 0.85, "f1": 0.60}, {"roc_auc": 0.855, "f1": 0.70}, []),  # dentro da tolerância
    ({"roc_auc": 0.85, "f1": 0.60}, {"roc_auc": 0.87, "f1": 0.50},
     ["roc_auc = 0.850 < modelo no ar 0.870 - tolerância 0.010"]),
    ({"roc_auc": 0.50, "f1": 0.60}, {"roc_auc": 0.87, "f1": 0.50},
     ["roc_auc = 0.500 < mínimo 0.800", "roc_auc = 0.500 < modelo no ar 0.870"]),
])
def test_portao_de_qualidade_do_modelo(metricas, no_ar, reprovadas):
    from mlops_lab.package import check_quality

    if not reprovadas:
        aprovadas = check_quality(metricas, {"roc_auc": 0.80}, served=no_ar, tolerance=0.01)
        assert len(aprovadas) == (1 if no_ar is None else 2)
        assert all(linha.endswith(": OK") for linha in aprovadas)
        return
    with pytest.raises(MlopsLabError) as erro:
        check_quality(metricas, {"roc_auc": 0.80}, served=no_ar, tolerance=0.01)
    mensagem = str(erro.value)
    assert mensagem.startswith("o modelo candidato não passou no portão de qualidade")
    assert all(trecho in mensagem for trecho in reprovadas)
    assert "o modelo no ar continua o mesmo" in mensagem


def test_portao_com_metrica_que_o_modelo_nao_tem():
    from mlops_lab.package import check_quality

    with pytest.raises(MlopsLabError, match="'auc' do portão .* Escolha uma delas"):
        check_quality({"roc_auc": 0.9, "f1": 0.6}, {"auc": 0.8})
    with pytest.raises(MlopsLabError, match="pelo menos uma métrica"):
        check_quality({"roc_auc": 0.9}, {})


def test_modelo_reprovado_no_portao_nao_chega_ao_ar(tmp_path, model_dir):
    """O padrão do DAG com as funções do pacote: preparar, conferir e só então promover."""
    import shutil

    from mlops_lab.data import load_example
    from mlops_lab.package import check_quality, promote
    from mlops_lab.pipeline import run_pipeline

    no_ar = tmp_path / "no_ar"
    shutil.copytree(model_dir, no_ar)
    antes = {p.name: p.read_bytes() for p in no_ar.iterdir()}
    # Rótulos embaralhados: o candidato não aprende nada e a AUC fica perto de 0,5.
    dados = load_example()
    dados["cancelou"] = dados["cancelou"].sample(frac=1, random_state=0).to_numpy()
    dados.to_csv(tmp_path / "embaralhado.csv", sep=";", decimal=",", index=False)
    candidato = run_pipeline(tmp_path / "embaralhado.csv", "cancelou", out=tmp_path / "staging",
                             algorithms=["logistic_regression"], progress=False, plots=False)
    with pytest.raises(MlopsLabError, match="roc_auc = 0.[45]"):
        check_quality(candidato.metrics, {"roc_auc": 0.80})
        promote(tmp_path / "staging", no_ar)  # não chega aqui
    assert {p.name: p.read_bytes() for p in no_ar.iterdir()} == antes
    assert not no_ar.with_name("no_ar.previous").exists()
    assert (tmp_path / "staging" / "model.skops").is_file()
