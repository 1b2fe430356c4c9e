"""Exercícios do capítulo "Ferramentas de DataOps"."""

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    ChainedChecks,
    FunctionCases,
    MultipleChoice,
    Numeric,
    as_bool,
    as_set,
)

__all__ = [
    "q1", "q2", "FAIXA", "q3", "CLUSTERS", "q4", "q5", "q6", "q7", "REMESSA", "q8", "QUESTIONS",
]

q1 = MultipleChoice(
    "q1", "resposta_1",
    "Qual destes lotes o portão de qualidade do notebook (a bateria com testes críticos e "
    "avisos) **deixaria passar** e publicaria?",
    {"a": "Um lote em que 30% dos clientes vêm sem forma de pagamento.",
     "b": "Um lote em que parte dos cancelamentos vem como `1` e `0`.",
     "c": "Um lote com 200 clientes de idade 150.",
     "d": "Um lote sem a coluna `reclamacoes_12m`, que o sistema de origem deixou de enviar."},
    "c",
    "Idade fora de 18 a 100 é só um aviso na bateria: o lote passa, e a transformação troca "
    "essas idades por valores ausentes antes de publicar.",
    hints=["Para cada lote, qual teste da bateria falharia, e qual é a gravidade dele?"],
    why_wrong={"a": "30% de vazios reprova 'até 5% de nulos por coluna', um teste crítico: "
                    "foi o que parou o lote corrompido.",
               "b": "'1' e '0' não são categorias permitidas em `cancelou`: o teste crítico "
                    "de categorias fecha o portão.",
               "d": "O teste de esquema, crítico, exige as 15 colunas."},
)

q2 = FunctionCases(
    "q2", "resposta_2",
    "Escreva o teste de dados `fora_do_intervalo(valores, minimo, maximo)`: quantos valores "
    "ficam fora do intervalo de `minimo` a `maximo`, ignorando os `None`.",
    cases=[(([18, 30, 150, None], 18, 100), 1, "um valor acima do máximo e um ausente"),
           (([0, 7, 40], 18, 100), 2, "dois abaixo do mínimo"),
           (([], 0, 1), 0, "lista vazia"),
           (([None, None], 0, 1), 0, "só ausentes"),
           (([18, 100, 17.9, 100.5], 18, 100), 2, "os limites fazem parte do intervalo")],
    hints=["Um teste de faixa conta quem está abaixo do mínimo ou acima do máximo; os "
           "ausentes não contam.",
           "Os limites são inclusivos (18 e 100 passam); pule os valores `is None`."],
    solution="def fora_do_intervalo(valores, minimo, maximo):\n"
             "    return sum(1 for v in valores if v is not None and not minimo <= v <= maximo)\n"
             "resposta_2 = fora_do_intervalo",
)


FAIXA = (20, 200)  # a demonstração usa 1 a 1000


def _mensalidades_fora():
    valor = _data.raw()["valor_mensal"].dropna()
    return int((~valor.between(*FAIXA)).sum())


q3 = Numeric(
    "q3", "resposta_3",
    "Nos dados brutos, quantas linhas com `valor_mensal` preenchido reprovam no teste "
    "\"valor_mensal entre 20 e 200\"?",
    expected=_mensalidades_fora,
    integer=True,
    known=[(lambda: int((~_data.raw()["valor_mensal"].between(*FAIXA)).sum()),
            "Essa contagem inclui os valores vazios (`between` dá False para eles): tire os "
            "ausentes antes."),
           (lambda: int((~_data.raw()["valor_mensal"].dropna().between(1, 1000)).sum()),
            "Esse é o resultado da faixa da demonstração (1 a 1000); a pergunta pede 20 a 200.")],
    hints=["O teste de faixa da bateria ignora os vazios e conta quem está fora.",
           "`dropna()` tira os ausentes; `between(20, 200)` inclui os limites; negue com `~` e "
           "some."],
    solution="resposta_3 = (~df['valor_mensal'].dropna().between(20, 200)).sum()",
)


