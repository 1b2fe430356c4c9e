"""Exercícios do capítulo "O que é machine learning"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    Checks,
    FunctionCases,
    MultipleChoice,
    Numeric,
    parse_number,
    requires,
)

__all__ = ["SEMENTE_Q3", "q1", "q2", "q3", "q4", "q5", "q6", "QUESTIONS"]

SEMENTE_Q3 = 7  # outra divisão que a da demonstração (seed=42), para a resposta não estar acima

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Qual destas tarefas é de aprendizado supervisionado?",
    {"a": "Agrupar os clientes em quatro segmentos parecidos entre si com o k-means, sem usar "
          "a coluna cancelou.",
     "b": "Encontrar as colunas que variam juntas para resumir a tabela em menos colunas.",
     "c": "Prever quem vai cancelar, com exemplos antigos rotulados.",
     "d": "Marcar como suspeitos os clientes muito diferentes de todos os outros, sem saber "
          "de antemão quais são fraudes."},
    "c",
    "No aprendizado supervisionado cada exemplo de treino traz a resposta certa (o rótulo "
    "'cancelou'), e o modelo aprende a prevê-la.",
    hints=["Pergunte, para cada alternativa: os exemplos de treino já trazem a resposta que "
           "queremos prever?"],
    why_wrong={"a": "Agrupar sem rótulo é aprendizado não supervisionado (agrupamento), como o "
                    "k-means do notebook.",
               "b": "Resumir colunas sem rótulo é redução de dimensionalidade (não "
                    "supervisionada).",
               "d": "Sem saber quais casos são fraudes, não há rótulo: é detecção de anomalias "
                    "não supervisionada."},
)


def _reclamam():
    limpo = _data.clean()
    return limpo[limpo["reclamacoes_12m"] >= 3]


def _fracao_reclamam():
    return float((_reclamam()["cancelou"] == "Sim").mean())


def _fracao_bruta():
    bruto = _data.raw()
    return float((bruto.loc[bruto["reclamacoes_12m"] >= 3, "cancelou"] == "Sim").mean())


q2 = Numeric(
    "q2", "resposta_2",
    "Nos dados limpos por `clean_table`, que fração dos clientes com 3 ou mais reclamações "
    "no ano (`reclamacoes_12m`) cancelou? Responda com a fração, entre 0 e 1 (3 casas "
    "decimais bastam).",
    expected=_fracao_reclamam,
    hints=["Primeiro filtre as linhas dos clientes que reclamaram 3 vezes ou mais; depois, "
           "entre elas, calcule a fração de 'Sim' no rótulo.",
           "Um filtro booleano (`tabela[condicao]`) seleciona as linhas; a média de uma "
           "comparação (`== 'Sim'`) é a fração de verdadeiros.",
           "Use os dados limpos (`clean_table(df, 'cancelou')`): nos brutos, o 'Sim' aparece "
           "também como 'S', 'sim' e 'SIM'."],
    solution="limpo, _ = clean_table(df, 'cancelou')\n"
             "reclamam = limpo[limpo['reclamacoes_12m'] >= 3]\n"
             "resposta_2 = (reclamam['cancelou'] == 'Sim').mean()",
    decimals=3, share=True, total=lambda: len(_reclamam()),
    diagnoses=[(0.2044, "Essa é a taxa de cancelamento de todos os clientes, a do notebook. "
                        "Filtre antes os que têm 3 ou mais reclamações."),
               (lambda r: q2._matches(r, _fracao_bruta()),
                "Esse valor sai dos dados brutos, em que parte dos 'Sim' está escrita de outro "
                "jeito ('S', 'sim'). Use os dados de `clean_table`.")],
)


@lru_cache(maxsize=1)
def _metricas_semente():
    from mlops_lab.evaluate import evaluate
    from mlops_lab.train import split_data, train_model

    X_train, X_test, y_train, y_test = split_data(_data.clean(), "cancelou", seed=SEMENTE_Q3)
    modelo = train_model(X_train, y_train, "logistic_regression", seed=SEMENTE_Q3)
    return evaluate(modelo, X_test, y_test), evaluate(modelo, X_train, y_train)


q3 = Numeric(
    "q3", "resposta_3",
    "Refaça a divisão com outra semente, `split_data(limpo, 'cancelou', seed=7)`, treine a "
    "regressão logística (`train_model`, `seed=7`) e responda: qual a revocação (`recall`) "
    "no conjunto de teste? (3 casas decimais bastam.)",
    expected=lambda: _metricas_semente()[0]["recall"],
    hints=["É o mesmo caminho da seção \"O primeiro modelo de verdade\", trocando só a "
           "semente da divisão.",
           "A revocação é uma das chaves do dicionário que `evaluate` devolve; avalie com o "
           "conjunto de teste, não com o de treino."],
    solution="limpo, _ = clean_table(df, 'cancelou')\n"
             "X_train, X_test, y_train, y_test = split_data(limpo, 'cancelou', seed=7)\n"
             "modelo = train_model(X_train, y_train, 'logistic_regression', seed=7)\n"
             "resposta_3 = evaluate(modelo, X_test, y_test)['recall']",
    decimals=3, share=True,
    diagnoses=[(lambda r: q3._matches(r, _data.logistic_metrics()["recall"]),
                "Essa é a revocação da divisão com seed=42, a que o notebook mostra. Refaça a "
                "divisão com seed=7."),
               (lambda r: q3._matches(r, _metricas_semente()[1]["recall"]),
                "Essa é a revocação no conjunto de treino: avalie com X_test e y_test."),
               (lambda r: q3._matches(r, _metricas_semente()[0]["accuracy"]),
                "Esse número é a acurácia; a questão pede a revocação (recall)."),
               (lambda r: q3._matches(r, _metricas_semente()[0]["precision"]),
                "Esse número é a precisão; a questão pede a revocação (recall).")],
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Na tabela da curva de aprendizado do notebook (`curva`), de 2.472 para 3.190 linhas a "
    "validação ficou em 0,754 e 0,753, e o treino quase a encontra. A operadora pode pagar "
    "por mais clientes do mesmo tipo ou por atributos novos. O que os números indicam?",
    {"a": "Mais clientes do mesmo tipo: a validação ainda está subindo.",
     "b": "Nenhuma das duas: o modelo decorou o treino (sobreajuste), e é preciso "
          "regularizá-lo.",
     "c": "Atributos novos ou um modelo mais flexível.",
     "d": "Trocar a métrica: o F1 é que impede a validação de subir."},
    "c",
    "Com as curvas juntas e a validação parada, mais linhas do mesmo tipo quase não mudam o "
    "resultado; o ganho viria de informação nova (atributos) ou de um modelo capaz de "
    "aproveitar melhor a que existe, como diz o texto do notebook.",
    hints=["Compare as duas últimas linhas da tabela: quanto a validação mudou quando o treino "
           "cresceu mais de 700 linhas?",
           "Treino e validação próximos significa que o modelo não está decorando: o limite é "
           "o que os atributos conseguem dizer."],
    why_wrong={"a": "De 2.472 para 3.190 linhas a validação foi de 0,754 para 0,753: parou de "
                    "subir. Mais linhas do mesmo tipo ajudariam pouco.",
               "b": "Sobreajuste é treino muito acima da validação; aqui as duas estão quase "
                    "juntas (0,761 e 0,753).",
               "d": "A métrica mede o desempenho, não o limita; trocá-la não torna o modelo "
                    "melhor."},
)

q5 = FunctionCases(
    "q5", "resposta_5",
    "Escreva a regra manual `regra(reclamacoes, meses)` que devolve 'Sim' (vai cancelar) "
    "quando há 3 ou mais reclamações ou menos de 6 meses de contrato, e 'Não' caso contrário.",
    cases=[((0, 24), "Não", "cliente antigo e sem reclamações"),
           ((3, 24), "Sim", "exatamente 3 reclamações (o limite conta)"),
           ((4, 24), "Sim", "4 reclamações (acima do limite também conta)"),
           ((2, 24), "Não", "2 reclamações, abaixo do limite"),
           ((1, 5), "Sim", "5 meses de casa (menos de 6)"),
           ((0, 6), "Não", "exatamente 6 meses (o limite já não conta)"),
           ((2, 6), "Não", "2 reclamações e 6 meses (nenhum limite atingido)"),
           ((5, 2), "Sim", "as duas condições ao mesmo tempo")],
    hints=["São duas condições, e basta uma delas para o cliente ser de risco.",
           "Cuidado com os limites: 3 reclamações já contam (maior ou igual); 6 meses já não "
           "contam (estritamente menor)."],
    solution="def regra(reclamacoes, meses):\n"
             "    return 'Sim' if reclamacoes >= 3 or meses < 6 else 'Não'\n"
             "resposta_5 = regra",
)


def _regra(reclamacoes, meses):
    return "Sim" if reclamacoes >= 3 or meses < 6 else "Não"


@lru_cache(maxsize=4)
def _metricas_regra(conjunto="teste"):
    from sklearn.metrics import precision_score, recall_score

    X_train, X_test, y_train, y_test = _data.split()
    X, y = (X_test, y_test) if conjunto == "teste" else (X_train, y_train)
    previsto = [_regra(r, m) for r, m in zip(X["reclamacoes_12m"], X["meses_de_contrato"])]
    return {"revocacao": float(recall_score(y, previsto, pos_label="Sim")),
            "precisao": float(precision_score(y, previsto, pos_label="Sim"))}


def _perto(chave, conjunto="teste"):
    return lambda d: abs(parse_number(d[chave]) - _metricas_regra(conjunto)[chave]) <= 5e-4


_CHAVES = {"revocacao", "precisao", "melhor"}

q6 = Checks(
    "q6", "resposta_6",
    "Aplique a sua `regra` aos clientes do conjunto de teste da divisão com seed=42 "
    "(`X_test`, `y_test`) e compare com o modelo (revocação 0,482 e precisão 0,756, acima). "
    "Guarde um dicionário com a `revocacao` e a `precisao` da regra (3 casas bastam) e, em "
    "`melhor`, 'regra' ou 'modelo': qual você levaria à equipe de retenção, que paga uma "
    "ligação por alerta?",
    checks=[
        requires(lambda d: _CHAVES <= set(d),
                 "o dicionário deve ter as chaves 'revocacao', 'precisao' e 'melhor'"),
        (_perto("revocacao"), "a revocação da regra está certa",
         "a revocação da regra não bate: é a fração dos cancelamentos do teste que a regra "
         "encontra"),
        (_perto("precisao"), "a precisão da regra está certa",
         "a precisão da regra não bate: é a fração dos alertas da regra que cancelaram de fato"),
        (lambda d: str(d["melhor"]).strip().lower() == "modelo",
         "a escolha está certa: com revocação parecida, o modelo acerta muito mais por "
         "ligação feita",
         "compare a precisão dos dois: com revocação parecida, qual desperdiça menos ligações?"),
    ],
    hints=["Aplique a regra linha a linha, às colunas `reclamacoes_12m` e `meses_de_contrato` "
           "de X_test, e compare as previsões com y_test.",
           "`recall_score` e `precision_score` do scikit-learn (com `pos_label='Sim'`) fazem "
           "as contas; a precisão é a fração dos alertas que acertam.",
           "Para decidir: a revocação das duas é parecida; olhe quantas das ligações de cada "
           "uma seriam desperdiçadas."],
    solution="from sklearn.metrics import precision_score, recall_score\n"
             "limpo, _ = clean_table(df, 'cancelou')\n"
             "X_train, X_test, y_train, y_test = split_data(limpo, 'cancelou', seed=42)\n"
             "previsto = [regra(r, m) for r, m in zip(X_test['reclamacoes_12m'],\n"
             "                                        X_test['meses_de_contrato'])]\n"
             "resposta_6 = {'revocacao': recall_score(y_test, previsto, pos_label='Sim'),\n"
             "              'precisao': precision_score(y_test, previsto, pos_label='Sim'),\n"
             "              'melhor': 'modelo'}",
    expects=dict,
    diagnoses=[(lambda d: _perto("revocacao")({"revocacao": d["precisao"]})
                and _perto("precisao")({"precisao": d["revocacao"]}),
                "A revocação e a precisão estão trocadas: revocação é sobre os que cancelaram; "
                "precisão, sobre os alertas."),
               (lambda d: _perto("revocacao", "treino")(d),
                "Essas contas são do conjunto de treino; use X_test e y_test.")],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6]
