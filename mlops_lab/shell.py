"""Um comando de terminal rodado de dentro do Python, como no terminal.

Os capítulos e os notebooks usam :func:`shell` para chamar ``git``, ``dvc`` e
``mlops-lab`` do mesmo ambiente do kernel, mostrando ``$ comando`` e a saída.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mlops_lab.errors import MlopsLabError

__all__ = ["shell"]


def shell(command: str, cwd: str | os.PathLike = ".", check: bool = True,
          echo: bool = True) -> str | None:
    """Roda um comando de terminal, como você o digitaria, e mostra ``$ comando`` e a saída.

    Serve para os notebooks chamarem ``git``, ``dvc`` e ``mlops-lab`` do mesmo
    ambiente Python do kernel (a pasta dos executáveis dele vai na frente do
    ``PATH``), com a telemetria do DVC desligada (``DVC_NO_ANALYTICS=1``).

    Returns
    -------
    str ou None
        Com ``echo=False``, a saída padrão e a de erro, juntas; com ``echo=True``
        ela já foi mostrada, e a função devolve ``None`` (para o notebook não
        mostrá-la duas vezes).

    Examples
    --------
    >>> print(shell("echo olá", echo=False).strip())
    olá
    """
    env = dict(os.environ, DVC_NO_ANALYTICS="1",
               PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                     os.environ.get("PATH", "")]))
    r = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True)
    saida = r.stdout + r.stderr
    if echo:
        print(f"$ {command}")
        if saida.strip():
            print(saida.rstrip())
    if check and r.returncode != 0:
        raise MlopsLabError(f"o comando '{command}' falhou (código {r.returncode}):\n{saida}")
    return None if echo else saida
