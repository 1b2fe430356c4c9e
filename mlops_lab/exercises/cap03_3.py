"""Exercícios da seção "Implantação do modelo"."""

import json

from mlops_lab.exercises.core import (
    Artifact,
    Checks,
    FunctionCases,
    MultipleChoice,
    is_dataframe,
)


def _metricas(pasta):
    return json.loads((pasta / "metrics.json").read_text(encoding="utf-8"))


def _metadados(pasta):
    return json.loads((pasta / "metadata.json").read_text(encoding="utf-8"))


q1 = Artifact(
    "q1", "resposta_1",
    "Rode `run_pipeline` (só regressão logística, sem gráficos) numa pasta e guarde o caminho "
    "da pasta.",
    checks=[
        (lambda p: p.is_dir(), "é uma pasta", "o caminho deve ser da pasta de artefatos"),
        (lambda p: "f1" in _metricas(p)["test"], "metrics.json tem as métricas de teste",
         "metrics.json está ausente ou sem a seção 'test'"),
        (lambda p: (p / "model.skops").is_file(), "o modelo foi empacotado em skops",
         "falta model.skops"),
        (lambda p: len(_metadados(p)["data"]["file_sha256"]) == 64,
         "metadata.json registra o hash dos dados", "metadata.json sem o hash dos dados"),
    ],
    hints=["`run_pipeline(out='meus_artefatos', algorithms=['logistic_regression'], "
           "plots=False, progress=False)`."],
    solution="resultado = run_pipeline(out='meus_artefatos', algorithms=['logistic_regression'],"
             " plots=False, progress=False)\nresposta_1 = str(resultado.out)",
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Um colega manda um arquivo `model.pkl` pelo chat. Qual o risco de abri-lo com `pickle`?",
    {"a": "Nenhum, se o antivírus não reclamar.",
     "b": "Abrir um pickle pode executar qualquer código que o autor do arquivo quiser.",
     "c": "O modelo pode ficar mais lento."},
    "b",
    "O formato pickle reconstrói objetos chamando funções arbitrárias: é execução de código. "
    "Por isso o curso usa skops, que só carrega tipos declarados confiáveis.",
    hints=["O que o pickle faz para reconstruir um objeto?"],
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `psi(esperado, observado)`: recebe duas listas de proporções por faixa e devolve "
    "o PSI, a soma de `(obs - esp) * ln(obs / esp)`.",
    cases=[(([0.5, 0.5], [0.5, 0.5]), 0.0, "distribuições iguais dão PSI zero"),
           (([0.5, 0.5], [0.7, 0.3]), 0.1694596, "deslocamento moderado"),
           (([0.25, 0.25, 0.5], [0.1, 0.3, 0.6]), 0.1647918, "três faixas")],
    hints=["Use `math.log` para o logaritmo natural.",
           "Percorra as duas listas juntas com `zip`."],
    solution="import math\n"
             "def psi(esperado, observado):\n"
             "    return sum((o - e) * math.log(o / e) for e, o in zip(esperado, observado))\n"
             "resposta_3 = psi",
    rel_tol=1e-5,
)


q4 = Checks(
    "q4", "resposta_4",
    "Use `predict` (com o modelo carregado por `load_model`) nas 5 primeiras linhas do teste e "
    "guarde a tabela de previsões.",
    checks=[
        (is_dataframe, "é um DataFrame", "a resposta deve ser o DataFrame devolvido por predict"),
        (lambda d: len(d) == 5, "tem 5 linhas", "use só as 5 primeiras linhas (head(5))"),
        (lambda d: "previsao" in d.columns, "tem a coluna previsao", "falta a coluna previsao"),
        (lambda d: ((d.filter(like="prob_").sum(axis=1) - 1).abs() < 1e-4).all(),
         "as probabilidades somam 1", "as colunas prob_ deveriam somar 1 em cada linha"),
    ],
    hints=["`modelo, meta = load_model(pasta)` e depois `predict(modelo, meta, X_test.head(5))`."],
    solution="modelo, meta = load_model(resposta_1)\n"
             "resposta_4 = predict(modelo, meta, X_test.head(5))",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "Uma loja quer a nota de risco de cada cliente no momento em que ele liga para a central. "
    "Que forma de implantação combina com isso?",
    {"a": "Lote noturno, com os resultados numa tabela no dia seguinte.",
     "b": "Serviço online (HTTP), respondendo em milissegundos a cada pedido.",
     "c": "Retreinar o modelo a cada ligação."},
    "b",
    "A resposta é necessária durante a ligação, um cliente por vez: é o caso do serviço "
    "online. O lote serve quando a decisão pode esperar.",
    hints=["Quando a resposta precisa estar pronta?"],
    why_wrong={"a": "O resultado chegaria tarde: a ligação já terminou.",
               "c": "Retreinar não é servir previsões, e seria caro e lento."},
)

