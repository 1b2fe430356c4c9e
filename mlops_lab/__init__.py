"""mlops_lab: o pacote que executa tudo o que o curso ensina.

Cada módulo corresponde a uma etapa do pipeline, na ordem do livro:

========================  ===============================================
``mlops_lab.data``        leitura de CSV/Parquet, detecção de formato, Parquet
``mlops_lab.schema``      esquema dos dados e validação das entradas
``mlops_lab.clean``       limpeza: duplicatas, categorias, ausentes, outliers
``mlops_lab.features``    engenharia de atributos, codificação e normalização
``mlops_lab.train``       escolha do algoritmo, divisão treino/teste, treino
``mlops_lab.tune``        busca de hiperparâmetros com validação cruzada
``mlops_lab.evaluate``    métricas, matriz de confusão, curva de aprendizado
``mlops_lab.package``     modelo empacotado com metadados (formato skops)
``mlops_lab.predict``     previsões com validação contra o esquema de treino
``mlops_lab.pipeline``    o pipeline completo, usado por ``mlops-lab run``
========================  ===============================================

Importar o pacote é barato: nenhuma biblioteca pesada é carregada até que
uma função precise dela.
"""

__version__ = "0.1.0"
