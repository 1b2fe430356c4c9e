"""Os comandos de dados pessoais: ``pseudonymize`` e ``lineage``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_lab.cli.options import add_key_option

if TYPE_CHECKING:
    import argparse
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_lineage", "add_pseudonymize"]


def add_pseudonymize(sub: Subcommands) -> None:
    """Registra ``mlops-lab pseudonymize`` (:func:`mlops_lab.lgpd.pseudonymize_file`)."""
    cmd = sub.add_parser("pseudonymize", help="grava uma cópia do CSV com o identificador "
                                              "pseudonimizado",
                         description="Troca cada valor de uma coluna (o identificador do "
                                     "cliente) pelo seu HMAC-SHA256 com uma chave secreta. "
                                     "A chave vem de --key-file ou da variável "
                                     "MLOPS_LAB_PSEUDO_KEY e nunca é gravada.")
    cmd.add_argument("--data", metavar="ARQUIVO", required=True,
                     help="CSV de entrada (também comprimido)")
    cmd.add_argument("--column", metavar="COLUNA", required=True,
                     help="coluna a pseudonimizar, por exemplo id_cliente")
    cmd.add_argument("--out", metavar="CSV", required=True,
                     help="CSV de saída (um arquivo novo, não o de entrada)")
    add_key_option(cmd)
    cmd.add_argument("--sep", help="separador de campos (detectado se omitido)")
    cmd.add_argument("--encoding", help="codificação do arquivo (detectada se omitida)")
    cmd.set_defaults(func=_cmd_pseudonymize)


def _cmd_pseudonymize(args: argparse.Namespace) -> int:
    from mlops_lab.lgpd import load_key, pseudonymize_file

    chave = load_key(args.key_file)
    linhas = pseudonymize_file(args.data, args.out, args.column, chave, sep=args.sep,
                               encoding=args.encoding)
    print(f"{linhas} linhas gravadas em {args.out}, com '{args.column}' pseudonimizada")
    return 0


def add_lineage(sub: Subcommands) -> None:
    """Registra ``mlops-lab lineage`` (:func:`mlops_lab.lgpd.find_customer`)."""
    cmd = sub.add_parser("lineage", help="quais versões do modelo foram treinadas com um "
                                         "cliente",
                         description="Calcula o pseudônimo do cliente com a chave do treino "
                                     "e procura-o no lineage.json de cada pasta de modelo "
                                     "(gravado por 'mlops-lab run --pseudonymize').")
    cmd.add_argument("--customer", metavar="ID", required=True,
                     help="identificador original do cliente, por exemplo CLI-000123")
    cmd.add_argument("--models", metavar="PASTA", nargs="+", required=True,
                     help="pastas de modelo a consultar")
    add_key_option(cmd)
    cmd.set_defaults(func=_cmd_lineage)


def _cmd_lineage(args: argparse.Namespace) -> int:
    from mlops_lab.lgpd import find_customer, load_key

    tabela = find_customer(args.customer, args.models, load_key(args.key_file))
    for linha in tabela.itertuples():
        print(f"{linha.modelo}: {linha.papel}")
    afetados = tabela.loc[tabela["retreinar"], "modelo"].tolist()
    print(f"{len(afetados)} de {len(tabela)} versões treinadas com o cliente"
          + (": " + ", ".join(afetados) if afetados else ""))
    return 0
