"""Exercícios do capítulo "Big Data e Small Data"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    ChainedChecks,
    FunctionCases,
    MultipleChoice,
    Numeric,
    as_float,
    close,
)

__all__ = [
    "EVENTOS_SEMENTE", "EVENTOS_LINHAS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9",
    "MEMORIA_GB", "FATOR", "CLIENTES", "q10", "QUESTIONS",
]

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



def _bytes_por_linha():
    bruto = _data.raw()
    return float(bruto.memory_usage(deep=True).sum() / len(bruto))


q1 = MultipleChoice(
    "q1", "resposta_1",
    "A Receita recebe milhões de notas fiscais por hora, em XML, PDF e imagens. Quais dos "
    "três Vs aparecem?",
    {"a": "Só volume: milhões de notas é muito, mas chegar a cada hora é o ritmo normal de "
          "qualquer sistema.",
     "b": "Volume, velocidade e variedade.",
     "c": "Volume e velocidade; XML, PDF e imagem são só formatos de arquivo, não variedade.",
     "d": "Só variedade: volume e velocidade dependem da máquina que processa."},
    "b",
    "Milhões (volume), por hora (velocidade), em formatos diferentes (variedade).",
    hints=["Conte quantos formatos de dado chegam e em que ritmo."],
    why_wrong={"a": "Milhões por hora é um fluxo contínuo e rápido: velocidade.",
               "c": "Variedade é justamente dados em formatos e estruturas diferentes; "
                    "imagens e PDFs pedem outro tratamento que o XML.",
               "d": "Volume e velocidade são propriedades dos dados (quanto e com que "
                    "ritmo chegam), não da máquina."},
)

q2 = Numeric(
    "q2", "resposta_2",
    "Quantos bytes, em média, cada linha dos dados brutos ocupa na memória? Meça com "
    "`memory_usage(deep=True)` (índice incluído) e divida pelo número de linhas.",
    expected=_bytes_por_linha,
    known=[(lambda: float(_data.raw().memory_usage(deep=True).sum()),
            "Esse é o total da tabela; divida pelo número de linhas.")],
    unit="bytes por linha",
    hints=["Primeiro o total de bytes da tabela, depois a divisão pelo número de linhas.",
           "`df.memory_usage(deep=True)` dá os bytes por coluna; some com `.sum()` e divida "
           "por `len(df)`."],
    solution="resposta_2 = df.memory_usage(deep=True).sum() / len(df)",
    rel_tol=0.02,
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `linhas_que_cabem(memoria_gb, bytes_por_linha, fator)`: quantas linhas cabem na "
    "memória se o pandas precisa de `fator` vezes o tamanho dos dados (número inteiro, "
    "arredondado para baixo; 1 GB = 10**9 bytes).",
    cases=[((8, 100, 5), 16_000_000, "8 GB, 100 bytes por linha, fator 5"),
           ((16, 250, 4), 16_000_000, "16 GB, 250 bytes, fator 4"),
           ((1, 3, 3), 111_111_111, "arredonda para baixo"),
           ((2, 172, 3), 3_875_968, "2 GB, 172 bytes, fator 3")],
    hints=["A memória disponível dividida pelo custo de uma linha (os bytes dela vezes o "
           "fator).",
           "1 GB aqui é 10**9 bytes, não 2**30; para arredondar para baixo, use `//` ou "
           "`int()`."],
    solution="def linhas_que_cabem(memoria_gb, bytes_por_linha, fator):\n"
             "    return int(memoria_gb * 10**9 // (bytes_por_linha * fator))\n"
             "resposta_3 = linhas_que_cabem",
    rel_tol=0,
)

q4 = Numeric(
    "q4", "resposta_4",
    "Leia o arquivo embutido em pedaços de 1.000 linhas (`read_csv` com `chunksize`, "
    "`sep=';'` e `decimal=','`) e some a coluna `minutos_chamadas` de todos os pedaços.",
    expected=lambda: float(_data.raw()["minutos_chamadas"].sum()),
    known=[(lambda: float(_data.raw()["minutos_chamadas"].head(1000).sum()),
            "Essa é a soma só do primeiro pedaço: acumule a soma de todos."),
           (lambda: float(_data.raw()["minutos_chamadas"].iloc[6000:].sum()),
            "Essa é a soma só do último pedaço: some os pedaços num acumulador que começa "
            "em zero antes do laço.")],
    hints=["Com `chunksize`, o `read_csv` devolve um iterador de pedaços (DataFrames) em vez "
           "de uma tabela.",
           "Percorra os pedaços com `for` e acumule a soma da coluna numa variável que começa "
           "em zero."],
    solution="total = 0\nfor pedaco in pd.read_csv(example_path(), sep=';', decimal=',', "
             "chunksize=1000):\n    total += pedaco['minutos_chamadas'].sum()\n"
             "resposta_4 = total",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "Uma tabela de 2 GB precisa de um relatório por mês. O notebook tem 16 GB de RAM. O que "
    "fazer primeiro?",
    {"a": "Montar um cluster Spark, porque tabelas de gigabytes já são big data e o "
          "relatório vai crescer.",
     "b": "Migrar a tabela para um data lake na nuvem antes de qualquer análise.",
     "c": "Pandas numa máquina só, com tipos enxutos.",
     "d": "Ler com o Dask em modo distribuído, mesmo numa máquina, para já ficar pronto para "
          "escalar."},
    "c",
    "Cabe numa máquina com folga, se os tipos forem enxutos (e, se preciso, Parquet ou "
    "leitura em pedaços). Um cluster traria custo e complexidade sem necessidade.",
    hints=["Quantas vezes 2 GB cabem em 16 GB, com a folga que o pandas precisa?"],
    why_wrong={"a": "Cluster é para quando uma máquina não dá conta; aqui dá, e o custo fixo "
                    "do cluster é pago em todo relatório.",
               "b": "Mudar o armazenamento não resolve nem acelera um relatório que já cabe "
                    "na memória.",
               "d": "O Dask tem custo fixo de agendamento (o notebook mostrou que ele é o "
                    "mais lento com dados pequenos); não compensa aqui."},
)

q6 = Numeric(
    "q6", "resposta_6",
    "Gere 20.000 eventos com `generate_events(pasta, 20_000, seed=7)` e calcule a tabela por "
    "cliente com qualquer motor (`run`). Quantos clientes passaram da franquia de dados "
    "(`excedente_mb > 0`)?",
    expected=lambda: float((_tabela_eventos()["excedente_mb"] > 0).sum()),
    hints=["Primeiro os eventos em disco, depois a tabela por cliente com um dos motores; a "
           "pergunta é uma contagem de clientes.",
           "`run(motor, pasta)` devolve um DataFrame; compare `excedente_mb` com zero e some "
           "os `True`."],
    solution="eventos_ex = generate_events(pasta_trabalho / 'eventos', 20_000, seed=7)\n"
             "tabela = run('duckdb', eventos_ex)\n"
             "resposta_6 = (tabela['excedente_mb'] > 0).sum()",
    integer=True,
    known=[(lambda: float((_tabela_eventos()["excedente_mb"] >= 0).sum()),
            "Essa contagem inclui quem ficou exatamente na franquia: use `> 0`."),
           (lambda: float(len(_tabela_eventos())),
            "Esse é o total de clientes: conte só os que passaram da franquia.")],
    rel_tol=0, abs_tol=0.1,
)

def _tabela_com_atributos(r):
    import pandas as pd

    if not isinstance(r, pd.DataFrame):
        return ("a resposta deve ser um DataFrame do pandas: chame `.compute()` no fim "
                f"(recebi {type(r).__name__})")
    faltam = {"uso_franquia", "excedente_mb"} - set(r.columns)
    return not faltam or (f"faltam os atributos de `add_features` ({sorted(faltam)}): "
                          "aplique-a ao resultado de `summarize`")


def _uma_linha_por_cliente(r):
    return len(r) == len(_tabela_eventos()) or (
        f"a tabela tem {len(r)} linhas e deveria ter {len(_tabela_eventos())}, uma por "
        "cliente: agrupe com `summarize`, uma vez só, sobre todos os eventos da pasta")


q7 = ChainedChecks(
    "q7", "resposta_7",
    "Com os mesmos eventos do exercício 6, leia a pasta com `dd.read_parquet`, aplique "
    "`summarize` e `add_features` (as mesmas funções do pandas) e guarde o DataFrame do pandas "
    "devolvido por `.compute()`.",
    checks=[
        (_tabela_com_atributos, "é um DataFrame com os atributos derivados",
         "não é a tabela com os atributos derivados"),
        (_uma_linha_por_cliente, "tem uma linha por cliente", "número de linhas errado"),
        (_mesma_tabela, "é a mesma tabela do pandas na memória",
         "os valores não batem com os do pandas: use os eventos do exercício 6 (seed=7, "
         "20.000 linhas)"),
    ],
    hints=["O Dask lê a pasta inteira como um DataFrame dividido em partições e só calcula "
           "quando você pede.",
           "`dd.read_parquet(pasta)` lê; as funções do pandas `summarize` e `add_features` "
           "funcionam no DataFrame do Dask; `add_features` recebe também `plans_table()`.",
           "O cálculo só acontece em `.compute()`, que devolve um DataFrame do pandas."],
    solution="with local_cluster(processes=False) as client:\n"
             "    eventos_dask = dd.read_parquet(eventos_ex)\n"
             "    resposta_7 = add_features(summarize(eventos_dask), plans_table()).compute()",
)

q8 = FunctionCases(
    "q8", "resposta_8",
    "Escreva `media_final(somas, contagens)`: cada pedaço de um arquivo devolveu a soma e a "
    "contagem de uma coluna; devolva a média verdadeira do arquivo inteiro (número decimal).",
    cases=[(([300.0, 20.0], [3, 1]), 80.0, "dois pedaços desiguais"),
           (([10.0], [4]), 2.5, "um pedaço só"),
           (([0.0, 50.0, 50.0], [0, 5, 5]), 10.0, "um pedaço vazio")],
    hints=["A média das médias dá peso igual a pedaços de tamanhos diferentes: não serve.",
           "Junte primeiro as somas e as contagens de todos os pedaços, e só então divida."],
    solution="def media_final(somas, contagens):\n"
             "    return sum(somas) / sum(contagens)\n"
             "resposta_8 = media_final",
)

q9 = MultipleChoice(
    "q9", "resposta_9",
    "Na célula dos cinco motores, com 20 mil eventos, o Dask foi o mais lento. Por quê?",
    {"a": "O Dask calcula errado quando há poucos dados e precisa refazer as contas.",
     "b": "O Dask não usa o pandas por baixo: ele reimplementa as operações em Python puro, "
          "que é mais lento.",
     "c": "O cluster local tem só dois workers, e o Dask precisa de pelo menos quatro para "
          "ser rápido.",
     "d": "Agendar tarefas e juntar partições tem um custo fixo maior que o próprio cálculo "
          "com dados pequenos."},
    "d",
    "O custo fixo da distribuição só se paga quando os dados são grandes demais para uma "
    "máquina; com 20 mil linhas, o pandas sozinho termina antes.",
    hints=["Compare o tempo que o Dask gasta organizando o trabalho com o tempo do cálculo "
           "no pandas."],
    why_wrong={"a": "A célula confere que os cinco motores dão exatamente a mesma tabela.",
               "b": "Cada partição de um DataFrame do Dask é um DataFrame do pandas.",
               "c": "Com mais workers haveria ainda mais coordenação; o problema é o custo "
                    "fixo, não o número de workers."},
)


MEMORIA_GB = 8
FATOR = 3
CLIENTES = 30_000_000


def _cabem():
    return int(MEMORIA_GB * 10**9 // (_bytes_por_linha() * FATOR))


def _chaves(r):
    faltam = {"bytes_por_linha", "cabem", "decisao"} - set(r)
    return not faltam or f"faltam as chaves {sorted(faltam)}"


def _bytes(r):
    if close(r["bytes_por_linha"], _bytes_por_linha(), abs_tol=0, rel_tol=0.02):
        return True
    return "'bytes_por_linha' não confere com a sua resposta do exercício 2"


def _quantas_cabem(r):
    valor = as_float(r["cabem"])
    esperado = _cabem()
    if valor is not None and abs(valor - esperado) <= 0.03 * esperado:
        return True
    if valor is not None and abs(valor - esperado * FATOR) <= 0.03 * esperado * FATOR:
        return "'cabem' esqueceu o fator 3 (o pandas precisa de folga para as contas)"
    return "'cabem' não confere: 8 GB (8 × 10**9 bytes) divididos por bytes_por_linha × 3"


def _decisao(r):
    cabe = CLIENTES <= _cabem()
    esperado = "pandas" if cabe else "fora da memória"
    decisao = str(r["decisao"]).strip().lower()
    return decisao == esperado or (
        f"com {_cabem():,} linhas cabendo na memória, 30 milhões de clientes "
        f"{'cabem' if cabe else 'não cabem'}: a decisão é '{esperado}'".replace(",", "."))


q10 = ChainedChecks(
    "q10", "resposta_10",
    "A operadora quer o mesmo relatório para 30 milhões de clientes, num notebook de 8 GB, "
    "com o pandas precisando de 3 vezes o tamanho dos dados. Guarde "
    "`{'bytes_por_linha': ..., 'cabem': ..., 'decisao': ...}`: os bytes por linha do "
    "exercício 2, quantas linhas cabem (sua função do exercício 3) e a decisão, "
    "`'pandas'` se os 30 milhões cabem ou `'fora da memória'` (pedaços, Parquet por colunas, "
    "DuckDB ou Dask) se não cabem.",
    checks=[
        (_chaves, "tem as três chaves", "chaves faltando"),
        (_bytes, "os bytes por linha conferem", "bytes por linha"),
        (_quantas_cabem, "a conta de quantas linhas cabem confere", "linhas que cabem"),
        (_decisao, "a decisão segue da conta", "decisão"),
    ],
    hints=["Junte as peças: a medida do exercício 2 e a função do exercício 3.",
           "Compare o que cabe com os 30 milhões de clientes para decidir."],
    solution="bytes_linha = df.memory_usage(deep=True).sum() / len(df)\n"
             "cabem = linhas_que_cabem(8, bytes_linha, 3)\n"
             "resposta_10 = {'bytes_por_linha': bytes_linha, 'cabem': cabem,\n"
             "               'decisao': 'pandas' if 30_000_000 <= cabem else "
             "'fora da memória'}",
    expects=dict,
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
