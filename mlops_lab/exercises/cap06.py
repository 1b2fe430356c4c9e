"""Exercícios do capítulo "Big Data e Small Data"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import Checks, FunctionCases, MultipleChoice, Numeric, is_dataframe

EVENTOS_SEMENTE = 7
EVENTOS_LINHAS = 20_000


@lru_cache(maxsize=1)
def _tabela_eventos():
    """A tabela por cliente dos eventos das questões 6 e 7 (pandas na memória)."""
    import tempfile
    from pathlib import Path

    from mlops_lab.bigdata import generate_events, run

    with tempfile.TemporaryDirectory() as pasta:
        eventos = generate_events(Path(pasta) / "eventos", EVENTOS_LINHAS,
                                  seed=EVENTOS_SEMENTE)
        return run("pandas", eventos)


def _mesma_tabela(resposta) -> bool:
    import pandas as pd

    from mlops_lab.bigdata import standardize

    try:
        pd.testing.assert_frame_equal(standardize(resposta), _tabela_eventos(), rtol=1e-6)
    except AssertionError:
        return False
    return True

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

q6 = Numeric(
    "q6", "resposta_6",
    "Gere 20.000 eventos com `generate_events(pasta, 20_000, seed=7)` e calcule a tabela por "
    "cliente com qualquer motor (`run`). Quantos clientes passaram da franquia de dados "
    "(`excedente_mb > 0`)?",
    expected=lambda: float((_tabela_eventos()["excedente_mb"] > 0).sum()),
    hints=["`tabela = run('duckdb', pasta)` (ou 'pandas', 'polars'...) devolve um DataFrame.",
           "Compare a coluna com zero e some: `(tabela['excedente_mb'] > 0).sum()`."],
    solution="pasta = generate_events(Path(tempfile.mkdtemp()) / 'eventos', 20_000, seed=7)\n"
             "tabela = run('duckdb', pasta)\n"
             "resposta_6 = (tabela['excedente_mb'] > 0).sum()",
    rel_tol=0, abs_tol=0.1,
)

q7 = Checks(
    "q7", "resposta_7",
    "Com os mesmos eventos da questão 6, leia a pasta com `dd.read_parquet`, aplique "
    "`summarize` e `add_features` (as mesmas funções do pandas) e guarde o DataFrame do pandas "
    "devolvido por `.compute()`.",
    checks=[
        (is_dataframe, "é um DataFrame do pandas",
         "a resposta deve ser um DataFrame do pandas: chame `.compute()` no fim"),
        (lambda r: {"uso_franquia", "excedente_mb"} <= set(r.columns),
         "tem os atributos derivados (uso_franquia, excedente_mb)",
         "faltam os atributos de `add_features`: aplique-a ao resultado de `summarize`"),
        (lambda r: len(r) == len(_tabela_eventos()), "tem uma linha por cliente",
         "o número de linhas não é o de clientes: agrupe com `summarize`, uma vez só"),
        (_mesma_tabela, "é a mesma tabela do pandas na memória",
         "os valores não batem com os do pandas: use seed=7 e 20.000 linhas"),
    ],
    hints=["`eventos_dask = dd.read_parquet(pasta)` lê todas as partes da pasta.",
           "`add_features(summarize(eventos_dask), plans_table()).compute()`"],
    solution="with local_cluster(processes=False) as client:\n"
             "    eventos_dask = dd.read_parquet(pasta)\n"
             "    resposta_7 = add_features(summarize(eventos_dask), plans_table()).compute()",
)

q8 = FunctionCases(
    "q8", "resposta_8",
    "Escreva `media_final(somas, contagens)`: cada pedaço de um arquivo devolveu a soma e a "
    "contagem de uma coluna; devolva a média verdadeira do arquivo inteiro (número decimal).",
    cases=[(([300.0, 20.0], [3, 1]), 80.0, "dois pedaços desiguais"),
           (([10.0], [4]), 2.5, "um pedaço só"),
           (([0.0, 50.0, 50.0], [0, 5, 5]), 10.0, "um pedaço vazio")],
    hints=["Não tire a média das médias: some as somas e some as contagens.",
           "`sum(somas) / sum(contagens)`"],
    solution="def media_final(somas, contagens):\n"
             "    return sum(somas) / sum(contagens)\n"
             "resposta_8 = media_final",
)

q9 = MultipleChoice(
    "q9", "resposta_9",
    "No benchmark do capítulo, com 10 mil eventos, o Dask foi o motor mais lento e o que "
    "mais usou memória. Por quê?",
    {"a": "O Dask calcula errado quando há poucos dados.",
     "b": "Subir o cluster, agendar tarefas e trocar dados entre processos custa um valor fixo "
          "que, com dados pequenos, é maior que o próprio cálculo.",
     "c": "O Dask não usa o pandas por baixo."},
    "b",
    "O custo fixo da distribuição só se paga quando os dados são grandes demais para uma "
    "máquina; com 10 mil linhas, o pandas sozinho termina antes de o cluster começar.",
    hints=["Compare o tempo para subir o cluster com o tempo do cálculo no pandas."],
    why_wrong={"a": "Os cinco motores deram exatamente a mesma tabela.",
               "c": "Cada partição de um DataFrame do Dask é um DataFrame do pandas."},
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9]
