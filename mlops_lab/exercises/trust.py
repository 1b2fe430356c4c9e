"""Exercícios do capítulo "Modelos em que se pode confiar" (parte Em produção)."""

from mlops_lab.exercises.core import MultipleChoice, Numeric

#: Os dados das questões 1 e 5 (o notebook os mostra): rótulos, probabilidades, grupos.
ROTULOS = [1, 0, 0, 1, 0, 1, 1, 0, 1, 0]
PROBABILIDADES = [0.95, 0.85, 0.75, 0.65, 0.45, 0.55, 0.35, 0.15, 0.25, 0.05]
GRUPOS = ["A", "A", "A", "A", "A", "B", "B", "B", "B", "B"]


def _ece(faixas):
    from mlops_lab.trust import expected_calibration_error

    return expected_calibration_error(ROTULOS, PROBABILIDADES, bins=faixas)


def _brier():
    from mlops_lab.trust import brier_score

    return brier_score(ROTULOS, PROBABILIDADES)


def _lacuna(nome):
    from mlops_lab.trust import fairness_gaps

    previsto = ["Sim" if p >= 0.5 else "Não" for p in PROBABILIDADES]
    verdade = ["Sim" if y else "Não" for y in ROTULOS]
    return fairness_gaps(verdade, previsto, GRUPOS)[nome]


q1 = Numeric(
    "q1", "resposta_1",
    "Com os `ROTULOS` e as `PROBABILIDADES` da célula acima, calcule o erro de calibração "
    "esperado (ECE) com **5** faixas de largura igual.",
    expected=lambda: _ece(5),
    hints=["`expected_calibration_error(y, p, bins=5)` faz a conta; à mão, as faixas são "
           "[0; 0,2), [0,2; 0,4)… e cada uma pesa pela fração dos casos que tem.",
           "Em cada faixa: |probabilidade média − fração de positivos|; some, pesando pelo "
           "número de casos da faixa."],
    solution="resposta_1 = expected_calibration_error(ROTULOS, PROBABILIDADES, bins=5)",
    decimals=3,
    known=[(lambda: _ece(10), "Esse é o ECE com 10 faixas (o padrão); a questão pede 5: "
                              "o ECE depende das faixas, por isso o número delas vai junto."),
           (_brier, "Esse é o escore de Brier (o erro quadrático médio das probabilidades), "
                    "não o ECE, que compara médias faixa a faixa.")],
)

q2 = Numeric(
    "q2", "resposta_2",
    "Um contato de retenção custa R$ 80 e um cancelamento não evitado custa R$ 400. Com "
    "probabilidades **calibradas**, a partir de que probabilidade vale a pena ligar para o "
    "cliente? Responda com a fração (entre 0 e 1).",
    expected=0.2,
    hints=["Ligar compensa quando o custo esperado de não ligar (probabilidade × R$ 400) "
           "passa do custo de ligar (R$ 80)."],
    solution="resposta_2 = 80 / 400",
    share=True,
    known=[(5.0, "Essa é a conta invertida (400 / 80): o limiar é custo do contato dividido "
                 "pelo custo da perda."),
           (0.5, "0,5 é o limiar padrão do `predict`, que ignora os custos.")],
)

q3 = MultipleChoice(
    "q3", "resposta_3",
    "Você tem só 300 clientes separados para calibrar um modelo de *gradient boosting*. "
    "Qual método do `CalibratedClassifierCV` é a escolha mais segura?",
    {"a": "`method=\"isotonic\"`: é mais flexível que a sigmoide, então sempre calibra "
          "melhor, qualquer que seja a amostra.",
     "b": "`method=\"sigmoid\"`: tem só 2 parâmetros e não se ajusta demais com poucos dados.",
     "c": "Nenhum: calibrar muda a ordem dos clientes e estraga a AUC.",
     "d": "Treinar o modelo de novo nos 300 clientes e usar as probabilidades dele."},
    "b",
    "A sigmoide (Platt) ajusta só inclinação e deslocamento; a isotônica ajusta uma escada "
    "livre, que com poucos dados copia o ruído. Com alguns milhares de casos, a isotônica "
    "passa a valer a pena.",
    hints=["Pense em quantos parâmetros cada método ajusta e no que acontece com um método "
           "muito flexível em poucos dados."],
    why_wrong={"a": "Flexível demais com poucos dados: a escada da isotônica acompanha o ruído "
                    "dos 300 casos, e a calibração piora fora deles.",
               "c": "As duas funções de calibração são crescentes: a ordem quase não muda (a "
                    "isotônica pode criar empates), e a AUC fica praticamente igual.",
               "d": "Os dados de calibração servem para ajustar a função que corrige as "
                    "probabilidades, não para treinar outro modelo com muito menos dados."},
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Em dois grupos, a taxa real de cancelamento é diferente (30% num, 10% no outro), e o "
    "modelo não é perfeito. O que o resultado de impossibilidade (Kleinberg et al.; "
    "Chouldechova) garante?",
    {"a": "Dá para ter, ao mesmo tempo, calibração em cada grupo e as mesmas taxas de falsos "
          "positivos e de falsos negativos nos dois, com cuidado suficiente.",
     "b": "Calibração em cada grupo e taxas de erro iguais nos dois grupos não podem valer "
          "juntas: é preciso escolher qual propriedade importa mais.",
     "c": "A paridade demográfica sempre implica igualdade de oportunidade.",
     "d": "Basta tirar a coluna do grupo dos dados para que todas as métricas fiquem iguais."},
    "b",
    "Com taxas reais diferentes e um modelo imperfeito, as três propriedades não cabem "
    "juntas: a escolha é da equipe, com a área de negócio, e vai para o cartão do modelo.",
    hints=["Releia \"Métricas que brigam entre si\" no capítulo."],
    why_wrong={"a": "É exatamente o que o resultado proíbe: só com taxas reais iguais ou um "
                    "modelo perfeito as três valem juntas.",
               "c": "Com taxas reais diferentes, selecionar a mesma fração de cada grupo "
                    "obriga a encontrar frações diferentes dos positivos de cada um.",
               "d": "Outras colunas carregam o grupo (a UF diz a região; a idade se liga ao "
                    "plano): tirar a coluna esconde a diferença, não a resolve."},
)

q5 = Numeric(
    "q5", "resposta_5",
    "Com os mesmos dados da questão 1, o modelo diz \"Sim\" quando a probabilidade é 0,5 ou "
    "mais. Os clientes estão nos `GRUPOS` A e B. Calcule a diferença de igualdade de "
    "oportunidade (`equal_opportunity_difference`) entre os grupos.",
    expected=lambda: _lacuna("equal_opportunity_difference"),
    hints=["Igualdade de oportunidade compara a revocação: entre os positivos de verdade de "
           "cada grupo, que fração o modelo encontrou?",
           "`fairness_gaps(verdade, previsto, GRUPOS)` devolve as duas diferenças; a "
           "verdade e a previsão em `\"Sim\"`/`\"Não\"`."],
    solution="previsto = ['Sim' if p >= 0.5 else 'Não' for p in PROBABILIDADES]\n"
             "verdade = ['Sim' if y else 'Não' for y in ROTULOS]\n"
             "resposta_5 = fairness_gaps(verdade, previsto, GRUPOS)"
             "['equal_opportunity_difference']",
    share=True,
    known=[(lambda: _lacuna("demographic_parity_difference"),
            "Essa é a diferença de paridade demográfica (taxa de seleção, sem olhar o rótulo). "
            "A igualdade de oportunidade olha só os positivos de verdade.")],
)

QUESTIONS = [q1, q2, q3, q4, q5]
