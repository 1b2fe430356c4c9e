"""Contrato dos dados embutidos: o que os capítulos e notebooks supõem deles."""

import pandas as pd
import pytest

from mlops_lab.data import detect_format, example_path, load_example
from mlops_lab.datasets.generate import COLUMNS, generate_csv

CARTAO = example_path().with_name("README.md")


def test_arquivo_pequeno_e_no_formato_brasileiro():
    assert example_path().stat().st_size < 2 * 1024 * 1024
    fmt = detect_format(example_path())
    assert (fmt.sep, fmt.decimal, fmt.encoding) == (";", ",", "utf-8")


def test_gerador_reproduz_o_arquivo_byte_a_byte():
    assert generate_csv() == example_path().read_text(encoding="utf-8")


def test_colunas_e_tipos(example_df):
    assert list(example_df.columns) == COLUMNS
    numericas = ["idade", "meses_de_contrato", "valor_mensal", "uso_dados_gb",
                 "minutos_chamadas", "reclamacoes_12m", "chamados_suporte_90d"]
    for coluna in numericas:
        assert pd.api.types.is_numeric_dtype(example_df[coluna]), coluna
    assert example_df["id_cliente"].str.match(r"^CLI-\d{6}$").all()


def test_tem_a_bagunca_que_a_limpeza_ensina(example_df):
    assert example_df.duplicated().sum() >= 100
    assert example_df[["idade", "valor_mensal", "uso_dados_gb"]].isna().sum().min() > 50
    assert example_df["cancelou"].isna().sum() > 0
    assert example_df["plano"].nunique() > 6  # grafias diferentes de 3 planos
    assert (example_df["idade"] > 120).sum() >= 3
    assert (example_df["valor_mensal"] < 0).any()


def test_classes_desbalanceadas_mas_aprendiveis(example_df):
    taxa = example_df["cancelou"].str.strip().str.lower().str.startswith("s").mean()
    assert 0.12 < taxa < 0.35


@pytest.mark.parametrize("trecho", ["Origem", "Licença", "sintéticos", "generate.py"])
def test_cartao_de_dados(trecho):
    assert trecho in CARTAO.read_text(encoding="utf-8")


def test_load_example_nao_depende_do_diretorio(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load_example()) == len(pd.read_csv(example_path(), sep=";"))
