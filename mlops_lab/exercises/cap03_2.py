"""Exercícios da seção "Construção e treinamento do modelo"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import Checks, MultipleChoice, Numeric

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Só 20% dos clientes cancelam. Um modelo que responde sempre 'Não' tem que acurácia e "
    "qual métrica denuncia que ele é inútil?",
    {"a": "Cerca de 20%; a acurácia já denuncia.",
     "b": "Cerca de 80%; a revocação da classe 'Sim' (zero) denuncia.",
     "c": "Cerca de 50%; a AUC ROC denuncia."},
    "b",
    "Acertando todos os 'Não', a acurácia fica perto de 80%, mas nenhum cancelamento é "
    "encontrado: revocação zero. Por isso olhamos revocação, F1 e acurácia balanceada.",
    hints=["Quantos clientes o modelo acerta se disser sempre 'Não'?"],
    why_wrong={"a": "Ele acerta todos os 80% que não cancelam.",
               "c": "A acurácia dele não é 50%."},
)

q2 = Numeric(
    "q2", "resposta_2",
    "Com `split_data(limpo, 'cancelou', seed=42)`, quantas linhas ficam no conjunto de teste?",
    expected=lambda: len(_data.split()[1]),
    hints=["split_data devolve X_train, X_test, y_train, y_test.", "Use `len(X_test)`."],
    solution="X_train, X_test, y_train, y_test = split_data(limpo, 'cancelou', seed=42)\n"
             "resposta_2 = len(X_test)",
)


def _perto(chave, tolerancia=1e-4):
    return lambda m: abs(float(m[chave]) - _data.logistic_metrics()[chave]) < tolerancia


q3 = Checks(
    "q3", "resposta_3",
    "Treine a regressão logística (`seed=42`) e guarde o dicionário de métricas de `evaluate`.",
    checks=[
        (lambda m: {"accuracy", "f1", "recall", "roc_auc"} <= set(m),
         "tem as métricas principais", "faltam métricas: use a saída de evaluate"),
        (_perto("f1"), "o F1 bate com o esperado",
         "o F1 não bate: treine com train_model(X_train, y_train, 'logistic_regression', "
         "seed=42)"),
        (_perto("roc_auc"), "a AUC ROC bate com o esperado", "a AUC ROC não bate"),
    ],
    hints=["`evaluate(modelo, X_test, y_test)` devolve um dicionário."],
    solution="modelo = train_model(X_train, y_train, 'logistic_regression', seed=42)\n"
             "resposta_3 = evaluate(modelo, X_test, y_test)",
    expects=dict,
)

q4 = Numeric(
    "q4", "resposta_4",
    "Quantas combinações (algoritmo + hiperparâmetros) a busca padrão testa?",
    expected=lambda: len(__import__("mlops_lab.tune", fromlist=["candidates"]).candidates()),
    hints=["A função `candidates()` de mlops_lab.tune lista as combinações."],
    solution="from mlops_lab.tune import candidates\nresposta_4 = len(candidates())",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "Para que serve a validação cruzada na busca de hiperparâmetros?",
    {"a": "Para escolher hiperparâmetros sem olhar o conjunto de teste.",
     "b": "Para treinar o modelo final com mais dados.",
     "c": "Para deixar o treino mais rápido."},
    "a",
    "Cada candidato é avaliado em partes do próprio treino; o teste fica guardado para a "
    "avaliação final, que assim continua honesta.",
    hints=["Onde fica o conjunto de teste durante a busca?"],
    why_wrong={"b": "O modelo final é treinado depois, em todo o treino.",
               "c": "Ela deixa a busca mais lenta: treina um modelo por parte."},
)

QUESTIONS = [q1, q2, q3, q4, q5]
