"""O Feast de verdade, no ambiente próprio (``make feast``, parte do ``make test``).

O Feast 0.67 exige ``pandas<3``, e o curso usa o pandas 3: estes testes rodam no
``.venv-feast``, com ``--confcutdir=tests/feast`` (o ``tests/conftest.py`` do curso
treina modelos com o scikit-learn, que esse ambiente não tem). No ``.venv`` principal,
onde o Feast não existe, a pasta não é coletada; lá,
``tests/code/test_feature_store_sem_feast.py`` confere a mensagem de quem tenta usá-lo.
"""

import importlib.util

if importlib.util.find_spec("feast") is None:
    collect_ignore_glob = ["test_*.py"]
