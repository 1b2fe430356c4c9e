"""Leitura dos dados: CSV (inclusive no formato brasileiro e comprimido) e Parquet.

Planilhas exportadas no Brasil costumam usar ``;`` como separador, vírgula
como separador decimal e, quando vêm de sistemas antigos ou do Excel no
Windows, a codificação Latin-1 (Windows-1252). :func:`read_table` detecta
essas três coisas sozinha e aceita que o usuário as informe.

O CSV pode vir comprimido, como o pandas aceita: a extensão diz o formato
(``.csv.gz``, ``.csv.zip``, ``.csv.bz2`` ou ``.csv.xz``; veja
:data:`COMPRESSIONS`), e a detecção olha o conteúdo já descomprimido.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import BinaryIO

    import pandas as pd

__all__ = ["EXAMPLE_TARGET", "COMPRESSIONS", "CsvFormat", "example_path", "load_example",
           "compression_of", "open_data", "detect_encoding", "detect_format", "read_header",
           "read_table", "to_parquet", "file_hash", "frame_hash", "dataset_path", "load_dataset"]

EXAMPLE_TARGET = "cancelou"
_SAMPLE_BYTES = 64 * 1024
_SEPARATORS = ";,\t|"
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")
#: Extensão final -> compressão, as mesmas que o ``pandas.read_csv`` reconhece.
COMPRESSIONS = {".gz": "gzip", ".zip": "zip", ".bz2": "bz2", ".xz": "xz"}
# Assinaturas (primeiros bytes) dos formatos comprimidos que não são zip: um .csv
# com uma delas foi comprimido e renomeado. (O zip fica de fora: um .xlsx também é zip.)
_MAGIC = {"gzip": re.compile(rb"\A\x1f\x8b\x08"), "bz2": re.compile(rb"\ABZh[1-9]1AY&SY"),
          "xz": re.compile(rb"\A\xfd7zXZ\x00")}
_EXTENSION = {nome: ext for ext, nome in COMPRESSIONS.items()}


@dataclass(frozen=True)
class CsvFormat:
    """Formato de um arquivo CSV: separador, separador decimal e codificação."""

    sep: str
    decimal: str
    encoding: str


def example_path() -> Path:
    """Caminho do conjunto de dados embutido (clientes de uma operadora).

    Examples
    --------
    >>> example_path().name
    'telecom_churn.csv'
    """
    return Path(str(resources.files("mlops_lab.datasets") / "telecom_churn.csv"))


#: Conjuntos embutidos: nome -> (arquivo em ``mlops_lab/datasets``, coluna alvo).
DATASETS = {"telecom_churn": ("telecom_churn.csv", EXAMPLE_TARGET),
            "credito_inadimplencia": ("credito_inadimplencia.csv", "inadimplente")}


def dataset_path(name: str) -> Path:
    """Caminho de um conjunto embutido pelo nome (veja :data:`DATASETS`).

    Examples
    --------
    >>> dataset_path("credito_inadimplencia").name
    'credito_inadimplencia.csv'
    """
    if name not in DATASETS:
        raise MlopsLabError(f"conjunto de dados desconhecido: '{name}'. Os embutidos são: "
                            + ", ".join(DATASETS) + ".")
    return Path(str(resources.files("mlops_lab.datasets") / DATASETS[name][0]))


def load_dataset(name: str) -> pd.DataFrame:
    """Carrega um conjunto embutido pelo nome, ainda sujo.

    Examples
    --------
    >>> df = load_dataset("credito_inadimplencia")
    >>> "inadimplente" in df.columns
    True
    """
    return read_table(dataset_path(name))


def load_example() -> pd.DataFrame:
    """Carrega o conjunto embutido ``telecom_churn.csv``, ainda sujo.

    Examples
    --------
    >>> df = load_example()
    >>> "cancelou" in df.columns
    True
    """
    return read_table(example_path())


def _check_file(path: Path) -> None:
    if not path.exists():
        raise MlopsLabError(
            f"o arquivo '{path}' não existe. Confira o caminho (o diretório atual é "
            f"'{Path.cwd()}')."
        )
    if path.is_dir():
        raise MlopsLabError(
            f"'{path}' é uma pasta, não um arquivo. Informe o caminho de um arquivo "
            "CSV ou Parquet dentro dela."
        )
    if path.stat().st_size == 0:
        raise MlopsLabError(
            f"o arquivo '{path}' está vazio (0 bytes). Exporte os dados de novo ou "
            "escolha outro arquivo."
        )


def compression_of(path: str | Path) -> str | None:
    """Compressão indicada pela extensão do arquivo (``None`` se não for comprimido).

    Examples
    --------
    >>> compression_of("clientes.csv.gz"), compression_of("clientes.CSV.ZIP")
    ('gzip', 'zip')
    >>> compression_of("clientes.csv") is None
    True
    """
    return COMPRESSIONS.get(Path(path).suffix.lower())


def _zip_member(arquivo_zip, path: Path) -> str:
    """O único arquivo dentro do zip (pastas e os metadados do macOS não contam)."""
    nomes = [info.filename for info in arquivo_zip.infolist()
             if not info.is_dir() and not info.filename.startswith("__MACOSX/")]
    if not nomes:
        raise MlopsLabError(
            f"o arquivo zip '{path}' não contém nenhum arquivo. Ponha o CSV dentro dele "
            "ou informe o CSV sem compressão."
        )
    if len(nomes) > 1:
        exemplos = ", ".join(nomes[:5]) + (", ..." if len(nomes) > 5 else "")
        raise MlopsLabError(
            f"o arquivo zip '{path}' contém {len(nomes)} arquivos ({exemplos}), e o "
            "mlops-lab lê um só. Deixe no zip apenas o CSV ou descompacte-o e informe "
            "o CSV que você quer."
        )
    return nomes[0]


def _corrupt(path: Path, compression: str, erro: BaseException) -> MlopsLabError:
    return MlopsLabError(
        f"não foi possível descomprimir '{path}' como {compression} ({type(erro).__name__}: "
        f"{erro}). O arquivo está corrompido, incompleto ou não é {compression} de verdade: "
        "comprima o CSV de novo (ou baixe-o outra vez) e confira a extensão."
    )


@contextlib.contextmanager
def open_data(path: str | Path) -> Iterator[BinaryIO]:
    """Abre o arquivo para leitura binária, descomprimindo-o se a extensão pedir.

    Erros de descompressão (arquivo corrompido ou incompleto, zip com vários
    arquivos ou nenhum, zip com senha) viram :class:`MlopsLabError` com a
    explicação em português.

    Examples
    --------
    >>> import gzip, tempfile, pathlib
    >>> caminho = pathlib.Path(tempfile.mkdtemp()) / "dados.csv.gz"
    >>> _ = caminho.write_bytes(gzip.compress(b"a;b\\n1;2\\n"))
    >>> with open_data(caminho) as arquivo:
    ...     arquivo.readline()
    b'a;b\\n'
    """
    import bz2
    import gzip
    import lzma
    import zipfile
    import zlib

    path = Path(path)
    compressao = compression_of(path)
    if compressao is None:
        with path.open("rb") as arquivo:
            yield arquivo
        return
    bruto = path.open("rb")  # erros de permissão continuam erros do sistema
    try:
        if compressao == "zip":
            try:
                arquivo_zip = zipfile.ZipFile(bruto)
                arquivo = arquivo_zip.open(_zip_member(arquivo_zip, path))
            except RuntimeError as erro:  # o zipfile lança RuntimeError para zip com senha
                raise MlopsLabError(
                    f"o arquivo zip '{path}' está protegido por senha ({erro}). "
                    "Descompacte-o e informe o CSV."
                ) from None
        else:
            abrir = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}[compressao]
            arquivo = abrir(bruto, "rb")
        with arquivo:
            yield arquivo
    except (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile) as erro:
        raise _corrupt(path, compressao, erro) from None
    finally:
        bruto.close()


def detect_encoding(raw: bytes) -> str:
    """Devolve ``'utf-8'`` ou ``'latin-1'`` conforme os bytes decodificam.

    Examples
    --------
    >>> detect_encoding("ação".encode("utf-8"))
    'utf-8'
    >>> detect_encoding("ação".encode("latin-1"))
    'latin-1'
    """
    if b"\x00" in raw:
        raise MlopsLabError(
            "o arquivo parece binário (contém bytes nulos), não um CSV de texto. "
            "Se for uma planilha do Excel, salve-a como CSV; se for Parquet, use a "
            "extensão .parquet."
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as erro:
        # Um caractere multibyte cortado no fim da amostra não conta como erro.
        if erro.reason != "unexpected end of data":
            return "latin-1"
    return "utf-8"


def _looks_like_text(text: str) -> bool:
    controles = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    return controles <= len(text) * 0.01


def _check_sample(raw: bytes, path: Path) -> None:
    """O começo do conteúdo (já descomprimido) pode ser um CSV de texto?"""
    compressao = compression_of(path)
    if compressao is None:
        for nome, assinatura in _MAGIC.items():
            if assinatura.match(raw):
                raise MlopsLabError(
                    f"'{path}' está comprimido com {nome}, mas o nome não termina em "
                    f"{_EXTENSION[nome]}. Renomeie-o para '{path.name}{_EXTENSION[nome]}' "
                    "e tente de novo."
                )
        return
    if not raw:
        raise MlopsLabError(
            f"'{path}' está vazio depois de descomprimido. Comprima de novo o CSV com os dados."
        )
    if raw[257:262] == b"ustar":
        raise MlopsLabError(
            f"'{path}' é um pacote tar (vários arquivos num só), e o mlops-lab lê um CSV. "
            "Extraia o CSV (tar -xf) e informe-o."
        )
    if b"\x00" in raw:
        raise MlopsLabError(
            f"o conteúdo de '{path}', descomprimido, é binário, não um CSV de texto. "
            "Comprima o próprio CSV (por exemplo, gzip clientes.csv) ou, se for um "
            "Parquet, descomprima-o e use a extensão .parquet."
        )


def detect_format(path: str | Path, sep: str | None = None, decimal: str | None = None,
                  encoding: str | None = None) -> CsvFormat:
    """Detecta separador, separador decimal e codificação de um CSV.

    Parâmetros informados (não ``None``) são respeitados. Um CSV comprimido
    (veja :data:`COMPRESSIONS`) é examinado já descomprimido.

    Examples
    --------
    >>> fmt = detect_format(example_path())
    >>> (fmt.sep, fmt.decimal, fmt.encoding)
    (';', ',', 'utf-8')
    """
    path = Path(path)
    _check_file(path)
    with open_data(path) as arquivo:
        raw = arquivo.read(_SAMPLE_BYTES)
    _check_sample(raw, path)
    encoding = encoding or detect_encoding(raw)
    try:
        text = raw.decode(encoding, errors="strict" if encoding != "utf-8" else "ignore")
    except (UnicodeDecodeError, LookupError) as erro:
        raise MlopsLabError(
            f"não foi possível ler '{path}' com a codificação '{encoding}' ({erro}). "
            "Tente --encoding utf-8 ou --encoding latin-1."
        ) from None
    if not _looks_like_text(text):
        raise MlopsLabError(
            f"'{path}' não parece um arquivo de texto CSV. Confira se escolheu o arquivo "
            "certo ou exporte os dados como CSV."
        )
    lines = [linha for linha in text.splitlines()[:50] if linha.strip()]
    sep = sep or _detect_separator(lines)
    decimal = decimal or _detect_decimal(lines, sep)
    return CsvFormat(sep=sep, decimal=decimal, encoding=encoding)


def _detect_separator(lines: list[str]) -> str:
    if not lines:
        return ","
    # Pega o separador cujo número de campos é o mesmo (e > 1) em todas as linhas.
    melhor, melhor_campos = ",", 1
    for candidato in _SEPARATORS:
        contagens = {len(row) for row in csv.reader(lines[:20], delimiter=candidato)}
        if len(contagens) == 1 and (campos := contagens.pop()) > melhor_campos:
            melhor, melhor_campos = candidato, campos
    return melhor


def _detect_decimal(lines: list[str], sep: str) -> str:
    if sep == ",":
        return "."
    virgulas = pontos = 0
    for row in csv.reader(lines[1:], delimiter=sep):
        for campo in row:
            campo = campo.strip()
            virgulas += bool(_DECIMAL_COMMA.match(campo))
            pontos += bool(_DECIMAL_POINT.match(campo))
    return "," if virgulas > pontos else "."


def read_header(path: str | Path, fmt: CsvFormat) -> list[str]:
    """Lê só o cabeçalho, sem renomear colunas repetidas como o pandas faz."""
    import io

    with open_data(path) as bruto:
        texto = io.TextIOWrapper(bruto, encoding=fmt.encoding, errors="replace", newline="")
        return next(csv.reader(texto, delimiter=fmt.sep), [])


def _check_header(header: list[str], path: Path) -> None:
    nomes = [nome.strip() for nome in header]
    repetidos = sorted({n for n in nomes if nomes.count(n) > 1})
    if repetidos:
        raise MlopsLabError(
            f"o arquivo '{path}' tem colunas com o mesmo nome: {', '.join(repetidos)}. "
            "Renomeie-as para que cada coluna tenha um nome único."
        )
    if any(not nome for nome in nomes):
        raise MlopsLabError(
            f"o arquivo '{path}' tem coluna sem nome no cabeçalho. Dê um nome a cada "
            "coluna na primeira linha do arquivo."
        )


def read_table(path: str | Path, sep: str | None = None, decimal: str | None = None,
               encoding: str | None = None) -> pd.DataFrame:
    """Lê um CSV ou Parquet e devolve um ``pandas.DataFrame``.

    Parameters
    ----------
    path : str ou Path
        Arquivo ``.csv`` (ou texto delimitado), ``.parquet`` ou um CSV comprimido:
        ``.csv.gz``, ``.csv.zip`` (com um só arquivo dentro), ``.csv.bz2`` ou
        ``.csv.xz``. A compressão é reconhecida pela extensão, como no pandas.
    sep, decimal, encoding : str, opcional
        Separador de campos, separador decimal e codificação. Quando omitidos,
        são detectados a partir do início do arquivo.

    Returns
    -------
    pandas.DataFrame
        Com os nomes das colunas sem espaços nas pontas.

    Raises
    ------
    MlopsLabError
        Arquivo ausente, vazio, binário, sem linhas de dados ou com colunas
        repetidas; arquivo comprimido corrompido ou zip com vários arquivos ou
        nenhum. A mensagem diz como corrigir.

    Examples
    --------
    >>> df = read_table(example_path())
    >>> df.shape[1]
    15
    """
    import pandas as pd

    path = Path(path)
    _check_file(path)
    if path.suffix.lower() in {".parquet", ".pq"}:
        try:
            df = pd.read_parquet(path)
        except Exception as erro:  # pyarrow lança vários tipos diferentes
            raise MlopsLabError(
                f"não foi possível ler '{path}' como Parquet ({type(erro).__name__}). "
                "Confira se o arquivo não está corrompido ou se é mesmo Parquet."
            ) from None
    else:
        fmt = detect_format(path, sep, decimal, encoding)
        _check_header(read_header(path, fmt), path)
        try:
            with open_data(path) as arquivo:
                df = pd.read_csv(arquivo, sep=fmt.sep, decimal=fmt.decimal,
                                 encoding=fmt.encoding,
                                 thousands="." if fmt.decimal == "," else None,
                                 skipinitialspace=False)
        except UnicodeDecodeError:
            raise MlopsLabError(
                f"'{path}' tem caracteres que não são '{fmt.encoding}'. Informe a "
                "codificação certa com --encoding (por exemplo, latin-1)."
            ) from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as erro:
            raise MlopsLabError(
                f"não foi possível interpretar '{path}' como CSV: {erro}. Confira o "
                "separador (use --sep) e se todas as linhas têm o mesmo número de campos."
            ) from None
    df.columns = [str(c).strip() for c in df.columns]
    if df.empty:
        raise MlopsLabError(
            f"o arquivo '{path}' só tem o cabeçalho, sem nenhuma linha de dados. "
            "Inclua os dados ou escolha outro arquivo."
        )
    return df


def to_parquet(df: pd.DataFrame, path: str | Path) -> Path:
    """Grava ``df`` em Parquet (colunar, tipado e comprimido).

    A escrita vai para um arquivo temporário que só então substitui o destino
    (:func:`mlops_lab._fs.atomic_path`), para nunca deixar um Parquet pela metade.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> destino = pathlib.Path(tempfile.mkdtemp()) / "clientes.parquet"
    >>> to_parquet(load_example(), destino).suffix
    '.parquet'
    """
    from mlops_lab._fs import atomic_path

    path = Path(path)
    with atomic_path(path) as temporario:
        df.to_parquet(temporario, index=False)
    return path


def file_hash(path: str | Path) -> str:
    """SHA-256 dos bytes do arquivo: identifica a versão exata dos dados."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as arquivo:
        for bloco in iter(lambda: arquivo.read(1 << 20), b""):
            digest.update(bloco)
    return digest.hexdigest()


def frame_hash(df: pd.DataFrame) -> str:
    """SHA-256 do conteúdo de um DataFrame (independe do formato do arquivo)."""
    import pandas as pd

    valores = pd.util.hash_pandas_object(df, index=False).to_numpy()
    digest = hashlib.sha256(valores.tobytes())
    digest.update("|".join(map(str, df.columns)).encode())
    return digest.hexdigest()
