"""Pseudonimização com chave: o identificador vira um código que só a chave refaz.

O código de cada identificador é o HMAC-SHA256 do texto com uma chave secreta,
truncado em 128 bits (32 dígitos hexadecimais). A mesma chave dá sempre o mesmo
código (as linhas do mesmo cliente continuam ligadas entre si e entre versões dos
dados); outra chave dá outro código; e, sem a chave, não há como refazer a conta a
partir de uma lista de identificadores possíveis, como se faz com um *hash* sem
chave. A chave fica fora dos dados e do código: na variável de ambiente
:data:`PSEUDO_KEY_ENV` (ou num ``.env`` que o git ignora) ou num arquivo de chave
guardado à parte.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PSEUDO_KEY_ENV", "MIN_KEY_BYTES", "PSEUDONYM_CHARS", "load_key", "pseudonym",
           "key_id", "pseudonymize_frame", "pseudonymize_file"]

#: A variável de ambiente com a chave da pseudonimização.
PSEUDO_KEY_ENV = "MLOPS_LAB_PSEUDO_KEY"
#: Tamanho mínimo da chave, em bytes (128 bits).
MIN_KEY_BYTES = 16
#: Dígitos hexadecimais de cada pseudônimo (128 bits do HMAC-SHA256).
PSEUDONYM_CHARS = 32

_COMO_GERAR = ("Gere uma chave aleatória com: python -c \"import secrets; "
               "print(secrets.token_hex(32))\" e guarde-a fora do repositório.")


def _check_key(key: bytes, origem: str) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise MlopsLabError(
            f"a chave de pseudonimização em {origem} é curta demais ({len(key)} bytes): use "
            f"pelo menos {MIN_KEY_BYTES}. {_COMO_GERAR}")
    return key


def load_key(key_file: str | Path | None = None, dotenv: str | Path | None = ".env") -> bytes:
    """Lê a chave da pseudonimização: do arquivo ``key_file`` ou de :data:`PSEUDO_KEY_ENV`.

    Parameters
    ----------
    key_file : str, Path ou None
        Arquivo com a chave (o conteúdo, sem a quebra de linha final). ``None`` lê a
        variável de ambiente :data:`PSEUDO_KEY_ENV` (ou a linha dela no ``dotenv``).
    dotenv : str, Path ou None, padrão ".env"
        Arquivo ``NOME=valor`` lido se a variável não existir.

    Returns
    -------
    bytes
        A chave, com pelo menos :data:`MIN_KEY_BYTES` bytes.

    Raises
    ------
    MlopsLabError
        Sem chave, com o arquivo ausente ou com uma chave curta demais.

    Examples
    --------
    >>> import os
    >>> os.environ[PSEUDO_KEY_ENV] = "chave-de-exemplo-com-32-caracteres"
    >>> len(load_key(dotenv=None))
    34
    >>> del os.environ[PSEUDO_KEY_ENV]
    """
    if key_file is not None:
        caminho = Path(key_file)
        if not caminho.is_file():
            raise MlopsLabError(f"o arquivo de chave '{caminho}' não existe. Confira o "
                                f"caminho em --key-file. {_COMO_GERAR}")
        return _check_key(caminho.read_bytes().rstrip(b"\r\n"), f"'{caminho}'")
    from mlops_lab.supply_chain import get_secret

    try:
        texto = get_secret(PSEUDO_KEY_ENV, dotenv)
    except MlopsLabError as erro:
        raise MlopsLabError(f"a pseudonimização precisa de uma chave, e {erro} "
                            f"Ou passe um arquivo de chave em --key-file. {_COMO_GERAR}"
                            ) from None
    return _check_key(texto.encode("utf-8"), PSEUDO_KEY_ENV)


def pseudonym(value: object, key: bytes) -> str:
    """O pseudônimo de um identificador: HMAC-SHA256 com ``key``, em 32 dígitos hex.

    Espaços nas pontas não contam (``" CLI-000001"`` e ``"CLI-000001"`` dão o mesmo).

    Examples
    --------
    >>> a = pseudonym("CLI-000001", b"k" * 16)
    >>> len(a), a == pseudonym(" CLI-000001 ", b"k" * 16), a == pseudonym("CLI-000001", b"j" * 16)
    (32, True, False)
    """
    texto = str(value).strip().encode("utf-8")
    return hmac.new(key, texto, hashlib.sha256).hexdigest()[:PSEUDONYM_CHARS]


def key_id(key: bytes) -> str:
    """Um rótulo curto da chave, que a identifica sem revelá-la (vai para os artefatos).

    Serve para saber se dois modelos foram pseudonimizados com a mesma chave.

    Examples
    --------
    >>> key_id(b"k" * 16) == key_id(b"k" * 16), key_id(b"k" * 16) == key_id(b"j" * 16)
    (True, False)
    """
    return hmac.new(key, b"mlops-lab/key-id", hashlib.sha256).hexdigest()[:12]


def pseudonymize_frame(df: pd.DataFrame, column: str, key: bytes) -> pd.DataFrame:
    """Uma cópia de ``df`` com a coluna ``column`` trocada pelos pseudônimos.

    Valores ausentes continuam ausentes.

    Raises
    ------
    MlopsLabError
        Se a coluna não existe.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id_cliente": ["CLI-1", None], "idade": [30, 40]})
    >>> saida = pseudonymize_frame(df, "id_cliente", b"k" * 16)
    >>> len(saida.loc[0, "id_cliente"]), saida["id_cliente"].isna().tolist()
    (32, [False, True])
    >>> df.loc[0, "id_cliente"]  # o original não muda
    'CLI-1'
    """
    if column not in df.columns:
        raise MlopsLabError(
            f"a coluna '{column}' não existe nos dados; as colunas são: "
            f"{', '.join(map(str, df.columns))}. Confira o nome em --pseudonymize.")
    saida = df.copy()
    valores = saida[column]
    saida[column] = valores.where(valores.isna(), valores.map(lambda v: pseudonym(v, key)))
    return saida


def pseudonymize_file(data: str | Path, out: str | Path, column: str, key: bytes,
                      sep: str | None = None, encoding: str | None = None) -> int:
    """Grava em ``out`` uma cópia do CSV ``data`` com a coluna ``column`` pseudonimizada.

    As outras colunas saem como estavam no arquivo (o texto, sem conversão de
    números); a saída é um CSV em UTF-8 com o mesmo separador. O arquivo só aparece
    em ``out`` inteiro (gravação atômica); ``out`` não pode ser o próprio ``data``.

    Returns
    -------
    int
        Quantas linhas de dados foram gravadas.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pasta = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (pasta / "dados.csv").write_text("id_cliente;idade\\nCLI-1;30,5\\n;41\\n")
    >>> pseudonymize_file(pasta / "dados.csv", pasta / "pseudo.csv", "id_cliente", b"k" * 16)
    2
    >>> linhas = (pasta / "pseudo.csv").read_text().splitlines()
    >>> linhas[0], len(linhas[1].split(";")[0]), linhas[1].split(";")[1], linhas[2]
    ('id_cliente;idade', 32, '30,5', ';41')
    """
    from mlops_lab import _fs
    from mlops_lab.data import detect_format, open_data

    data, out = Path(data), _fs.check_out_file(out)
    if data.suffix.lower() == ".parquet":
        raise MlopsLabError(f"'{data}' é Parquet; este comando lê CSV. Converta-o para CSV "
                            "ou use 'mlops-lab run --pseudonymize', que lê os dois.")
    if out.resolve() == data.resolve():
        raise MlopsLabError(f"--out é o próprio arquivo de entrada ('{data}'): escolha outro "
                            "nome, para não perder os dados originais.")
    fmt = detect_format(data, sep=sep, encoding=encoding)
    with open_data(data) as arquivo:
        texto = arquivo.read().decode(fmt.encoding)
    linhas = list(csv.reader(io.StringIO(texto, newline=""), delimiter=fmt.sep))
    cabecalho = [c.strip() for c in linhas[0]]
    if column not in cabecalho:
        raise MlopsLabError(f"a coluna '{column}' não existe em '{data}'; as colunas são: "
                            f"{', '.join(cabecalho)}. Confira o nome em --column.")
    i = cabecalho.index(column)
    for linha in linhas[1:]:
        if len(linha) > i and linha[i].strip():
            linha[i] = pseudonym(linha[i], key)
    saida = io.StringIO()
    csv.writer(saida, delimiter=fmt.sep, lineterminator="\n").writerows(linhas)
    _fs.write_text(out, saida.getvalue())
    return len(linhas) - 1
