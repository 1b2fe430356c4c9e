"""Exercícios do capítulo "Ferramentas de DataOps"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Na lista de ferramentas de DataOps, que \"Piper\" o curso entende que é o citado, e por quê?",
    {"a": "O Piper da Uber, sistema interno de fluxos de dados baseado no Airflow, que tem "
          "documentação técnica pública.",
     "b": "Uma biblioteca de Python para ler planilhas.",
     "c": "O Piperr, porque é o mais conhecido."},
    "a",
    "Ele aparece ao lado do Genie e do Airflow, deriva do Airflow e é o único dos dois com "
    "documentação pública verificável.",
    hints=["Releia a seção \"Piper: qual deles?\"."],
    why_wrong={"c": "Não encontramos documentação verificável do Piperr."},
)

q2 = FunctionCases(
    "q2", "resposta_2",
    "Escreva o teste de dados `fora_do_intervalo(valores, minimo, maximo)`: quantos valores "
    "ficam fora do intervalo de `minimo` a `maximo`, ignorando os `None`.",
    cases=[(([18, 30, 150, None], 18, 100), 1, "um valor acima do máximo e um ausente"),
           (([0, 7, 40], 18, 100), 2, "dois abaixo do mínimo"),
           (([], 0, 1), 0, "lista vazia"),
           (([None, None], 0, 1), 0, "só ausentes")],
    hints=["Percorra os valores pulando os `None`.",
           "Conte quem tem `v < minimo or v > maximo`."],
    solution="def fora_do_intervalo(valores, minimo, maximo):\n"
             "    return sum(1 for v in valores if v is not None and not minimo <= v <= maximo)\n"
             "resposta_2 = fora_do_intervalo",
)


def _idades_fora():
    idade = _data.raw()["idade"].dropna()
    return int((~idade.between(18, 100)).sum())


q3 = Numeric(
    "q3", "resposta_3",
    "Nos dados brutos, quantas linhas com idade preenchida reprovam no teste "
    "\"idade entre 18 e 100\"?",
    expected=_idades_fora,
    hints=["`df['idade'].dropna()` tira os ausentes.",
           "`between(18, 100)` aceita os limites; negue com `~` e some."],
    solution="resposta_3 = (~df['idade'].dropna().between(18, 100)).sum()",
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "O que é o Genie, da Netflix?",
    {"a": "Um serviço que recebe jobs e os encaminha ao cluster certo (Hadoop, Spark, "
          "Presto) escolhido por etiquetas.",
     "b": "Um painel de métricas de negócio.",
     "c": "Um banco de dados em memória."},
    "a",
    "O Genie é um balcão único de execução: quem envia o job descreve o que precisa por "
    "etiquetas, e o Genie escolhe o cluster, o que permite trocar clusters sem mudar os jobs.",
    hints=["Releia a seção do Genie no capítulo 8."],
)

q5 = FunctionCases(
    "q5", "resposta_5",
    "Orquestradores como o Airflow repetem tarefas que falham, esperando cada vez mais. "
    "Escreva `espera(tentativa, base)`: a espera antes da tentativa número `tentativa` "
    "(1, 2, 3...) é `base * 2 ** (tentativa - 1)` segundos.",
    cases=[((1, 2), 2, "primeira tentativa: a base"),
           ((3, 2), 8, "terceira tentativa: quatro vezes a base"),
           ((4, 0.5), 4.0, "base fracionária")],
    hints=["Em Python, potência é `**`."],
    solution="def espera(tentativa, base):\n    return base * 2 ** (tentativa - 1)\n"
             "resposta_5 = espera",
)



def _qualidade_local():
    from mlops_lab import tools

    return len(tools.comparison(stage="qualidade", runs_locally=True))


q6 = Numeric(
    "q6", "resposta_6",
    "Use o catálogo `mlops_lab.tools`: quantas ferramentas cobrem a etapa de qualidade de "
    "dados (`stage=\"qualidade\"`) **e** rodam localmente no curso (`runs_locally=True`)?",
    expected=_qualidade_local,
    hints=["`tools.comparison(...)` devolve um DataFrame com uma linha por ferramenta.",
           "Passe os dois filtros na mesma chamada e conte as linhas com `len(...)`."],
    solution="from mlops_lab import tools\n"
             "resposta_6 = len(tools.comparison(stage=\"qualidade\", runs_locally=True))",
)

q7 = MultipleChoice(
    "q7", "resposta_7",
    "No DAG do curso (preparar → portão dos dados → treinar → avaliar → portão do modelo → "
    "promover), uma remessa com 70% de clientes cancelados chega. O que o Airflow faz?",
    {"a": "Roda todas as tarefas e só avisa no fim, porque o modelo pode aprender mesmo assim.",
     "b": "A preparação roda, o portão dos dados falha e as tarefas seguintes (treino, "
          "avaliação, portão do modelo e promoção) ficam como `upstream_failed`: nenhum "
          "modelo é treinado com esses dados, e o modelo no ar continua o mesmo.",
     "c": "Repete o portão até os dados passarem."},
    "b",
    "O portão é uma tarefa que falha quando o contrato não é cumprido; o Airflow não roda "
    "as tarefas que dependem dela, e o estado `upstream_failed` registra o motivo.",
    hints=["Releia a seção \"Rodando sem agendador: dag.test()\" do capítulo 8."],
    why_wrong={"c": "Repetir não muda os dados: a remessa continuaria reprovada. Repetições "
                    "servem para falhas passageiras, como uma conexão que caiu."},
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7]
