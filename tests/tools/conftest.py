"""Demonstrações de ferramentas que precisam de um ambiente próprio.

O Airflow 3 fixa ``fastapi<0.137`` e não cabe no ambiente do curso (que usa o
fastapi 0.165 no ``mlops-lab serve``). Estes testes rodam no ``.venv-airflow``,
por ``make airflow`` (parte do ``make test``); no ``.venv`` principal, onde o
Airflow não existe, a pasta não é coletada.
"""

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if importlib.util.find_spec("airflow") is None:
    collect_ignore_glob = ["test_*.py"]
else:
    # Antes de qualquer "import airflow": a configuração é lida na importação.
    _home = tempfile.mkdtemp(prefix="airflow-home-")
    os.environ.update({
        "AIRFLOW_HOME": _home,
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(Path(__file__).resolve().parents[2] / "dags"),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_home}/airflow.db",
    })
    subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], check=True,
                   capture_output=True)
