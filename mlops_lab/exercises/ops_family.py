"""Exercícios do capítulo "DevOps, MLOps, AIOps e DataOps"."""

from functools import lru_cache

from mlops_lab.datasets.vocabulary import PLANS
from mlops_lab.exercises import _data
from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

__all__ = ["q1", "q2", "q3", "OFICIAIS", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "QUESTIONS"]

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Um sistema aprende o padrão normal de latência de uma loja virtual e abre um chamado quando "
    "ela foge do padrão. Que prática é essa?",
    {"a": "DevOps, porque abrir chamados automaticamente é automação de operação.",
     "b": "DataOps, porque a latência é um dado que o sistema monitora.",
     "c": "AIOps.",
     "d": "MLOps, porque há um modelo aprendendo um padrão."},
    "c",
    "Usar aprendizado de máquina para operar a TI (detectar e responder a incidentes) é AIOps.",
    hints=["Qual prática usa IA para cuidar da operação de TI?"],
    why_wrong={"a": "DevOps é sobre entregar software com testes e implantação automáticos; "
                    "aqui um modelo aprende o normal da operação, e isso é AIOps.",
               "b": "DataOps cuida do fluxo e da qualidade dos dados de negócio; a latência "
                    "aqui é telemetria da operação de TI.",
               "d": "Há um modelo, mas o objeto é a operação de TI; MLOps cuida do ciclo de "
                    "vida de modelos de negócio (treino, implantação, monitoramento)."},
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Qual destas é uma prática típica de DataOps?",
    {"a": "Testes que barram uma carga de vendas com datas no futuro.",
     "b": "Um robô que reinicia os servidores do banco de dados quando a memória acaba, "
          "antes que alguém perceba a lentidão.",
     "c": "Escolher os hiperparâmetros do modelo de cancelamento com validação cruzada sobre "
          "a tabela de clientes.",
     "d": "Guardar no Git o código dos painéis de vendas e implantá-lo com integração "
          "contínua."},
    "a",
    "DataOps aplica testes e automação ao fluxo de dados: uma carga inválida é barrada antes "
    "de chegar aos painéis e modelos.",
    hints=["Procure a alternativa que protege a qualidade dos dados."],
    why_wrong={"b": "Cuidar da operação dos servidores é trabalho de operação de TI (com IA, "
                    "AIOps); os dados em si não são verificados.",
               "c": "Escolher hiperparâmetros é parte do desenvolvimento do modelo (MLOps).",
               "d": "Versionar e implantar código com integração contínua é DevOps; nenhum "
                    "dado é verificado."},
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `porcentagem_ausentes(valores)`: a porcentagem (0 a 100) de itens `None` numa lista "
    "(0.0 para lista vazia). É um teste de dados simples.",
    cases=[(([1, None, 3, None],), 50.0, "metade ausente"),
           (([1, 2, 3],), 0.0, "nada ausente"),
           (([],), 0.0, "lista vazia"),
           (([None, None, None, 7],), 75.0, "três em quatro")],
    hints=["Porcentagem: quantos ausentes, dividido pelo total, vezes 100.",
           "Trate a lista vazia antes de dividir; para testar ausência, use `is None`."],
    solution="def porcentagem_ausentes(valores):\n"
             "    if not valores:\n        return 0.0\n"
             "    return 100 * sum(v is None for v in valores) / len(valores)\n"
             "resposta_3 = porcentagem_ausentes",
)


OFICIAIS = list(PLANS)


def _fora_do_vocabulario():
    return int((~_data.raw().drop_duplicates()["plano"].isin(OFICIAIS)).sum())


