"""Exercícios da seção "Implantação do modelo"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    ChainedChecks,
    FunctionCases,
    MultipleChoice,
    as_float,
    as_set,
    close,
)
from mlops_lab.predict import PREDICTION_COLUMN, probability_classes, probability_column

__all__ = [
    "SEMENTE", "FLUXO", "INICIO_DERIVA", "CUSTO_ALARME_FALSO", "CUSTO_LOTE_SEM_ALERTA", "LIMIARES",
    "q1", "q2", "q3", "COLUNAS_PREVISAO", "q4", "q5", "q6", "q7", "q8", "QUESTIONS",
]

SEMENTE = 7  # a demonstração usa 42
FLUXO = {"rate": 20_000, "rows": 6_000, "batch_size": 500, "drift_at": 0.1}
INICIO_DERIVA = int(FLUXO["rate"] * FLUXO["drift_at"])  # cliente 2.000
CUSTO_ALARME_FALSO = 2_000
CUSTO_LOTE_SEM_ALERTA = 500
LIMIARES = (0.05, 0.10, 0.20, 0.25, 0.30)


@lru_cache(maxsize=1)
def _referencia():
    """Roda o que os exercícios 1, 7 e 8 pedem, numa pasta temporária própria."""
    import json
    import tempfile
    from pathlib import Path

    import pandas as pd

    from mlops_lab.pipeline import run_pipeline
    from mlops_lab.stream import run_stream

    with tempfile.TemporaryDirectory(prefix="referencia-03-3-") as temporaria:
        pasta = Path(temporaria)
        execucao = run_pipeline(out=pasta / "modelo", algorithms=["logistic_regression"],
                                seed=SEMENTE, plots=False, progress=False)
        metadados = json.loads((execucao.out / "metadata.json").read_text(encoding="utf-8"))
        fluxo = run_stream(execucao.out, source="simulated", out=pasta / "monitor",
                           progress=False, **FLUXO)
        lotes = pd.read_csv(pasta / "monitor" / "batches.csv")
        return {"metadados": metadados, "alertas": fluxo.alerts,
                "lotes": lotes[["lote", "linhas_acumuladas", "psi_max"]].copy()}


def _custos():
    lotes = _referencia()["lotes"]
    antes = lotes["linhas_acumuladas"] <= INICIO_DERIVA
    custos = {}
    for limiar in LIMIARES:
        alerta = lotes["psi_max"] > limiar
        custos[limiar] = int(CUSTO_ALARME_FALSO * (alerta & antes).sum()
                             + CUSTO_LOTE_SEM_ALERTA * (~alerta & ~antes).sum())
    return custos


@lru_cache(maxsize=1)
def _divisao():
    """A divisão treino/teste dos exercícios (semente 7)."""
    from mlops_lab.train import split_data

    return split_data(_data.clean(), "cancelou", seed=SEMENTE)


# ----- q1 ------------------------------------------------------------------------

def _algoritmo(m):
    if m.get("algorithm") == "logistic_regression":
        return True
    return (f"o algoritmo registrado é {m.get('algorithm')!r}: rode só a regressão logística "
            "(algorithms=['logistic_regression'])")


def _semente(m):
    if m.get("seed") == SEMENTE:
        return True
    if m.get("seed") == 42:
        return "a semente é 42, a da demonstração: o exercício pede seed=7"
    return f"a semente registrada é {m.get('seed')!r}; o exercício pede seed=7"


def _mesmos_dados(m):
    from mlops_lab.data import example_path, file_hash

    return m["data"]["file_sha256"] == file_hash(example_path())


def _mesmo_treino(m):
    ref = _referencia()["metadados"]
    return m["params"] == ref["params"] and close(m["metrics"]["f1"], ref["metrics"]["f1"], 1e-6)


q1 = ChainedChecks(
    "q1", "resposta_1",
    "Rode `run_pipeline` só com a regressão logística, semente 7, sem gráficos, numa pasta "
    "dentro de `pasta_trabalho`, e guarde os metadados do modelo (o dicionário lido de "
    "`metadata.json`).",
    checks=[
        (_algoritmo, "o algoritmo é a regressão logística", "falta o algoritmo nos metadados"),
        (_semente, "a semente é 7", "falta a semente nos metadados"),
        (_mesmos_dados, "o hash dos dados é o do arquivo do curso",
         "o hash em data.file_sha256 não é o do arquivo do curso: treine com os dados "
         "embutidos (sem trocar o arquivo)"),
        (_mesmo_treino, "hiperparâmetros e F1 batem com os de uma execução de referência",
         "os hiperparâmetros ou o F1 não batem com os de uma execução com os mesmos "
         "parâmetros: guarde os metadados da pasta que você acabou de gerar"),
    ],
    hints=["O pipeline completo grava uma pasta de artefatos; um dos arquivos é a "
           "\"certidão de nascimento\" do modelo.",
           "Os parâmetros de `run_pipeline` que importam aqui são `out`, `algorithms`, "
           "`seed`, `plots` e `progress`.",
           "Leia o arquivo com `json.loads(caminho.read_text(encoding='utf-8'))` (ou pegue o "
           "segundo valor de `load_model`)."],
    solution="execucao_ex = run_pipeline(out=pasta_trabalho / 'modelo', "
             "algorithms=['logistic_regression'], seed=7, plots=False, progress=False)\n"
             "resposta_1 = json.loads((execucao_ex.out / 'metadata.json').read_text("
             "encoding='utf-8'))",
    expects=dict,
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Um colega manda um arquivo `model.pkl` pelo chat e pede que você o carregue no servidor "
    "de previsões. O que fazer?",
    {"a": "Carregar com `pickle`: se o antivírus não reclamar, o arquivo é seguro.",
     "b": "Carregar com `pickle` numa máquina de testes e, se as previsões parecerem boas, "
          "levar para a produção.",
     "c": "Tratar o arquivo como um programa: só carregar se você confia em quem o criou; de "
          "preferência, pedir o modelo em skops e conferir os tipos com `untrusted_types`.",
     "d": "Converter o arquivo para skops com um programa on-line antes de abrir."},
    "c",
    "Abrir um pickle pode executar qualquer código escolhido pelo autor do arquivo. O skops "
    "só reconstrói tipos declarados confiáveis, e `untrusted_types` mostra o resto antes de "
    "abrir.",
    hints=["O que o pickle faz, por dentro, para reconstruir um objeto?"],
    why_wrong={"a": "Antivírus procura programas conhecidos; um pickle malicioso é feito sob "
                    "medida e executa código ao ser aberto.",
               "b": "O código malicioso roda no momento em que o arquivo é aberto: a máquina "
                    "de testes já fica comprometida, e previsões boas não provam nada.",
               "d": "Para converter, o programa precisa abrir o pickle, e abrir já executa o "
                    "código; além disso, você entregaria o modelo a terceiros."},
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `psi(esperado, observado)`: recebe duas listas de proporções por faixa e devolve "
    "o PSI, a soma de `(obs - esp) * ln(obs / esp)`.",
    cases=[(([0.5, 0.5], [0.5, 0.5]), 0.0, "distribuições iguais dão PSI zero"),
           (([0.5, 0.5], [0.7, 0.3]), 0.1694596, "deslocamento moderado"),
           (([0.25, 0.25, 0.5], [0.1, 0.3, 0.6]), 0.1647918, "três faixas"),
           (([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]), 0.9128696,
            "quatro faixas, distribuição invertida")],
    hints=["O PSI soma uma parcela por faixa; cada parcela usa a proporção esperada e a "
           "observada da mesma faixa.",
           "Para andar pelas duas listas ao mesmo tempo, use `zip`.",
           "O logaritmo natural é `math.log` (não `math.log10`)."],
    solution="import math\n"
             "def psi(esperado, observado):\n"
             "    return sum((o - e) * math.log(o / e) for e, o in zip(esperado, observado))\n"
             "resposta_3 = psi",
    rel_tol=1e-5,
)


# ----- q4 ------------------------------------------------------------------------

COLUNAS_PREVISAO = [PREDICTION_COLUMN, probability_column("Não"), probability_column("Sim")]


def _linhas_certas(d):
    import pandas as pd

    if not isinstance(d, pd.DataFrame):
        return (f"esperava a tabela (DataFrame) de atributos e previsões; recebi "
                f"{type(d).__name__}")
    X_test = _divisao()[1]
    esperado = list(X_test.head(5).index)
    obtido = list(d.index)
    if obtido == esperado:
        return True
    X_train = _divisao()[0]
    if obtido == list(X_test.tail(5).index):
        return "são as 5 últimas linhas do teste (tail): use as 5 primeiras (head)"
    if obtido == list(X_train.head(5).index):
        return "são linhas do treino: o exercício pede as 5 primeiras do teste (X_test)"
    if obtido == list(_data.split()[1].head(5).index):
        return "são as 5 primeiras linhas do teste da semente 42: divida com seed=7"
    return (f"as linhas (índice {obtido[:5]}) não são as 5 primeiras do teste: use "
            "X_test.head(5), com X_test de split_data(..., seed=7)")


def _colunas_certas(d):
    X_test = _divisao()[1]
    colunas = list(d.columns)
    if "cancelou" in colunas:
        return "a tabela tem a coluna cancelou: o rótulo não vai para a previsão (use X_test)"
    esperado = list(X_test.columns) + COLUNAS_PREVISAO
    if set(colunas) == set(esperado):
        return True
    faltam = [c for c in esperado if c not in colunas]
    sobram = [c for c in colunas if c not in esperado]
    return (f"colunas que faltam: {faltam}; que sobram: {sobram}. Junte os atributos e as "
            "previsões lado a lado: pd.concat([...], axis=1)")


def _atributos_iguais(d):
    import pandas as pd

    X = _divisao()[1].head(5)
    try:
        pd.testing.assert_frame_equal(d[list(X.columns)], X, check_dtype=False)
    except AssertionError:
        return "os atributos não são os dos clientes de X_test.head(5), sem alteração"
    return True


def _previsoes_coerentes(d):
    colunas = probability_classes(COLUNAS_PREVISAO)
    probs = d[list(colunas)].astype(float)
    if not ((probs.sum(axis=1) - 1).abs() < 1e-4).all():
        return " + ".join(colunas) + " deveria dar 1 em cada linha"
    maior = probs.idxmax(axis=1).map(colunas)
    return bool((maior == d[PREDICTION_COLUMN]).all()) or (
        "a previsão de alguma linha não é a classe de maior probabilidade")


q4 = ChainedChecks(
    "q4", "resposta_4",
    "Carregue o modelo do exercício 1 com `load_model`, faça as previsões para os 5 primeiros "
    "clientes do teste (`X_test`, dividido com `seed=7`) e guarde uma tabela com os "
    "atributos desses clientes e, lado a lado, a previsão e as probabilidades.",
    checks=[
        (_linhas_certas, "são os 5 primeiros clientes do teste", "linhas erradas"),
        (_colunas_certas, "atributos e previsões lado a lado, sem o rótulo",
         "colunas erradas"),
        (_atributos_iguais, "os atributos são os dos clientes, sem alteração",
         "atributos alterados"),
        (_previsoes_coerentes, "as probabilidades somam 1 e a previsão é a classe mais "
         "provável", "previsões incoerentes"),
    ],
    hints=["Em produção, o modelo é carregado da pasta de artefatos, e as previsões saem de "
           "uma função que confere o esquema antes.",
           "`load_model` devolve dois valores, o modelo e os metadados; `predict` recebe os "
           "dois e a tabela de clientes.",
           "Para juntar duas tabelas com o mesmo índice lado a lado, `pd.concat` com "
           "`axis=1`."],
    solution="modelo_ex, metadados_ex = load_model(execucao_ex.out)\n"
             "clientes = X_test.head(5)\n"
             "resposta_4 = pd.concat([clientes, predict(modelo_ex, metadados_ex, clientes)], "
             "axis=1)",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "Uma loja quer a nota de risco de cada cliente no momento em que ele liga para a central. "
    "Que forma de implantação combina com isso?",
    {"a": "Um serviço online (HTTP), chamado a cada ligação.",
     "b": "Um lote noturno que pontua toda a base e grava os resultados numa tabela para o "
          "dia seguinte.",
     "c": "Retreinar o modelo a cada ligação, com os dados do cliente que ligou.",
     "d": "Microlotes a cada hora, com os clientes que ligaram na hora anterior."},
    "a",
    "A resposta é necessária durante a ligação, um cliente por vez: é o caso do serviço "
    "online. Lotes e microlotes servem quando a decisão pode esperar.",
    hints=["Quando a resposta precisa estar pronta, e para quantos clientes por vez?"],
    why_wrong={"b": "A nota de ontem não conhece o que mudou hoje (uma reclamação feita de "
                    "manhã, por exemplo), e clientes novos nem estariam na tabela.",
               "c": "Retreinar não é servir previsões: seria caro, lento e instável.",
               "d": "O cliente já desligou quando o microlote da hora seguinte roda."},
)

q6 = MultipleChoice(
    "q6", "resposta_6",
    "O monitor alertou drift grande em `valor_mensal` e `reclamacoes_12m`, e a acurácia da "
    "janela caiu. Qual é o caminho certo?",
    {"a": "Subir o limiar do alerta para 0,5 e acompanhar por mais uma semana antes de mexer "
          "no modelo, para não reagir a ruído.",
     "b": "Retreinar com os dados recentes rotulados e comparar o candidato com o modelo no "
          "ar num período que nenhum dos dois viu; promover só se ele ganhar, guardando a "
          "versão anterior.",
     "c": "Retreinar com os dados recentes e pôr o candidato no ar na hora, porque um "
          "modelo treinado com dados novos é sempre melhor que o antigo.",
     "d": "Descartar as linhas com `valor_mensal` e `reclamacoes_12m` fora da faixa do "
          "treino antes de prever, para que o modelo só veja dados que conhece."},
    "b",
    "O alerta pede investigação e, confirmada a mudança, um candidato novo. Só a comparação "
    "num período novo diz se ele é melhor, e a versão anterior guardada permite voltar atrás.",
    hints=["O que garante que o modelo novo é de fato melhor que o atual?"],
    why_wrong={"a": "A acurácia já caiu: o drift é real, e silenciar o alarme deixa o modelo "
                    "errando mais por mais tempo.",
               "c": "Sem comparação, um candidato pior (poucos dados, rótulos com defeito) "
                    "iria para o ar sem ninguém perceber.",
               "d": "Os clientes continuariam chegando e ficariam sem previsão; esconder a "
                    "mudança não a desfaz."},
)


# ----- q7 ------------------------------------------------------------------------

def _lista_de_alertas(a):
    itens = list(a) if isinstance(a, (list, tuple)) else None
    if not itens:
        return ("nenhum alerta na sequência: confira drift_at=0.1 e rate=20_000 (o drift "
                "começa no cliente rate × drift_at)")
    if not all(isinstance(x, dict) and {"lote", "linhas", "atributos"} <= set(x)
               for x in itens):
        return "guarde `resultado.alerts`, a sequência de dicionários de alerta"
    return True


def _primeiro_alerta(a):
    esperado = _referencia()["alertas"][0]
    obtido = list(a)[0]
    if obtido["linhas"] == esperado["linhas"]:
        return True
    if obtido["linhas"] % FLUXO["batch_size"]:
        return (f"o primeiro alerta veio depois de {obtido['linhas']} clientes, que não é "
                "múltiplo de 500: use batch_size=500 (400 é o da demonstração)")
    if obtido["linhas"] <= INICIO_DERIVA:
        return ("o alerta veio antes do drift (cliente 2.000): é alarme falso; confira os "
                "parâmetros")
    return (f"o primeiro alerta veio depois de {obtido['linhas']} clientes, não de "
            f"{esperado['linhas']}: use drift_at=0.1 (0.2 é o da demonstração)")


def _atributos(a):
    esperado = set(_referencia()["alertas"][0]["atributos"])
    obtido = as_set(list(a)[0]["atributos"])
    return obtido == esperado or (
        f"o alerta apontou {sorted(obtido or [])}, e não {sorted(esperado)}: use o modelo do "
        "exercício 1 (semente 7)")


q7 = ChainedChecks(
    "q7", "resposta_7",
    "Rode `run_stream` no modelo do exercício 1 com a fonte simulada, `rate=20_000`, "
    "`rows=6_000`, `batch_size=500` e `drift_at=0.1` (o drift começa no cliente 2.000), "
    "numa pasta nova dentro de `pasta_trabalho`, e guarde os alertas (`.alerts`).",
    checks=[
        (_lista_de_alertas, "é a sequência de alertas do monitor", "sem alertas"),
        (_primeiro_alerta, "o primeiro alerta veio no lote esperado", "alerta no lote errado"),
        (_atributos, "os atributos do alerta são os esperados", "atributos diferentes"),
    ],
    hints=["O monitor do pacote recebe a pasta do modelo, a fonte dos dados e a pasta onde "
           "grava os resultados.",
           "Os parâmetros pedidos são argumentos de `run_stream` com os mesmos nomes; "
           "`progress=False` esconde a barra.",
           "O resultado tem o atributo `alerts`."],
    solution="fluxo_ex = run_stream(execucao_ex.out, source='simulated', "
             "out=pasta_trabalho / 'monitor', rate=20_000, rows=6_000, batch_size=500, "
             "drift_at=0.1, progress=False)\n"
             "resposta_7 = fluxo_ex.alerts",
    expects=(list, tuple),
)


# ----- q8 ------------------------------------------------------------------------

def _chave(k):
    return round(as_float(k), 4) if as_float(k) is not None else k


def _tem_custos(r):
    custos = r.get("custos")
    if not isinstance(custos, dict):
        return "falta a chave 'custos', um dicionário limiar -> custo em reais"
    chaves = {_chave(k) for k in custos}
    return chaves == set(LIMIARES) or (
        f"os limiares em 'custos' deveriam ser {list(LIMIARES)}; recebi {sorted(custos)}")


def _custos_certos(r):
    esperado = _custos()
    obtido = {_chave(k): v for k, v in r["custos"].items()}
    errados = [k for k in LIMIARES if not close(obtido[k], esperado[k], abs_tol=0.5)]
    if not errados:
        return True
    return (f"o custo de {errados[0]} não confere. Lembre: alarme falso é um lote com "
            f"linhas_acumuladas <= {INICIO_DERIVA} e psi_max acima do limiar; lote sem alerta "
            "é um lote depois disso com psi_max igual ou abaixo do limiar")


def _melhor_limiar(r):
    custos = _custos()
    melhor = min(LIMIARES, key=lambda k: (custos[k], k))
    escolhido = _chave(r.get("limiar"))
    if escolhido == melhor:
        return True
    if escolhido == 0.25:
        return "0,25 é o limiar padrão do monitor, não o de menor custo nestes lotes"
    return f"o limiar {escolhido} não é o de menor custo total"


q8 = ChainedChecks(
    "q8", "resposta_8",
    "Com o `batches.csv` do seu monitoramento (exercício 7), escolha o limiar de PSI. Cada "
    f"alarme falso custa R$ {CUSTO_ALARME_FALSO} (um lote com `linhas_acumuladas` até "
    f"{INICIO_DERIVA} e `psi_max` acima do limiar); cada lote posterior sem alerta custa "
    f"R$ {CUSTO_LOTE_SEM_ALERTA}. Guarde `{{'custos': {{limiar: custo}}, 'limiar': "
    "melhor}` para os limiares 0.05, 0.10, 0.20, 0.25 e 0.30.",
    checks=[
        (_tem_custos, "há um custo para cada limiar", "faltam custos"),
        (_custos_certos, "os custos conferem com os lotes", "custos errados"),
        (_melhor_limiar, "o limiar escolhido é o de menor custo", "limiar errado"),
    ],
    hints=["Para cada limiar, um lote alerta quando `psi_max` passa dele; separe os lotes de "
           "antes e de depois do início do drift.",
           "Com a tabela em `lotes`, `lotes['psi_max'] > limiar` diz quais alertam e "
           f"`lotes['linhas_acumuladas'] <= {INICIO_DERIVA}` quais são de antes.",
           "Conte com `(condicao1 & condicao2).sum()`; o melhor limiar é o de menor custo "
           "(`min` com `key=custos.get`)."],
    solution="lotes = pd.read_csv(pasta_trabalho / 'monitor' / 'batches.csv')\n"
             "antes = lotes['linhas_acumuladas'] <= 2000\n"
             "custos = {}\n"
             "for limiar in [0.05, 0.10, 0.20, 0.25, 0.30]:\n"
             "    alerta = lotes['psi_max'] > limiar\n"
             "    custos[limiar] = int(2000 * (alerta & antes).sum()\n"
             "                         + 500 * (~alerta & ~antes).sum())\n"
             "resposta_8 = {'custos': custos, 'limiar': min(custos, key=custos.get)}",
    expects=dict,
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8]
