"""O que os comandos da CLI compartilham: tipos de argumento, opções e a interrupção.

Cada opção que aparece em mais de um comando (o formato do CSV, ``--trust``)
é escrita uma vez, aqui. Só a CLI importa este módulo: as funções do pacote
recebem valores prontos (números, dicionários), nunca ``argparse``.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_read_options(parser)
>>> args = parser.parse_args(["--sep", ";"])
>>> read_options(args)
{'sep': ';'}
"""

from __future__ import annotations

import argparse
import math

__all__ = [
    "DATA_FORMATS", "TRUST_HELP", "Interrupted", "add_read_options", "add_trust_option",
    "add_key_option", "non_negative", "non_negative_int", "port", "read_options",
]

# Os formatos que --data (e --source) aceitam: tudo o que mlops_lab.data.read_table lê.
DATA_FORMATS = "CSV (também comprimido: .csv.gz, .csv.zip, .csv.bz2 ou .csv.xz) ou Parquet"

TRUST_HELP = ("aceita tipos desconhecidos no arquivo do modelo (só use com modelos de origem "
              "confiável)")

_READ_OPTIONS = ("sep", "decimal", "encoding")


def non_negative_int(text: str) -> int:
    """Tipo de argumento: um número inteiro >= 0.

    Examples
    --------
    >>> non_negative_int("3")
    3
    >>> non_negative_int("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '-1' deve ser >= 0
    """
    try:
        valor = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' não é um número inteiro") from None
    if valor < 0:
        raise argparse.ArgumentTypeError(f"'{text}' deve ser >= 0")
    return valor


def non_negative(text: str) -> float:
    """Tipo de argumento: um número finito >= 0, com ponto ou vírgula decimal.

    Examples
    --------
    >>> non_negative("2,5")
    2.5
    >>> non_negative("inf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'inf' deve ser um número >= 0
    """
    try:
        valor = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' não é um número") from None
    if not math.isfinite(valor) or valor < 0:
        raise argparse.ArgumentTypeError(f"'{text}' deve ser um número >= 0")
    return valor


def port(text: str) -> int:
    """Tipo de argumento: um número de porta TCP, de 1 a 65535.

    Examples
    --------
    >>> port("8000")
    8000
    >>> port("99999")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '99999' deve estar entre 1 e 65535
    """
    try:
        valor = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' não é um número de porta") from None
    if not 1 <= valor <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' deve estar entre 1 e 65535")
    return valor


def add_read_options(parser: argparse.ArgumentParser) -> None:
    """Acrescenta ``--sep``, ``--decimal`` e ``--encoding`` (o formato do CSV lido)."""
    grupo = parser.add_argument_group("formato do CSV (detectado se omitido; comprimido ou não)")
    grupo.add_argument("--sep", help="separador de campos, por exemplo ';' ou ','")
    grupo.add_argument("--decimal", choices=[",", "."], help="separador decimal")
    grupo.add_argument("--encoding", help="codificação do arquivo, por exemplo utf-8 ou latin-1")


def read_options(args: argparse.Namespace) -> dict[str, str]:
    """As opções de :func:`add_read_options` que o usuário deu, para ``read_table``.

    Examples
    --------
    >>> read_options(argparse.Namespace(sep=None, decimal=",", encoding="latin-1"))
    {'decimal': ',', 'encoding': 'latin-1'}
    """
    return {k: getattr(args, k) for k in _READ_OPTIONS if getattr(args, k)}


def add_trust_option(parser: argparse.ArgumentParser) -> None:
    """Acrescenta ``--trust`` (aceitar tipos desconhecidos no arquivo do modelo)."""
    parser.add_argument("--trust", action="store_true", help=TRUST_HELP)


def add_key_option(parser: argparse.ArgumentParser) -> None:
    """Acrescenta ``--key-file`` (a chave da pseudonimização, guardada longe dos dados)."""
    parser.add_argument("--key-file", metavar="ARQUIVO",
                        help="arquivo com a chave da pseudonimização (padrão: a variável "
                             "MLOPS_LAB_PSEUDO_KEY ou a linha dela no .env); guarde-o fora "
                             "do repositório e longe dos dados")


class Interrupted(KeyboardInterrupt):
    """Ctrl+C durante um comando que já tinha gravado algo: diz o que ficou gravado.

    Um comando que grava aos poucos (como ``mlops-lab stream``) captura o
    ``KeyboardInterrupt`` e levanta esta exceção com ``kept``; a CLI mostra
    ``mlops-lab: interrompido pelo usuário; <kept>``. Os outros comandos só
    trocam o destino no fim, então a interrupção não grava nada.

    Examples
    --------
    >>> Interrupted("2 lotes ficaram em mon").kept
    '2 lotes ficaram em mon'
    """

    def __init__(self, kept: str) -> None:
        super().__init__(kept)
        self.kept = kept
