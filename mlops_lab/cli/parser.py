"""O analisador de argumentos da CLI, com as mensagens do argparse em português.

O argparse traduz as suas mensagens com o gettext do módulo (``argparse._`` e
``argparse.ngettext``), e o Python não traz a tradução para português. Em vez
de trocar essas funções para sempre na importação (o que mudaria o argparse de
todo programa que importasse o ``mlops_lab``), :class:`Parser` as troca só
enquanto um dos seus métodos roda (criar o analisador, ler os argumentos,
formatar a ajuda) e as devolve no fim, mesmo quando o argparse sai com erro.

Examples
--------
>>> import argparse
>>> original = argparse._
>>> parser = Parser(prog="exemplo")
>>> parser.format_usage()
'uso: exemplo [-h]\\n'
>>> argparse._ is original
True
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from typing import NoReturn, ParamSpec, TypeVar

__all__ = ["Parser", "portuguese", "translate"]

# As mensagens do argparse que um usuário do mlops-lab pode ver.
_TRANSLATIONS = {
    "usage: ": "uso: ",
    "options": "opções",
    "positional arguments": "argumentos posicionais",
    "show this help message and exit": "mostra esta ajuda e sai",
    "show program's version number and exit": "mostra a versão e sai",
    "the following arguments are required: %s": "faltam os argumentos obrigatórios: %s",
    "unrecognized arguments: %s": "argumentos não reconhecidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "opção inválida: %(value)r (escolha entre %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "valor inválido para %(type)s: %(value)r",
    "expected one argument": "esperava um valor",
    "expected at least one argument": "esperava pelo menos um valor",
    "ambiguous option: %(option)s could match %(matches)s":
        "opção ambígua: %(option)s pode ser %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erro: %(message)s\n",
    "not allowed with argument %s": "não pode ser usado junto com %s",
    "default: %(default)s": "padrão: %(default)s",
}


def translate(text: str) -> str:
    """Devolve a tradução de uma mensagem do argparse (ou a própria mensagem).

    Examples
    --------
    >>> translate("usage: ")
    'uso: '
    >>> translate("mensagem sem tradução")
    'mensagem sem tradução'
    """
    return _TRANSLATIONS.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextlib.contextmanager
def portuguese() -> Iterator[None]:
    """Traduz as mensagens do argparse enquanto o bloco roda; no fim, volta ao original.

    Pode ser aninhado: cada nível devolve o que encontrou.

    Examples
    --------
    >>> import argparse
    >>> with portuguese():
    ...     argparse._("options")
    'opções'
    >>> argparse._("options")
    'options'
    """
    anterior = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = anterior


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _in_portuguese(method: Callable[_P, _R]) -> Callable[_P, _R]:
    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with portuguese():
            return method(*args, **kwargs)

    return wrapper


class Parser(argparse.ArgumentParser):
    """``ArgumentParser`` com ajuda e erros em português, sem mudar o argparse dos outros.

    Um erro de argumento sai com código 2, o uso do comando e a dica de
    ``--help``, sem *traceback*.
    """

    # O argparse chama _() ao criar o analisador (títulos, ajuda do -h), ao ler
    # os argumentos (erros) e ao formatar a ajuda e o uso: nesses métodos, em português.
    __init__ = _in_portuguese(argparse.ArgumentParser.__init__)
    parse_args = _in_portuguese(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_portuguese(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_portuguese(argparse.ArgumentParser.format_usage)
    format_help = _in_portuguese(argparse.ArgumentParser.format_help)

    def error(self, message: str) -> NoReturn:
        """Mostra o uso e a mensagem de erro na saída de erro e sai com código 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erro: {message}\n"
                     f"Use '{self.prog} --help' para ver as opções.\n")
