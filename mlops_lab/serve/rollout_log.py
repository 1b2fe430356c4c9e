"""O diário de um lançamento: arquivos JSONL em que só se acrescenta.

Cada evento do lançamento de um modelo novo (uma requisição comparada na
sombra, uma chamada ao canário, a atribuição de um cliente a um braço do teste
A/B, um resultado observado, uma reversão) vira **uma linha JSON** num arquivo
da pasta passada em ``--log``:

=====================  ==========================================================
``requests.jsonl``     uma linha por requisição: braço, registros, latência, erro
                       (na sombra, também a concordância e as diferenças)
``assignments.jsonl``  teste A/B: a chave de cada registro e o braço que a atendeu
``outcomes.jsonl``     teste A/B: o resultado observado para uma chave
``events.jsonl``       início do lançamento e reversões, com o motivo
=====================  ==========================================================

Acrescentar uma linha é uma escrita só, com ``flush`` em seguida: um servidor
que cai no meio deixa, no pior caso, a última linha incompleta, e
:func:`read_jsonl` a ignora. Um servidor reiniciado com a mesma pasta continua o
mesmo diário.

Examples
--------
>>> import tempfile
>>> pasta = tempfile.mkdtemp()
>>> diario = RolloutLog(pasta)
>>> diario.append("events", {"event": "start", "mode": "shadow"})
>>> [linha["event"] for linha in read_jsonl(pasta, "events")]
['start']
"""

from __future__ import annotations

import json
import math
import threading
import time
from pathlib import Path

from mlops_lab.errors import MlopsLabError

__all__ = ["LOG_FILES", "RolloutLog", "percentile", "read_jsonl"]

# Os arquivos do diário (sem a extensão .jsonl), um por tipo de evento.
LOG_FILES = ("requests", "assignments", "outcomes", "events")


def _path(folder: Path, name: str) -> Path:
    if name not in LOG_FILES:
        raise ValueError(f"arquivo de diário desconhecido: {name!r}")
    return folder / f"{name}.jsonl"


class RolloutLog:
    """Acrescenta linhas JSON aos arquivos de ``folder`` (criada se faltar).

    Parameters
    ----------
    folder : str ou Path
        Pasta do diário. Pode já existir: as linhas novas vão para o fim.

    Raises
    ------
    mlops_lab.errors.MlopsLabError
        Se ``folder`` existir e não for uma pasta.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise MlopsLabError(f"'{folder}' existe e não é uma pasta. Em --log, passe uma "
                                "pasta (nova, ou o diário de um lançamento anterior).")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def append(self, name: str, record: dict) -> None:
        """Acrescenta ``record`` (com o instante ``time``) como uma linha de ``name``.jsonl."""
        self.extend(name, [record])

    def extend(self, name: str, records: list[dict]) -> None:
        """Acrescenta várias linhas de uma vez (uma escrita só, todas com o mesmo instante)."""
        agora = round(time.time(), 3)
        texto = "".join(json.dumps({"time": agora, **r}, ensure_ascii=False, allow_nan=False,
                                   separators=(",", ":")) + "\n" for r in records)
        with self._lock, _path(self.folder, name).open("a", encoding="utf-8") as arquivo:
            arquivo.write(texto)
            arquivo.flush()


def read_jsonl(folder: str | Path, name: str) -> list[dict]:
    """As linhas de ``name``.jsonl em ``folder`` (lista vazia se o arquivo não existe).

    Uma última linha incompleta (o servidor caiu enquanto a gravava) é ignorada.

    Examples
    --------
    >>> import tempfile
    >>> read_jsonl(tempfile.mkdtemp(), "outcomes")
    []
    """
    caminho = _path(Path(folder), name)
    if not caminho.exists():
        return []
    linhas = []
    for texto in caminho.read_text(encoding="utf-8").splitlines(keepends=True):
        if not texto.endswith("\n"):
            break  # a última linha ficou pela metade
        linhas.append(json.loads(texto))
    return linhas


def percentile(values: list[float], q: float) -> float | None:
    """O percentil ``q`` (de 0 a 100) pelo posto mais próximo; ``None`` sem valores.

    Examples
    --------
    >>> percentile([5, 1, 3, 2, 4], 50), percentile([5, 1, 3, 2, 4], 95), percentile([], 50)
    (3, 5, None)
    """
    if not values:
        return None
    ordenados = sorted(values)
    posto = max(1, math.ceil(q / 100 * len(ordenados)))
    return ordenados[posto - 1]
