"""Exercícios do capítulo "Big Data e Small Data"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

q1 = MultipleChoice(
    "q1", "resposta_1",
    "A Receita recebe milhões de notas fiscais por hora, em XML, PDF e imagens. Quais dos "
    "três Vs aparecem?",
    {"a": "Só volume.", "b": "Volume e velocidade.", "c": "Volume, velocidade e variedade."},
    "c",
    "Milhões (volume), por hora (velocidade), em formatos diferentes (variedade).",
    hints=["Há mais de um formato de arquivo?"],
)

q2 = Numeric(
    "q2", "resposta_2",
    "Quantos megabytes (MB = 10**6 bytes) os dados brutos ocupam na memória, medindo com "
    "`memory_usage(deep=True)`?",
    expected=lambda: float(_data.raw().memory_usage(deep=True).sum() / 1e6),
    hints=["`df.memory_usage(deep=True)` dá os bytes por coluna; some e divida por 10**6."],
    solution="resposta_2 = df.memory_usage(deep=True).sum() / 1e6",
    rel_tol=0.02,
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `linhas_que_cabem(memoria_gb, bytes_por_linha, fator)`: quantas linhas cabem na "
    "memória se o pandas precisa de `fator` vezes o tamanho dos dados (número inteiro, "
    "arredondado para baixo; 1 GB = 10**9 bytes).",
    cases=[((8, 100, 5), 16_000_000, "8 GB, 100 bytes por linha, fator 5"),
           ((16, 250, 4), 16_000_000, "16 GB, 250 bytes, fator 4"),
           ((1, 3, 3), 111_111_111, "arredonda para baixo")],
    hints=["Divida a memória em bytes pelo custo de cada linha (bytes_por_linha * fator).",
           "Use `//` ou `int()` para arredondar para baixo."],
    solution="def linhas_que_cabem(memoria_gb, bytes_por_linha, fator):\n"
             "    return int(memoria_gb * 10**9 // (bytes_por_linha * fator))\n"
             "resposta_3 = linhas_que_cabem",
)

q4 = Numeric(
    "q4", "resposta_4",
    "Leia o arquivo embutido em pedaços de 1.000 linhas (`read_csv` com `chunksize`, "
    "`sep=';'` e `decimal=','`) e some a coluna `minutos_chamadas` de todos os pedaços.",
    expected=lambda: float(_data.raw()["minutos_chamadas"].sum()),
    hints=["`for pedaco in pd.read_csv(caminho, sep=';', decimal=',', chunksize=1000):`",
           "Acumule `pedaco['minutos_chamadas'].sum()` numa variável."],
    solution="total = 0\nfor pedaco in pd.read_csv(example_path(), sep=';', decimal=',', "
             "chunksize=1000):\n    total += pedaco['minutos_chamadas'].sum()\n"
             "resposta_4 = total",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "Uma tabela de 2 GB precisa de um relatório por mês. O notebook tem 16 GB de RAM. O que "
    "fazer primeiro?",
    {"a": "Montar um cluster Spark.",
     "b": "Usar pandas com tipos enxutos, Parquet ou leitura em pedaços, numa máquina só.",
     "c": "Desistir: é big data."},
    "b",
    "Cabe numa máquina com folga, se os tipos forem enxutos. Um cluster traria custo e "
    "complexidade sem necessidade.",
    hints=["Quantas vezes 2 GB cabem em 16 GB?"],
    why_wrong={"a": "Cluster é para quando uma máquina não dá conta; aqui dá.",
               "c": "2 GB é pequeno para uma máquina moderna."},
)

QUESTIONS = [q1, q2, q3, q4, q5]
