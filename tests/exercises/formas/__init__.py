"""Formas de resposta de cada questão, para ``tests/exercises/test_formas.py``.

Um arquivo por capítulo (``machine_learning.py``, ``data_preparation.py``...) define::

    FORMAS = {
        "q1": {"erradas": [callable, ...],   # ao menos 3; nenhuma pode levar a nota toda
               "certas": [callable, ...]},   # ao menos 2; todas levam a nota toda
        ...
    }

Cada item é uma função sem argumentos que devolve a resposta (um valor, uma
tabela, uma função, um caminho...): as respostas caras só são construídas
quando o teste chega a elas. O teste chama cada função numa pasta temporária
própria (ela é a pasta atual), onde respostas que são arquivos podem ser
gravadas com caminhos relativos.
"""
