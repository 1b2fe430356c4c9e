"""Exercícios com correção automática, no estilo do Kaggle Learn.

No notebook de cada capítulo::

    from mlops_lab.exercises import cap03_1 as ex
    resposta_1 = ...            # troque ... pela sua resposta
    ex.q1.check(resposta_1)     # retorno imediato, em português
    ex.q1.hint()                # uma dica
    ex.q1.solution()            # a solução

Para o professor, ``mlops-lab grade`` corrige em lote os notebooks entregues
(veja :mod:`mlops_lab.exercises.grader`).
"""

# Capítulo -> notebook prático (em notebooks/; o mestre fica em notebooks/masters/).
CHAPTERS = {
    "cap02": "02-machine-learning.ipynb",
    "cap03_1": "03-1-data-preparation.ipynb",
    "cap03_2": "03-2-model-building.ipynb",
    "cap03_3": "03-3-deployment.ipynb",
    "cap04": "04-mlops.ipynb",
    "cap05": "05-ops-family.ipynb",
    "cap06": "06-big-small-data.ipynb",
    "cap07": "07-mlops-tools.ipynb",
    "cap08": "08-dataops-tools.ipynb",
    "environments": "09-environments.ipynb",
    "supply_chain": "10-supply-chain.ipynb",
}