MUDARAM = {"valor_mensal", "reclamacoes_12m", "chamados_suporte_90d", "plano", "previsao",
           "prob_Sim"}

q6 = MultipleChoice(
    "q6", "resposta_6",
    "O monitor alertou deriva grande em `valor_mensal` e `reclamacoes_12m`, e a acurácia da "
    "janela caiu. Qual é o caminho certo?",
    {"a": "Subir o limiar do alerta para 0,5, para o alarme parar de tocar.",
     "b": "Retreinar com os dados recentes já rotulados, comparar o candidato com o modelo no "
          "ar num período que nenhum dos dois viu e só então promovê-lo, guardando a versão "
          "anterior.",
     "c": "Retreinar com os dados recentes e pôr o modelo novo no ar na hora, sem comparar."},
    "b",
    "O alerta pede investigação e, confirmada a mudança, um candidato novo. Só a comparação "
    "num período novo diz se ele é melhor, e guardar a versão anterior permite voltar atrás "
    "se algo der errado.",
    hints=["O que garante que o modelo novo é de fato melhor que o atual?"],
    why_wrong={"a": "Silenciar o alarme não muda o mercado: o modelo continua errando mais.",
               "c": "Sem comparação, um candidato pior (dados poucos, rótulos com defeito) "
                    "iria para o ar sem ninguém perceber."},
)

def _is_alert(x) -> bool:
    return isinstance(x, dict) and {"lote", "linhas", "atributos"} <= set(x)


def _alerts(a) -> bool:
    """Uma lista não vazia de alertas do ``run_stream``."""
    return isinstance(a, list) and len(a) > 0 and all(_is_alert(x) for x in a)


q7 = Checks(
    "q7", "resposta_7",
    "Rode `run_stream` no modelo da pasta `resposta_1` com a fonte simulada, `rate=20_000`, "
    "`rows=6_000`, `batch_size=500` e `drift_at=0.1` (a deriva começa no cliente 2.000), "
    "numa pasta nova de monitoramento, e guarde a lista de alertas (`.alerts`).",
    checks=[
        (lambda a: isinstance(a, list) and all(_is_alert(x) for x in a),
         "é a lista de alertas", "guarde `resultado.alerts`, a lista de dicionários"),
        (lambda a: _alerts(a) and len(a) >= 1, "o alerta disparou",
         "nenhum alerta: confira `drift_at=0.1` e `rate=20_000`"),
        (lambda a: _alerts(a) and a[0]["linhas"] > 2000,
         "o primeiro alerta veio depois do início da deriva",
         "um alerta antes do cliente 2.000 seria alarme falso: confira os parâmetros"),
        (lambda a: _alerts(a) and set(a[0]["atributos"]) <= MUDARAM,
         "só alarmaram atributos que de fato mudaram",
         "o alerta apontou atributos que a simulação não muda"),
    ],
    hints=["`from mlops_lab.stream import run_stream`",
           "`run_stream(resposta_1, source='simulated', out=pasta_trabalho / 'monitor', "
           "rate=20_000, rows=6_000, batch_size=500, drift_at=0.1, progress=False)`"],
    solution="from mlops_lab.stream import run_stream\n"
             "resultado = run_stream(resposta_1, source='simulated', "
             "out=pasta_trabalho / 'monitor', rate=20_000, rows=6_000, batch_size=500, "
             "drift_at=0.1, progress=False)\n"
             "resposta_7 = resultado.alerts",
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7]
