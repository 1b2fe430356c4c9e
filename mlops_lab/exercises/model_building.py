"""Exercícios da seção "Construção e treinamento do modelo"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import Checks, MultipleChoice, parse_number, requires

__all__ = [
    "CAPACIDADE_Q2", "LIMIARES_Q2", "FLORESTA_Q3", "q1", "q2", "q3", "q4", "q5", "QUESTIONS",
]

CAPACIDADE_Q2 = 200  # a tabela do notebook para em 0,2/0,3/0,4/0,5: a resposta não está lá
LIMIARES_Q2 = [round(0.05 * i, 2) for i in range(1, 20)]
FLORESTA_Q3 = {"max_depth": 12, "min_samples_leaf": 1}

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Só 20% dos clientes cancelam. Um modelo que responde sempre 'Não' tem que acurácia no "
    "teste, e qual métrica denuncia que ele é inútil?",
    {"a": "Cerca de 80%; a revocação da classe 'Sim', que fica em zero.",
     "b": "Cerca de 20%; a própria acurácia já denuncia, por ser baixa.",
     "c": "Cerca de 50%; a AUC ROC, que fica abaixo do acaso.",
     "d": "Cerca de 80%; a precisão da classe 'Não', que fica em zero porque ele nunca acerta "
          "um 'Sim'."},
    "a",
    "Acertando todos os 'Não', a acurácia fica perto de 80%, mas nenhum cancelamento é "
    "encontrado: revocação zero. Por isso olhamos revocação, F1 e acurácia balanceada.",
    hints=["Quantos clientes o modelo acerta se disser sempre 'Não'?",
           "Das métricas do notebook, qual pergunta \"dos que cancelaram, quantos o modelo "
           "encontrou\"?"],
    why_wrong={"b": "Ele acerta todos os 80% que não cancelam: a acurácia é alta, e é isso "
                    "que engana.",
               "c": "A acurácia dele é a fração de 'Não', perto de 80%; e a AUC de quem dá a "
                    "mesma nota a todos é 0,5, não menos.",
               "d": "A precisão da classe 'Não' é alta (80% dos 'Não' previstos estão certos); "
                    "o que fica em zero é a revocação da classe 'Sim'."},
)


@lru_cache(maxsize=1)
def _prob_sim():
    from mlops_lab.train import train_model

    X_train, X_test, y_train, y_test = _data.split()
    modelo = train_model(X_train, y_train, "logistic_regression", seed=42)
    return modelo.predict_proba(X_test)[:, list(modelo.classes_).index("Sim")], y_test


def _no_limiar(limiar):
    import numpy as np
    from sklearn.metrics import recall_score

    prob, y_test = _prob_sim()
    alerta = np.where(prob >= limiar, "Sim", "Não")
    return {"limiar": limiar, "alertados": int((alerta == "Sim").sum()),
            "revocacao": float(recall_score(y_test, alerta, pos_label="Sim"))}


@lru_cache(maxsize=1)
def _escolha_q2():
    cabem = [_no_limiar(x) for x in LIMIARES_Q2 if _no_limiar(x)["alertados"] <= CAPACIDADE_Q2]
    return min(cabem, key=lambda linha: linha["limiar"])


def _do_limiar(resposta):
    return _no_limiar(round(parse_number(resposta["limiar"]), 2))


q2 = Checks(
    "q2", "resposta_2",
    "A equipe de retenção consegue ligar para no máximo 200 clientes deste conjunto de teste. "
    "Entre os limiares 0,05, 0,10, ..., 0,95, qual o menor que gera no máximo 200 alertas? "
    "Guarde um dicionário com o `limiar`, o número de `alertados` e a `revocacao` nele.",
    checks=[
        requires(lambda d: {"limiar", "alertados", "revocacao"} <= set(d),
                 "o dicionário deve ter as chaves 'limiar', 'alertados' e 'revocacao'"),
        (lambda d: abs(parse_number(d["limiar"]) - _escolha_q2()["limiar"]) < 1e-6,
         "o limiar é o menor que cabe na capacidade da equipe",
         "o limiar não é o menor com no máximo 200 alertas"),
        (lambda d: parse_number(d["alertados"]) == _do_limiar(d)["alertados"],
         "o número de alertados confere com o limiar",
         "o número de alertados não é o desse limiar: conte quantas probabilidades são "
         "maiores ou iguais a ele"),
        (lambda d: abs(parse_number(d["revocacao"]) - _do_limiar(d)["revocacao"]) <= 5e-4,
         "a revocação confere com o limiar", "a revocação não é a desse limiar"),
    ],
    hints=["Repita a conta da tabela de limiares do notebook, mas com os 19 limiares "
           "0,05, 0,10, ..., 0,95, e olhe a coluna de clientes alertados.",
           "Quanto menor o limiar, mais alertas: o que você procura é o primeiro limiar, de "
           "baixo para cima, em que os alertas cabem na capacidade.",
           "Uma lista de limiares arredondados (`round(0.05 * i, 2)`) evita surpresas como "
           "0,15000000000000002."],
    solution="prob_sim = modelo.predict_proba(X_test)[:, list(modelo.classes_).index('Sim')]\n"
             "for limiar in [round(0.05 * i, 2) for i in range(1, 20)]:\n"
             "    alerta = np.where(prob_sim >= limiar, 'Sim', 'Não')\n"
             "    if (alerta == 'Sim').sum() <= 200:\n"
             "        break\n"
             "resposta_2 = {'limiar': limiar, 'alertados': int((alerta == 'Sim').sum()),\n"
             "              'revocacao': recall_score(y_test, alerta, pos_label='Sim')}",
    expects=dict, dependent=True,
    diagnoses=[(lambda d: abs(parse_number(d["limiar"]) - 0.4) < 1e-6,
                "Com 0,4 são 223 alertas (está na tabela do notebook): passa da capacidade de "
                "200."),
               (lambda d: abs(parse_number(d["limiar"]) - 0.5) < 1e-6,
                "0,5 cabe na capacidade, mas não é o menor: um limiar um pouco abaixo ainda "
                "cabe e encontra mais cancelamentos."),
               (lambda d: parse_number(d["revocacao"]) > 1,
                "A revocação é uma fração, entre 0 e 1.")],
)


@lru_cache(maxsize=1)
def _floresta():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import train_model

    X_train, X_test, y_train, y_test = _data.split()
    modelo = train_model(X_train, y_train, "random_forest", seed=42, **FLORESTA_Q3)
    return evaluate(modelo, X_test, y_test), evaluate(modelo, X_train, y_train)


def _igual(referencia, chaves=("accuracy", "f1", "recall", "roc_auc")):
    return lambda m: all(abs(parse_number(m[k]) - referencia()[k]) <= 1e-4 for k in chaves)


q3 = Checks(
    "q3", "resposta_3",
    "Treine a floresta aleatória da curva de aprendizado (`max_depth=12`, "
    "`min_samples_leaf=1`, `seed=42`) com todo o treino da divisão `seed=42` e guarde o "
    "dicionário de métricas de `evaluate` no conjunto de teste.",
    checks=[
        requires(lambda m: {"accuracy", "f1", "recall", "roc_auc"} <= set(m),
                 "faltam métricas: guarde o dicionário inteiro que `evaluate` devolve"),
        (_igual(lambda: _floresta()[0], ("accuracy", "recall")),
         "a acurácia e a revocação batem com as da floresta no teste",
         "a acurácia e a revocação não batem com as da floresta pedida, no teste"),
        (_igual(lambda: _floresta()[0], ("f1", "roc_auc")),
         "o F1 e a AUC ROC batem com os da floresta no teste",
         "o F1 e a AUC ROC não batem com os da floresta pedida, no teste"),
    ],
    hints=["É o mesmo `train_model` do treino final, com o algoritmo da floresta e os dois "
           "hiperparâmetros do enunciado passados por nome.",
           "Avalie no conjunto de teste (`X_test`, `y_test`): as métricas no treino de uma "
           "floresta que decora são otimistas demais."],
    solution="floresta = train_model(X_train, y_train, 'random_forest', seed=42,\n"
             "                       max_depth=12, min_samples_leaf=1)\n"
             "resposta_3 = evaluate(floresta, X_test, y_test)",
    expects=dict,
    diagnoses=[(_igual(lambda: _floresta()[1]),
                "Essas são as métricas no conjunto de treino, onde a floresta quase decora os "
                "clientes; avalie com X_test e y_test."),
               (_igual(_data.logistic_metrics),
                "Essas são as métricas da regressão logística do notebook; a questão pede a "
                "floresta.")],
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Na tabela da busca, a regressão logística teve f1_macro 0,745 (desvio 0,009) com C=1,0 "
    "e 0,739 (desvio 0,016) com C=10. Um colega conclui que C=1,0 é melhor que C=10. O que "
    "você responde?",
    {"a": "Concordo: 0,745 é maior que 0,739, e a busca existe para escolher o maior.",
     "b": "A diferença é menor que o desvio entre os folds: os dois empatam, e a escolha deve "
          "vir de outro critério, como a estabilidade ou a simplicidade.",
     "c": "Discordo: com C=10 o modelo é mais flexível e vai se sair melhor no teste.",
     "d": "Só abrindo o conjunto de teste para os dois dá para saber."},
    "b",
    "Uma diferença de 0,006 com desvios de 0,009 e 0,016 está dentro da oscilação entre os "
    "folds (e a busca usou uma amostra de 1.000 clientes): é empate. C=1,0 pode ficar, mas "
    "por ser estável, não por ser 'melhor'.",
    hints=["Compare o tamanho da diferença entre as médias com o tamanho dos desvios.",
           "O notebook avisa, na seção das sementes, sobre diferenças de um ou dois "
           "centésimos."],
    why_wrong={"a": "A busca ordena pelo maior, mas 0,006 é menos que o desvio entre os folds: "
                    "com outra divisão, a ordem poderia se inverter.",
               "c": "Mais flexível não quer dizer melhor em dados novos; nada na tabela indica "
                    "que C=10 generalize melhor.",
               "d": "Usar o teste para escolher hiperparâmetros vaza informação dele, e a "
                    "avaliação final deixa de ser honesta."},
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "Para que serve a validação cruzada na busca de hiperparâmetros?",
    {"a": "Para treinar o modelo final com mais dados, somando os folds ao conjunto de teste.",
     "b": "Para deixar o treino mais rápido, já que cada modelo vê só parte dos dados.",
     "c": "Para medir a oscilação do conjunto de teste entre sementes diferentes.",
     "d": "Para escolher hiperparâmetros sem olhar o teste."},
    "d",
    "Cada candidato é avaliado em partes do próprio treino; o teste fica guardado para a "
    "avaliação final, que assim continua honesta.",
    hints=["Onde fica o conjunto de teste durante a busca?"],
    why_wrong={"a": "O modelo final é treinado depois, em todo o treino; o teste nunca entra "
                    "no treino.",
               "b": "Ela deixa a busca mais lenta: treina um modelo por fold.",
               "c": "A validação cruzada não usa o teste; a oscilação entre sementes é outra "
                    "análise, feita no fim do notebook."},
)

QUESTIONS = [q1, q2, q3, q4, q5]