CLUSTERS = {"spark-producao-a": ["tipo:spark", "dados:producao", "sla:critico"],
            "spark-exploracao": ["tipo:spark", "dados:producao"],
            "trino-bi": ["tipo:trino", "dados:producao"]}

q4 = FunctionCases(
    "q4", "resposta_4",
    "Escreva `escolher_cluster(pedido, clusters)`, o balcão do Genie em miniatura: `pedido` "
    "é uma lista de etiquetas e `clusters`, um dicionário nome -> lista de etiquetas. "
    "Devolva o nome do cluster que tem **todas** as etiquetas pedidas (se houver vários, o "
    "primeiro em ordem alfabética) ou o texto `'nenhum'` se nenhum atende.",
    cases=[((["tipo:spark", "sla:critico"], CLUSTERS), "spark-producao-a",
            "só um cluster atende"),
           ((["tipo:spark"], CLUSTERS), "spark-exploracao",
            "dois atendem: o primeiro em ordem alfabética"),
           ((["tipo:hive"], CLUSTERS), "nenhum", "nenhum atende: 'nenhum'"),
           ((["dados:producao"], CLUSTERS), "spark-exploracao",
            "três atendem"),
           ((["tipo:trino", "sla:critico"], CLUSTERS), "nenhum",
            "cada etiqueta existe em algum cluster, mas nenhum tem as duas")],
    hints=["Um cluster atende quando o pedido é um subconjunto das etiquetas dele.",
           "Com conjuntos, `set(pedido) <= set(etiquetas)` testa isso; `sorted` e `min` "
           "resolvem o desempate."],
    solution="def escolher_cluster(pedido, clusters):\n"
             "    candidatos = [nome for nome, etiquetas in clusters.items()\n"
             "                  if set(pedido) <= set(etiquetas)]\n"
             "    return min(candidatos) if candidatos else 'nenhum'\n"
             "resposta_4 = escolher_cluster",
)

q5 = FunctionCases(
    "q5", "resposta_5",
    "Orquestradores como o Airflow repetem tarefas que falham, esperando cada vez mais. "
    "Escreva `espera(tentativa, base)`: a espera antes da tentativa número `tentativa` "
    "(1, 2, 3...) é `base * 2 ** (tentativa - 1)` segundos.",
    cases=[((1, 2), 2, "primeira tentativa: a base"),
           ((3, 2), 8, "terceira tentativa: quatro vezes a base"),
           ((4, 0.5), 4.0, "base fracionária"),
           ((2, 60), 120, "segunda tentativa: o dobro da base")],
    hints=["A espera dobra a cada tentativa: a primeira espera é a própria base.",
           "O expoente é `tentativa - 1`; em Python, potência é `**`."],
    solution="def espera(tentativa, base):\n    return base * 2 ** (tentativa - 1)\n"
             "resposta_5 = espera",
)



def _qualidade_local():
    from mlops_lab import catalog

    return len(catalog.comparison(stage="qualidade", runs_locally=True))


q6 = Numeric(
    "q6", "resposta_6",
    "Use o catálogo `mlops_lab.catalog`: quantas ferramentas cobrem a etapa de qualidade de "
    "dados (`stage=\"qualidade\"`) **e** rodam localmente no curso (`runs_locally=True`)?",
    expected=_qualidade_local,
    integer=True,
    known=[(lambda: len(__import__("mlops_lab.catalog").catalog.comparison(stage="qualidade")),
            "Essa é a contagem de todas as ferramentas de qualidade; falta o filtro das que "
            "rodam localmente."),
           (lambda: len(__import__("mlops_lab.catalog").catalog.comparison(runs_locally=True)),
            "Essa é a contagem das que rodam localmente em todas as etapas; falta o filtro "
            "da etapa.")],
    hints=["O catálogo filtra por etapa e por necessidade e devolve uma tabela com uma linha "
           "por ferramenta.",
           "`catalog.comparison` aceita `stage=` e `runs_locally=` na mesma chamada; conte as "
           "linhas com `len`."],
    solution="from mlops_lab import catalog\n"
             "resposta_6 = len(catalog.comparison(stage=\"qualidade\", runs_locally=True))",
)

