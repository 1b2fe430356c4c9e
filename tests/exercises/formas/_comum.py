"""Peças comuns às formas de resposta dos capítulos 03-3 a 08."""

from functools import cache


@cache
def divisao(semente):
    from mlops_lab.exercises import _data
    from mlops_lab.train import split_data

    return split_data(_data.clean(), "cancelou", seed=semente)


def letras(certa, erradas):
    """Formas de uma questão de múltipla escolha."""
    return {"erradas": [lambda e=e: e for e in erradas],
            "certas": [lambda: certa, lambda: f" {certa.upper()}) "]}
