"""Big Data e Small Data, medido: a mesma agregação em cinco motores.

Este módulo gera um conjunto de **eventos de uso** de clientes de uma
operadora (uma linha por chamada ou sessão de dados), grava-o em partes
(Parquet ou CSV) sem nunca montar a tabela inteira na memória e calcula a
mesma tabela de atributos por cliente com cinco motores:

``"pandas"``
    tudo na memória (:func:`pandas.read_parquet` e ``groupby``);
``"pandas_chunks"``
    o pandas em pedaços, guardando só somas, contagens e máximos;
``"duckdb"``
    SQL no DuckDB, que lê os arquivos direto do disco;
``"polars"``
    a API preguiçosa do Polars, executada em *streaming*;
``"dask"``
    o **mesmo código** do pandas (:func:`summarize` e :func:`add_features`)
    aplicado a um DataFrame do Dask, num ``LocalCluster``.

Todos devolvem a mesma tabela (:func:`run`). :func:`measure` roda um motor num
subprocesso novo e mede o tempo e o pico de memória (somando os processos
filhos, como os *workers* do Dask); com ``memory_limit_mb``, o processo é
encerrado ao passar do limite e o resultado diz "não coube".
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

ENGINES = ("pandas", "pandas_chunks", "duckdb", "polars", "dask")
FORMATS = ("parquet", "csv")
KEYS = ["id_cliente", "plano", "regiao"]
EVENT_COLUMNS = ["id_cliente", "dia", "minutos", "dados_mb", "plano", "regiao", "valor"]
RESULT_COLUMNS = [
    "id_cliente", "plano", "regiao", "eventos", "minutos_total", "dados_mb_total",
    "valor_total", "ultimo_dia", "franquia_mb", "mensalidade", "minutos_media",
    "ticket_medio", "uso_franquia", "excedente_mb",
]
# Planos: nome, franquia mensal de dados (MB) e mensalidade (R$).
PLANS = (("Básico", 2_000, 49.9), ("Controle", 5_000, 69.9),
         ("Família", 20_000, 149.9), ("Premium", 50_000, 219.9))
REGIONS = ("Norte", "Nordeste", "Centro-Oeste", "Sudeste", "Sul")
_REGION_WEIGHTS = (0.08, 0.27, 0.08, 0.42, 0.15)
_PLAN_WEIGHTS = (0.35, 0.30, 0.20, 0.15)
ROWS_PER_PART = 1_000_000
CHUNK_ROWS = 250_000
ROW_GROUP_ROWS = 100_000
_MEDICAO = "A medição de memória do capítulo 6"


def plans_table():
    """A tabela pequena de planos, que a agregação junta aos clientes.

    Examples
    --------
    >>> plans_table()["plano"].tolist()
    ['Básico', 'Controle', 'Família', 'Premium']
    """
    import pandas as pd

    return pd.DataFrame(list(PLANS), columns=["plano", "franquia_mb", "mensalidade"])


def default_clients(n_rows: int) -> int:
    """Número de clientes para ``n_rows`` eventos: um cliente a cada 50 eventos.

    Examples
    --------
    >>> default_clients(10_000), default_clients(10**7)
    (200, 200000)
    """
    return max(10, n_rows // 50)


def _require(modulo: str, quem: str = "Este motor do capítulo 6"):
    """Importa um pacote do extra ``bigdata``; se faltar, diz como instalar."""
    from mlops_lab.errors import require

    return require(modulo, "bigdata", quem)


def _check_positive(nome: str, valor) -> int:
    if isinstance(valor, bool) or not isinstance(valor, int) or valor < 1:
        raise MlopsLabError(
            f"{nome} precisa ser um número inteiro positivo, e veio {valor!r}. "
            f"Exemplo: {nome}=10_000.")
    return valor


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise MlopsLabError(
            f"Formato {fmt!r} desconhecido. Use um destes: {', '.join(FORMATS)}.")
    return fmt


def _client_attributes(n_clients: int, seed: int):
    """Plano, região e intensidade de uso de cada cliente (fixos por cliente)."""
    import numpy as np

    rng = np.random.default_rng([seed, 0])
    plano = rng.choice(len(PLANS), size=n_clients, p=_PLAN_WEIGHTS)
    regiao = rng.choice(len(REGIONS), size=n_clients, p=_REGION_WEIGHTS)
    intensidade = rng.lognormal(mean=0.0, sigma=0.5, size=n_clients)
    return plano, regiao, intensidade


def _make_part(start: int, size: int, part: int, n_clients: int, seed: int, clients):
    """Gera uma parte dos eventos; a semente depende só de ``seed`` e ``part``."""
    import numpy as np
    import pandas as pd

    plano, regiao, intensidade = clients
    rng = np.random.default_rng([seed, 1, part])
    idx = rng.integers(0, n_clients, size=size)
    nomes_planos = np.array([p[0] for p in PLANS], dtype=object)
    minutos = np.round(rng.gamma(2.0, 3.0, size=size) * intensidade[idx], 1)
    dados = np.round(rng.exponential(35.0, size=size) * intensidade[idx], 1)
    valor = np.round(0.05 * minutos + 0.002 * dados + 0.10, 2)
    return pd.DataFrame({
        "id_cliente": (idx + 1).astype("int64"),
        "dia": rng.integers(1, 31, size=size).astype("int64"),
        "minutos": minutos,
        "dados_mb": dados,
        "plano": nomes_planos[plano[idx]],
        "regiao": np.array(REGIONS, dtype=object)[regiao[idx]],
        "valor": valor,
    })


def generate_events(path, n_rows: int, *, seed: int = 42, fmt: str = "parquet",
                    n_clients: int | None = None, rows_per_part: int = ROWS_PER_PART,
                    overwrite: bool = False) -> Path:
    """Gera ``n_rows`` eventos de uso e grava-os em partes numa pasta.

    Cada parte (``part-00000.parquet``, ...) tem no máximo ``rows_per_part``
    linhas e é gerada, gravada e descartada antes da próxima: a memória usada
    não cresce com ``n_rows``. A mesma semente, o mesmo ``n_rows`` e o mesmo
    ``rows_per_part`` dão sempre os mesmos arquivos. A pasta é montada num
    temporário e só recebe o nome final no fim: um erro no meio não deixa
    dados pela metade.

    Parameters
    ----------
    path : str or Path
        Pasta a criar.
    n_rows : int
        Número de eventos (linhas).
    seed : int
        Semente do gerador.
    fmt : {"parquet", "csv"}
        Formato das partes.
    n_clients : int, optional
        Número de clientes; o padrão é :func:`default_clients`.
    rows_per_part : int
        Linhas por arquivo.
    overwrite : bool
        Se ``True``, substitui uma pasta que já exista.

    Returns
    -------
    Path
        A pasta criada.

    Examples
    --------
    >>> import tempfile
    >>> pasta = generate_events(tempfile.mkdtemp() + "/eventos", 1_000, rows_per_part=400)
    >>> sorted(p.name for p in pasta.iterdir())
    ['part-00000.parquet', 'part-00001.parquet', 'part-00002.parquet']
    """
    n_rows = _check_positive("n_rows", n_rows)
    rows_per_part = _check_positive("rows_per_part", rows_per_part)
    n_clients = _check_positive("n_clients", n_clients or default_clients(n_rows))
    _check_format(fmt)
    path = Path(path)
    if path.exists() and not overwrite:
        raise MlopsLabError(
            f"A pasta {path} já existe. Apague-a, escolha outro nome ou use overwrite=True.")
    # overwrite=True só substitui uma pasta de eventos: nunca apaga o que é de outra origem.
    _fs.check_out(path, option="path", known=_is_event_file,
                  message=lambda out, _, nomes: (
                      f"A pasta {out} tem arquivos que não são eventos gerados aqui "
                      f"({', '.join(nomes[:3])}). Para não apagá-los, escolha outra pasta."))
    clients = _client_attributes(n_clients, seed)
    with _fs.staged_dir(path) as tmp:
        for part, start in enumerate(range(0, n_rows, rows_per_part)):
            size = min(rows_per_part, n_rows - start)
            chunk = _make_part(start, size, part, n_clients, seed, clients)
            destino = tmp / f"part-{part:05d}.{fmt}"
            if fmt == "parquet":
                # Grupos de linhas menores que a parte: quem lê em pedaços
                # decodifica um grupo por vez, não o arquivo inteiro.
                chunk.to_parquet(destino, index=False, row_group_size=ROW_GROUP_ROWS)
            else:
                chunk.to_csv(destino, index=False)
            del chunk
    return path


def _is_event_file(nome: str) -> bool:
    """Se ``nome`` é uma parte gravada por :func:`generate_events`."""
    return re.fullmatch(r"part-\d{5}\.(parquet|csv)", nome) is not None


def event_files(path) -> tuple[list[Path], str]:
    """Os arquivos de eventos de uma pasta (ou um arquivo só) e o seu formato.

    Examples
    --------
    >>> event_files("/pasta/que/nao/existe")
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: Não encontrei /pasta/que/nao/existe. ...
    """
    path = Path(path)
    if not path.exists():
        raise MlopsLabError(
            f"Não encontrei {path}. Gere os dados antes com "
            "mlops_lab.bigdata.generate_events(pasta, n_rows).")
    files = [path] if path.is_file() else sorted(
        p for p in path.iterdir() if p.suffix.lstrip(".") in FORMATS)
    formatos = {p.suffix.lstrip(".") for p in files}
    if not files or len(formatos) != 1 or not formatos <= set(FORMATS):
        raise MlopsLabError(
            f"{path} não tem arquivos de eventos .parquet ou .csv (de um formato só). "
            "Gere-os com mlops_lab.bigdata.generate_events(pasta, n_rows).")
    return files, formatos.pop()


def read_events(path):
    """Lê todos os eventos para um único DataFrame do pandas (tudo na memória)."""
    import pandas as pd

    files, fmt = event_files(path)
    reader = pd.read_parquet if fmt == "parquet" else pd.read_csv
    return pd.concat([reader(f) for f in files], ignore_index=True)


def iter_chunks(path, chunk_rows: int = CHUNK_ROWS):
    """Percorre os eventos em pedaços de no máximo ``chunk_rows`` linhas.

    Examples
    --------
    >>> import tempfile
    >>> pasta = generate_events(tempfile.mkdtemp() + "/ev", 1_000, fmt="csv")
    >>> [len(p) for p in iter_chunks(pasta, chunk_rows=300)]
    [300, 300, 300, 100]
    """
    import pandas as pd

    chunk_rows = _check_positive("chunk_rows", chunk_rows)
    files, fmt = event_files(path)
    for f in files:
        if fmt == "csv":
            yield from pd.read_csv(f, chunksize=chunk_rows)
        else:
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(f).iter_batches(batch_size=chunk_rows):
                yield batch.to_pandas()


# --- A pipeline: o mesmo código serve para o pandas e para o Dask -------------

def summarize(events):
    """Resumo por cliente: contagem, somas e último dia (pandas ou Dask).

    São resumos que se **somam** entre pedaços (a média sai só no fim, em
    :func:`add_features`). Funciona igual com um DataFrame do pandas e com um
    do Dask, que tem a mesma API. O Dask aceita um argumento a mais,
    ``split_out``: em quantas partições deixar o resultado. Com uma linha por
    cliente, o resultado é pequeno e cabe numa partição só.
    """
    no_dask = hasattr(events, "npartitions")  # DataFrame do Dask?
    return events.groupby(KEYS).agg(
        eventos=("minutos", "count"),
        minutos_total=("minutos", "sum"),
        dados_mb_total=("dados_mb", "sum"),
        valor_total=("valor", "sum"),
        ultimo_dia=("dia", "max"),
        **({"split_out": 1} if no_dask else {}),
    )


def combine(summaries):
    """Junta resumos parciais (de pedaços diferentes) num resumo só."""
    import pandas as pd

    return pd.concat(summaries).groupby(level=KEYS).agg({
        "eventos": "sum", "minutos_total": "sum", "dados_mb_total": "sum",
        "valor_total": "sum", "ultimo_dia": "max"})


def add_features(summary, plans):
    """Junta a tabela de planos e calcula os atributos derivados (pandas ou Dask)."""
    table = summary.reset_index().merge(plans, on="plano", how="left")
    return table.assign(
        minutos_media=table["minutos_total"] / table["eventos"],
        ticket_medio=table["valor_total"] / table["eventos"],
        uso_franquia=table["dados_mb_total"] / table["franquia_mb"],
        excedente_mb=(table["dados_mb_total"] - table["franquia_mb"]).clip(lower=0),
    )


def standardize(table):
    """Mesma ordem de linhas e colunas e mesmos tipos, para comparar motores."""
    table = table.reset_index(drop=True)[RESULT_COLUMNS]
    ints = ["id_cliente", "eventos", "ultimo_dia", "franquia_mb"]
    table = table.astype({c: "int64" for c in ints})
    floats = [c for c in RESULT_COLUMNS if c not in ints + ["plano", "regiao"]]
    table = table.astype({c: "float64" for c in floats})
    table = table.astype({"plano": "str", "regiao": "str"})
    return table.sort_values("id_cliente", kind="stable").reset_index(drop=True)


# --- Os motores --------------------------------------------------------------

def run_pandas(path):
    """Tudo na memória: lê todos os eventos e agrega."""
    return standardize(add_features(summarize(read_events(path)), plans_table()))


def run_pandas_chunks(path, chunk_rows: int = CHUNK_ROWS):
    """Em pedaços: resume cada pedaço e vai somando os resumos."""
    total = None
    for chunk in iter_chunks(path, chunk_rows):
        parcial = summarize(chunk)
        total = parcial if total is None else combine([total, parcial])
    return standardize(add_features(total, plans_table()))


_SQL = """
WITH resumo AS (
    SELECT id_cliente, plano, regiao,
           count(minutos) AS eventos,
           sum(minutos) AS minutos_total,
           sum(dados_mb) AS dados_mb_total,
           sum(valor) AS valor_total,
           max(dia) AS ultimo_dia
    FROM {fonte}
    GROUP BY id_cliente, plano, regiao
)
SELECT r.*, p.franquia_mb, p.mensalidade,
       r.minutos_total / r.eventos AS minutos_media,
       r.valor_total / r.eventos AS ticket_medio,
       r.dados_mb_total / p.franquia_mb AS uso_franquia,
       greatest(r.dados_mb_total - p.franquia_mb, 0) AS excedente_mb
