"""O segundo conjunto embutido (crédito): o do passo a passo do capítulo "Projeto final"."""

import pytest

from mlops_lab.cli import main
from mlops_lab.data import DATASETS, dataset_path, detect_format, load_dataset
from mlops_lab.datasets.generate_credito import COLUMNS, TARGET, generate_csv
from mlops_lab.errors import MlopsLabError


def test_gerador_reproduz_o_arquivo_byte_a_byte_e_cabe_no_pacote():
    caminho = dataset_path("credito_inadimplencia")
    assert generate_csv() == caminho.read_text(encoding="utf-8")
    assert caminho.stat().st_size <= 300 * 1024
    fmt = detect_format(caminho)
    assert (fmt.sep, fmt.decimal, fmt.encoding) == (";", ",", "utf-8")


def test_colunas_alvo_e_bagunca():
    df = load_dataset("credito_inadimplencia")
    assert list(df.columns) == COLUMNS and DATASETS["credito_inadimplencia"][1] == TARGET
    assert set(df[TARGET]) == {"Sim", "Não"}
    assert 0.1 < (df[TARGET] == "Sim").mean() < 0.3  # desbalanceado, mas aprendível
    assert df.duplicated().sum() > 0 and df["renda_mensal"].isna().sum() > 0
    assert df["tipo_moradia"].nunique() > 3  # grafias diferentes de 3 tipos
    assert df["id_contrato"].str.match(r"^CTR-\d{5}$").all()


def test_cartao_de_dados_do_credito():
    cartao = dataset_path("credito_inadimplencia").with_name("README.md").read_text()
    trecho = cartao[cartao.index("`credito_inadimplencia.csv`"):]
    for coluna in COLUMNS:
        assert f"| `{coluna}` |" in trecho
    for palavra in ("sintéticos", "generate_credito.py", "Licença", "CC0"):
        assert palavra in trecho


def test_nome_desconhecido_tem_mensagem_clara():
    with pytest.raises(MlopsLabError, match="credito_inadimplencia"):
        dataset_path("credito")


def test_new_project_aceita_o_nome_de_um_conjunto_embutido(tmp_path, capsys):
    assert main(["new-project", str(tmp_path / "p"), "--data", "credito_inadimplencia",
                 "--target", TARGET]) == 0
    copia = tmp_path / "p" / "data" / "credito_inadimplencia.csv"
    assert copia.read_bytes() == dataset_path("credito_inadimplencia").read_bytes()
    assert main(["new-project", str(tmp_path / "q"), "--data", "nao_ha", "--target", TARGET]) == 2
    erro = capsys.readouterr().err
    assert "não existe" in erro and "credito_inadimplencia" in erro and "Traceback" not in erro
