"""Linhagem por titular: quais versões do modelo foram treinadas com o cliente X?

Com ``mlops-lab run --pseudonymize COLUNA``, a pasta do modelo ganha
:data:`LINEAGE_FILE`: os pseudônimos (nunca os identificadores) das linhas de treino
e de teste, em ordem, com o rótulo da chave que os gerou. Para responder a um pedido
de eliminação, :func:`find_customer` calcula o pseudônimo do cliente com a mesma
chave e procura-o em cada versão. Sem a chave, a lista não diz quem é quem.

A lista é exata: nenhuma versão é acusada por engano e nenhuma escapa. Um filtro de
Bloom ocuparia menos espaço e não permitiria listar os pseudônimos, ao preço de
falsos positivos (o capítulo "Dados pessoais e a LGPD" compara os dois).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.lgpd.pseudonyms import PSEUDONYM_CHARS, key_id, pseudonym

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import pandas as pd

__all__ = ["LINEAGE_FILE", "lineage_record", "read_lineage", "find_customer",
           "affected_models"]

#: O arquivo da linhagem por titular, na pasta do modelo.
LINEAGE_FILE = "lineage.json"


def _ordenados(pseudonimos: Iterable) -> list[str]:
    return sorted({str(p) for p in pseudonimos if isinstance(p, str) and p})


def lineage_record(column: str, key: bytes, train: Iterable, test: Iterable) -> dict:
    """O conteúdo de :data:`LINEAGE_FILE`: pseudônimos do treino e do teste, sem repetição.

    Parameters
    ----------
    column : str
        A coluna do identificador (já pseudonimizada).
    key : bytes
        A chave usada; só o seu rótulo (:func:`~mlops_lab.lgpd.key_id`) é gravado.
    train, test
        Os valores da coluna nas linhas de treino e de teste (ausentes são ignorados).

    Examples
    --------
    >>> r = lineage_record("id_cliente", b"k" * 16, ["b", "a", "a", None], ["c"])
    >>> r["train"], r["test"], r["rows"], "key" in r
    (['a', 'b'], ['c'], {'train': 2, 'test': 1}, False)
    """
    treino, teste = _ordenados(train), _ordenados(test)
    return {"column": column, "key_id": key_id(key),
            "pseudonym": f"HMAC-SHA256, {PSEUDONYM_CHARS * 4} bits",
            "rows": {"train": len(treino), "test": len(teste)},
            "train": treino, "test": teste}


def read_lineage(model: str | Path) -> dict:
    """Lê :data:`LINEAGE_FILE` da pasta de um modelo.

    Raises
    ------
    MlopsLabError
        Se a pasta não existe ou o modelo foi treinado sem ``--pseudonymize``.
    """
    pasta = Path(model)
    if not pasta.is_dir():
        raise MlopsLabError(f"a pasta de modelo '{pasta}' não existe. Confira o caminho em "
                            "--models.")
    arquivo = pasta / LINEAGE_FILE
    if not arquivo.is_file():
        raise MlopsLabError(
            f"'{pasta}' não tem {LINEAGE_FILE}: o modelo foi treinado sem --pseudonymize, e "
            "o hash dos dados no metadata.json não diz quais clientes estavam no treino. "
            "Retreine-o com 'mlops-lab run --pseudonymize COLUNA' ou confira-o à mão.")
    try:
        return json.loads(arquivo.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as erro:
        raise MlopsLabError(f"'{arquivo}' não é um JSON válido ({erro}).") from None


def find_customer(customer: str, models: Sequence[str | Path], key: bytes) -> pd.DataFrame:
    """Em quais modelos o cliente ``customer`` estava no treino ou no teste.

    Parameters
    ----------
    customer : str
        O identificador original (por exemplo ``"CLI-000123"``): o pseudônimo é
        calculado com ``key``, a mesma chave do treino.
    models : lista de pastas
        Pastas criadas por ``mlops-lab run --pseudonymize``.
    key : bytes
        A chave da pseudonimização.

    Returns
    -------
    pandas.DataFrame
        Uma linha por modelo, na ordem dada: ``modelo``, ``papel`` (``"treino"``,
        ``"teste"`` ou ``"ausente"``) e ``retreinar`` (``True`` se o cliente estava no
        treino: os parâmetros do modelo dependem dos dados dele).

    Raises
    ------
    MlopsLabError
        Pasta sem :data:`LINEAGE_FILE` ou pseudonimizada com outra chave.
    """
    import pandas as pd

    if not models:
        raise MlopsLabError("informe pelo menos uma pasta de modelo em --models.")
    alvo, rotulo = pseudonym(customer, key), key_id(key)
    linhas = []
    for model in models:
        registro = read_lineage(model)
        if registro.get("key_id") != rotulo:
            raise MlopsLabError(
                f"'{model}' foi pseudonimizado com outra chave (rótulo "
                f"{registro.get('key_id')}; a chave atual tem o rótulo {rotulo}). Use a "
                "chave daquele treino, ou a busca não encontraria o cliente.")
        papel = ("treino" if alvo in set(registro["train"])
                 else "teste" if alvo in set(registro["test"]) else "ausente")
        linhas.append({"modelo": str(model), "papel": papel, "retreinar": papel == "treino"})
    return pd.DataFrame(linhas, columns=["modelo", "papel", "retreinar"])


def affected_models(customer: str, models: Sequence[str | Path], key: bytes) -> list[str]:
    """As pastas dos modelos treinados com o cliente ``customer`` (veja :func:`find_customer`)."""
    tabela = find_customer(customer, models, key)
    return tabela.loc[tabela["retreinar"], "modelo"].tolist()
