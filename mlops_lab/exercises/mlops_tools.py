"""Exercícios do capítulo "Ferramentas de MLOps".

Todos se respondem com o que o notebook mostra: a saída do ``dvc metrics diff``,
o arquivo ``.dvc``, o ``dvc repro`` e a tabela do ``mlflow.search_runs``.
"""

from mlops_lab.exercises.core import ChainedChecks, FunctionCases, MultipleChoice

__all__ = [
    "SEMENTE", "ALGORITMOS", "q1", "q2", "q3", "q4", "EXECUCOES_DA_DEMONSTRACAO", "AUC_MINIMA",
    "q5", "q6", "QUESTIONS",
]

SEMENTE = 11  # a demonstração usa 42 e 7
ALGORITMOS = {"logistic_regression", "knn"}

q1 = MultipleChoice(
    "q1", "resposta_1",
    "No notebook, o `dvc metrics diff` comparou `test_size: 0.2` (HEAD) com `test_size: 0.3` "
    "(`workspace`): o F1 no teste subiu 0,008, a AUC e o `cv.score` caíram 0,0035. O que dá "
    "para concluir?",
    {"a": "Que 30% de teste dá um modelo melhor, porque o F1 é a métrica principal e subiu.",
     "b": "Que 20% de teste é melhor, porque duas métricas caíram e só uma subiu.",
     "c": "Que o DVC errou a conta, porque mudar a divisão não deveria mudar as métricas.",
     "d": "Nada sobre qual é melhor: os testes são outros clientes, e as diferenças são "
          "pequenas."},
    "d",
    "Mudar `test_size` muda quem está no treino e no teste: as duas colunas medem modelos "
    "diferentes em conjuntos diferentes. Diferenças de milésimos entre medidas assim não "
    "sustentam uma escolha; para comparar, fixe o conjunto de avaliação.",
    hints=["Os dois números de cada linha foram medidos nos mesmos clientes?"],
    why_wrong={"a": "O F1 subiu 0,008 medido em outro conjunto de teste: é da ordem do acaso "
                    "da divisão, e a AUC caiu.",
               "b": "Contar métricas que sobem ou descem não resolve: todas foram medidas em "
                    "conjuntos diferentes, com diferenças de milésimos.",
               "c": "Com outra divisão, o modelo é treinado e avaliado em outros clientes: as "
                    "métricas mudam mesmo, e o DVC só as comparou."},
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "O notebook mostrou o `data/clientes.csv.dvc` e depois apagou o cache e o CSV. O que vai "
    "para o Git e o que permitiu recuperar os dados?",
    {"a": "O CSV vai para o Git, compactado pelo DVC; o `dvc pull` o descompacta.",
     "b": "O `.dvc`, com o hash (`md5`) e o tamanho do arquivo; os bytes voltaram do remoto, "
          "que o `dvc push` tinha preenchido.",
     "c": "Nada vai para o Git; o DVC guarda tudo, inclusive o histórico, no remoto.",
     "d": "O `.dvc` vai para o Git, e o `dvc pull` recalcula o CSV a partir do hash."},
    "b",
    "O Git versiona o ponteiro; o conteúdo mora no cache e no remoto, endereçado pelo hash. "
    "Sem o `dvc push` antes, não haveria de onde trazer os bytes.",
    hints=["Releia a saída de `cat data/clientes.csv.dvc` e o que o `dvc push` fez antes de "
           "apagar."],
    why_wrong={"a": "O CSV nunca entra no Git: o `dvc add` põe o CSV no `.gitignore` e o Git "
                    "guarda só o `.dvc`.",
               "c": "O `.dvc`, o `dvc.yaml` e o `dvc.lock` vão para o Git: é assim que cada "
                    "commit sabe qual versão dos dados usa.",
               "d": "Um hash não se desfaz: ele identifica o conteúdo, mas não o contém. Os "
                    "bytes vieram do remoto."},
)


class _OrdemValida(FunctionCases):
    """Casos em que qualquer ordem topológica vale (há grafos com ramos)."""

    def _grade(self, answer):
        from mlops_lab.exercises.core import INCORRECT, Result, combine_checks

        if isinstance(answer, dict) and "__saidas__" in answer:
            saidas = answer["__saidas__"]
        elif callable(answer):
            saidas = self.outputs(answer)
        else:
            return Result(INCORRECT, 0.0, [
                f"Esperava uma função (def ...); recebi {type(answer).__name__}."])
        partes = []
        for (argumentos, exemplo, descricao), obtido in zip(self.cases, saidas):
            if isinstance(obtido, dict) and "erro" in obtido:
                partes.append((False, "", f"{descricao}: a função lançou {obtido['erro']}"))
                continue
            problema = _problema_na_ordem(argumentos[0], obtido)
            partes.append((problema is None, descricao,
                           f"{descricao}: {problema} (uma ordem válida: {exemplo!r})"))
        return combine_checks(partes)


