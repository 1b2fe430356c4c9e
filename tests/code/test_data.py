"""Leitura de dados: formatos brasileiros, Parquet e entradas inválidas."""

import pandas as pd
import pytest

from mlops_lab.data import (
    detect_format,
    example_path,
    file_hash,
    frame_hash,
    read_table,
    to_parquet,
)
from mlops_lab.errors import MlopsLabError

TABELA = pd.DataFrame({
    "cidade": ["São Paulo", "Maceió", "Florianópolis"],
    "renda": [1234.56, 987.5, 2000.25],
    "ativo": ["Sim", "Não", "Sim"],
})


@pytest.mark.parametrize("sep,decimal,encoding", [
    (";", ",", "latin-1"),
    (";", ",", "utf-8"),
    (",", ".", "utf-8"),
    ("\t", ".", "latin-1"),
    ("|", ",", "utf-8"),
])
def test_detecta_formato_e_le_os_valores(tmp_path, sep, decimal, encoding):
    caminho = tmp_path / "dados.csv"
    TABELA.to_csv(caminho, sep=sep, decimal=decimal, encoding=encoding, index=False)
    fmt = detect_format(caminho)
    assert (fmt.sep, fmt.decimal, fmt.encoding) == (sep, decimal, encoding)
    lido = read_table(caminho)
    pd.testing.assert_frame_equal(lido, TABELA, check_dtype=False)


def test_opcoes_informadas_tem_precedencia(tmp_path):
    caminho = tmp_path / "dados.csv"
    TABELA.to_csv(caminho, sep=";", decimal=",", encoding="latin-1", index=False)
    lido = read_table(caminho, sep=";", decimal=".", encoding="latin-1")
    # Com o decimal errado forçado, a renda vira texto: a opção foi respeitada.
    assert lido["renda"].dtype == object or str(lido["renda"].dtype) == "str"


def test_parquet_preserva_tipos_e_valores(tmp_path):
    destino = to_parquet(TABELA, tmp_path / "dados.parquet")
    lido = read_table(destino)
    pd.testing.assert_frame_equal(lido, TABELA, check_dtype=False)
    assert lido["renda"].dtype == "float64"
    assert not list(tmp_path.glob(".*.tmp"))


def test_hashes_identificam_o_conteudo(tmp_path):
    a = tmp_path / "a.csv"
    TABELA.to_csv(a, index=False)
    assert file_hash(a) == file_hash(a)
    outra = TABELA.assign(renda=TABELA["renda"] + 1)
    assert frame_hash(TABELA) == frame_hash(TABELA.copy())
    assert frame_hash(TABELA) != frame_hash(outra)
    assert len(file_hash(example_path())) == 64


def _mensagem(excinfo):
    return str(excinfo.value)


@pytest.mark.parametrize("conteudo,trecho", [
    (b"", "vazio"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binário"),
    (b"a;b;c\n", "só tem o cabeçalho"),
    (b"a;b;a\n1;2;3\n4;5;6\n", "mesmo nome: a"),
])
def test_arquivos_invalidos_tem_mensagem_clara(tmp_path, conteudo, trecho):
    caminho = tmp_path / "ruim.csv"
    caminho.write_bytes(conteudo)
    with pytest.raises(MlopsLabError) as excinfo:
        read_table(caminho)
    assert trecho in _mensagem(excinfo)


def test_arquivo_inexistente_e_pasta(tmp_path):
    with pytest.raises(MlopsLabError, match="não existe"):
        read_table(tmp_path / "nao_existe.csv")
    with pytest.raises(MlopsLabError, match="é uma pasta"):
        read_table(tmp_path)


def test_parquet_corrompido(tmp_path):
    caminho = tmp_path / "x.parquet"
    caminho.write_bytes(b"isto nao e parquet")
    with pytest.raises(MlopsLabError, match="Parquet"):
        read_table(caminho)
