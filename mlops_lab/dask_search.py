"""A busca de hiperparâmetros num cluster Dask, pelo *backend* ``dask`` do joblib.

O mesmo código roda num cluster local (``"local"``: dois *workers* dentro deste
processo, para experimentar sem servidor) e num cluster de verdade (o endereço
do agendador, ``tcp://host:8786``). Cada candidato (algoritmo e hiperparâmetros)
vira uma tarefa; o agendador as distribui entre os *workers*. Como a divisão em
partes e os algoritmos usam a mesma semente, o resultado é o mesmo da busca
local, na mesma ordem.

No cluster local, os *workers* são *threads* de um processo só (``processes=False``):
sobem em menos de um segundo, mas dividem o GIL do Python, então a busca não
fica mais rápida nesta máquina. O ganho aparece com *workers* em outras máquinas.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["LOCAL", "check_address", "dask_client", "score_in_cluster"]

LOCAL = "local"


def check_address(address: str) -> None:
    """Confere a forma do endereço do agendador, antes de qualquer trabalho.

    Examples
    --------
    >>> check_address("local"), check_address("tcp://10.0.0.5:8786")
    (None, None)
    >>> check_address("10.0.0.5:8786")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: --dask-scheduler '10.0.0.5:8786': use 'local' ...
    """
    if address != LOCAL and not address.startswith(("tcp://", "tls://")):
        raise MlopsLabError(f"--dask-scheduler '{address}': use 'local' (um cluster nesta "
                            "máquina) ou o endereço do agendador, como tcp://10.0.0.5:8786.")


@contextlib.contextmanager
def dask_client(address: str) -> Iterator[Any]:
    """Um ``distributed.Client`` ligado a ``address`` (ou a um cluster local), fechado no fim.

    Raises
    ------
    mlops_lab.errors.MlopsLabError
        Se o endereço não for ``local`` nem ``tcp://…``, ou o agendador não responder.
    """
    from mlops_lab.errors import require

    distributed = require("distributed", "bigdata", "A busca num cluster Dask")
    if address == LOCAL:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    check_address(address)
    try:
        client = distributed.Client(address, timeout=10)
    except (OSError, TimeoutError) as erro:
        raise MlopsLabError(f"o agendador do Dask em {address} não respondeu ({erro}). Confira "
                            "se ele está no ar (dask scheduler) e o endereço.") from None
    with client:
        yield client


def score_in_cluster(models: Sequence[Any], X: Any, y: Any, cv: Any, scoring: str,
                     address: str) -> list:
    """As notas da validação cruzada de cada modelo, calculadas no cluster Dask.

    Devolve uma lista de arrays, na ordem de ``models`` (a mesma de uma busca local).
    """
    import joblib
    from sklearn.model_selection import cross_val_score

    with dask_client(address), joblib.parallel_config(backend="dask"):
        return joblib.Parallel(n_jobs=-1)(
            joblib.delayed(cross_val_score)(m, X, y, cv=cv, scoring=scoring) for m in models)