q4 = Numeric(
    "q4", "resposta_4",
    "Nos dados brutos, **depois de tirar as linhas duplicadas** (`drop_duplicates`), quantas "
    "linhas têm um 'plano' fora do vocabulário oficial ('Pré-pago', 'Controle', 'Pós-pago')?",
    expected=_fora_do_vocabulario,
    integer=True,
    known=[(lambda: int((~_data.raw()["plano"].isin(OFICIAIS)).sum()),
            "Esse é o total com as duplicatas (o 441 da demonstração): tire as linhas "
            "repetidas antes de contar."),
           (lambda: int(_data.raw().drop_duplicates()["plano"].isin(OFICIAIS).sum()),
            "Essa é a contagem de quem está **dentro** do vocabulário: negue a condição.")],
    hints=["Duas etapas: primeiro a tabela sem duplicatas, depois a regra do vocabulário.",
           "`drop_duplicates()` tira as linhas repetidas; `isin` diz quem está no "
           "vocabulário, e `~` nega."],
    solution="oficiais = ['Pré-pago', 'Controle', 'Pós-pago']\n"
             "resposta_4 = (~df.drop_duplicates()['plano'].isin(oficiais)).sum()",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "O que DevOps, MLOps, AIOps e DataOps têm em comum?",
    {"a": "Usam as mesmas ferramentas: Git, integração contínua e um orquestrador como o "
          "Airflow.",
     "b": "Automatizar, medir e corrigir rápido.",
     "c": "Todas exigem aprendizado de máquina em algum ponto do processo, mesmo que seja só "
          "para gerar relatórios.",
     "d": "Todas nasceram para substituir as equipes de operação por robôs."},
    "b",
    "As quatro aplicam a mesma ideia (automatizar, medir, corrigir rápido) a objetos "
    "diferentes: software, modelos, operação de TI e dados.",
    hints=["Pense em princípios, não em ferramentas."],
    why_wrong={"a": "Cada uma tem ferramentas próprias; o que se repete são os princípios.",
               "c": "DevOps e DataOps não exigem aprendizado de máquina.",
               "d": "Nenhuma delas elimina as pessoas: aproximam quem constrói de quem opera "
                    "e tiram delas o trabalho repetitivo."},
)



def _rubrica_e_se():
    """A rubrica com os testes de dados não feitos automatizados."""
    from mlops_lab.ml_test_score import load_rubric

    rubrica = load_rubric()
    dados_nao_feitos = (rubrica["secao"] == "dados") & (rubrica["situacao"] == "nao_feito")
    rubrica.loc[dados_nao_feitos, ["situacao", "pontos"]] = ["automatico", 1.0]
    return rubrica


def _placar(rubrica=None):
    from mlops_lab.ml_test_score import ml_test_score

    return ml_test_score(rubrica)


def _nota_e_se():
    return float(_placar(_rubrica_e_se()).loc["nota final", "pontos"])


def _secoes_e_se():
    return _placar(_rubrica_e_se())["pontos"].drop("nota final").astype(float)


q6 = Numeric(
    "q6", "resposta_6",
    "E se a equipe automatizasse **todos** os testes de dados que hoje não são feitos no "
    "`mlops_lab`, sem mexer nas outras seções? Qual seria a nova nota final do ML Test Score?",
    expected=_nota_e_se,
    known=[(lambda: float(_placar().loc["nota final", "pontos"]),
            "Essa é a nota de hoje: com os testes de dados automatizados, a seção de dados "
            "deixa de ser a mais fraca. Se você mudou a rubrica, mude também a coluna "
            "'pontos' (1 ponto por teste automatizado)."),
           (lambda: float(_secoes_e_se()["dados"]),
            "Essa é a nova nota da seção de dados; a nota final é a menor das quatro seções."),
           (lambda: float(_secoes_e_se().mean()),
            "Essa é a média das seções; a nota final é o mínimo."),
           (lambda: float(_secoes_e_se().sum()),
            "Essa é a soma das seções; a nota final é o mínimo.")],
    hints=["A nota final é a menor das quatro seções; descubra qual seção passa a ser a mais "
           "fraca.",
           "`load_rubric()` dá uma linha por teste, com `secao`, `situacao` e `pontos`; nos "
           "testes de dados 'nao_feito', a situação passa a 'automatico' e os pontos, a 1.",
           "`ml_test_score(rubrica)` aceita a rubrica modificada (ou faça a conta à mão com a "
           "tabela do placar)."],
    solution="from mlops_lab.ml_test_score import load_rubric, ml_test_score\n"
             "rubrica = load_rubric()\n"
             "alvo = (rubrica['secao'] == 'dados') & (rubrica['situacao'] == 'nao_feito')\n"
             "rubrica.loc[alvo, ['situacao', 'pontos']] = ['automatico', 1.0]\n"
             "resposta_6 = ml_test_score(rubrica).loc['nota final', 'pontos']",
)

q7 = MultipleChoice(
    "q7", "resposta_7",
    "Por que a nota final do ML Test Score é a **menor** das quatro seções, e não a soma ou a "
    "média?",
    {"a": "Porque o mínimo é mais fácil de calcular e de explicar para a diretoria do que "
          "uma média ponderada das seções.",
     "b": "Porque a seção de monitoramento costuma ter a menor nota, e ela é a que mais "
          "importa em produção.",
     "c": "Porque o artigo conta só os testes manuais, que são poucos em cada seção.",
     "d": "Porque um ponto fraco não se compensa com sobra em outra seção."},
    "d",
    "Com a média, sobrar numa seção esconderia um buraco em outra; com o mínimo, o único jeito "
    "de subir a nota é cuidar da parte mais fraca, como o exercício 6 mostra.",
    hints=["Pense no que uma média permitiria esconder."],
    why_wrong={"a": "A simplicidade não é o motivo: a soma e a média seriam igualmente simples.",
               "b": "No mlops_lab a menor é a de dados; qual seção é a menor depende do "
                    "projeto.",
               "c": "Testes automáticos valem 1 ponto e manuais 0,5; os dois contam."},
)

