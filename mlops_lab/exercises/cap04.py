"""Exercícios do capítulo "O que é MLOps"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import Checks, FunctionCases, MultipleChoice

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Uma equipe treina modelos em notebooks, entrega o arquivo à TI por e-mail e só retreina "
    "quando alguém reclama. Em que nível de maturidade de MLOps ela está?",
    {"a": "Nível 0: processo manual.",
     "b": "Nível 1: pipeline de treino automatizado.",
     "c": "Nível 2: CI/CD do pipeline inteiro."},
    "a",
    "Tudo é manual e desconectado: treino, entrega e retreino. É o nível 0.",
    hints=["Existe alguma automação no processo descrito?"],
    why_wrong={"b": "No nível 1 o retreino roda sozinho, disparado por dados novos.",
               "c": "No nível 2 até o código do pipeline é testado e implantado automaticamente."},
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Um concorrente lança um plano mais barato e clientes com o MESMO perfil passam a cancelar "
    "mais. Que tipo de mudança é essa?",
    {"a": "Deriva de dados: a distribuição dos atributos mudou.",
     "b": "Deriva de conceito: a relação entre atributos e rótulo mudou.",
     "c": "Vazamento de dados."},
    "b",
    "Os atributos dos clientes são os mesmos; o que mudou foi a chance de cancelar dado esse "
    "perfil. É deriva de conceito, e só os rótulos novos a revelam.",
    hints=["Os atributos (idade, plano, reclamações) mudaram?"],
    why_wrong={"a": "Na deriva de dados os atributos mudam; aqui eles são os mesmos.",
               "c": "Vazamento é informação do futuro entrando no treino."},
)


def _f1_esperado():
    return _data.logistic_metrics()["f1"]


q3 = Checks(
    "q3", "resposta_3",
    "Treine duas vezes a regressão logística com seed=42 e guarde a tupla (f1_primeiro, "
    "f1_segundo).",
    checks=[
        (lambda t: len(t) == 2, "tem dois valores", "guarde exatamente dois valores"),
        (lambda t: float(t[0]) == float(t[1]), "os dois F1 são idênticos",
         "os F1 diferem: use a mesma semente e os mesmos dados nas duas vezes"),
        (lambda t: abs(float(t[0]) - _f1_esperado()) < 1e-4, "o F1 bate com o esperado",
         "o F1 não bate com o esperado: use split_data(..., seed=42)"),
    ],
    hints=["Chame train_model e evaluate duas vezes, com seed=42."],
    solution="f1s = []\nfor _ in range(2):\n"
             "    m = train_model(X_train, y_train, 'logistic_regression', seed=42)\n"
             "    f1s.append(evaluate(m, X_test, y_test)['f1'])\n"
             "resposta_3 = tuple(f1s)",
    expects=(tuple, list),
)


def _hash_esperado():
    from mlops_lab.data import example_path, file_hash

    return file_hash(example_path())


q4 = Checks(
    "q4", "resposta_4",
    "Guarde o SHA-256 do arquivo de dados embutido (file_hash).",
    checks=[(lambda h: str(h) == _hash_esperado(), "o hash identifica os dados",
             "o hash não bate: use file_hash(example_path())")],
    hints=["`from mlops_lab.data import example_path, file_hash`."],
    solution="resposta_4 = file_hash(example_path())",
    expects=str,
)

q5 = FunctionCases(
    "q5", "resposta_5",
    "Escreva `taxa_prevista(previsoes)`: a fração de 'Sim' numa lista de previsões (0.0 se a "
    "lista estiver vazia). É o número que um painel de monitoramento acompanha.",
    cases=[((["Sim", "Não", "Não", "Não"],), 0.25, "uma em quatro"),
           ((["Não", "Não"],), 0.0, "nenhum 'Sim'"),
           (([],), 0.0, "lista vazia")],
    hints=["Conte com `previsoes.count('Sim')`.", "Trate a lista vazia antes de dividir."],
    solution="def taxa_prevista(previsoes):\n"
             "    return previsoes.count('Sim') / len(previsoes) if previsoes else 0.0\n"
             "resposta_5 = taxa_prevista",
)

QUESTIONS = [q1, q2, q3, q4, q5]
