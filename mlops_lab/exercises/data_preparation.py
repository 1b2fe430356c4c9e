"""Exercícios da seção "Preparação dos dados"."""

from functools import lru_cache

from mlops_lab.exercises import _data
from mlops_lab.exercises.core import (
    Artifact,
    Checks,
    FunctionCases,
    MultipleChoice,
    Numeric,
    is_dataframe,
    requires,
)

__all__ = ["FATOR_Q1", "COLUNAS_TEXTO", "q1", "q2", "q3", "q4", "q5", "QUESTIONS"]

FATOR_Q1 = 1.5  # a demonstração usa 3,0: a resposta não está impressa acima
COLUNAS_TEXTO = ["plano", "forma_pagamento", "fatura_digital", "possui_fidelidade"]


def _fora_dos_limites(tabela, fator):
    from mlops_lab.clean import OutlierClipper

    cortador = OutlierClipper(factor=fator).fit(tabela[["valor_mensal"]])
    valores = tabela["valor_mensal"]
    return int(((valores < cortador.lower_[0]) | (valores > cortador.upper_[0])).sum())


q1 = Numeric(
    "q1", "resposta_1",
    "Nos dados limpos (`limpo`), quantos valores de `valor_mensal` ficam fora dos limites do "
    "`OutlierClipper` com `factor=1.5` (a regra clássica do diagrama de caixa), em vez do "
    "3,0 da demonstração?",
    expected=lambda: _fora_dos_limites(_data.clean(), FATOR_Q1),
    hints=["Ajuste o OutlierClipper só na coluna `valor_mensal` e leia os limites que ele "
           "aprendeu (`lower_` e `upper_`).",
           "Conte os valores abaixo do limite inferior ou acima do superior; os ausentes não "
           "estão fora de limite nenhum."],
    solution="cortador = OutlierClipper(factor=1.5).fit(limpo[['valor_mensal']])\n"
             "v = limpo['valor_mensal']\n"
             "resposta_1 = ((v < cortador.lower_[0]) | (v > cortador.upper_[0])).sum()",
    diagnoses=[(lambda r: q1._matches(r, _fora_dos_limites(_data.clean(), 3.0)),
                "Esse é o número com factor=3.0, o da demonstração; a questão pede 1.5."),
               (lambda r: q1._matches(r, _fora_dos_limites(_data.clean(), FATOR_Q1)
                                      + int(_data.clean()["valor_mensal"].isna().sum())),
                "Você contou também os valores ausentes: um NaN não está fora dos limites "
                "(cuidado com `~v.between(...)`, que é verdadeiro para NaN)."),
               (lambda r: q1._matches(r, int(_data.clean()["valor_mensal"].notna().sum())
                                      - _fora_dos_limites(_data.clean(), FATOR_Q1)),
                "Esses são os valores dentro dos limites; a questão pede os de fora.")],
)


def _referencia_q2():
    bruto = _data.raw()
    return bruto.drop_duplicates().dropna(subset=["cancelou"])


def _mesmas_linhas(d):
    ref = _referencia_q2()
    return (len(d) == len(ref)
            and sorted(d["id_cliente"]) == sorted(ref["id_cliente"]))


def _mesmos_valores(d):
    """As colunas que não são o rótulo, iguais às da tabela de referência, cliente a cliente."""
    import pandas as pd

    ref = _referencia_q2()
    colunas = [c for c in ref.columns if c != "cancelou"]
    a = d[colunas].sort_values("id_cliente").reset_index(drop=True)
    b = ref[colunas].sort_values("id_cliente").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False)
    return True