def _problema_na_ordem(etapas, obtido):
    if not isinstance(obtido, (list, tuple)):
        return (f"esperava uma lista (ou tupla) de etapas, em ordem; recebi "
                f"{type(obtido).__name__}, que não guarda ordem")
    ordem = list(obtido)
    todas = set(etapas) | {d for deps in etapas.values() for d in deps}
    if len(ordem) != len(set(ordem)) or set(ordem) != todas:
        return f"cada etapa deve aparecer uma vez só; recebi {ordem!r}"
    posicao = {etapa: i for i, etapa in enumerate(ordem)}
    for etapa, deps in etapas.items():
        for dep in deps:
            if posicao[dep] > posicao[etapa]:
                return f"'{etapa}' veio antes de '{dep}', de que ela depende"
    return None


q3 = _OrdemValida(
    "q3", "resposta_3",
    "Escreva `ordem(etapas)`: recebe um dicionário etapa -> lista das etapas de que ela "
    "depende e devolve uma ordem de execução válida (uma lista), como o `dvc repro` faz com "
    "o `dvc.yaml`.",
    cases=[(({"avaliar": ["treinar"], "treinar": ["preparar"], "preparar": []},),
            ["preparar", "treinar", "avaliar"], "pipeline preparar -> treinar -> avaliar"),
           (({"evaluate": ["train", "prepare"], "train": ["prepare"], "prepare": []},),
            ["prepare", "train", "evaluate"], "os três estágios do dvc.yaml do notebook"),
           (({"relatorio": ["modelo_a", "modelo_b"], "modelo_a": ["dados"],
              "modelo_b": ["dados"], "dados": []},),
            ["dados", "modelo_a", "modelo_b", "relatorio"], "dois ramos que se juntam"),
           (({"treinar": ["preparar"]},), ["preparar", "treinar"],
            "dependência que não aparece como chave"),
           (({"sozinha": []},), ["sozinha"], "uma etapa só")],
    hints=["Uma etapa só pode rodar depois de todas as etapas de que ela depende: é uma "
           "ordenação topológica do grafo.",
           "A biblioteca padrão tem `graphlib.TopologicalSorter`, que recebe esse mesmo "
           "dicionário; o método `static_order()` devolve um iterador."],
    solution="from graphlib import TopologicalSorter\n"
             "def ordem(etapas):\n    return list(TopologicalSorter(etapas).static_order())\n"
             "resposta_3 = ordem",
)


def _tabela_de_execucoes(t):
    import pandas as pd

    if not isinstance(t, pd.DataFrame):
        return f"esperava o DataFrame de mlflow.search_runs; recebi {type(t).__name__}"
    faltam = {"params.algorithm", "params.seed", "metrics.test_f1",
              "metrics.test_roc_auc"} - set(t.columns)
    return not faltam or (f"faltam as colunas {sorted(faltam)}: a tabela veio do "
                          "mlflow.search_runs de um experimento registrado pelo run_pipeline?")


def _duas_execucoes(t):
    algoritmos = list(t["params.algorithm"])
    if sorted(algoritmos) == sorted(ALGORITMOS):
        return True
    return (f"esperava duas execuções no experimento 'exercicio', logistic_regression e knn; "
            f"há {len(t)}: {algoritmos} (se rodou a célula mais de uma vez, há execuções "
            "repetidas: use um nome de experimento novo)")


def _semente(t):
    sementes = {str(s) for s in t["params.seed"]}
    if sementes == {str(SEMENTE)}:
        return True
    return (f"as execuções usaram a(s) semente(s) {sorted(sementes)}; o exercício pede "
            f"seed={SEMENTE} (42 e 7 são as da demonstração)")


def _metricas_validas(t):
    f1 = t["metrics.test_f1"].astype(float)
    return bool(f1.between(0, 1).all() and f1.nunique() == 2) or (
        "os F1 deveriam estar entre 0 e 1 e ser diferentes para os dois algoritmos")