q8 = FunctionCases(
    "q8", "resposta_8",
    "Escreva `portao(metricas)`, um portão de desempenho: recebe um dicionário com `'f1'` e "
    "`'roc_auc'` e devolve `'aprovado'` se F1 >= 0,50 **e** AUC >= 0,85; senão, `'reprovado'`.",
    cases=[(({"f1": 0.59, "roc_auc": 0.88},), "aprovado", "modelo bom"),
           (({"f1": 0.50, "roc_auc": 0.85},), "aprovado", "exatamente nos mínimos"),
           (({"f1": 0.45, "roc_auc": 0.90},), "reprovado", "F1 baixo"),
           (({"f1": 0.70, "roc_auc": 0.80},), "reprovado", "AUC baixa"),
           (({"f1": 0.50, "roc_auc": 0.849},), "reprovado", "AUC logo abaixo do mínimo"),
           (({"f1": 0.0, "roc_auc": 0.5},), "reprovado", "modelo que não aprendeu")],
    hints=["As duas condições precisam valer ao mesmo tempo.",
           "Os mínimos são inclusivos: use `>=` e junte as condições com `and`."],
    solution="def portao(metricas):\n"
             "    ok = metricas['f1'] >= 0.50 and metricas['roc_auc'] >= 0.85\n"
             "    return 'aprovado' if ok else 'reprovado'\n"
             "resposta_8 = portao",
)


@lru_cache(maxsize=1)
def _placar_floresta():
    from mlops_lab.aiops import run_aiops

    return run_aiops(days=3, history_days=7, method="isolation_forest")["score"]


q9 = Numeric(
    "q9", "resposta_9",
    "Rode `run_aiops(days=3, history_days=7, method='isolation_forest')`. Quantos dos "
    "incidentes injetados a IsolationForest detectou?",
    expected=lambda: _placar_floresta()["detected"],
    integer=True,
    known=[(lambda: len(_placar_floresta()["per_incident"]),
            "Esse é o total de incidentes injetados; a pergunta é quantos foram detectados."),
           (6, "Esse é o placar do método sazonal da demonstração: rode com "
               "method='isolation_forest'.")],
    hints=["O resultado de `run_aiops` é um dicionário; o placar fica numa das chaves.",
           "Procure a chave `'score'` e, dentro dela, a contagem de detectados (`'detected'`)."],
    solution="from mlops_lab.aiops import run_aiops\n"
             "floresta = run_aiops(days=3, history_days=7, method='isolation_forest')\n"
             "resposta_9 = floresta['score']['detected']",
)


@lru_cache(maxsize=1)
def _fracao_sim_alvo_estranho():
    from mlops_lab.dataops import make_batch, raw_rules

    remessa = make_batch(defect="alvo_estranho")
    regra = next(r for r in raw_rules() if r.description.startswith("fração de 'Sim'"))
    return 100 * regra.measure(remessa["cancelou"])


q10 = Numeric(
    "q10", "resposta_10",
    "A remessa `make_batch(defect='alvo_estranho')` é barrada pelo contrato de entrada do "
    "`mlops-lab dataops`. Qual a porcentagem de 'Sim' em `cancelou` que o contrato mediu "
    "(um número como 12.5, para 12,5%)?",
    expected=_fracao_sim_alvo_estranho,
    rel_tol=2e-3,
    unit="porcentagem (de 0 a 100)",
    hints=["O contrato de entrada pode ser rodado sem lançar erro: ele devolve uma tabela com "
           "uma linha por verificação e o valor medido.",
           "`check_table(remessa, raw_schema(), raw_rules())`; procure a verificação da "
           "fração de 'Sim' e leia a coluna 'medido'."],
    solution="from mlops_lab.dataops import check_table, make_batch, raw_rules, raw_schema\n"
             "tabela = check_table(make_batch(defect='alvo_estranho'), raw_schema(), "
             "raw_rules())\n"
             "linha = tabela[tabela['verificação'].str.startswith(\"fração de 'Sim'\")]\n"
             "resposta_10 = float(linha['medido'].iloc[0].rstrip('%').replace(',', '.'))",
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
