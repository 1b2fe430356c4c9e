"""Deixa o Sphinx ler (e executar) as páginas do livro em paralelo.

Duas extensões que o Jupyter Book carrega não declaram se aceitam leitura em
paralelo, e o Sphinx, na dúvida, lê tudo em série: cada página com código
espera a anterior terminar de executar. As duas aceitam:

- ``sphinx_multitoc_numbering`` só troca a numeração das seções, que o Sphinx
  calcula no processo principal depois da leitura;
- ``sphinx_jupyterbook_latex`` só age no construtor de LaTeX (PDF), não no HTML.
"""

SEGURAS = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _declarar_seguras(app):
    for nome in SEGURAS:
        if nome in app.extensions:
            app.extensions[nome].parallel_read_safe = True


def setup(app):
    app.connect("builder-inited", _declarar_seguras)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
