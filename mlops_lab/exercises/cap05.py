"""Exercícios do capítulo "DevOps, MLOps, AIOps e DataOps"."""

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

QUESTIONS = [q1, q2, q3, q4, q5]
