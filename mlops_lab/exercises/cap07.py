"""Exercícios do capítulo "Ferramentas de MLOps"."""

from mlops_lab.exercises.core import Checks, FunctionCases, MultipleChoice, is_dataframe

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Em novembro de 2026, qual é a situação do Neptune e o que usar para praticar "
    "rastreamento de experimentos?",
    {"a": "Continua aberto a novas contas; use o Neptune.",
     "b": "O serviço hospedado foi encerrado em 2026, depois da compra pela OpenAI; pratique "
          "com o MLflow, que roda localmente.",
     "c": "Virou código aberto e roda no Binder."},
    "b",
    "A OpenAI anunciou a compra em dezembro de 2025, e os dados dos clientes foram apagados "
    "depois de 5 de março de 2026. O MLflow cobre o mesmo conceito e roda na sua máquina.",
    hints=["Releia a seção do Neptune no capítulo 7."],
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "O que o DVC guarda no Git e o que guarda fora dele?",
    {"a": "Os dados vão para o Git, como qualquer arquivo.",
     "b": "No Git ficam arquivos pequenos (`.dvc`, `dvc.lock`) com os hashes; os dados ficam no "
          "cache e no armazenamento remoto, endereçados pelo conteúdo.",
     "c": "Nada vai para o Git."},
    "b",
    "O Git versiona os ponteiros (hashes); o conteúdo mora no cache do DVC. Mudou um byte, "
    "muda o hash, e a versão antiga continua recuperável.",
    hints=["Pense no que acontece com um CSV de 5 GB dentro do Git."],
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `ordem(etapas)`: recebe um dicionário etapa -> lista das etapas de que ela "
    "depende e devolve a lista das etapas numa ordem de execução válida (use "
    "`graphlib.TopologicalSorter`).",
    cases=[(({"avaliar": ["treinar"], "treinar": ["preparar"], "preparar": []},),
            ["preparar", "treinar", "avaliar"], "pipeline preparar -> treinar -> avaliar"),
           (({"c": ["b"], "b": ["a"], "a": []},), ["a", "b", "c"], "cadeia a -> b -> c"),
           (({"sozinha": []},), ["sozinha"], "uma etapa só")],
    hints=["`TopologicalSorter(etapas).static_order()` devolve um iterador.",
           "Converta o iterador em lista com `list(...)`."],
    solution="from graphlib import TopologicalSorter\n"
             "def ordem(etapas):\n    return list(TopologicalSorter(etapas).static_order())\n"
             "resposta_3 = ordem",
)


def _algoritmos_certos(tabela):
    return set(tabela["params.algorithm"]) == {"logistic_regression", "knn"}


q4 = Checks(
    "q4", "resposta_4",
    "Registre dois experimentos no MLflow: rode `run_pipeline` com `['logistic_regression']` e "
    "com `['knn']` (`seed=42`, sem gráficos, `tracking=uri`, `experiment='exercicio'`), cada um "
    "numa pasta, e guarde o DataFrame que `mlflow.search_runs(experiment_names=['exercicio'])` "
    "devolve.",
    checks=[
        (is_dataframe, "é um DataFrame", "a resposta deve ser um DataFrame"),
        (lambda t: {"params.algorithm", "metrics.test_f1"} <= set(t.columns),
         "tem as colunas params.algorithm e metrics.test_f1",
         "faltam as colunas params.algorithm e metrics.test_f1: a tabela veio do "
         "mlflow.search_runs de um experimento registrado pelo run_pipeline?"),
        (lambda t: len(t) == 2 and _algoritmos_certos(t), "uma execução para cada algoritmo",
         "esperava duas execuções no experimento 'exercicio': logistic_regression e knn (se "
         "rodou a célula mais de uma vez, há execuções repetidas; use outro nome de experimento)"),
        (lambda t: t["metrics.test_f1"].between(0, 1).all()
         and t["metrics.test_f1"].nunique() == 2,
         "os F1 são válidos e diferentes entre si",
         "os F1 deveriam estar entre 0 e 1 e ser diferentes para os dois algoritmos"),
    ],
    hints=["`run_pipeline(..., tracking=uri, experiment='exercicio')` registra a execução.",
           "Depois, `mlflow.set_tracking_uri(uri)` e "
           "`mlflow.search_runs(experiment_names=['exercicio'])`."],
    solution="for algoritmo in ['logistic_regression', 'knn']:\n"
             "    run_pipeline(out=pasta / algoritmo, algorithms=[algoritmo], seed=42,\n"
             "                 plots=False, progress=False, tracking=uri,\n"
             "                 experiment='exercicio')\n"
             "mlflow.set_tracking_uri(uri)\n"
             "resposta_4 = mlflow.search_runs(experiment_names=['exercicio'])",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "O Pachyderm roda sobre Kubernetes e não cabe numa sessão do Binder. Qual ferramenta "
    "permite praticar, na sua máquina, pipelines que só refazem as etapas cujos dados mudaram?",
    {"a": "DVC (`dvc.yaml` e `dvc repro`)", "b": "Neptune", "c": "Uma planilha"},
    "a",
    "O `dvc repro` compara os hashes das entradas de cada etapa e refaz só o que mudou: é a "
    "mesma ideia de pipeline guiado por dados do Pachyderm, sem cluster.",
    hints=["Qual das ferramentas do capítulo trabalha com hashes de arquivos localmente?"],
)

QUESTIONS = [q1, q2, q3, q4, q5]
