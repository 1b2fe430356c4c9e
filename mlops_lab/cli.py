"""A linha de comando ``mlops-lab``: uma camada fina sobre as funções do pacote.

Erros de entrada saem com código 2 e uma mensagem em português na saída de
erro, sem *traceback*; use ``--debug`` para ver o *traceback* completo.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from mlops_lab import __version__
from mlops_lab.errors import MlopsLabError

# O argparse traduz as suas mensagens com gettext; como o Python não traz
# a tradução para português, nós a fornecemos aqui.
_TRADUCOES = {
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


def _traduzir(texto: str) -> str:
    return _TRADUCOES.get(texto, texto)


argparse._ = _traduzir  # o argparse chama _() no momento de formatar cada mensagem
argparse.ngettext = lambda singular, plural, n: _traduzir(singular if n == 1 else plural)


# Módulos que definem os seus próprios comandos: cada um tem
# ``add_command(sub)``, que cria o subcomando e faz ``set_defaults(func=...)``
# com a função que o executa (recebe ``args``, devolve o código de saída).
# Na importação, esses módulos só importam o que é leve.
COMMAND_MODULES: tuple[str, ...] = ("mlops_lab.stages", "mlops_lab.stream", "mlops_lab.tools",
                                     "mlops_lab.aiops", "mlops_lab.dataops", "mlops_lab.devops")


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erro: {message}\n"
                     f"Use '{self.prog} --help' para ver as opções.\n")


def _positive_int(texto: str) -> int:
    try:
        valor = int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{texto}' não é um número inteiro") from None
    if valor < 0:
        raise argparse.ArgumentTypeError(f"'{texto}' deve ser >= 0")
    return valor


def _port(texto: str) -> int:
    try:
        valor = int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{texto}' não é um número de porta") from None
    if not 1 <= valor <= 65535:
        raise argparse.ArgumentTypeError(f"'{texto}' deve estar entre 1 e 65535")
    return valor


# Os formatos que --data (e --source) aceitam: tudo o que mlops_lab.data.read_table lê.
DATA_FORMATS = "CSV (também comprimido: .csv.gz, .csv.zip, .csv.bz2 ou .csv.xz) ou Parquet"


def _add_read_options(parser) -> None:
    grupo = parser.add_argument_group("formato do CSV (detectado se omitido; comprimido ou não)")
    grupo.add_argument("--sep", help="separador de campos, por exemplo ';' ou ','")
    grupo.add_argument("--decimal", choices=[",", "."], help="separador decimal")
    grupo.add_argument("--encoding", help="codificação do arquivo, por exemplo utf-8 ou latin-1")


def build_parser() -> argparse.ArgumentParser:
    from mlops_lab.train import ALGORITHMS, DEFAULT_ALGORITHMS

    parser = _Parser(
        prog="mlops-lab",
        description="Laboratório do curso de MLOps: prepara dados, treina, avalia, "
                    "empacota modelos e faz previsões.",
        epilog="Exemplo: mlops-lab run  (usa os dados embutidos e grava em artefatos/)",
    )
    parser.add_argument("--version", action="version", version=f"mlops-lab {__version__}",
                        help="mostra a versão e sai")
    parser.add_argument("--debug", action="store_true",
                        help="mostra o traceback completo em caso de erro")
    sub = parser.add_subparsers(dest="comando", title="comandos", metavar="COMANDO",
                                parser_class=_Parser)

    run = sub.add_parser("run", help="executa o pipeline completo e grava os artefatos",
                         description="Lê os dados, limpa, busca hiperparâmetros, treina, "
                                     "avalia no teste e empacota o modelo.")
    run.add_argument("--data", metavar="ARQUIVO",
                     help=DATA_FORMATS + "; sem esta opção, usa os dados embutidos")
    run.add_argument("--target", metavar="COLUNA",
                     help="coluna a prever (padrão: 'cancelou' nos dados embutidos, "
                          "a última coluna no seu arquivo)")
    run.add_argument("--out", metavar="PASTA", default="artefatos",
                     help="pasta dos artefatos (padrão: artefatos)")
    run.add_argument("--seed", type=_positive_int, default=42,
                     help="semente aleatória (padrão: 42)")
    run.add_argument("--algorithms", nargs="+", metavar="ALGORITMO",
                     default=list(DEFAULT_ALGORITHMS),
                     help="candidatos, entre: " + ", ".join(ALGORITHMS)
                          + " (padrão: " + " ".join(DEFAULT_ALGORITHMS) + ")")
    run.add_argument("--cv", type=_positive_int, default=3,
                     help="partes da validação cruzada (padrão: 3)")
    run.add_argument("--no-plots", action="store_true", help="não desenha os gráficos")
    run.add_argument("--quiet", action="store_true", help="sem barra de progresso")
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
    _add_read_options(run)

    pred = sub.add_parser("predict", help="faz previsões com um modelo treinado",
                          description="Confere as colunas contra o esquema de treino e prevê.")
    pred.add_argument("--model", metavar="PASTA", required=True,
                      help="pasta criada por 'mlops-lab run'")
    pred.add_argument("--data", metavar="ARQUIVO", required=True, help=DATA_FORMATS + " a prever")
    pred.add_argument("--output", metavar="CSV",
                      help="grava as previsões neste CSV (sem esta opção, imprime na tela)")
    pred.add_argument("--trust", action="store_true",
                      help="aceita tipos desconhecidos no arquivo do modelo (só use com "
                           "modelos de origem confiável)")
    _add_read_options(pred)

    serve = sub.add_parser("serve", help="serve o modelo por HTTP (POST /predict)",
                           description="Carrega o modelo uma vez e atende previsões por HTTP: "
                                       "POST /predict, GET /health, GET /metadata e a "
                                       "documentação em /docs.",
                           epilog="Exemplo: mlops-lab serve --model artefatos --port 8000")
    serve.add_argument("--model", metavar="PASTA", required=True,
                       help="pasta criada por 'mlops-lab run'")
    serve.add_argument("--host", metavar="ENDEREÇO", default="127.0.0.1",
                       help="endereço de escuta (padrão: 127.0.0.1, só esta máquina; use "
                            "0.0.0.0 para aceitar conexões de outras máquinas)")
    serve.add_argument("--port", metavar="PORTA", type=_port, default=8000,
                       help="porta (padrão: 8000)")
    serve.add_argument("--trust", action="store_true",
                       help="aceita tipos desconhecidos no arquivo do modelo (só use com "
                            "modelos de origem confiável)")

    grade = sub.add_parser("grade", help="corrige em lote notebooks de exercícios entregues",
                           description="Executa cada notebook num kernel novo, com limite de "
                                       "tempo, e corrige as respostas com as questões do pacote.")
    grade.add_argument("submissions", nargs="+", metavar="ENTREGA",
                       help="notebooks .ipynb entregues")
    grade.add_argument("--out", metavar="CSV", default="notas.csv",
                       help="tabela de notas (padrão: notas.csv)")
    grade.add_argument("--timeout", type=_positive_int, default=120,
                       help="limite de segundos por notebook (padrão: 120)")
    grade.add_argument("--hidden", metavar="PASTA",
                       help="pasta com testes ocultos do professor (um <capitulo>.py por "
                            "capítulo)")
    grade.add_argument("--quiet", action="store_true", help="sem barra de progresso")

    sub.add_parser("info", help="mostra onde estão os dados embutidos e as versões")
    for nome in COMMAND_MODULES:
        importlib.import_module(nome).add_command(sub)
    from mlops_lab.project.cli import add_commands as add_project_commands
    add_project_commands(sub)  # new-project e check-project (mlops_lab/project/)
    return parser


def _read_options(args) -> dict:
    return {k: getattr(args, k) for k in ("sep", "decimal", "encoding") if getattr(args, k)}


def _cmd_run(args) -> int:
    from mlops_lab.pipeline import run_pipeline
    from mlops_lab.tracking import cli_tracking_uri

    resultado = run_pipeline(args.data, args.target, args.out, seed=args.seed,
                             algorithms=args.algorithms, cv=args.cv,
                             progress=not args.quiet, plots=not args.no_plots,
                             read_options=_read_options(args),
                             tracking=cli_tracking_uri(args.tracking_uri, args.no_tracking),
                             experiment=args.experiment)
    print(resultado.summary())
    return 0


def _cmd_predict(args) -> int:
    from mlops_lab.predict import predict_file

    saida = predict_file(args.model, args.data, args.output, trust=args.trust,
                         **_read_options(args))
    if args.output:
        print(f"{len(saida)} previsões gravadas em {args.output}")
    else:
        saida.to_csv(sys.stdout, index=False)
    return 0


def _bind(host: str, port: int):
    """Abre o socket antes do servidor, para dar um erro claro se a porta estiver ocupada."""
    import socket

    try:
        familia, tipo, proto, _, endereco = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror:
        raise MlopsLabError(f"o endereço '{host}' não existe nesta máquina. Use --host "
                            "127.0.0.1 (padrão) ou o IP de uma das suas interfaces.") from None
    sock = socket.socket(familia, tipo, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(endereco)
    except OSError as erro:
        sock.close()
        raise MlopsLabError(f"não foi possível escutar em {host}:{port} ({erro.strerror}). "
                            "A porta pode estar em uso: escolha outra com --port.") from None
    sock.listen(2048)
    return sock


def _cmd_serve(args) -> int:
    import uvicorn

    from mlops_lab.serve import create_app

    app = create_app(args.model, trust=args.trust)  # modelo ruim: erro antes de escutar
    sock = _bind(args.host, args.port)
    endereco = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Servindo o modelo de '{args.model}' em http://{endereco}:{args.port} "
          f"(documentação em /docs). Ctrl+C para parar.", file=sys.stderr, flush=True)
    servidor = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="info"))
    try:
        servidor.run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _cmd_grade(args) -> int:
    from mlops_lab.exercises.grader import grade_submissions

    tabela = grade_submissions(args.submissions, args.out, timeout=args.timeout,
                               hidden_dir=args.hidden, progress=not args.quiet)
    print(tabela.drop(columns=["erro"]).to_string(index=False))
    com_erro = tabela[tabela["erro"].fillna("") != ""]
    for _, linha in com_erro.iterrows():
        print(f"aviso: {linha['arquivo']}: {linha['erro']}")
    print(f"Notas de {len(tabela)} entregas gravadas em {args.out}")
    return 0


def _cmd_info(args) -> int:
    from mlops_lab.data import example_path
    from mlops_lab.package import library_versions

    print(f"Dados embutidos: {example_path()}")
    for nome, versao in library_versions().items():
        print(f"{nome}: {versao}")
    return 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    comandos = {"run": _cmd_run, "predict": _cmd_predict, "serve": _cmd_serve,
                "grade": _cmd_grade, "info": _cmd_info}
    if args.comando is None:
        parser.print_help()
        return 2
    executar = getattr(args, "func", None) or comandos[args.comando]
    try:
        return executar(args)
    except MlopsLabError as erro:
        if args.debug:
            raise
        print(f"mlops-lab: erro: {erro}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # A saída foi fechada antes do fim (por exemplo, '| head'): não é erro.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        print("mlops-lab: interrompido pelo usuário; nada foi gravado.", file=sys.stderr)
        return 130
    except (OSError, MemoryError) as erro:
        if args.debug:
            raise
        print(f"mlops-lab: erro do sistema: {erro}. Confira permissões e espaço em disco.",
              file=sys.stderr)
        return 1
    except Exception as erro:
        if args.debug:
            raise
        print(f"mlops-lab: erro inesperado ({type(erro).__name__}: {erro}). Isto é um defeito "
              "do mlops-lab: rode de novo com --debug e relate o problema.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
