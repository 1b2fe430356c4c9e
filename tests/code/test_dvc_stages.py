"""As etapas prepare/train/evaluate: mesmos números que o 'run', parâmetros e erros."""

import json

import pandas as pd
import pytest

from mlops_lab.dvc_stages import (
    evaluate,
    init_dvc_project,
    load_prepared,
    prepare,
    read_params,
    train,
)
from mlops_lab.errors import MlopsLabError
from mlops_lab.package import load_model
from mlops_lab.pipeline import run_pipeline
from tests.helpers import run_cli

RAPIDO = ["logistic_regression"]


@pytest.fixture(scope="module")
def etapas(tmp_path_factory):
    """As três etapas pela CLI, com um params.yaml, como o DVC as roda."""
    pasta = tmp_path_factory.mktemp("etapas")
    (pasta / "params.yaml").write_text(
        "prepare:\n  test_size: 0.25\n  seed: 7\n"
        "train:\n  algorithms: [logistic_regression]\n  cv: 3\n  seed: 7\n"
        "evaluate:\n  plots: false\n", encoding="utf-8")
    for comando in (["prepare", "--params", "params.yaml"],
                    ["train", "--params", "params.yaml", "--quiet"],
                    ["evaluate", "--params", "params.yaml"]):
        r = run_cli(*comando, cwd=pasta)
        assert r.returncode == 0, r.stderr
    return pasta


def test_etapas_dao_os_mesmos_numeros_que_o_run(etapas, tmp_path):
    direto = run_pipeline(out=tmp_path / "run", seed=7, algorithms=RAPIDO, test_size=0.25,
                          progress=False, plots=False)
    metricas = json.loads((etapas / "evaluation" / "metrics.json").read_text(encoding="utf-8"))
    assert metricas["test"] == direto.metrics
    assert metricas["algorithm"] == "logistic_regression"
    assert metricas["seed"] == 7
    # O modelo da etapa de treino prevê o mesmo que o do run.
    modelo, metadados = load_model(etapas / "model")
    p = load_prepared(etapas / "data" / "prepared")
    assert list(modelo.predict(p.X_test)) == list(direto.model.predict(p.X_test))
    assert metadados["schema"] == json.loads(
        (tmp_path / "run" / "metadata.json").read_text(encoding="utf-8"))["schema"]


def test_prepare_grava_treino_e_teste_sem_sobreposicao(etapas):
    pasta = etapas / "data" / "prepared"
    treino = pd.read_parquet(pasta / "train.parquet")
    teste = pd.read_parquet(pasta / "test.parquet")
    info = json.loads((pasta / "prepare.json").read_text(encoding="utf-8"))
    assert info["target"] == "cancelou" and info["test_size"] == 0.25
    assert len(teste) / (len(treino) + len(teste)) == pytest.approx(0.25, abs=0.01)
    assert not set(treino["id_cliente"]) & set(teste["id_cliente"])
    assert len(treino) + len(teste) == info["data"]["rows"]
    # evaluate com plots: false não desenhou gráficos
    assert sorted(p.name for p in (etapas / "evaluation").iterdir()) == ["metrics.json"]


def test_opcao_explicita_vale_mais_que_o_params(etapas, tmp_path):
    r = run_cli("prepare", "--params", etapas / "params.yaml", "--test-size", "0.3",
                "--out", tmp_path / "p")
    assert r.returncode == 0, r.stderr
    info = json.loads((tmp_path / "p" / "prepare.json").read_text(encoding="utf-8"))
    assert info["test_size"] == 0.3 and info["seed"] == 7


@pytest.mark.parametrize("conteudo, trecho", [
    ("train:\n  cv: tres\n", "deveria ser um número inteiro"),
    ("train:\n  profundidade: 3\n", "parâmetro desconhecido 'train.profundidade'"),
    ("train: [1, 2\n", "não é um YAML válido"),
    ("- a\n- b\n", "deve ter seções"),
])
def test_params_invalido_explica(tmp_path, conteudo, trecho):
    arquivo = tmp_path / "params.yaml"
    arquivo.write_text(conteudo, encoding="utf-8")
    with pytest.raises(MlopsLabError, match=trecho):
        read_params(arquivo, "train")


def test_erros_saem_com_2_e_nao_gravam_nada(etapas, tmp_path):
    r = run_cli("train", "--prepared", tmp_path / "nao_existe", "--out", tmp_path / "m")
    assert r.returncode == 2
    assert "mlops-lab prepare" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "m").exists()

    r = run_cli("prepare", "--params", tmp_path / "faltando.yaml", "--out", tmp_path / "p")
    assert r.returncode == 2 and "não existe" in r.stderr
    assert not (tmp_path / "p").exists()


def test_falha_no_meio_deixa_o_destino_como_estava(etapas, tmp_path):
    destino = tmp_path / "prepared"
    prepare(out=destino, seed=1)
    antes = {p.name: p.read_bytes() for p in destino.iterdir()}
    with pytest.raises(MlopsLabError, match="não_existe"):
        prepare(out=destino, target="não_existe")
    assert {p.name: p.read_bytes() for p in destino.iterdir()} == antes
    assert [p.name for p in tmp_path.iterdir()] == ["prepared"]  # nenhum temporário sobrou


def test_evaluate_recusa_modelo_de_outro_alvo(etapas, tmp_path):
    csv = tmp_path / "outro.csv"
    df = pd.read_parquet(etapas / "data" / "prepared" / "train.parquet")
    df.rename(columns={"cancelou": "saiu"}).to_csv(csv, index=False)
    prepare(csv, tmp_path / "prep", target="saiu")
    with pytest.raises(MlopsLabError, match="prevê 'cancelou'"):
        evaluate(etapas / "model", tmp_path / "prep", tmp_path / "aval")
    assert not (tmp_path / "aval").exists()


def test_train_nao_apaga_pasta_do_usuario(etapas, tmp_path):
    (tmp_path / "meus").mkdir()
    (tmp_path / "meus" / "notas.txt").write_text("importante")
    with pytest.raises(MlopsLabError, match="não são artefatos"):
        train(etapas / "data" / "prepared", tmp_path / "meus", algorithms=RAPIDO,
              progress=False)
    assert (tmp_path / "meus" / "notas.txt").read_text() == "importante"


def test_init_dvc_project_copia_modelo_e_dados(tmp_path):
    pasta = init_dvc_project(tmp_path / "proj")
    assert "mlops-lab prepare" in (pasta / "dvc.yaml").read_text(encoding="utf-8")
    assert read_params(pasta / "params.yaml", "train")["algorithms"] == RAPIDO
    assert (pasta / "data" / "clientes.csv").stat().st_size > 0
    with pytest.raises(MlopsLabError, match="já tem"):
        init_dvc_project(pasta)


def test_score_mede_sem_gravar_e_bate_com_o_evaluate(etapas):
    from mlops_lab.dvc_stages import score

    antes = sorted(p.name for p in etapas.rglob("*"))
    metricas = score(etapas / "model", etapas / "data" / "prepared")
    gravadas = json.loads((etapas / "evaluation" / "metrics.json").read_text(encoding="utf-8"))
    assert metricas == gravadas["test"]
    assert sorted(p.name for p in etapas.rglob("*")) == antes
