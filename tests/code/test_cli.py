"""O contrato da linha de comando: saídas, determinismo e entradas inválidas."""

import json

import pandas as pd
import pytest

from mlops_lab.data import example_path
from mlops_lab.pipeline import ARTIFACTS
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def default_runs(tmp_path_factory):
    """Duas execuções completas de 'mlops-lab run' com a mesma semente."""
    pasta = tmp_path_factory.mktemp("cli")
    saidas = []
    for nome in ("a", "b"):
        r = run_cli("run", "--out", pasta / nome, "--seed", "3", "--no-plots")
        assert r.returncode == 0, r.stderr
        saidas.append((pasta / nome, r))
    return saidas


def test_run_grava_metricas_e_modelo(default_runs):
    out, r = default_runs[0]
    metricas = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(metricas["test"]) >= {"accuracy", "f1", "roc_auc"}
    assert all(isinstance(v, float) for v in metricas["test"].values())
    assert metricas["algorithm"] in {"logistic_regression", "random_forest", "gradient_boosting"}
    assert isinstance(metricas["params"], dict)
    assert (out / "model.skops").is_file() and (out / "metadata.json").is_file()
    assert "Melhor candidato" in r.stdout and "Artefatos em" in r.stdout
    assert "Buscando hiperparâmetros" in r.stderr  # a barra de progresso


def test_mesma_semente_mesmas_metricas_e_previsoes(default_runs, tmp_path):
    (a, _), (b, _) = default_runs
    ma = json.loads((a / "metrics.json").read_text())
    mb = json.loads((b / "metrics.json").read_text())
    assert ma == mb
    previsoes = []
    for pasta in (a, b):
        destino = tmp_path / f"{pasta.name}.csv"
        r = run_cli("predict", "--model", pasta, "--data", example_path(), "--output", destino)
        assert r.returncode == 0, r.stderr
        previsoes.append(pd.read_csv(destino))
    pd.testing.assert_frame_equal(*previsoes)
    assert "previsao" in previsoes[0].columns


def test_run_com_csv_do_usuario_e_graficos(tmp_path):
    dados = pd.read_csv(example_path(), sep=";", decimal=",").sample(900, random_state=1)
    dados = dados.drop(columns=["cancelou"]).assign(cancelou=dados["cancelou"])
    arquivo = tmp_path / "meus_clientes.csv"
    dados.to_csv(arquivo, sep=";", decimal=",", encoding="latin-1", index=False)
    r = run_cli("run", "--data", arquivo, "--out", tmp_path / "art", "--algorithms",
                "logistic_regression", "--quiet")
    assert r.returncode == 0, r.stderr
    assert "Alvo: cancelou" in r.stdout  # a última coluna, por padrão
    assert (tmp_path / "art" / "confusion_matrix.png").stat().st_size > 1000
    assert (tmp_path / "art" / "learning_curve.png").stat().st_size > 1000
    assert (tmp_path / "art" / "reliability_diagram.png").stat().st_size > 1000
    # O cartão do modelo, de um CSV que não é o embutido: sem cartão dos dados, e dizendo isso.
    cartao = (tmp_path / "art" / "model_card.md").read_text(encoding="utf-8")
    assert "`meus_clientes.csv`" in cartao and "Cartão dos dados: nenhum registrado" in cartao
    # A lista que o README e o livro mostram é exatamente o que o run grava.
    assert sorted(p.name for p in (tmp_path / "art").iterdir()) == sorted(ARTIFACTS)


def test_predict_na_tela(default_runs, tmp_path):
    out, _ = default_runs[0]
    novos = pd.read_csv(example_path(), sep=";", decimal=",").head(5)
    arquivo = tmp_path / "novos.csv"
    novos.to_csv(arquivo, index=False)
    r = run_cli("predict", "--model", out, "--data", arquivo)
    assert r.returncode == 0, r.stderr
    linhas = r.stdout.strip().splitlines()
    assert len(linhas) == 6 and linhas[0].endswith("prob_Não,prob_Sim")


def test_ajuda_em_portugues():
    r = run_cli("--help")
    assert r.returncode == 0
    assert "uso: mlops-lab" in r.stdout and "mostra esta ajuda" in r.stdout
    r = run_cli("run", "--help")
    assert "--target" in r.stdout and "semente" in r.stdout and "usage" not in r.stdout


def test_argumento_invalido_sai_com_2_em_portugues():
    r = run_cli("run", "--seed", "abc")
    assert r.returncode == 2
    assert "não é um número inteiro" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("predict")
    assert r.returncode == 2 and "faltam os argumentos obrigatórios" in r.stderr


def test_run_e_predict_com_csv_comprimido(tmp_path):
    import gzip
    import zipfile

    from mlops_lab.pipeline import prepare_data

    # Os dados embutidos no formato do Excel brasileiro (';', vírgula decimal e Latin-1),
    # comprimidos com gzip, como chegam de um sistema que exporta .csv.gz.
    texto = example_path().read_text(encoding="utf-8")
    dados = tmp_path / "clientes.csv.gz"
    dados.write_bytes(gzip.compress(texto.encode("latin-1")))
    r = run_cli("run", "--data", dados, "--out", tmp_path / "art", "--algorithms",
                "logistic_regression", "--no-plots", "--quiet")
    assert r.returncode == 0, r.stderr
    metadados = json.loads((tmp_path / "art" / "metadata.json").read_text(encoding="utf-8"))
    assert metadados["data"]["file"] == "clientes.csv.gz"
    # Os mesmos dados limpos que o CSV sem compressão daria.
    assert metadados["data"]["clean_sha256"] == prepare_data(example_path()).data["clean_sha256"]
    assert "valor_mensal" in metadados["schema"]["numeric"]  # a vírgula decimal foi lida

    novos = tmp_path / "novos.csv.zip"
    with zipfile.ZipFile(novos, "w", zipfile.ZIP_DEFLATED) as arquivo_zip:
        arquivo_zip.writestr("novos.csv", "\n".join(texto.splitlines()[:21]) + "\n")
    simples = tmp_path / "novos.csv"
    simples.write_text("\n".join(texto.splitlines()[:21]) + "\n", encoding="utf-8")
    previsoes = []
    for arquivo in (novos, simples):
        saida = tmp_path / f"prev_{arquivo.name}.csv"
        r = run_cli("predict", "--model", tmp_path / "art", "--data", arquivo, "--output", saida)
        assert r.returncode == 0, r.stderr
        previsoes.append(pd.read_csv(saida))
    assert len(previsoes[0]) == 20
    pd.testing.assert_frame_equal(*previsoes)