q4 = ChainedChecks(
    "q4", "resposta_4",
    "Registre dois experimentos no MLflow: `run_pipeline` com `['logistic_regression']` e com "
    f"`['knn']`, `seed={SEMENTE}`, sem gráficos, `tracking=uri`, `experiment='exercicio'`, "
    "cada um numa pasta dentro de `pasta_trabalho`, e guarde o DataFrame de "
    "`mlflow.search_runs(experiment_names=['exercicio'])`.",
    checks=[
        (_tabela_de_execucoes, "é a tabela de execuções do MLflow", "não é a tabela"),
        (_duas_execucoes, "uma execução para cada algoritmo", "execuções erradas"),
        (_semente, f"as duas usaram a semente {SEMENTE}", "semente errada"),
        (_metricas_validas, "os F1 são válidos e diferentes entre si", "F1 inválidos"),
    ],
    hints=["O `run_pipeline` registra a execução no MLflow quando recebe o endereço do "
           "banco e o nome do experimento.",
           "Os argumentos são `tracking=uri` e `experiment='exercicio'`; rode um laço com os "
           "dois algoritmos, cada um com a sua pasta `out`.",
           "Para ler de volta: `mlflow.set_tracking_uri(uri)` e `mlflow.search_runs(...)`."],
    solution="for algoritmo in ['logistic_regression', 'knn']:\n"
             "    run_pipeline(out=pasta_trabalho / algoritmo, algorithms=[algoritmo], "
             "seed=11,\n                 plots=False, progress=False, tracking=uri,\n"
             "                 experiment='exercicio')\n"
             "mlflow.set_tracking_uri(uri)\n"
             "resposta_4 = mlflow.search_runs(experiment_names=['exercicio'])",
)


# A tabela de execuções da demonstração (saída conferida pelo nbval no notebook).
EXECUCOES_DA_DEMONSTRACAO = {
    "run-01": {"algorithm": "logistic_regression", "seed": 42, "test_f1": 0.587,
               "test_roc_auc": 0.884},
    "run-02": {"algorithm": "knn", "seed": 42, "test_f1": 0.482, "test_roc_auc": 0.843},
    "run-03": {"algorithm": "logistic_regression", "seed": 7, "test_f1": 0.603,
               "test_roc_auc": 0.879},
}
AUC_MINIMA = 0.88


def _execucao_escolhida(r):
    nome = str(r).strip().lower()
    elegiveis = {k: v for k, v in EXECUCOES_DA_DEMONSTRACAO.items()
                 if v["test_roc_auc"] >= AUC_MINIMA}
    certa = max(elegiveis, key=lambda k: elegiveis[k]["test_f1"])
    if nome == certa:
        return True
    if nome not in EXECUCOES_DA_DEMONSTRACAO:
        return (f"responda com o nome da execução (tags.mlflow.runName), um de "
                f"{sorted(EXECUCOES_DA_DEMONSTRACAO)}; recebi {r!r}")
    escolhida = EXECUCOES_DA_DEMONSTRACAO[nome]
    if escolhida["test_roc_auc"] < AUC_MINIMA:
        return (f"{nome} tem AUC {escolhida['test_roc_auc']:.3f}, abaixo do mínimo de "
                f"{AUC_MINIMA}: o critério elimina essa execução antes de olhar o F1")
    return f"{nome} cumpre o mínimo de AUC, mas não tem o maior F1 entre as que cumprem"


q5 = ChainedChecks(
    "q5", "resposta_5",
    "Na tabela das três execuções da demonstração (`run-01`, `run-02`, `run-03`), qual "
    "promover a `campeao` se o critério é: AUC no teste de pelo menos 0,88 e, entre as que "
    "cumprem isso, o maior F1? Guarde o nome da execução (`tags.mlflow.runName`).",
    checks=[(_execucao_escolhida, "é a execução que cumpre o critério", "execução errada")],
    hints=["Um critério com mínimo e desempate: primeiro elimine quem não cumpre o mínimo, "
           "depois ordene as que sobraram.",
           "Olhe as colunas `metrics.test_roc_auc` e `metrics.test_f1` da tabela ordenada do "
           "notebook."],
    solution="resposta_5 = 'run-01'  # a run-03 tem o maior F1, mas AUC 0,879 < 0,88",
    expects=str,
)

q6 = MultipleChoice(
    "q6", "resposta_6",
    "No projeto do notebook, você muda só `train.cv` no `params.yaml` e roda `dvc repro`. "
    "Quais estágios rodam?",
    {"a": "Os três, porque o `params.yaml` é um arquivo só e ele mudou.",
     "b": "Só o `train`, porque o `evaluate` lê a seção `evaluate`, que não mudou.",
     "c": "O `train` e o `evaluate`.",
     "d": "Nenhum: o DVC só refaz estágios quando os dados mudam."},
    "c",
    "Cada estágio declara a seção do `params.yaml` que lê: o `prepare` lê `prepare`, que não "
    "mudou. O `train` lê `train` e roda; o `evaluate` depende do `model`, que o `train` "
    "regravou, e roda também.",
    hints=["Olhe os `params` e os `deps` de cada estágio no `dvc.yaml` impresso no notebook."],
    why_wrong={"a": "O DVC acompanha cada seção do `params.yaml` separadamente, não o arquivo "
                    "inteiro: o `prepare` só lê a seção `prepare`.",
               "b": "O `evaluate` tem `model` entre as dependências (`deps`): modelo novo, "
                    "avaliação nova.",
               "d": "Parâmetros e comandos também são dependências; o notebook mostrou o "
                    "`test_size` refazendo os três estágios."},
)

QUESTIONS = [q1, q2, q3, q4, q5, q6]
