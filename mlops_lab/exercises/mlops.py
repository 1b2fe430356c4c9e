"""Exercícios do capítulo "O que é MLOps"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    ChainedChecks,
    FunctionCases,
    MultipleChoice,
    as_bool,
    as_float,
    close,
)

__all__ = [
    "SEMENTE", "SIMULADOS", "SEMENTE_SIMULADOS", "QUEDA_MAXIMA", "q1", "q2", "q3", "q4", "q5",
    "q6", "QUESTIONS",
]

SEMENTE = 7  # a demonstração usa 42
SIMULADOS = 2_000
SEMENTE_SIMULADOS = 11
QUEDA_MAXIMA = 0.03

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Uma equipe treina modelos em notebooks, entrega o arquivo à TI por e-mail e só retreina "
    "quando alguém reclama. Em que nível de maturidade de MLOps ela está?",
    {"a": "Nível 1: já há um pipeline, porque o treino segue sempre os mesmos passos no "
          "notebook.",
     "b": "Nível 2: a TI implanta cada modelo que recebe.",
     "c": "Nível 0: treino, entrega e retreino são manuais e desconectados.",
     "d": "Nenhum nível: sem ferramenta de MLOps instalada, não há maturidade a medir."},
    "c",
    "Tudo é manual: o treino roda à mão, a entrega é um arquivo por e-mail e o retreino "
    "depende de alguém reclamar. É o nível 0.",
    hints=["Existe alguma automação no processo descrito?"],
    why_wrong={"a": "Repetir passos à mão não é um pipeline: no nível 1 o treino roda sozinho, "
                    "disparado por dados novos.",
               "b": "No nível 2 o próprio código do pipeline é testado e implantado "
                    "automaticamente (CI/CD); aqui a TI recebe arquivos por e-mail.",
               "d": "O nível 0 existe justamente para descrever o processo manual; maturidade "
                    "é sobre o processo, não sobre ferramentas."},
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Um concorrente lança um plano mais barato e clientes com o MESMO perfil passam a cancelar "
    "mais. Que tipo de mudança é essa?",
    {"a": "Drift de dados, porque a distribuição dos atributos de entrada mudou com o "
          "lançamento do concorrente.",
     "b": "Drift de conceito.",
     "c": "Vazamento de dados, porque o modelo passou a ver informação do concorrente.",
     "d": "Nenhuma: o modelo continua certo, só a taxa de cancelamento subiu."},
    "b",
    "Os atributos dos clientes são os mesmos; o que mudou foi a chance de cancelar dado esse "
    "perfil. É drift de conceito, e só os rótulos novos a revelam.",
    hints=["Os atributos (idade, plano, reclamações) mudaram?"],
    why_wrong={"a": "No drift de dados os atributos mudam; aqui o perfil dos clientes é o "
                    "mesmo.",
               "c": "Vazamento é informação do futuro (ou do rótulo) entrando no treino; nada "
                    "disso aconteceu.",
               "d": "Se o mesmo perfil cancela mais, as probabilidades do modelo ficaram "
                    "baixas demais: ele erra mais, como no 'um ano depois' do notebook."},
)


@lru_cache(maxsize=1)
def _divisao():
    from mlops_lab.train import split_data

    return split_data(_data.clean(), "cancelou", seed=SEMENTE)


@lru_cache(maxsize=1)
def _f1_semente_7():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import train_model

    X_train, X_test, y_train, y_test = _divisao()
    modelo = train_model(X_train, y_train, "logistic_regression", seed=SEMENTE)
    return evaluate(modelo, X_test, y_test)["f1"]


def _dois_valores(t):
    if len(t) != 2:
        return f"guarde exatamente dois valores (recebi {len(t)})"
    return all(as_float(v) is not None for v in t) or "os dois valores devem ser números (F1)"


def _iguais(t):
    a, b = (as_float(v) for v in t)
    return a == b or ("os F1 diferem: use a mesma semente e os mesmos dados nas duas vezes "
                      "(seed=7 na divisão e no treino)")


def _f1_certo(t):
    valor = as_float(t[0])
    if close(valor, _f1_semente_7(), abs_tol=5e-4):
        return True
    if close(valor, _data.logistic_metrics()["f1"], abs_tol=5e-4):
        return "esse é o F1 da semente 42, o da demonstração: o exercício pede seed=7"
    return ("o F1 não bate com o da regressão logística dividida e treinada com seed=7 e "
            "avaliada no teste (evaluate(...)['f1'])")


q3 = ChainedChecks(
    "q3", "resposta_3",
    "Divida os dados limpos com `seed=7`, treine duas vezes a regressão logística com "
    "`seed=7` e guarde os dois F1 no teste (uma tupla ou uma lista).",
    checks=[
        (_dois_valores, "tem dois números", "formato errado"),
        (_iguais, "os dois F1 são idênticos", "F1 diferentes"),
        (_f1_certo, "o F1 é o da semente 7", "F1 errado"),
    ],
    hints=["Reprodutibilidade: mesma semente, mesmos dados, mesmo resultado; a semente entra "
           "na divisão e no treino.",
           "`split_data(limpo, 'cancelou', seed=7)` divide; `train_model(..., seed=7)` treina.",
           "`evaluate(modelo, X_test, y_test)` devolve um dicionário de métricas; pegue o "
           "`'f1'`."],
    solution="X_tr, X_te, y_tr, y_te = split_data(limpo, 'cancelou', seed=7)\n"
             "f1s = []\nfor _ in range(2):\n"
             "    m = train_model(X_tr, y_tr, 'logistic_regression', seed=7)\n"
             "    f1s.append(evaluate(m, X_te, y_te)['f1'])\n"
             "resposta_3 = tuple(f1s)",
    expects=(tuple, list),
)


def _hash_treino_7():
    from mlops_lab.data import frame_hash

    return frame_hash(_divisao()[0])


def _hash_certo(h):
    from mlops_lab.data import example_path, file_hash, frame_hash

    if h == _hash_treino_7():
        return True
    if len(h) != 64:
        return "um SHA-256 tem 64 caracteres hexadecimais: guarde o texto inteiro"
    if h == frame_hash(_data.split()[0]):
        return "esse é o hash do treino da semente 42 (a da demonstração): divida com seed=7"
    if h == frame_hash(_data.clean()):
        return "esse é o hash da tabela limpa inteira: o exercício pede só o X_train"
    if h == file_hash(example_path()):
        return ("esse é o hash dos bytes do arquivo (file_hash); o exercício pede o do "
                "conteúdo da tabela (frame_hash)")
    return "o hash não bate com o de X_train da divisão com seed=7"


q4 = ChainedChecks(
    "q4", "resposta_4",
    "Para registrar com que linhas o modelo do exercício 3 foi treinado, guarde o hash do "
    "**conteúdo** de `X_train` (a divisão com `seed=7`).",
    checks=[(_hash_certo, "o hash identifica as linhas de treino", "hash errado")],
    hints=["Há dois hashes no curso: um dos bytes do arquivo e um do conteúdo da tabela.",
           "O do conteúdo é o `frame_hash`, de `mlops_lab.data`."],
    solution="resposta_4 = frame_hash(X_tr)",
    expects=str,
)

q5 = FunctionCases(
    "q5", "resposta_5",
    "Escreva `taxa_prevista(previsoes)`: a fração de 'Sim' numa lista de previsões (0.0 se a "
    "lista estiver vazia). É o número que um painel de monitoramento acompanha.",
    cases=[((["Sim", "Não", "Não", "Não"],), 0.25, "uma em quatro"),
           ((["Não", "Não"],), 0.0, "nenhum 'Sim'"),
           (([],), 0.0, "lista vazia"),
           ((["Sim", "Sim", "Não"],), 2 / 3, "duas em três")],
    hints=["A taxa é uma fração: quantos 'Sim' dividido pelo total.",
           "Listas têm o método `count`; trate a lista vazia antes de dividir."],
    solution="def taxa_prevista(previsoes):\n"
             "    return previsoes.count('Sim') / len(previsoes) if previsoes else 0.0\n"
             "resposta_5 = taxa_prevista",
)


@lru_cache(maxsize=1)
def _acuracias():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.stream import simulate
    from mlops_lab.train import train_model

    X_train, _, y_train, _ = _data.split()
    modelo = train_model(X_train, y_train, "logistic_regression", seed=42)
    saida = {}
    for chave, deriva in (("acuracia_atual", False), ("acuracia_nova", True)):
        clientes = simulate(SIMULADOS, seed=SEMENTE_SIMULADOS, drift=deriva)
        saida[chave] = evaluate(modelo, clientes.drop(columns="cancelou"),
                                clientes["cancelou"])["accuracy"]
    return saida


def _chaves(r):
    faltam = {"acuracia_atual", "acuracia_nova", "retreinar"} - set(r)
    return not faltam or f"faltam as chaves {sorted(faltam)}"


def _acuracia(chave):
    def conferir(r):
        if close(r[chave], _acuracias()[chave], abs_tol=6e-4):
            return True
        outra = "acuracia_nova" if chave == "acuracia_atual" else "acuracia_atual"
        if close(r[chave], _acuracias()[outra], abs_tol=6e-4):
            return f"'{chave}' tem o valor de '{outra}': troque os dois"
        return (f"'{chave}' não confere: avalie o modelo (seed=42) nos 2.000 clientes de "
                f"simulate(2000, seed=11{', drift=True' if chave == 'acuracia_nova' else ''})")
    return conferir


def _decisao(r):
    a = _acuracias()
    esperado = a["acuracia_atual"] - a["acuracia_nova"] > QUEDA_MAXIMA
    if as_bool(r["retreinar"]) is None:
        return "'retreinar' deve ser True ou False"
    return as_bool(r["retreinar"]) == esperado or (
        "a decisão não segue a regra: retreinar se a acurácia cair mais de 0,03")


q6 = ChainedChecks(
    "q6", "resposta_6",
    "Avalie a regressão logística treinada com `seed=42` (a do notebook) em 2.000 clientes "
    "simulados do mercado atual (`simulate(2000, seed=11)`) e do mercado novo "
    "(`simulate(2000, seed=11, drift=True)`). A regra da equipe: retreinar se a acurácia cair "
    "mais de 0,03. Guarde `{'acuracia_atual': ..., 'acuracia_nova': ..., 'retreinar': ...}`.",
    checks=[
        (_chaves, "tem as três chaves", "chaves faltando"),
        (_acuracia("acuracia_atual"), "a acurácia no mercado atual confere", "acurácia atual"),
        (_acuracia("acuracia_nova"), "a acurácia no mercado novo confere", "acurácia nova"),
        (_decisao, "a decisão segue a regra", "decisão"),
    ],
    hints=["Os clientes simulados já vêm com o rótulo `cancelou`: separe atributos e rótulo.",
           "`evaluate(modelo, X, y)` devolve a acurácia em `'accuracy'`; o modelo sai de "
           "`train_model(X_train, y_train, 'logistic_regression', seed=42)`.",
           "A decisão é uma comparação: a diferença entre as duas acurácias passa de 0,03?"],
    solution="from mlops_lab.stream import simulate\n"
             "modelo = train_model(X_train, y_train, 'logistic_regression', seed=42)\n"
             "acc = {}\n"
             "for nome, deriva in [('acuracia_atual', False), ('acuracia_nova', True)]:\n"
             "    sim = simulate(2000, seed=11, drift=deriva)\n"
             "    acc[nome] = evaluate(modelo, sim.drop(columns='cancelou'), "
             "sim['cancelou'])['accuracy']\n"
             "resposta_6 = {**acc, 'retreinar': acc['acuracia_atual'] - acc['acuracia_nova'] "
             "> 0.03}",
    expects=dict,
)

QUESTIONS = [q1, q2, q3, q4, q5, q6]
