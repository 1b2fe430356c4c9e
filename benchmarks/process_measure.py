"""Mede um motor de :mod:`mlops_lab.bigdata` num subprocesso novo: tempo e pico de memória.

É o instrumento de ``bench_bigdata.py`` (a tabela do capítulo 6), não parte do
pacote: :func:`measure` roda o motor num processo Python novo (este arquivo,
executado como programa) e mede o tempo do cálculo e o pico de memória,
somando os processos filhos (os *workers* do Dask); com ``memory_limit_mb``, o
processo é encerrado ao passar do limite e o resultado diz "não coube".

Uso, de outro script ou de um teste::

    from benchmarks.process_measure import measure   # da raiz do repositório
    measure("duckdb", "eventos", memory_limit_mb=800)
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mlops_lab.bigdata import ENGINES, event_files, local_cluster, run
from mlops_lab.errors import MlopsLabError, require

__all__ = ["measure"]

_MEDICAO = "A medição de memória do capítulo 6"


_IMPORTS = {"pandas": "pandas, pyarrow", "pandas_chunks": "pandas, pyarrow",
            "duckdb": "duckdb, pandas", "polars": "polars, pandas",
            "dask": "dask.dataframe, dask.distributed, pandas"}


def _rss_mb() -> float:
    psutil = require("psutil", "bigdata", _MEDICAO)

    return psutil.Process().memory_info().rss / 2**20


def _own_peak_mb() -> float:
    """Pico de memória do próprio processo (VmHWM do Linux; zera a cada exec)."""
    with contextlib.suppress(OSError):
        for linha in Path("/proc/self/status").read_text().splitlines():
            if linha.startswith("VmHWM:"):
                return int(linha.split()[1]) / 1024
    return 0.0


def _child(engine: str, path: str) -> None:
    """Roda no subprocesso: importa, (sobe o cluster), calcula e imprime JSON."""
    for modulo in _IMPORTS[engine].split(", "):
        __import__(modulo)
    base = _rss_mb()
    preparo = 0.0
    with contextlib.ExitStack() as pilha:
        kwargs = {}
        if engine == "dask":
            inicio = time.perf_counter()
            kwargs["client"] = pilha.enter_context(local_cluster())
            preparo = time.perf_counter() - inicio
        inicio = time.perf_counter()
        tabela = run(engine, path, **kwargs)
        segundos = time.perf_counter() - inicio
    pico_proprio = _own_peak_mb()
    print(json.dumps({"seconds": segundos, "setup_seconds": preparo, "base_mb": base,
                      "self_peak_mb": pico_proprio,
                      "clients": len(tabela),
                      "valor_total": float(tabela["valor_total"].sum())}))


def _tree_rss(proc: Any) -> int:
    psutil = require("psutil", "bigdata", _MEDICAO)

    total = 0
    try:
        processos = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in processos:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def measure(engine: str, path: str | Path, *, memory_limit_mb: float | None = None,
            timeout: float = 900, interval: float = 0.02) -> dict:
    """Roda ``engine`` num subprocesso novo e mede tempo e pico de memória.

    O pico é o maior valor da soma da memória residente (RSS) do subprocesso
    e dos seus filhos (os *workers* do Dask), amostrada a cada ``interval``
    segundos. Com ``memory_limit_mb``, o subprocesso (e os filhos) é encerrado
    quando passa do limite, como faria o sistema numa máquina com menos RAM,
    e o resultado traz ``status="não coube"`` em vez de um erro.

    Returns
    -------
    dict
        ``engine``, ``status`` (``"ok"``, ``"não coube"``, ``"tempo esgotado"``
        ou ``"erro"``), ``seconds`` (só o cálculo), ``setup_seconds`` (subir o
        cluster do Dask), ``peak_mb``, ``base_mb`` (memória depois dos
        *imports*), ``clients`` e ``error``.
    """
    psutil = require("psutil", "bigdata", _MEDICAO)

    if engine not in ENGINES:
        raise MlopsLabError(
            f"Motor {engine!r} desconhecido. Use um destes: {', '.join(ENGINES)}.")
    event_files(path)
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, __file__, engine, str(path)],
                                stdout=out, stderr=err, env=env, start_new_session=True)
        ps = psutil.Process(proc.pid)
        pico, status, inicio = 0, "ok", time.monotonic()
        while proc.poll() is None:
            pico = max(pico, _tree_rss(ps))
            if memory_limit_mb and pico > memory_limit_mb * 2**20:
                status = "não coube"
            elif time.monotonic() - inicio > timeout:
                status = "tempo esgotado"
            if status != "ok":
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(interval)
        with contextlib.suppress(ProcessLookupError):  # sobras (workers órfãos)
            os.killpg(proc.pid, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        linhas = out.read().strip().splitlines()
        erro = err.read().strip()
    resultado = {"engine": engine, "status": status, "seconds": None,
                 "setup_seconds": None, "peak_mb": round(pico / 2**20, 1),
                 "base_mb": None, "clients": None, "error": ""}
    if status == "ok" and proc.returncode == 0 and linhas:
        dados = json.loads(linhas[-1])
        pico_mb = max(resultado["peak_mb"], round(dados["self_peak_mb"], 1))
        resultado.update(seconds=dados["seconds"], setup_seconds=dados["setup_seconds"],
                         peak_mb=pico_mb,
                         base_mb=round(dados["base_mb"], 1), clients=dados["clients"])
    elif status == "ok":
        resultado.update(status="erro", error=erro[-2000:])
    return resultado


if __name__ == "__main__":
    _child(*sys.argv[1:])
