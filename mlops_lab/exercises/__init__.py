"""Exercícios com correção automática, no estilo do Kaggle Learn.

Cada capítulo tem um módulo com o nome do capítulo no livro
(``book/pipeline/data-preparation.md`` → ``data_preparation``), o mesmo do
notebook sem o número (``03-1-data-preparation.ipynb``). No notebook::

    from mlops_lab.exercises import data_preparation as ex
    resposta_1 = ...            # troque ... pela sua resposta
    ex.q1.check(resposta_1)     # retorno imediato, em português
    ex.q1.hint()                # uma dica
    ex.q1.solution()            # a solução

Para o professor, ``mlops-lab grade`` corrige em lote os notebooks entregues
(veja :mod:`mlops_lab.exercises.grader`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["CHAPTERS", "LEGACY_NAMES", "chapter_name"]

# Capítulo -> notebook prático (em notebooks/; o mestre fica em notebooks/masters/).
CHAPTERS = {
    "machine_learning": "02-machine-learning.ipynb",
    "data_preparation": "03-1-data-preparation.ipynb",
    "model_building": "03-2-model-building.ipynb",
    "deployment": "03-3-deployment.ipynb",
    "mlops": "04-mlops.ipynb",
    "ops_family": "05-ops-family.ipynb",
    "big_small_data": "06-big-small-data.ipynb",
    "mlops_tools": "07-mlops-tools.ipynb",
    "dataops_tools": "08-dataops-tools.ipynb",
    "environments": "09-environments.ipynb",
    "supply_chain": "10-supply-chain.ipynb",
    "rollouts": "11-rollouts.ipynb",
    "observability": "12-observability.ipynb",
    "fast_inference": "13-fast-inference.ipynb",
    "trust": "14-trust.ipynb",
    "lgpd": "15-lgpd.ipynb",
    "time_data": "16-time-data.ipynb",
    "llmops": "17-llmops.ipynb",
}

# Os nomes antigos (capNN), de antes de os módulos terem o nome do capítulo: um
# notebook entregue antes da troca ainda importa e é corrigido.
LEGACY_NAMES = {
    "cap02": "machine_learning",
    "cap03_1": "data_preparation",
    "cap03_2": "model_building",
    "cap03_3": "deployment",
    "cap04": "mlops",
    "cap05": "ops_family",
    "cap06": "big_small_data",
    "cap07": "mlops_tools",
    "cap08": "dataops_tools",
}


def chapter_name(name: str) -> str | None:
    """O nome atual do capítulo, aceitando também o antigo (``cap05``).

    Examples
    --------
    >>> chapter_name("cap05"), chapter_name("ops_family"), chapter_name("cap99")
    ('ops_family', 'ops_family', None)
    """
    name = LEGACY_NAMES.get(name, name)
    return name if name in CHAPTERS else None


def __getattr__(name: str) -> ModuleType:
    """``from mlops_lab.exercises import cap05`` ainda funciona (é ``ops_family``)."""
    if name in LEGACY_NAMES:
        return importlib.import_module(f"{__name__}.{LEGACY_NAMES[name]}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
