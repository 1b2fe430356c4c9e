"""Exercícios do capítulo "DevOps, MLOps, AIOps e DataOps"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Um sistema aprende o padrão normal de latência de uma loja virtual e abre um chamado quando "
    "ela foge do padrão. Que prática é essa?",
    {"a": "DevOps", "b": "DataOps", "c": "AIOps", "d": "MLOps"},
    "c",
    "Usar aprendizado de máquina para operar a TI (detectar e responder a incidentes) é AIOps.",
    hints=["Qual prática usa IA para cuidar da operação de TI?"],
    why_wrong={"a": "DevOps é sobre entregar software; aqui há um modelo cuidando da operação.",
               "b": "DataOps cuida do fluxo e da qualidade dos dados.",
               "d": "MLOps cuida do ciclo de vida de modelos, não da operação de TI em geral."},
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Qual destas é uma prática típica de DataOps?",
    {"a": "Testes automáticos que barram uma carga de vendas com datas no futuro.",
     "b": "Um robô que reinicia servidores quando a memória acaba.",
     "c": "Escolher hiperparâmetros com validação cruzada."},
    "a",
    "DataOps aplica testes e automação ao fluxo de dados: uma carga inválida é barrada antes "
    "de chegar aos painéis e modelos.",
    hints=["Procure a alternativa que protege a qualidade dos dados."],
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `porcentagem_ausentes(valores)`: a porcentagem (0 a 100) de itens `None` numa lista "
    "(0.0 para lista vazia). É um teste de dados simples.",
    cases=[(([1, None, 3, None],), 50.0, "metade ausente"),
           (([1, 2, 3],), 0.0, "nada ausente"),
           (([],), 0.0, "lista vazia"),
           (([None, None, None, 7],), 75.0, "três em quatro")],
    hints=["Conte com `sum(v is None for v in valores)`."],
    solution="def porcentagem_ausentes(valores):\n"
             "    if not valores:\n        return 0.0\n"
             "    return 100 * sum(v is None for v in valores) / len(valores)\n"
             "resposta_3 = porcentagem_ausentes",
)


def _fora_do_vocabulario():
    return int((~_data.raw()["plano"].isin(["Pré-pago", "Controle", "Pós-pago"])).sum())


q4 = Numeric(
    "q4", "resposta_4",
    "Nos dados brutos, quantas linhas têm um 'plano' fora do vocabulário oficial "
    "('Pré-pago', 'Controle', 'Pós-pago')?",
    expected=_fora_do_vocabulario,
    hints=["`df['plano'].isin([...])` diz quem está no vocabulário.",
           "Negue com `~` e some."],
    solution="oficiais = ['Pré-pago', 'Controle', 'Pós-pago']\n"
             "resposta_4 = (~df['plano'].isin(oficiais)).sum()",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "O que DevOps, MLOps, AIOps e DataOps têm em comum?",
    {"a": "Usam as mesmas ferramentas.",
     "b": "Automação, medição e ciclos curtos de retorno entre quem constrói e quem opera.",
     "c": "Todas exigem aprendizado de máquina."},
    "b",
    "As quatro aplicam a mesma ideia (automatizar, medir, corrigir rápido) a objetos "
    "diferentes: software, modelos, operação de TI e dados.",
    hints=["Pense em princípios, não em ferramentas."],
    why_wrong={"a": "Cada uma tem ferramentas próprias.",
               "c": "DevOps e DataOps não exigem aprendizado de máquina."},
)



def _nota_final():
    from mlops_lab.devops import ml_test_score

    return float(ml_test_score().loc["nota final", "pontos"])


q6 = Numeric(
    "q6", "resposta_6",
    "Qual é o ML Test Score (a nota final) do próprio `mlops_lab`? Use `ml_test_score()` de "
    "`mlops_lab.devops`.",
    expected=_nota_final,
    hints=["`placar = ml_test_score()` devolve uma tabela com uma linha por seção e a linha "
           "'nota final'.",
           "`placar.loc['nota final', 'pontos']`."],
    solution="from mlops_lab.devops import ml_test_score\n"
             "resposta_6 = ml_test_score().loc['nota final', 'pontos']",
)

q7 = MultipleChoice(
    "q7", "resposta_7",
    "Por que a nota final do ML Test Score é a **menor** das quatro seções, e não a soma ou a "
    "média?",
    {"a": "Porque assim a conta é mais simples.",
     "b": "Porque um sistema de ML é tão confiável quanto a sua parte mais descuidada: testes "
          "ótimos de modelo não compensam dados sem nenhuma verificação.",
     "c": "Porque a seção de monitoramento sempre tem a menor nota.",
     "d": "Porque o artigo só considera os testes manuais."},
    "b",
    "Com a média, sobrar numa seção esconderia um buraco em outra; com o mínimo, o único jeito "
    "de subir a nota é cuidar da parte mais fraca.",
    hints=["Pense no que uma média permitiria esconder."],
    why_wrong={"a": "A simplicidade não é o motivo: a soma seria igualmente simples.",
               "c": "No mlops_lab, a menor é a de dados; depende do projeto.",
               "d": "Testes automáticos valem 1 ponto e manuais 0,5; os dois contam."},
)

q8 = FunctionCases(
    "q8", "resposta_8",
    "Escreva `portao(metricas)`, um portão de desempenho: recebe um dicionário com `'f1'` e "
    "`'roc_auc'` e devolve `'aprovado'` se F1 >= 0,50 **e** AUC >= 0,85; senão, `'reprovado'`.",
    cases=[(({"f1": 0.59, "roc_auc": 0.88},), "aprovado", "modelo bom"),
           (({"f1": 0.50, "roc_auc": 0.85},), "aprovado", "exatamente nos mínimos"),
           (({"f1": 0.45, "roc_auc": 0.90},), "reprovado", "F1 baixo"),
           (({"f1": 0.70, "roc_auc": 0.80},), "reprovado", "AUC baixa"),
           (({"f1": 0.0, "roc_auc": 0.5},), "reprovado", "modelo que não aprendeu")],
    hints=["Os mínimos são inclusivos: use `>=`.",
           "`return 'aprovado' if ... and ... else 'reprovado'`."],
    solution="def portao(metricas):\n"
             "    ok = metricas['f1'] >= 0.50 and metricas['roc_auc'] >= 0.85\n"
             "    return 'aprovado' if ok else 'reprovado'\n"
             "resposta_8 = portao",
)


@lru_cache(maxsize=1)
def _detectados_pela_floresta():
    from mlops_lab.aiops import run_aiops

    return run_aiops(days=3, history_days=7, method="isolation_forest")["score"]["detectados"]


q9 = Numeric(
    "q9", "resposta_9",
    "Rode `run_aiops(days=3, history_days=7, method='isolation_forest')`. Quantos dos "
    "incidentes injetados a IsolationForest detectou?",
    expected=_detectados_pela_floresta,
    hints=["O resultado é um dicionário; o placar fica em `resultado['score']`.",
           "`resultado['score']['detectados']`."],
    solution="from mlops_lab.aiops import run_aiops\n"
             "floresta = run_aiops(days=3, history_days=7, method='isolation_forest')\n"
             "resposta_9 = floresta['score']['detectados']",
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
    hints=["`check_table(remessa, raw_schema(), raw_rules())` devolve a tabela de "
           "verificações, com a coluna 'medido'.",
           "Procure a linha cuja verificação começa com \"fração de 'Sim'\" e leia o valor "
           "medido (ou capture a mensagem do `MlopsLabError` de `run_dataops`)."],
    solution="from mlops_lab.dataops import check_table, make_batch, raw_rules, raw_schema\n"
             "tabela = check_table(make_batch(defect='alvo_estranho'), raw_schema(), "
             "raw_rules())\n"
             "linha = tabela[tabela['verificação'].str.startswith(\"fração de 'Sim'\")]\n"
             "resposta_10 = float(linha['medido'].iloc[0].rstrip('%').replace(',', '.'))",
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