q2 = Checks(
    "q2", "resposta_2",
    "A partir dos dados brutos (`df`), crie uma tabela sem linhas duplicadas e sem linhas com o "
    "rótulo 'cancelou' vazio, com todas as colunas e sem alterar os outros valores.",
    checks=[
        (is_dataframe, "é um DataFrame", "a resposta deve ser um DataFrame"),
        (lambda d: set(d.columns) == set(_data.raw().columns),
         "tem as mesmas colunas dos dados brutos",
         "as colunas não são as dos dados brutos: remova linhas, não colunas"),
        (lambda d: not d.duplicated().any(), "não tem duplicatas", "ainda há linhas duplicadas"),
        (lambda d: d["cancelou"].notna().all(), "todas as linhas têm rótulo",
         "ainda há linhas com 'cancelou' vazio"),
        (_mesmas_linhas, "tem exatamente os clientes que deviam ficar",
         "os clientes não são os esperados: remova só as duplicatas e os rótulos vazios"),
        (_mesmos_valores, "os valores das linhas são os dos dados brutos",
         "algum valor mudou: não preencha nem altere colunas nesta etapa"),
    ],
    hints=["São duas limpezas de linhas: tirar as repetidas e tirar as que não têm rótulo.",
           "O pandas tem um método para cada uma: um que descarta linhas repetidas e outro que "
           "descarta ausentes, este último limitado à coluna do rótulo (parâmetro `subset`).",
           "`clean_table`, do notebook, também faz as duas coisas."],
    solution="resposta_2 = df.drop_duplicates().dropna(subset=['cancelou'])",
    dependent=True,
    diagnoses=[(lambda d: len(d) == len(_data.raw()),
                "A tabela tem todas as linhas dos dados brutos: nada foi removido."),
               (lambda d: len(d) == len(_data.raw().drop_duplicates().dropna()),
                "`dropna()` sem `subset` descarta qualquer linha com algum ausente, não só as "
                "sem rótulo."),
               (lambda d: len(d) == len(_data.raw().drop_duplicates(keep=False)
                                        .dropna(subset=["cancelou"])),
                "`keep=False` descarta também a primeira ocorrência de cada linha repetida; "
                "uma delas deve ficar.")],
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `chave(texto)` igual à `normalize_key` do notebook: minúsculas, sem acentos, com "
    "hífens, sublinhados, barras e pontos trocados por espaço, espaços repetidos reduzidos a "
    "um e nenhum nas pontas.",
    cases=[(("  Pós-Pago ",), "pos pago", "acentos, hífen e espaços nas pontas"),
           (("CARTÃO de crédito",), "cartao de credito", "maiúsculas e acentos"),
           (("Pix",), "pix", "só minúsculas"),
           (("Débito-Automático",), "debito automatico", "dois acentos e hífen"),
           (("pós  pago",), "pos pago", "dois espaços no meio"),
           (("Pré_pago",), "pre pago", "sublinhado"),
           (("pos/pago",), "pos pago", "barra"),
           (("Pós. - Pago",), "pos pago", "ponto, hífen e espaços juntos"),
           (("\tCONTROLE\n",), "controle", "tabulação e quebra de linha nas pontas")],
    hints=["Dá para separar cada letra do seu acento e depois descartar os acentos: procure o "
           "módulo `unicodedata`.",
           "Na forma 'NFKD', 'ó' vira 'o' seguido de um caractere combinante; "
           "`unicodedata.combining` diz quais são esses.",
           "Para os separadores: troque cada um por espaço; `split()` sem argumentos e "
           "`' '.join` reduzem qualquer sequência de espaços a um só e limpam as pontas."],
    solution="import unicodedata\n"
             "def chave(texto):\n"
             "    t = unicodedata.normalize('NFKD', texto)\n"
             "    t = ''.join(c for c in t if not unicodedata.combining(c)).lower()\n"
             "    for separador in '-_/.':\n"
             "        t = t.replace(separador, ' ')\n"
             "    return ' '.join(t.split())\n"
             "resposta_3 = chave",
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Depois do `OutlierClipper`, a idade 0 e a mensalidade de R$ −49,90 continuaram na "
    "tabela (veja os mínimos antes e depois). O que fazer com elas antes de treinar?",
    {"a": "Baixar o `factor` do `OutlierClipper` até que 0 e −49,90 fiquem fora dos limites, "
          "para que o corte os alcance também.",
     "b": "Escrever regras de negócio (idade de 18 a 100, mensalidade positiva) e tratar o "
          "que as viola como ausente.",
     "c": "Nada: se estão dentro dos limites de Tukey, são valores plausíveis.",
     "d": "Descartar essas linhas no treino e, em produção, também descartar os clientes "
          "com valores assim, sem previsão."},
    "b",
    "Uma regra estatística não sabe que ninguém assina um plano com zero anos; regras de "
    "negócio sabem. O valor impossível vira ausente, e o preenchimento do pipeline cuida "
    "dele, no treino e em produção.",
    hints=["Os limites de Tukey dizem o que é raro nos dados, não o que é possível no mundo.",
           "Lembre a diferença entre limpar linhas (só no treino) e limpar valores (no treino "
           "e em produção)."],
    why_wrong={"a": "Para alcançar 0 anos, o corte apertaria tanto que valores legítimos "
                    "também seriam alterados; e o limite seguiria sem saber o que é possível.",
               "c": "Estar dentro dos limites estatísticos não torna 0 anos ou mensalidade "
                    "negativa possíveis: é o que o notebook mostra nos mínimos.",
               "d": "Em produção todo cliente precisa de previsão: descartar linhas só vale "
                    "para o treino."},
)


