"""Leitura de dados: formatos brasileiros, CSV comprimido, Parquet e entradas inválidas."""

import pandas as pd
import pytest

from mlops_lab.data import (
    compression_of,
    detect_format,
    example_path,
    file_hash,
    frame_hash,
    load_example,
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


def _comprime(bruto: bytes, destino, formato: str):
    """Comprime os bytes de um CSV como um usuário faria (gzip, zip, bzip2 ou xz)."""
    import bz2
    import gzip
    import lzma
    import zipfile

    if formato == "zip":
        with zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as arquivo_zip:
            arquivo_zip.writestr("clientes.csv", bruto)
    else:
        destino.write_bytes({"gz": gzip, "bz2": bz2, "xz": lzma}[formato].compress(bruto))
    return destino


@pytest.mark.parametrize("formato", ["gz", "zip", "bz2", "xz"])
@pytest.mark.parametrize("codificacao", ["utf-8", "latin-1"])
def test_csv_comprimido_le_o_mesmo_dataframe(tmp_path, formato, codificacao):
    # Os dados embutidos (';' e vírgula decimal) e a cópia "do Excel brasileiro" em Latin-1.
    plano = tmp_path / "clientes.csv"
    plano.write_text(example_path().read_text(encoding="utf-8"), encoding=codificacao)
    comprimido = _comprime(plano.read_bytes(), tmp_path / f"clientes.csv.{formato}", formato)
    assert comprimido.stat().st_size < plano.stat().st_size / 3  # comprimido de verdade
    fmt = detect_format(comprimido)
    assert (fmt.sep, fmt.decimal, fmt.encoding) == (";", ",", codificacao)
    esperado = read_table(plano)
    assert esperado["valor_mensal"].dtype == "float64"
    pd.testing.assert_frame_equal(read_table(comprimido), esperado)
    assert frame_hash(read_table(comprimido)) == frame_hash(load_example())


def test_compressao_vem_da_extensao_como_no_pandas(tmp_path):
    assert compression_of("a.csv.GZ") == "gzip" and compression_of("a.csv") is None
    # O pandas lê os mesmos arquivos pela extensão; os dois leitores concordam.
    destino = _comprime(example_path().read_bytes(), tmp_path / "c.csv.bz2", "bz2")
    direto = pd.read_csv(destino, sep=";", decimal=",", thousands=".")
    direto.columns = [c.strip() for c in direto.columns]
    pd.testing.assert_frame_equal(read_table(destino), direto)


@pytest.mark.parametrize("nome,conteudo,trecho", [
    ("cortado.csv.gz", lambda: _gz()[:4000], "incompleto"),
    ("falso.csv.gz", lambda: b"cidade;renda\nMaceio;10\n", "não é gzip de verdade"),
    ("vazio.csv.gz", lambda: __import__("gzip").compress(b""), "vazio depois de descomprimido"),
    ("foto.csv.gz", lambda: __import__("gzip").compress(bytes(range(256)) * 20),
     "descomprimido, é binário"),
    ("disfarcado.csv", lambda: _gz(), "Renomeie-o para 'disfarcado.csv.gz'"),
])
def test_comprimidos_invalidos_tem_mensagem_clara(tmp_path, nome, conteudo, trecho):
    caminho = tmp_path / nome
    caminho.write_bytes(conteudo())
    with pytest.raises(MlopsLabError) as excinfo:
        read_table(caminho)
    assert trecho in _mensagem(excinfo)


def _gz():
    import gzip

    return gzip.compress(example_path().read_bytes())


def test_zip_com_varios_arquivos_ou_nenhum(tmp_path):
    import zipfile

    varios, vazio, mac = tmp_path / "v.csv.zip", tmp_path / "n.csv.zip", tmp_path / "m.csv.zip"
    with zipfile.ZipFile(varios, "w") as z:
        z.writestr("jan.csv", "a;b\n1;2\n")
        z.writestr("fev.csv", "a;b\n3;4\n")
    with zipfile.ZipFile(vazio, "w") as z:
        z.writestr("pasta/", b"")
    with pytest.raises(MlopsLabError, match=r"contém 2 arquivos \(jan.csv, fev.csv\)"):
        read_table(varios)
    with pytest.raises(MlopsLabError, match="não contém nenhum arquivo"):
        read_table(vazio)
    # O "Comprimir" do macOS acrescenta __MACOSX/: não conta como segundo arquivo.
    with zipfile.ZipFile(mac, "w") as z:
        z.writestr("pasta/jan.csv", "a;b\n1;2\n")
        z.writestr("__MACOSX/pasta/._jan.csv", b"\x00\x05\x16\x07")
    assert read_table(mac).to_dict("list") == {"a": [1], "b": [2]}
