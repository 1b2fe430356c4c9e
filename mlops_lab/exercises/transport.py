"""Transporte das respostas do notebook (kernel) para o corretor, em JSON.

O corretor em lote não confia no kernel do aluno: lê de lá apenas **dados**
(números, textos, tabelas), nunca objetos Python arbitrários (nada de
*pickle*), e faz a correção no próprio processo, com as questões do pacote
instalado. Funções escritas pelo aluno são chamadas no kernel com os casos
da questão, e só as saídas viajam.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

__all__ = ["encode", "decode", "export_code", "load_answers"]

_MAX_TEXTO = 2_000_000  # respostas maiores que isto não são transportadas
AJUDA = "__ajuda__"  # dicas vistas e solução mostrada, por questão, no kernel do aluno


_MAX_ARTEFATO = 500 * 2**20  # bytes; um artefato maior que isto é conferido onde está
_MAX_ARQUIVOS = 5_000


def _small(origem) -> bool:
    """O arquivo ou a pasta cabe nos limites de cópia (sem seguir atalhos)?"""
    import os

    if origem.is_file():
        return origem.stat().st_size <= _MAX_ARTEFATO
    total, arquivos = 0, 0
    for raiz, _, nomes in os.walk(origem):
        for nome in nomes:
            arquivos += 1
            total += os.lstat(os.path.join(raiz, nome)).st_size
            if total > _MAX_ARTEFATO or arquivos > _MAX_ARQUIVOS:
                return False
    return True


def _copy_artifact(valor, pasta_artefatos, nome):
    """Copia o arquivo (ou a pasta) da resposta para a pasta da correção; devolve o caminho.

    Assim a correção confere o artefato mesmo que o notebook apague a sua pasta
    temporária no fim (ou que ela fique fora do alcance do corretor).
    """
    import shutil
    from pathlib import Path

    origem = Path(valor).resolve()
    pasta_artefatos = Path(pasta_artefatos).resolve()
    if (not origem.exists() or origem == pasta_artefatos or origem in pasta_artefatos.parents
            or not _small(origem)):
        return str(valor)  # nada a copiar, ou grande demais (uma resposta "/", por exemplo)
    destino = pasta_artefatos / nome / origem.name
    destino.parent.mkdir(parents=True, exist_ok=True)
    if origem.is_dir():
        shutil.copytree(origem, destino, symlinks=True)
    else:
        shutil.copy2(origem, destino)
    return str(destino)


def _encode_float(valor: float) -> dict:
    valor = float(valor)
    return {"t": "float", "v": repr(valor)} if not math.isfinite(valor) else {
        "t": "json", "v": valor}


def _encode_sequence(valor: list | tuple | set) -> dict:
    itens = sorted(valor, key=repr) if isinstance(valor, set) else valor
    return {"t": type(valor).__name__, "v": [encode(v) for v in itens]}


def _encoders() -> list[tuple[Callable[[Any], bool], Callable[[Any], dict]]]:
    """Os tipos transportáveis, na ordem em que são tentados: (é deste tipo?, codificar)."""
    import numpy as np
    import pandas as pd

    return [
        (lambda v: isinstance(v, (bool, np.bool_)), lambda v: {"t": "json", "v": bool(v)}),
        (lambda v: isinstance(v, (int, np.integer)), lambda v: {"t": "json", "v": int(v)}),
        (lambda v: isinstance(v, (float, np.floating)), _encode_float),
        (lambda v: isinstance(v, str), lambda v: {"t": "json", "v": v[:_MAX_TEXTO]}),
        (lambda v: isinstance(v, pd.DataFrame),
         lambda v: {"t": "df", "v": v.to_json(orient="split", date_format="iso")}),
        (lambda v: isinstance(v, pd.Series),
         lambda v: {"t": "series", "v": v.to_json(orient="split", date_format="iso")}),
        (lambda v: isinstance(v, np.ndarray),
         lambda v: {"t": "array", "v": [encode(x) for x in v.tolist()]}),
        (lambda v: isinstance(v, (list, tuple, set)), _encode_sequence),
        (lambda v: isinstance(v, dict),
         lambda v: {"t": "dict", "v": [[encode(k), encode(x)] for k, x in v.items()]}),
        (lambda v: hasattr(v, "__fspath__"), lambda v: {"t": "json", "v": str(v)}),
    ]


def _encode_artifact(valor: Any, question: Any, pasta_artefatos: Any) -> dict | None:
    """A resposta de uma questão de artefato (um caminho), copiada; ``None`` se não é o caso."""
    if (pasta_artefatos is None or question is None
            or getattr(question, "kind", "") != "artefato"
            or not (isinstance(valor, str) or hasattr(valor, "__fspath__"))):
        return None
    try:
        return {"t": "json", "v": _copy_artifact(valor, pasta_artefatos, question.name)}
    except OSError:
        return None  # sem cópia, a correção confere o caminho original


def encode(valor: Any, question: Any = None, pasta_artefatos: Any = None) -> dict:
    """Converte uma resposta em algo serializável em JSON, com a etiqueta do tipo.

    Com ``pasta_artefatos``, a resposta de uma questão de artefato (um caminho)
    é copiada para lá, e o caminho da cópia é que viaja.

    Examples
    --------
    >>> encode(3), encode(float("nan")), encode(...)
    ({'t': 'json', 'v': 3}, {'t': 'float', 'v': 'nan'}, {'t': 'vazio'})
    >>> encode({1, 2})
    {'t': 'set', 'v': [{'t': 'json', 'v': 1}, {'t': 'json', 'v': 2}]}
    """
    artefato = _encode_artifact(valor, question, pasta_artefatos)
    if artefato is not None:
        return artefato
    if valor is Ellipsis:
        return {"t": "vazio"}
    if valor is None:
        return {"t": "nada"}
    if question is not None and getattr(question, "kind", "") == "funcao" and callable(valor):
        return {"t": "saidas", "v": [encode(s) for s in question.outputs(valor)]}
    for e_do_tipo, codificar in _encoders():
        if e_do_tipo(valor):
            return codificar(valor)
    return {"t": "outro", "v": f"{type(valor).__name__}: {repr(valor)[:200]}"}


def _decoders() -> dict[str, Callable[[Any], Any]]:
    """Etiqueta -> função que refaz o valor (o inverso de cada caso de :func:`encode`)."""
    import numpy as np
    import pandas as pd

    return {
        "vazio": lambda v: Ellipsis,
        "nada": lambda v: None,
        "json": lambda v: v,
        "float": float,
        "df": lambda v: pd.read_json(StringIO(v), orient="split"),
        "series": lambda v: pd.read_json(StringIO(v), orient="split", typ="series"),
        "array": lambda v: np.array([decode(x) for x in v]),
        "list": lambda v: [decode(x) for x in v],
        "tuple": lambda v: tuple(decode(x) for x in v),
        "set": lambda v: {decode(x) for x in v},
        "dict": lambda v: {_hashable(decode(k)): decode(x) for k, x in v},
        "saidas": lambda v: {"__saidas__": [decode(x) for x in v]},
    }


def decode(item: dict) -> Any:
    """Inverso de :func:`encode`; tipos desconhecidos viram um texto descritivo.

    Examples
    --------
    >>> decode(encode((1, "a"))), decode(encode(float("inf")))
    ((1, 'a'), inf)
    >>> decode({"t": "outro", "v": "Modelo: <objeto>"})
    'Modelo: <objeto>'
    """
    t, v = item.get("t"), item.get("v")
    decodificar = _decoders().get(t)
    if decodificar is None:
        return _Opaque(str(v))
    return decodificar(v)


def _hashable(valor):
    return tuple(valor) if isinstance(valor, list) else valor


class _Opaque(str):
    """Resposta que não pôde ser transportada (um objeto qualquer)."""


def export_code(chapter: str, destino: str) -> str:
    """Código da célula que o corretor acrescenta ao fim do notebook do aluno."""
    return (
        "def _mlops_lab_exportar():\n"
        "    import importlib\n"
        "    from mlops_lab._fs import write_json\n"
        "    from mlops_lab.exercises.transport import encode\n"
        f"    modulo = importlib.import_module('mlops_lab.exercises.{chapter}')\n"
        "    respostas = {}\n"
        "    for q in modulo.QUESTIONS:\n"
        "        try:\n"
        "            respostas[q.name] = encode(globals().get(q.answer, ...), q,\n"
        f"                                       {str(Path(destino).parent / '_artifacts')!r})\n"
        "        except Exception as erro:\n"
        "            respostas[q.name] = {'t': 'outro', 'v': repr(erro)[:200]}\n"
        "    ajuda = {}\n"
        "    for q in modulo.QUESTIONS:\n"
        "        ajuda[q.name] = [int(getattr(q, 'hints_shown', 0) or 0),\n"
        "                         bool(getattr(q, 'solution_shown', False))]\n"
        f"    respostas[{AJUDA!r}] = {{'t': 'json', 'v': ajuda}}\n"
        f"    write_json({destino!r}, respostas)\n"
        "_mlops_lab_exportar()\n"
    )


def load_answers(caminho: str | Path) -> dict:
    with open(caminho, encoding="utf-8") as arquivo:
        bruto = json.load(arquivo)
    return {nome: decode(item) for nome, item in bruto.items() if isinstance(item, dict)}
