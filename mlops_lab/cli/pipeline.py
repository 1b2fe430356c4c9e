"""Os comandos do pipeline completo: ``run``, ``predict`` e ``info``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mlops_lab.cli.options import (
    DATA_FORMATS,
    add_key_option,
    add_read_options,
    add_trust_option,
    non_negative_int,
    read_options,
)

if TYPE_CHECKING:
    from argparse import _SubParsersAction as Subcommands

__all__ = ["add_info", "add_predict", "add_run"]


def add_run(sub: Subcommands) -> None:
    """Registra ``mlops-lab run`` (:func:`mlops_lab.pipeline.run_pipeline`)."""
    from mlops_lab.train import ALGORITHMS, DEFAULT_ALGORITHMS

    run = sub.add_parser("run", help="executa o pipeline completo e grava os artefatos",
                         description="Lê os dados, limpa, busca hiperparâmetros, treina, "
                                     "avalia no teste (com a calibração), empacota o modelo "
                                     "e grava o cartão do modelo (model_card.md).")
    run.add_argument("--data", metavar="ARQUIVO",
                     help=DATA_FORMATS + "; sem esta opção, usa os dados embutidos")
    run.add_argument("--target", metavar="COLUNA",
                     help="coluna a prever (padrão: 'cancelou' nos dados embutidos, "
                          "a última coluna no seu arquivo)")
    run.add_argument("--out", metavar="PASTA", default="artifacts",
                     help="pasta dos artefatos (padrão: artifacts)")
    run.add_argument("--seed", type=non_negative_int, default=42,
                     help="semente aleatória (padrão: 42)")
    run.add_argument("--algorithms", nargs="+", metavar="ALGORITMO",
                     default=list(DEFAULT_ALGORITHMS),
                     help="candidatos, entre: " + ", ".join(ALGORITHMS)
                          + " (padrão: " + " ".join(DEFAULT_ALGORITHMS) + ")")
    run.add_argument("--cv", type=non_negative_int, default=3,
                     help="partes da validação cruzada (padrão: 3)")
    run.add_argument("--no-plots", action="store_true", help="não desenha os gráficos")
    run.add_argument("--quiet", action="store_true", help="sem barra de progresso")
    run.add_argument("--dask-scheduler", metavar="ENDEREÇO",
                     help="distribui a busca de hiperparâmetros num cluster Dask: 'local' (um "
                          "cluster nesta máquina) ou o endereço do agendador (tcp://host:8786)")
    rastreio = run.add_argument_group("rastreamento no MLflow")
    rastreio.add_argument("--tracking-uri", metavar="URI",
                          help="onde registrar a execução (padrão: a variável "
                               "MLFLOW_TRACKING_URI ou sqlite:///mlflow.db na pasta atual; "
                               "um servidor: http://servidor:5000)")
    rastreio.add_argument("--experiment", metavar="NOME",
                          help="experimento do MLflow (padrão: mlops-lab)")
    rastreio.add_argument("--no-tracking", action="store_true",
                          help="não registra a execução no MLflow (o mesmo que "
                               "MLOPS_LAB_TRACKING=off no ambiente)")
    privacidade = run.add_argument_group("dados pessoais (LGPD)")
    privacidade.add_argument("--pseudonymize", metavar="COLUNA",
                             help="troca o identificador do cliente por pseudônimos (HMAC "
                                  "com chave) na leitura e grava lineage.json, que "
                                  "'mlops-lab lineage' consulta")
    add_key_option(privacidade)
    tempo = run.add_argument_group("dados no tempo (divisão fora do tempo)")
    tempo.add_argument("--time-column", metavar="COLUNA",
                       help="coluna do período de cada linha (datas ISO, por exemplo 2024-03): "
                            "treina nos primeiros períodos e testa nos últimos, em vez de "
                            "sortear o teste; a divisão fica em metadata.json")
    tempo.add_argument("--gap", type=non_negative_int, default=0, metavar="N",
                       help="períodos deixados de fora entre o treino e o teste, do tamanho "
                            "do horizonte do rótulo (padrão: 0)")
    tempo.add_argument("--id-column", metavar="COLUNA",
                       help="a coluna do cliente, que se repete a cada período: fica fora "
                            "dos atributos")
    add_read_options(run)
    run.set_defaults(func=_cmd_run)


def _cmd_run(args: argparse.Namespace) -> int:
    from mlops_lab.errors import MlopsLabError
    from mlops_lab.pipeline import run_pipeline
    from mlops_lab.tracking import cli_tracking_uri

    if args.key_file and not args.pseudonymize:
        raise MlopsLabError("--key-file só vale com --pseudonymize COLUNA: diga qual coluna "
                            "é o identificador do cliente.")
    resultado = run_pipeline(args.data, args.target, args.out, seed=args.seed, model_card=True,
                             algorithms=args.algorithms, cv=args.cv,
                             progress=not args.quiet, plots=not args.no_plots,
                             read_options=read_options(args),
                             tracking=cli_tracking_uri(args.tracking_uri, args.no_tracking),
                             experiment=args.experiment, pseudonymize=args.pseudonymize,
                             key_file=args.key_file, dask_scheduler=args.dask_scheduler,
                             time_column=args.time_column, gap=args.gap,
                             id_column=args.id_column)
    print(resultado.summary())
    return 0


def add_predict(sub: Subcommands) -> None:
    """Registra ``mlops-lab predict`` (:func:`mlops_lab.predict.predict_file`)."""
    pred = sub.add_parser("predict", help="faz previsões com um modelo treinado",
                          description="Confere as colunas contra o esquema de treino e prevê.")
    pred.add_argument("--model", metavar="PASTA", required=True,
                      help="pasta criada por 'mlops-lab run'")
    pred.add_argument("--data", metavar="ARQUIVO", required=True, help=DATA_FORMATS + " a prever")
    pred.add_argument("--output", metavar="CSV",
                      help="grava as previsões neste CSV (sem esta opção, imprime na tela)")
    add_trust_option(pred)
    add_read_options(pred)
    pred.set_defaults(func=_cmd_predict)


def _cmd_predict(args: argparse.Namespace) -> int:
    from mlops_lab.predict import predict_file

    saida = predict_file(args.model, args.data, args.output, trust=args.trust,
                         **read_options(args))
    if args.output:
        print(f"{len(saida)} previsões gravadas em {args.output}")
    else:
        saida.to_csv(sys.stdout, index=False)
    return 0


def add_info(sub: Subcommands) -> None:
    """Registra ``mlops-lab info`` (onde estão os dados embutidos e as versões)."""
    info = sub.add_parser("info", help="mostra onde estão os dados embutidos e as versões")
    info.set_defaults(func=_cmd_info)


def _cmd_info(args: argparse.Namespace) -> int:
    from mlops_lab.data import example_path
    from mlops_lab.package import library_versions

    print(f"Dados embutidos: {example_path()}")
    for nome, versao in library_versions().items():
        print(f"{nome}: {versao}")
    return 0
