"""O modelo que os benchmarks medem: o do ``mlops-lab run``, sem gráficos nem MLflow."""

import os
import subprocess
import sys
from pathlib import Path


def treinar_modelo(pasta: Path) -> Path:
    """Roda ``mlops-lab run`` num processo separado e devolve a pasta do modelo."""
    subprocess.run([sys.executable, "-m", "mlops_lab.cli", "run", "--quiet", "--no-plots",
                    "--no-tracking", "--out", str(pasta)], check=True,
                   env={**os.environ, "OMP_NUM_THREADS": "1"})
    return pasta
