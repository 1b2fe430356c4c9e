"""Exercícios do capítulo "O que é machine learning"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Qual destas tarefas é de aprendizado supervisionado?",
    {"a": "Agrupar clientes em segmentos parecidos, sem nenhum rótulo.",
     "b": "Prever se um cliente vai cancelar, a partir de clientes antigos que sabemos se "
          "cancelaram.",
     "c": "Encontrar as colunas que variam juntas para resumir a tabela."},
    "b",
    "No aprendizado supervisionado cada exemplo de treino traz a resposta certa (o rótulo "
    "'cancelou'), e o modelo aprende a prevê-la.",
    hints=["Procure a alternativa em que os exemplos de treino já trazem a resposta."],
    why_wrong={"a": "Agrupar sem rótulo é aprendizado não supervisionado (agrupamento).",
               "c": "Resumir colunas sem rótulo é redução de dimensionalidade (não "
                    "supervisionada)."},
)

q2 = Numeric(
    "q2", "resposta_2",
    "Depois de limpar os dados com `clean_table`, que fração dos clientes cancelou?",
    expected=lambda: float((_data.clean()["cancelou"] == "Sim").mean()),
    hints=["Use `clean_table(df, 'cancelou')` e pegue o primeiro item do resultado.",
           "A média de uma comparação booleana (`== 'Sim'`) é a fração de verdadeiros."],
    solution="limpo, _ = clean_table(df, 'cancelou')\n"
             "resposta_2 = (limpo['cancelou'] == 'Sim').mean()",
    rel_tol=1e-4,
)

q3 = Numeric(
    "q3", "resposta_3",
    "Qual a acurácia, no teste, da regressão logística treinada com `train_model` "
    "(`split_data` com `seed=42` e `train_model` com `seed=42`)?",
    expected=lambda: _data.logistic_metrics()["accuracy"],
    hints=["Separe com `split_data(limpo, 'cancelou', seed=42)`.",
           "Treine com `train_model(X_train, y_train, 'logistic_regression', seed=42)` e use "
           "`evaluate(modelo, X_test, y_test)['accuracy']`."],
    solution="X_train, X_test, y_train, y_test = split_data(limpo, 'cancelou', seed=42)\n"
             "modelo = train_model(X_train, y_train, 'logistic_regression', seed=42)\n"
             "resposta_3 = evaluate(modelo, X_test, y_test)['accuracy']",
    rel_tol=1e-4,
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Na curva de aprendizado, a curva de validação ainda sobe no fim. O que isso sugere?",
    {"a": "O modelo decorou o treino e mais dados não vão ajudar.",
     "b": "Mais dados de treino provavelmente melhorariam o desempenho.",
     "c": "A métrica escolhida está errada."},
    "b",
    "Se a validação ainda melhora quando o treino cresce, o modelo ainda está aprendendo com "
    "os dados: coletar mais exemplos tende a ajudar.",
    hints=["Pense no que o eixo horizontal da curva representa."],
    why_wrong={"a": "Se mais dados não ajudassem, a curva de validação já estaria plana.",
               "c": "A curva não diz nada sobre a métrica ser adequada."},
)

q5 = FunctionCases(
    "q5", "resposta_5",
    "Escreva a regra manual `regra(reclamacoes, meses)` que devolve 'Sim' (vai cancelar) "
    "quando há 3 ou mais reclamações ou menos de 6 meses de contrato, e 'Não' caso contrário.",
    cases=[((0, 24), "Não", "cliente antigo e sem reclamações"),
           ((3, 24), "Sim", "exatamente 3 reclamações"),
           ((1, 5), "Sim", "menos de 6 meses de casa"),
           ((2, 6), "Não", "2 reclamações e 6 meses (nenhum limite atingido)")],
    hints=["Use `or` para juntar as duas condições.",
           "Cuidado com os limites: 3 reclamações já contam (>=); 6 meses já não contam (<)."],
    solution="def regra(reclamacoes, meses):\n"
             "    return 'Sim' if reclamacoes >= 3 or meses < 6 else 'Não'\n"
             "resposta_5 = regra",
)

QUESTIONS = [q1, q2, q3, q4, q5]