FROM resumo AS r LEFT JOIN planos AS p USING (plano)
"""


def run_duckdb(path, threads: int | None = None):
    """SQL no DuckDB, lendo os arquivos direto do disco."""
    duckdb = _require("duckdb")
    files, fmt = event_files(path)
    lista = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    fonte = f"read_{fmt}([{lista}])"
    with duckdb.connect() as con:
        if threads:
            con.execute(f"SET threads TO {int(threads)}")
        con.register("planos", plans_table())
        return standardize(con.sql(_SQL.format(fonte=fonte)).df())


def run_polars(path):
    """A API preguiçosa do Polars, executada pelo motor de *streaming*."""
    pl = _require("polars")
    files, fmt = event_files(path)
    scan = pl.scan_parquet if fmt == "parquet" else pl.scan_csv
    resumo = scan([str(f) for f in files]).group_by(KEYS).agg(
        pl.col("minutos").count().alias("eventos"),
        pl.col("minutos").sum().alias("minutos_total"),
        pl.col("dados_mb").sum().alias("dados_mb_total"),
        pl.col("valor").sum().alias("valor_total"),
        pl.col("dia").max().alias("ultimo_dia"),
    )
    planos = pl.from_pandas(plans_table()).lazy()
    tabela = resumo.join(planos, on="plano", how="left").with_columns(
        (pl.col("minutos_total") / pl.col("eventos")).alias("minutos_media"),
        (pl.col("valor_total") / pl.col("eventos")).alias("ticket_medio"),
        (pl.col("dados_mb_total") / pl.col("franquia_mb")).alias("uso_franquia"),
        (pl.col("dados_mb_total") - pl.col("franquia_mb")).clip(lower_bound=0)
        .alias("excedente_mb"),
    )
    return standardize(tabela.collect(engine="streaming").to_pandas())


@contextlib.contextmanager
def local_cluster(n_workers: int = 2, threads_per_worker: int = 1,
                  memory_limit: str = "1GiB", processes: bool = True):
    """Um ``LocalCluster`` do Dask pequeno, sem painel web, fechado ao sair.

    Use com ``with local_cluster() as client:``. Os *workers* são processos
    desta máquina; num cluster de verdade, o mesmo código recebe um
    ``Client`` apontado para o agendador remoto.

    Parameters
    ----------
    n_workers, threads_per_worker : int
        Quantos *workers* e quantos fios em cada um.
    memory_limit : str
        Limite de memória de cada *worker* (``"1GiB"``); o Dask só o aplica
        com ``processes=True``.
    processes : bool
        ``True``: cada *worker* é um processo separado, como numa máquina
        diferente. ``False``: fios do próprio processo, que sobem em um ou dois
        segundos e gastam menos memória (bom para notebooks e testes).
    """
    import logging
    import warnings

    distributed = _require("dask.distributed")
    # Aviso interno do Dask 2026.8 com o pandas 3.1 (reset_index(inplace=True) na
    # leitura de Parquet): não depende de quem usa, então não o mostramos.
    warnings.filterwarnings("ignore", message=r"The inplace keyword in DataFrame",
                            module=r"dask\.")
    with warnings.catch_warnings():
        # Sem painel, o agendador ainda abre uma porta HTTP local de saúde; se a
        # 8787 estiver ocupada, ele avisa e usa outra. O aviso só confunde.
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = distributed.LocalCluster(
            n_workers=n_workers, threads_per_worker=threads_per_worker,
            memory_limit=memory_limit, processes=processes, dashboard_address=None,
            silence_logs=logging.ERROR, **({"host": "127.0.0.1"} if processes else {}))
    with cluster, distributed.Client(cluster) as client:
        yield client


def run_dask(path, client=None):
    """O mesmo código do pandas sobre um DataFrame do Dask.

    Sem ``client``, sobe um :func:`local_cluster` só para esta chamada (e o
    fecha no fim); passe um ``client`` para reaproveitar um cluster.
    """
    if client is None:
        with local_cluster() as novo:
            return run_dask(path, novo)
    dd = _require("dask.dataframe")
    files, fmt = event_files(path)
    reader = dd.read_parquet if fmt == "parquet" else dd.read_csv
    eventos = reader([str(f) for f in files])
    tabela = add_features(summarize(eventos), plans_table())  # igual ao pandas
    return standardize(client.compute(tabela).result())


def run(engine: str, path, **kwargs):
    """Calcula a tabela de atributos por cliente com o motor ``engine``.

    Parameters
    ----------
    engine : {"pandas", "pandas_chunks", "duckdb", "polars", "dask"}
        O motor.
    path : str or Path
        Pasta criada por :func:`generate_events`.
    **kwargs
        Repassados ao motor (``chunk_rows``, ``threads`` ou ``client``).

    Examples
    --------
    >>> import tempfile
    >>> pasta = generate_events(tempfile.mkdtemp() + "/ev", 2_000)
    >>> a, b = run("pandas", pasta), run("duckdb", pasta)
    >>> len(a), bool((a["eventos"] == b["eventos"]).all())
    (40, True)
    """
    motores = {"pandas": run_pandas, "pandas_chunks": run_pandas_chunks,
               "duckdb": run_duckdb, "polars": run_polars, "dask": run_dask}
    if engine not in motores:
        raise MlopsLabError(
            f"Motor {engine!r} desconhecido. Use um destes: {', '.join(ENGINES)}.")
    return motores[engine](path, **kwargs)


# --- Medição num subprocesso novo ---------------------------------------------

_IMPORTS = {"pandas": "pandas, pyarrow", "pandas_chunks": "pandas, pyarrow",
            "duckdb": "duckdb, pandas", "polars": "polars, pandas",
            "dask": "dask.dataframe, dask.distributed, pandas"}


def _rss_mb() -> float:
    psutil = _require("psutil", _MEDICAO)

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


def _tree_rss(proc) -> int:
    psutil = _require("psutil", _MEDICAO)

    total = 0
    try:
        processos = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in processos:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def measure(engine: str, path, *, memory_limit_mb: float | None = None,
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
    psutil = _require("psutil", _MEDICAO)

    if engine not in ENGINES:
        raise MlopsLabError(
            f"Motor {engine!r} desconhecido. Use um destes: {', '.join(ENGINES)}.")
    event_files(path)
    codigo = "import sys; from mlops_lab.bigdata import _child; _child(*sys.argv[1:])"
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-c", codigo, engine, str(path)],
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
