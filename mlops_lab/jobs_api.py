"""Um balcão de jobs de brinquedo, no espírito do Genie da Netflix.

Quem pede um job não diz **onde** ele roda: descreve o que precisa com
etiquetas (``type:python``, ``data:local``). O balcão escolhe um motor
cadastrado que tenha todas as etiquetas, roda o job num processo separado e
devolve o registro da execução (motor, código de saída, saídas). No Genie, os
motores são clusters Hadoop, Spark ou Trino; aqui, o próprio Python e o
shell desta máquina, o que basta para ver o conceito funcionar.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["JobResult", "local_engines", "resolve", "submit_job"]


@dataclass(frozen=True)
class JobResult:
    """O registro de um job executado."""

    engine: str
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def local_engines() -> dict[str, dict]:
    """Os motores desta máquina: nome → etiquetas e o comando que recebe o código do job.

    Examples
    --------
    >>> sorted(local_engines())
    ['python-local', 'shell-local']
    """
    return {
        "python-local": {"tags": {"type:python", "data:local"}, "argv": [sys.executable, "-c"]},
        "shell-local": {"tags": {"type:shell", "data:local"}, "argv": ["sh", "-c"]},
    }


def resolve(tags: Iterable[str], engines: dict[str, dict] | None = None) -> str:
    """O primeiro motor (em ordem alfabética) que tem todas as etiquetas pedidas.

    Examples
    --------
    >>> resolve({"type:python"})
    'python-local'
    >>> resolve({"type:spark"})
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: nenhum motor atende às etiquetas ['type:spark'] ...
    """
    engines = local_engines() if engines is None else engines
    pedidas = set(tags)
    candidatos = sorted(nome for nome, motor in engines.items() if pedidas <= set(motor["tags"]))
    if not candidatos:
        raise MlopsLabError(f"nenhum motor atende às etiquetas {sorted(pedidas)} (motores: "
                            + "; ".join(f"{n} {sorted(m['tags'])}" for n, m in
                                        sorted(engines.items()))
                            + "). Peça etiquetas que algum motor tenha ou cadastre um motor.")
    return candidatos[0]


def submit_job(code: str, tags: Iterable[str], engines: dict[str, dict] | None = None,
               timeout: float = 60) -> JobResult:
    """Escolhe o motor pelas etiquetas e roda ``code`` nele, num processo separado.

    Examples
    --------
    >>> r = submit_job("print(6 * 7)", {"type:python"})
    >>> r.engine, r.returncode, r.stdout.strip()
    ('python-local', 0, '42')
    """
    engines = local_engines() if engines is None else engines
    nome = resolve(tags, engines)
    try:
        feito = subprocess.run([*engines[nome]["argv"], code], capture_output=True, text=True,
                               timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise MlopsLabError(f"o job passou de {timeout} s no motor '{nome}' e foi "
                            "interrompido. Aumente o limite (timeout) ou divida o job.") from None
    return JobResult(nome, feito.returncode, feito.stdout, feito.stderr)
