"""Funções de apoio dos testes."""

import subprocess
import sys


def run_cli(*args, cwd=None, timeout=900):
    """Roda ``mlops-lab`` como um usuário rodaria, num processo separado."""
    return subprocess.run([sys.executable, "-m", "mlops_lab.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=timeout)
