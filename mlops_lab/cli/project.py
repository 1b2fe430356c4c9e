"""Os comandos ``mlops-lab new-project`` e ``mlops-lab check-project``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_project"]


def _segundos(texto: str) -> float:
    try:
        valor = float(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{texto}' não é um número de segundos") from None
    if valor <= 0:
        raise argparse.ArgumentTypeError(f"'{texto}' deve ser maior que zero")
    return valor


def add_project(sub: Subcommands) -> None:
    """Registra ``new-project`` e ``check-project`` nos subcomandos de ``mlops-lab``."""
    from mlops_lab.project.check import DEFAULT_TIMEOUT

    n = sub.add_parser(
        "new-project", help="cria o seu projeto final a partir de um CSV",
        description="Cria um projeto de MLOps completo sobre os seus dados: README e cartão "
                    "do modelo para preencher, params.yaml, dvc.yaml (prepare → train → "
                    "evaluate → track), MLflow num SQLite, testes de dados e do modelo, "
                    "serving.yaml, monitoring.yaml e um workflow do GitHub Actions.",
        epilog="Exemplo: mlops-lab new-project meu-projeto --data dados.csv --target situacao")
    n.add_argument("directory", metavar="PASTA", help="pasta nova (ou vazia) do projeto")
    n.add_argument("--data", metavar="CSV", required=True,
                   help="os seus dados (CSV, também comprimido), copiados para data/; ou o "
                        "nome de um conjunto embutido do curso (credito_inadimplencia, "
                        "telecom_churn)")
    n.add_argument("--target", metavar="COLUNA", required=True, help="a coluna a prever")
    n.set_defaults(func=_cmd_new_project)

    c = sub.add_parser(
        "check-project", help="dá a nota do projeto final na rubrica do curso",
        description="Clona o projeto numa pasta temporária, roda dvc repro, os testes, o "
                    "serviço e o monitoramento, e dá a nota de cada critério da rubrica com o "
                    "que fazer a seguir. Nota baixa não é erro: o código de saída é 0. Com "
                    "--csv (modo de quem ensina), corrige vários projetos e grava uma linha "
                    "por projeto; um projeto com erro ganha a sua linha e não para os outros.",
        epilog="Exemplos: mlops-lab check-project meu-projeto --out relatorio.md | "
               "mlops-lab check-project turma/ --csv notas.csv")
    c.add_argument("directory", metavar="PASTA", nargs="+",
                   help="pasta do projeto (um repositório git); com --csv, várias pastas, "
                        "repositórios git locais (caminho ou file://) ou a pasta de uma turma")
    c.add_argument("--csv", metavar="ARQUIVO",
                   help="modo de quem ensina: grava as notas de cada projeto neste CSV")
    c.add_argument("--out", metavar="ARQUIVO",
                   help="grava o relatório neste arquivo (sem esta opção, mostra na tela); "
                        "com --csv, a pasta onde gravar o relatório de cada projeto")
    c.add_argument("--json", action="store_true", help="relatório em JSON em vez de Markdown")
    c.add_argument("--timeout", type=_segundos, default=DEFAULT_TIMEOUT,
                   help=f"limite de segundos de cada comando do projeto (padrão: "
                        f"{DEFAULT_TIMEOUT})")
    c.set_defaults(func=_cmd_check_project)


def _cmd_new_project(args: argparse.Namespace) -> int:
    from mlops_lab.project.new import new_project

    print(new_project(args.directory, args.data, args.target).summary())
    return 0


def _cmd_check_project(args: argparse.Namespace) -> int:
    from mlops_lab.errors import MlopsLabError
    from mlops_lab.project.check import check_project
    from mlops_lab.project.report import to_json, to_markdown

    if args.csv or len(args.directory) > 1:
        return _check_many(args)
    if args.out:
        destino = Path(args.out)
        if destino.is_dir() or not destino.parent.is_dir():
            raise MlopsLabError(f"não dá para gravar o relatório em '{destino}': informe um "
                                "arquivo numa pasta que existe em --out.")
    relatorio = check_project(args.directory[0], timeout=args.timeout)
    texto = to_json(relatorio) if args.json else to_markdown(relatorio)
    if args.out:
        _fs.write_text(Path(args.out), texto)
        print(f"Nota: {relatorio.score} de {relatorio.points}. Relatório em {args.out}")
    else:
        sys.stdout.write(texto)
    return 0



def _check_many(args: argparse.Namespace) -> int:
    from mlops_lab.errors import MlopsLabError
    from mlops_lab.project.batch import check_many

    if not args.csv:
        raise MlopsLabError(f"{len(args.directory)} pastas informadas: para corrigir vários "
                            "projetos, informe a planilha das notas com --csv notas.csv (ou "
                            "corrija uma pasta por vez).")
    if args.json:
        raise MlopsLabError("--json é para um projeto só; com --csv, as notas de cada projeto "
                            "vão para a planilha (e, com --out PASTA, o relatório de cada um "
                            "vai para a pasta).")
    tabela = check_many(args.directory, args.csv, timeout=args.timeout, reports=args.out)
    print(tabela.drop(columns=["erro"]).to_string(index=False))
    for _, linha in tabela[tabela["erro"] != ""].iterrows():
        print(f"aviso: {linha['projeto']}: {linha['erro']}")
    print(f"Notas de {len(tabela)} projetos gravadas em {args.csv}"
          + (f"; relatórios em {args.out}" if args.out else ""))
    return 0
