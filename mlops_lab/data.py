"""Leitura dos dados: CSV (inclusive no formato brasileiro) e Parquet.

Planilhas exportadas no Brasil costumam usar ``;`` como separador, vírgula
como separador decimal e, quando vêm de sistemas antigos ou do Excel no
Windows, a codificação Latin-1 (Windows-1252). :func:`read_table` detecta
essas três coisas sozinha e aceita que o usuário as informe.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mlops_lab.errors import MlopsLabError

EXAMPLE_TARGET = "cancelou"
_SAMPLE_BYTES = 64 * 1024
_SEPARATORS = ";,\t|"
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")


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


def load_example():
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


def detect_format(path: str | Path, sep: str | None = None, decimal: str | None = None,
                  encoding: str | None = None) -> CsvFormat:
    """Detecta separador, separador decimal e codificação de um CSV.

    Parâmetros informados (não ``None``) são respeitados.

    Examples
    --------
    >>> fmt = detect_format(example_path())
    >>> (fmt.sep, fmt.decimal, fmt.encoding)
    (';', ',', 'utf-8')
    """
    path = Path(path)
    _check_file(path)
    with path.open("rb") as arquivo:
        raw = arquivo.read(_SAMPLE_BYTES)
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
    with Path(path).open(encoding=fmt.encoding, errors="replace", newline="") as arquivo:
        return next(csv.reader(arquivo, delimiter=fmt.sep), [])


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
               encoding: str | None = None):
    """Lê um CSV ou Parquet e devolve um ``pandas.DataFrame``.

    Parameters
    ----------
    path : str ou Path
        Arquivo ``.csv`` (ou texto delimitado) ou ``.parquet``.
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
        repetidas; a mensagem diz como corrigir.

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
            df = pd.read_csv(path, sep=fmt.sep, decimal=fmt.decimal, encoding=fmt.encoding,
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


def to_parquet(df, path: str | Path) -> Path:
    """Grava ``df`` em Parquet (colunar, tipado e comprimido).

    A escrita vai para um arquivo temporário que só então substitui o destino,
    para nunca deixar um Parquet pela metade.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> destino = pathlib.Path(tempfile.mkdtemp()) / "clientes.parquet"
    >>> to_parquet(load_example(), destino).suffix
    '.parquet'
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    df.to_parquet(tmp, index=False)
    tmp.replace(path)
    return path


def file_hash(path: str | Path) -> str:
    """SHA-256 dos bytes do arquivo: identifica a versão exata dos dados."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as arquivo:
        for bloco in iter(lambda: arquivo.read(1 << 20), b""):
            digest.update(bloco)
    return digest.hexdigest()


def frame_hash(df) -> str:
    """SHA-256 do conteúdo de um DataFrame (independe do formato do arquivo)."""
    import pandas as pd

    valores = pd.util.hash_pandas_object(df, index=False).to_numpy()
    digest = hashlib.sha256(valores.tobytes())
    digest.update("|".join(map(str, df.columns)).encode())
    return digest.hexdigest()
