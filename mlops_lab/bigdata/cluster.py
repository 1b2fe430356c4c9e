"""Um ``LocalCluster`` do Dask pequeno, para o motor ``"dask"`` e para os notebooks."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from mlops_lab.errors import require

__all__ = ["local_cluster"]


@contextlib.contextmanager
def local_cluster(n_workers: int = 2, threads_per_worker: int = 1,
                  memory_limit: str = "1GiB", processes: bool = True) -> Iterator[Any]:
    """Um ``LocalCluster`` do Dask pequeno, sem painel web, fechado ao sair.

    Use com ``with local_cluster() as client:``. Os *workers* são processos
    desta máquina; num cluster de verdade, o mesmo código recebe um
    ``Client`` apontado para o agendador remoto.

    Parameters
    ----------
    n_workers, threads_per_worker : int
        Quantos *workers* e quantos fios em cada um.
    memory_limit : str
        Limite de memória de cada *worker* (``"1GiB"``); o Dask só o aplica
        com ``processes=True``.
    processes : bool
        ``True``: cada *worker* é um processo separado, como numa máquina
        diferente. ``False``: fios do próprio processo, que sobem em um ou dois
        segundos e gastam menos memória (bom para notebooks e testes).
    """
    import logging
    import warnings

    distributed = require("dask.distributed", "bigdata", "Este motor do capítulo 6")
    # Aviso interno do Dask 2026.8 com o pandas 3.1 (reset_index(inplace=True) na
    # leitura de Parquet): não depende de quem usa, então não o mostramos.
    warnings.filterwarnings("ignore", message=r"The inplace keyword in DataFrame",
                            module=r"dask\.")
    with warnings.catch_warnings():
        # Sem painel, o agendador ainda abre uma porta HTTP local de saúde; se a
        # 8787 estiver ocupada, ele avisa e usa outra. O aviso só confunde.
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = distributed.LocalCluster(
            n_workers=n_workers, threads_per_worker=threads_per_worker,
            memory_limit=memory_limit, processes=processes, dashboard_address=None,
            silence_logs=logging.ERROR, **({"host": "127.0.0.1"} if processes else {}))
    with cluster, distributed.Client(cluster) as client:
        yield client
