"""Exercícios da seção "Preparação dos dados"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    Artifact,
    Checks,
    FunctionCases,
    MultipleChoice,
    Numeric,
    is_dataframe,
)

q1 = Numeric(
    "q1", "resposta_1",
    "Quantas linhas duplicadas (idênticas a uma linha anterior) há nos dados brutos?",
    expected=lambda: int(_data.raw().duplicated().sum()),
    hints=["O pandas tem um método que marca as linhas repetidas.",
           "`df.duplicated()` devolve True para cada repetição; some com `.sum()`."],
    solution="resposta_1 = df.duplicated().sum()",
)


q2 = Checks(
    "q2", "resposta_2",
    "Crie uma tabela sem linhas duplicadas e sem linhas com o rótulo 'cancelou' vazio.",
    checks=[
        (is_dataframe, "é um DataFrame", "a resposta deve ser um DataFrame"),
        (lambda d: not d.duplicated().any(), "não tem duplicatas", "ainda há linhas duplicadas"),
        (lambda d: d["cancelou"].notna().all(), "todas as linhas têm rótulo",
         "ainda há linhas com 'cancelou' vazio"),
        (lambda d: len(d) == len(_data.clean()), "tem o número certo de linhas",
         "o número de linhas não bate: remova só duplicatas e rótulos vazios"),
    ],
    hints=["Encadeie `drop_duplicates()` e `dropna(subset=[...])`.",
           "Ou use `clean_table(df, 'cancelou')`, que faz as duas coisas."],
    solution="resposta_2 = df.drop_duplicates().dropna(subset=['cancelou'])",
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `chave(texto)` que deixa o texto em minúsculas, sem acentos, sem espaços nas "
    "pontas e com hífens trocados por espaço (como `normalize_key`).",
    cases=[(("  Pós-Pago ",), "pos pago", "acentos, hífen e espaços"),
           (("CARTÃO de crédito",), "cartao de credito", "maiúsculas e acentos"),
           (("Pix",), "pix", "só minúsculas"),
           (("Débito-Automático",), "debito automatico", "dois acentos e hífen")],
    hints=["`unicodedata.normalize('NFKD', texto)` separa a letra do acento.",
           "Depois descarte os caracteres em que `unicodedata.combining(c)` é verdadeiro."],
    solution="import unicodedata\n"
             "def chave(texto):\n"
             "    t = unicodedata.normalize('NFKD', texto)\n"
             "    t = ''.join(c for c in t if not unicodedata.combining(c))\n"
             "    return ' '.join(t.lower().replace('-', ' ').split())\n"
             "resposta_3 = chave",
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Por que a normalização (média e desvio) deve ser aprendida só com os dados de treino?",
    {"a": "Porque é mais rápido calcular a média de menos linhas.",
     "b": "Porque usar o teste no ajuste vaza informação dele para o modelo e infla a "
          "avaliação.",
     "c": "Porque o scikit-learn não aceita normalizar o teste."},
    "b",
    "O teste simula dados futuros: nada dele pode influenciar o treino, nem a escala. É o "
    "vazamento de dados.",
    hints=["Pense no que o conjunto de teste representa."],
    why_wrong={"a": "A velocidade não é o motivo.",
               "c": "O scikit-learn transforma o teste, sim: com a escala aprendida no treino."},
)


def _parquet_ok(caminho):
    import pandas as pd

    return len(pd.read_parquet(caminho)) == len(_data.clean())


def _tipos_ok(caminho):
    import pandas as pd

    return pd.api.types.is_float_dtype(pd.read_parquet(caminho)["valor_mensal"])


q5 = Artifact(
    "q5", "resposta_5",
    "Grave os dados limpos em Parquet com `to_parquet` e guarde o caminho do arquivo.",
    checks=[
        (lambda p: p.suffix == ".parquet", "a extensão é .parquet", "use a extensão .parquet"),
        (_parquet_ok, "o arquivo tem as linhas dos dados limpos",
         "o arquivo não tem as linhas dos dados limpos (use a saída de clean_table)"),
        (_tipos_ok, "valor_mensal continua numérico", "valor_mensal não está como número"),
    ],
    hints=["`to_parquet(limpo, 'clientes.parquet')` devolve o caminho."],
    solution="resposta_5 = str(to_parquet(limpo, 'clientes_limpos.parquet'))",
)

QUESTIONS = [q1, q2, q3, q4, q5]