q7 = MultipleChoice(
    "q7", "resposta_7",
    "No DAG do curso (preparar → portão dos dados → treinar → avaliar → portão do modelo → "
    "promover), uma remessa com 70% de clientes cancelados chega. O que o Airflow faz?",
    {"a": "Roda todas as tarefas e só avisa no fim, porque o modelo pode aprender mesmo assim.",
     "b": "Repete o portão, com recuo exponencial, até os dados passarem ou as tentativas "
          "acabarem.",
     "c": "Descarta as linhas com cancelamento e treina com o resto da remessa.",
     "d": "O portão dos dados falha; treino, avaliação, portão do modelo e promoção ficam "
          "`upstream_failed`, e o modelo no ar continua o mesmo."},
    "d",
    "O portão é uma tarefa que falha quando o contrato não é cumprido; o Airflow não roda "
    "as tarefas que dependem dela, e o estado `upstream_failed` registra o motivo. Nenhum "
    "modelo é treinado com esses dados.",
    hints=["Releia a seção \"O Airflow de verdade\" do notebook: o que acontece com as "
           "tarefas que dependem de uma tarefa que falhou?"],
    why_wrong={"a": "O portão existe justamente para parar antes do treino: um modelo "
                    "treinado com 70% de cancelados aprenderia um mundo que não existe.",
               "b": "Repetir não muda os dados: a remessa continuaria reprovada. Repetições "
                    "servem para falhas passageiras, como uma conexão que caiu.",
               "c": "O contrato não conserta dados; ele barra a remessa inteira e deixa a "
                    "correção para a origem."},
)


def _colunas_reprovadas(remessa_args):
    from mlops_lab.dataops import check_table, make_batch, raw_rules, raw_schema

    tabela = check_table(make_batch(**remessa_args), raw_schema(), raw_rules())
    return set(tabela.loc[tabela["situação"] != "OK", "coluna"])


REMESSA = {"seed": 3, "defect": "idades_invalidas"}


def _chaves(r):
    faltam = {"publicar", "colunas"} - set(r)
    return not faltam or f"faltam as chaves {sorted(faltam)}"


def _decisao(r):
    if as_bool(r["publicar"]) is False:
        return True
    return ("a remessa reprova no contrato de entrada: 'publicar' deve ser False (um "
            "contrato reprovado para o pipeline)")


def _colunas(r):
    esperado = _colunas_reprovadas(REMESSA)
    obtido = as_set(r["colunas"])
    if obtido is None:
        return "'colunas' deve ser uma lista (ou conjunto) com os nomes das colunas"
    return obtido == esperado or (
        f"as colunas reprovadas não conferem (recebi {sorted(obtido)}): olhe as linhas da "
        "tabela de verificações com situação diferente de 'OK'")


q8 = ChainedChecks(
    "q8", "resposta_8",
    "Rode o contrato de entrada do `mlops_lab.dataops` (`check_table` com `raw_schema()` e "
    "`raw_rules()`) na remessa `make_batch(seed=3, defect='idades_invalidas')` e decida: "
    "guarde `{'publicar': True ou False, 'colunas': [colunas com verificação reprovada]}`.",
    checks=[
        (_chaves, "tem as duas chaves", "chaves faltando"),
        (_decisao, "a decisão de não publicar está certa", "decisão"),
        (_colunas, "as colunas reprovadas conferem", "colunas"),
    ],
    hints=["O contrato devolve uma linha por verificação, com a coluna, o valor medido e a "
           "situação.",
           "Filtre as linhas com `situação` diferente de 'OK'; se houver alguma, a remessa "
           "não pode ser publicada."],
    solution="from mlops_lab.dataops import check_table, make_batch, raw_rules, raw_schema\n"
             "tabela = check_table(make_batch(seed=3, defect='idades_invalidas'), "
             "raw_schema(), raw_rules())\n"
             "reprovadas = tabela[tabela['situação'] != 'OK']\n"
             "resposta_8 = {'publicar': reprovadas.empty, "
             "'colunas': sorted(set(reprovadas['coluna']))}",
    expects=dict,
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8]
