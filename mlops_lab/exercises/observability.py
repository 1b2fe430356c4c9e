"""Exercícios do capítulo "Observabilidade e escala" (parte Em produção)."""

from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric


def _minutos_995():
    from mlops_lab.slo import error_budget

    return error_budget(0.995, 30)["minutes"]


q1 = Numeric(
    "q1", "resposta_1",
    "Um SLO de disponibilidade de **99,5%** em 30 dias: quantos **minutos** de falha total o "
    "orçamento de erro permite no período? Use `error_budget`.",
    expected=_minutos_995,
    known=[(0.005, "Essa é a fração do orçamento (0,5%); a questão pede minutos."),
           (43.2, "Esses são os minutos de um SLO de 99,9%; a meta aqui é 99,5%."),
           (lambda: _minutos_995() / 60, "Isso está em horas; converta para minutos.")],
    hints=["O orçamento é `1 - objetivo` do período: 0,5% de 30 dias.",
           "`error_budget(0.995, 30)['minutes']`, ou 0,005 × 30 × 24 × 60."],
    solution="resposta_1 = error_budget(0.995, 30)['minutes']",
    unit="minutos",
)

q2 = Numeric(
    "q2", "resposta_2",
    "Que taxa de queima gasta **10%** do orçamento de 30 dias em **1 dia** (a janela longa "
    "de um alerta de chamado)? Use `burn_rate`.",
    expected=lambda: __import__("mlops_lab.slo").slo.burn_rate(0.10, "1d"),
    known=[(0.1, "Essa é a fração do orçamento; a taxa diz quantas vezes mais rápido que o "
                 "normal ela é gasta."),
           (14.4, "Essa é a taxa do alerta de 1 hora (2% do orçamento).")],
    hints=["Taxa 1 gasta o orçamento exatamente em 30 dias; em 1 dia, gastaria 1/30 dele.",
           "`burn_rate(0.10, '1d')`: 0,10 × 30 dias / 1 dia."],
    solution="resposta_2 = burn_rate(0.10, '1d')",
)

q3 = MultipleChoice(
    "q3", "resposta_3",
    "Por que o alerta de taxa de queima exige a janela longa (1 h) **e** a curta (5 min) "
    "acima do limiar?",
    {"a": "A longa mostra que o gasto importa; a curta, que ele continua.",
     "b": "Para o Prometheus gastar menos memória e menos disco com as séries.",
     "c": "Porque a janela curta, sozinha, nunca passaria do limiar da taxa de queima.",
     "d": "Para o alerta disparar duas vezes seguidas, uma por janela, e ninguém do "
          "plantão perder o aviso."},
    "a",
    "Só a longa demora a parar (segue alta por quase uma hora depois da correção); só a curta "
    "dispara a cada oscilação. Juntas, avisam cedo e param cedo.",
    hints=["Pense num pico de erros que já foi corrigido: o que cada janela mostra 10 minutos "
           "depois?"],
    why_wrong={"b": "As janelas custam regras gravadas a mais; a razão é a qualidade do alerta.",
               "c": "A curta dispara fácil demais: qualquer oscilação de 5 minutos passa do "
                    "limiar. Ela sozinha acordaria alguém à toa.",
               "d": "A condição é um 'e': é um alerta só, que exige as duas janelas."},
)


def _texto(*linhas):
    return "\n".join(linhas) + "\n"


_EXEMPLO = _texto(
    '# TYPE mlops_lab_http_requests_total counter',
    'mlops_lab_http_requests_total{method="POST",route="/predict",status="200"} 7.0',
    'mlops_lab_http_requests_total{method="POST",route="/predict",status="422"} 2.0',
    'mlops_lab_http_requests_total{method="GET",route="/health",status="200"} 5.0')

q4 = FunctionCases(
    "q4", "resposta_4",
    "Escreva `contar(texto, rota)`: recebe o texto de `GET /metrics` e devolve o total de "
    "requisições (`mlops_lab_http_requests_total`) daquela rota, somando todos os métodos e "
    "códigos HTTP. Use `text_string_to_metric_families` do `prometheus_client.parser`.",
    cases=[((_EXEMPLO, "/predict"), 9.0, "7 com sucesso e 2 recusadas"),
           ((_EXEMPLO, "/health"), 5.0, "só a rota pedida"),
           ((_EXEMPLO, "/metadata"), 0.0, "rota sem requisições: zero"),
           ((_texto('# TYPE mlops_lab_http_requests_total counter',
                    'mlops_lab_http_requests_total{method="GET",route="/predict",status="405"} '
                    '1.0',
                    '# TYPE outro_total counter',
                    'outro_total{route="/predict"} 100.0'), "/predict"), 1.0,
            "só a métrica de requisições, não outras com o mesmo rótulo")],
    hints=["Cada família tem `.samples`; cada amostra tem `.name`, `.labels` (um dicionário) "
           "e `.value`.",
           "O nome da amostra de um contador termina em `_total`; some `s.value` das amostras "
           "com esse nome e `s.labels['route'] == rota`."],
    solution="from prometheus_client.parser import text_string_to_metric_families\n"
             "def contar(texto, rota):\n"
             "    return sum(s.value for f in text_string_to_metric_families(texto)\n"
             "               for s in f.samples\n"
             "               if s.name == 'mlops_lab_http_requests_total'\n"
             "               and s.labels.get('route') == rota)\n"
             "resposta_4 = contar",
)

QUESTIONS = [q1, q2, q3, q4]
