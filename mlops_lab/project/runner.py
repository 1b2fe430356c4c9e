"""Rodar comandos do projeto com limite de tempo e de saída, sem confiar neles.

O corretor roda código do projeto (estágios do DVC, testes): cada comando roda num
grupo de processos próprio, com limite de tempo (o grupo inteiro é encerrado), e só
os últimos caracteres da saída são guardados (um projeto que imprime sem parar não
enche a memória nem o disco).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OUTPUT_TAIL", "Outcome", "decimal", "environment", "git", "kill_group", "run"]

#: Caracteres do fim da saída guardados de cada comando.
OUTPUT_TAIL = 4000
# Variáveis que não podem vazar do ambiente de quem corrige para o projeto.
_DROP = ("MLFLOW_TRACKING_URI", "MLOPS_LAB_TRACKING", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER",
         "PYTEST_XDIST_TESTRUNUID", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER_COUNT",
         "VIRTUAL_ENV_PROMPT",
         # Nada de código extra carregado antes do projeto (nem do corretor).
         "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT", "PYTHONUSERBASE",
         # Sem os .pyc, cada processo recompila o pandas, o scikit-learn e o MLflow a cada
         # importação (o dobro do tempo de cada estágio).
         "PYTHONDONTWRITEBYTECODE")


@dataclass
class Outcome:
    """Resultado de um comando: código de saída (``None`` se estourou o tempo) e o fim da saída."""

    returncode: int | None
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def describe(self) -> str:
        if self.returncode is None:
            return f"passou do limite de {self.seconds:.0f} s e foi encerrado"
        return f"terminou com código {self.returncode} em {decimal(self.seconds, 1)} s"

    def last_lines(self, n: int = 5) -> str:
        linhas = [linha for linha in self.output.strip().splitlines() if linha.strip()]
        return "\n".join(linhas[-n:])


def decimal(valor: float, casas: int = 3) -> str:
    """Número com vírgula decimal, como no resto do curso.

    >>> decimal(0.25), decimal(99.84, 1)
    ('0,250', '99,8')
    """
    return f"{valor:.{casas}f}".replace(".", ",")


def environment(home: str | Path | None = None) -> dict:
    """O ambiente dos comandos: o Python de quem corrige na frente do PATH, sem telemetria.

    Sem ``PYTHONPATH`` nem pacotes da pasta do usuário (``PYTHONNOUSERSITE``); com
    ``home``, a pasta pessoal (``HOME``) e a temporária (``TMPDIR``) ficam nela.

    >>> env = environment("/tmp/x")
    >>> env["HOME"], env["PYTHONNOUSERSITE"], "PYTHONPATH" in env
    ('/tmp/x', '1', False)
    """
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["DVC_NO_ANALYTICS"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    env.setdefault("OMP_NUM_THREADS", "1")
    if home is not None:
        env["HOME"] = env["TMPDIR"] = str(home)
    return env


def kill_group(proc: subprocess.Popen) -> None:
    """Encerra o processo e todos os que ele criou (o grupo de processos)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _drain(stream, fim: deque, tamanho: list) -> None:
    for bloco in iter(lambda: stream.read(8192), b""):
        fim.append(bloco)
        tamanho[0] += len(bloco)
        while tamanho[0] - len(fim[0]) > OUTPUT_TAIL and len(fim) > 1:
            tamanho[0] -= len(fim.popleft())


def run(command: list[str], cwd: str | Path, timeout: float,
        home: str | Path | None = None) -> Outcome:
    """Roda ``command`` em ``cwd`` com limite de ``timeout`` segundos (``home``: veja
    :func:`environment`).

    Examples
    --------
    >>> r = run([sys.executable, "-c", "print('oi')"], ".", timeout=60)
    >>> r.ok, r.output.strip()
    (True, 'oi')
    >>> run([sys.executable, "-c", "while True: print('x' * 100)"], ".", timeout=2).returncode
    >>> run(["comando-que-nao-existe"], ".", timeout=2).returncode
    127
    """
    import time

    inicio = time.monotonic()
    try:
        proc = subprocess.Popen(command, cwd=cwd, env=environment(home), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
    except FileNotFoundError:
        return Outcome(127, f"o comando '{command[0]}' não foi encontrado: instale-o no "
                            "ambiente do curso (por exemplo, pip install dvc).", 0.0)
    fim, tamanho = deque(), [0]
    leitor = threading.Thread(target=_drain, args=(proc.stdout, fim, tamanho), daemon=True)
    leitor.start()
    try:
        codigo = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        codigo = None
    kill_group(proc)  # também os filhos que ficaram para trás
    leitor.join(timeout=5)
    texto = b"".join(fim)[-OUTPUT_TAIL:].decode("utf-8", errors="replace")
    return Outcome(codigo, texto, time.monotonic() - inicio)


def git(args: list[str], cwd: str | Path, timeout: float = 120) -> Outcome:
    """Roda ``git`` com ``args`` em ``cwd`` (veja :func:`run`), com limite de tempo."""
    return run(["git", *args], cwd, timeout)
