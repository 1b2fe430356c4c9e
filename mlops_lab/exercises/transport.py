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
from io import StringIO
from pathlib import Path

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


def encode(valor, question=None, pasta_artefatos=None):
    """Converte uma resposta em algo serializável em JSON, com a etiqueta do tipo.

    Com ``pasta_artefatos``, a resposta de uma questão de artefato (um caminho)
    é copiada para lá, e o caminho da cópia é que viaja.
    """
    import numpy as np
    import pandas as pd

    if (pasta_artefatos is not None and question is not None
            and getattr(question, "kind", "") == "artefato"
            and (isinstance(valor, str) or hasattr(valor, "__fspath__"))):
        try:
            return {"t": "json", "v": _copy_artifact(valor, pasta_artefatos, question.name)}
        except OSError:
            pass  # sem cópia, a correção confere o caminho original
    if valor is Ellipsis:
        return {"t": "vazio"}
    if valor is None:
        return {"t": "nada"}
    if question is not None and getattr(question, "kind", "") == "funcao" and callable(valor):
        return {"t": "saidas", "v": [encode(s) for s in question.outputs(valor)]}
    if isinstance(valor, (bool, np.bool_)):
        return {"t": "json", "v": bool(valor)}
    if isinstance(valor, (int, np.integer)):
        return {"t": "json", "v": int(valor)}
    if isinstance(valor, (float, np.floating)):
        valor = float(valor)
        return {"t": "float", "v": repr(valor)} if not math.isfinite(valor) else {
            "t": "json", "v": valor}
    if isinstance(valor, str):
        return {"t": "json", "v": valor[:_MAX_TEXTO]}
    if isinstance(valor, pd.DataFrame):
        return {"t": "df", "v": valor.to_json(orient="split", date_format="iso")}
    if isinstance(valor, pd.Series):
        return {"t": "series", "v": valor.to_json(orient="split", date_format="iso")}
    if isinstance(valor, np.ndarray):
        return {"t": "array", "v": [encode(v) for v in valor.tolist()]}
    if isinstance(valor, (list, tuple, set)):
        itens = sorted(valor, key=repr) if isinstance(valor, set) else valor
        return {"t": type(valor).__name__, "v": [encode(v) for v in itens]}
    if isinstance(valor, dict):
        return {"t": "dict", "v": [[encode(k), encode(v)] for k, v in valor.items()]}
    if hasattr(valor, "__fspath__"):
        return {"t": "json", "v": str(valor)}
    return {"t": "outro", "v": f"{type(valor).__name__}: {repr(valor)[:200]}"}


def decode(item):
    """Inverso de :func:`encode`; tipos desconhecidos viram um texto descritivo."""
    import numpy as np
    import pandas as pd

    t, v = item.get("t"), item.get("v")
    if t == "vazio":
        return Ellipsis
    if t == "nada":
        return None
    if t == "json":
        return v
    if t == "float":
        return float(v)
    if t == "df":
        return pd.read_json(StringIO(v), orient="split")
    if t == "series":
        return pd.read_json(StringIO(v), orient="split", typ="series")
    if t == "array":
        return np.array([decode(x) for x in v])
    if t in ("list", "tuple", "set"):
        itens = [decode(x) for x in v]
        return {"list": list, "tuple": tuple, "set": set}[t](itens)
    if t == "dict":
        return {_hashable(decode(k)): decode(x) for k, x in v}
    if t == "saidas":
        return {"__saidas__": [decode(x) for x in v]}
    return _Opaque(str(v))


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
        f"                                       {str(Path(destino).parent / '_artefatos')!r})\n"
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


def load_answers(caminho) -> dict:
    with open(caminho, encoding="utf-8") as arquivo:
        bruto = json.load(arquivo)
    return {nome: decode(item) for nome, item in bruto.items() if isinstance(item, dict)}
