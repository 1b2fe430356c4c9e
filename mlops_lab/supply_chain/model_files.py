"""Arquivos de modelo: o pickle executa código ao abrir; o skops recusa tipos estranhos."""

from __future__ import annotations

from pathlib import Path

__all__ = ["Desconhecido", "pickle_runs_code", "skops_refuses"]


class _Armadilha:
    """Um objeto que, ao ser aberto por ``pickle.load``, grava um arquivo."""

    def __init__(self, marca: str) -> None:
        self.marca = marca

    def __reduce__(self) -> tuple:
        # O pickle guarda "chame esta função com estes argumentos" e o load obedece.
        return (Path(self.marca).write_text, ("código executado ao abrir o pickle\n",))


def pickle_runs_code(folder: str | Path) -> bool:
    """Mostra, sem perigo, que abrir um *pickle* executa código de quem o gravou.

    Grava em ``folder`` um ``modelo.pkl`` que, ao ser aberto, cria o arquivo
    ``invadido.txt`` (poderia ser qualquer comando). Abre o arquivo e devolve
    se ``invadido.txt`` apareceu.

    Examples
    --------
    >>> import tempfile
    >>> pickle_runs_code(tempfile.mkdtemp())
    True
    """
    import pickle

    pasta = Path(folder)
    marca = pasta / "invadido.txt"
    marca.unlink(missing_ok=True)
    arquivo = pasta / "modelo.pkl"
    arquivo.write_bytes(pickle.dumps(_Armadilha(str(marca))))
    pickle.loads(arquivo.read_bytes())  # o "modelo" que alguém mandou
    return marca.exists()


class Desconhecido:
    """Uma classe qualquer fora do scikit-learn: o skops não confia nela."""

    def __init__(self, valor: int = 0) -> None:
        self.valor = valor


# O nome público (o skops mostra e procura o tipo por ele): mlops_lab.supply_chain.Desconhecido.
Desconhecido.__module__ = "mlops_lab.supply_chain"


def skops_refuses(folder: str | Path) -> list[str]:
    """Grava com o skops um objeto com um tipo estranho e tenta abri-lo sem confiar.

    Devolve os tipos que o skops não aceita (``get_untrusted_types``). Se a
    lista não está vazia, o ``skops.io.load`` recusa o arquivo (a função
    confere isso) e nada do arquivo roda.

    Examples
    --------
    >>> import tempfile
    >>> skops_refuses(tempfile.mkdtemp())
    ['mlops_lab.supply_chain.Desconhecido']
    """
    import skops.io as sio

    arquivo = Path(folder) / "modelo.skops"
    sio.dump({"pesos": [0.5, 1.5], "extra": Desconhecido(7)}, arquivo)
    estranhos = sio.get_untrusted_types(file=arquivo)
    try:
        sio.load(arquivo)
    except sio.exceptions.UntrustedTypesFoundException:
        return sorted(estranhos)
    raise AssertionError("o skops abriu um tipo que não foi declarado confiável")