@lru_cache(maxsize=1)
def _referencia_q5():
    import pandas as pd

    from mlops_lab.clean import CategoryNormalizer

    limpo = _data.clean().copy()
    normalizador = CategoryNormalizer().fit(limpo[COLUNAS_TEXTO])
    limpo[COLUNAS_TEXTO] = pd.DataFrame(normalizador.transform(limpo[COLUNAS_TEXTO]),
                                        columns=COLUNAS_TEXTO, index=limpo.index)
    return limpo.sort_values("id_cliente").reset_index(drop=True)


def _ler(caminho):
    import pandas as pd

    return pd.read_parquet(caminho)


def _ordenada(caminho, colunas):
    return _ler(caminho)[colunas].sort_values("id_cliente").reset_index(drop=True)


def _textos_ok(caminho):
    ref = _referencia_q5()
    tabela = _ordenada(caminho, ["id_cliente", *COLUNAS_TEXTO])
    return all((tabela[c].astype("string").fillna("<NA>")
                == ref[c].astype("string").fillna("<NA>")).all() for c in COLUNAS_TEXTO)


def _demais_ok(caminho):
    import pandas as pd

    ref = _referencia_q5()
    colunas = [c for c in ref.columns if c not in COLUNAS_TEXTO]
    pd.testing.assert_frame_equal(_ordenada(caminho, colunas), ref[colunas], check_dtype=False)
    return True


q5 = Artifact(
    "q5", "resposta_5",
    "Grave em Parquet, dentro de `pasta_trabalho`, os dados limpos (`limpo`) com as quatro "
    "colunas de texto do notebook (`plano`, `forma_pagamento`, `fatura_digital`, "
    "`possui_fidelidade`) unificadas pelo `CategoryNormalizer`, e guarde o caminho do arquivo.",
    checks=[
        requires(lambda p: p.suffix == ".parquet" and p.is_file(),
                 "o caminho deve ser de um arquivo .parquet"),
        requires(lambda p: len(_ler(p).columns) > 0, "não consegui ler o arquivo como Parquet"),
        (lambda p: set(_ler(p).columns) == set(_referencia_q5().columns),
         "o arquivo tem todas as colunas dos dados limpos",
         "as colunas não são as dos dados limpos: grave a tabela inteira"),
        (lambda p: _ler(p)["cancelou"].notna().all() and len(_ler(p)) == len(_referencia_q5()),
         "tem as linhas dos dados limpos, todas com rótulo",
         "as linhas não são as dos dados limpos (há linhas a mais, a menos ou sem rótulo): "
         "parta de `limpo`"),
        (_textos_ok, "as quatro colunas de texto estão unificadas",
         "as colunas de texto não estão unificadas como o CategoryNormalizer faria"),
        (_demais_ok, "as demais colunas estão iguais às dos dados limpos",
         "alguma outra coluna mudou: altere só as quatro colunas de texto"),
    ],
    hints=["São dois passos: unificar as quatro colunas numa cópia de `limpo` e gravar a "
           "cópia.",
           "O CategoryNormalizer devolve uma matriz: transforme-a de volta em colunas com os "
           "mesmos nomes e o mesmo índice de `limpo`, como na seção do notebook.",
           "`to_parquet(tabela, caminho)`, do pacote, grava e devolve o caminho; "
           "`tabela.to_parquet(caminho)`, do pandas, grava e devolve None."],
    solution="normalizador = CategoryNormalizer().fit(limpo[colunas_texto])\n"
             "tratado = limpo.copy()\n"
             "tratado[colunas_texto] = pd.DataFrame(normalizador.transform(limpo[colunas_texto]),"
             "\n                                       columns=colunas_texto, index=limpo.index)\n"
             "resposta_5 = str(to_parquet(tratado, pasta_trabalho / 'clientes_tratados.parquet'))",
    dependent=True,
    diagnoses=[(lambda p: len(_ler(p)) == len(_data.raw()),
                "O arquivo tem todas as linhas dos dados brutos: grave `limpo`, a saída de "
                "clean_table."),
               (lambda p: len(_ler(p).columns) == 1,
                "O arquivo tem uma coluna só: grave a tabela inteira, não uma coluna.")],
)

QUESTIONS = [q1, q2, q3, q4, q5]
