"""Exercícios do capítulo "Inferência rápida" (parte Em produção)."""

from functools import cache

from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric


@cache
def _modelo_e_esquema():
    from mlops_lab.clean import clean_table
    from mlops_lab.data import load_example
    from mlops_lab.schema import infer_schema
    from mlops_lab.train import train_model

    dados, _ = clean_table(load_example(), "cancelou")
    X = dados.drop(columns=["cancelou"])
    return train_model(X, dados["cancelou"], "logistic_regression"), infer_schema(X)


def _largura():
    from mlops_lab.fast_predict import compile_model

    return compile_model(*_modelo_e_esquema()).features.width


def _colunas_do_esquema():
    return len(_modelo_e_esquema()[1]["columns"])


q1 = Numeric(
    "q1", "resposta_1",
    "Um registro leva 11 ms no serviço: 1,0 ms de HTTP e validação, 9,8 ms de "
    "pré-processamento (pandas e `ColumnTransformer`) e 0,2 ms do modelo. Se o "
    "pré-processamento compilado cair para 0,1 ms, qual será a latência de um registro, em ms?",
    expected=1.3,
    abs_tol=1e-6,
    unit="ms",
    known=[(0.3, "Você somou só o pré-processamento compilado e o modelo: o HTTP e a validação "
                 "continuam lá."),
           (1.2, "Faltou o pré-processamento compilado (0,1 ms): ele ficou mais barato, não "
                 "sumiu."),
           (11.0 / 1.3, "Essa é a razão entre as latências (quantas vezes mais rápido); a "
                        "pergunta pede a latência nova, em ms.")],
    hints=["Some as partes que sobram: HTTP e validação, o pré-processamento novo e o modelo.",
           "1,0 + 0,1 + 0,2."],
    solution="resposta_1 = 1.0 + 0.1 + 0.2  # 1,3 ms: o HTTP passa a ser a maior parte",
)

q2 = FunctionCases(
    "q2", "resposta_2",
    "Escreva `one_hot(valor, categorias)`, como o `OneHotEncoder(handle_unknown=\"ignore\")` "
    "faz para uma coluna: uma lista com um `1.0` na posição de `valor` em `categorias` e `0.0` "
    "nas outras; um valor que não está em `categorias` vira uma lista só de zeros.",
    cases=[(("Sul", ["Nordeste", "Sudeste", "Sul"]), [0.0, 0.0, 1.0], "a última categoria"),
           (("Nordeste", ["Nordeste", "Sudeste", "Sul"]), [1.0, 0.0, 0.0], "a primeira"),
           (("Marte", ["Nordeste", "Sudeste", "Sul"]), [0.0, 0.0, 0.0],
            "categoria que o treino não viu: só zeros"),
           (("B", ["A", "B"]), [0.0, 1.0], "duas categorias")],
    hints=["Comece com `[0.0] * len(categorias)`.",
           "Se `valor in categorias`, ponha `1.0` na posição `categorias.index(valor)`; senão, "
           "devolva a lista de zeros como está."],
    solution="def one_hot(valor, categorias):\n"
             "    linha = [0.0] * len(categorias)\n"
             "    if valor in categorias:\n"
             "        linha[categorias.index(valor)] = 1.0\n"
             "    return linha\n"
             "resposta_2 = one_hot",
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `numero(x, mediana, media, desvio)`: o que o pipeline do curso faz com um "
    "valor numérico depois do corte de extremos. Um valor ausente (`None`) vira a `mediana` "
    "do treino; depois, o valor é padronizado: `(x - media) / desvio`.",
    cases=[((10.0, 5.0, 4.0, 2.0), 3.0, "um valor presente"),
           ((None, 5.0, 4.0, 2.0), 0.5, "ausente: a mediana, depois padronizada"),
           ((4.0, 5.0, 4.0, 2.0), 0.0, "na média: zero"),
           ((None, 0.0, 1.0, 0.5), -2.0, "ausente com mediana zero")],
    hints=["Primeiro o preenchimento, depois a padronização: a ordem do pipeline.",
           "`if x is None: x = mediana` e, em seguida, `return (x - media) / desvio`."],
    solution="def numero(x, mediana, media, desvio):\n"
             "    if x is None:\n"
             "        x = mediana\n"
             "    return (x - media) / desvio\n"
             "resposta_3 = numero",
)

q4 = Numeric(
    "q4", "resposta_4",
    "Compile o modelo `modelo` (regressão logística treinada com os dados do curso) com "
    "`compile_model(modelo, esquema)`: quantos números tem a linha de atributos que o "
    "estimador recebe (`features.width`)?",
    expected=_largura,
    integer=True,
    known=[(_colunas_do_esquema, "Esse é o número de colunas do registro de entrada; depois "
                                 "dos atributos derivados e do *one-hot*, a linha é outra.")],
    hints=["`compilado = compile_model(modelo, esquema)` e depois `compilado.features.width`.",
           "Cada coluna categórica vira uma posição por categoria vista no treino: por isso a "
           "linha é bem mais larga que o registro."],
    solution="compilado = compile_model(modelo, esquema)\n"
             "resposta_4 = compilado.features.width",
)

q5 = MultipleChoice(
    "q5", "resposta_5",
    "O `mlops-lab serve` carrega um modelo cujo pipeline tem uma normalização que o caminho "
    "compilado não conhece. O que acontece?",
    {"a": "O servidor se recusa a subir e mostra o erro, para "
          "não correr o risco de servir previsões diferentes das do pipeline.",
     "b": "O caminho compilado é usado assim mesmo, sem a normalização.",
     "c": "A montagem do caminho compilado falha, o motivo vai para o log e o serviço responde "
          "pelo caminho padrão do scikit-learn.",
     "d": "O modelo é convertido para ONNX automaticamente."},
    "c",
    "O caminho compilado é uma otimização conferida: se não se monta ou não reproduz o "
    "pipeline nos registros de prova, fica desligado, e as respostas continuam certas, só "
    "mais lentas.",
    hints=["Releia \"Conferir antes de confiar\" no capítulo."],
    why_wrong={"a": "O caminho padrão está sempre lá e sempre certo; não há por que recusar o "
                    "modelo.",
               "b": "Isso daria previsões diferentes das do pipeline, o que a conferência na "
                    "carga existe para impedir.",
               "d": "O serviço do curso não usa ONNX (o ONNX Runtime não cabe no ambiente do "
                    "Binder); o ONNX aparece só no Aprofundamento do capítulo."},
)

QUESTIONS = [q1, q2, q3, q4, q5]
