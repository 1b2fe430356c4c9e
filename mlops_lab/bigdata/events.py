"""Os eventos de uso: o gerador (em partes, sem montar a tabela na memória) e os leitores."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.datasets.vocabulary import REGIONS as _REGIONS_BY_NAME
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "CHUNK_ROWS",
    "EVENT_COLUMNS",
    "FORMATS",
    "PLANS",
    "REGIONS",
    "ROWS_PER_PART",
    "ROW_GROUP_ROWS",
    "check_positive",
    "default_clients",
    "event_files",
    "generate_events",
    "iter_chunks",
    "plans_table",
    "read_events",
]

FORMATS = ("parquet", "csv")
EVENT_COLUMNS = ["id_cliente", "dia", "minutos", "dados_mb", "plano", "regiao", "valor"]
# Planos: nome, franquia mensal de dados (MB) e mensalidade (R$).
PLANS = (("Básico", 2_000, 49.9), ("Controle", 5_000, 69.9),
         ("Família", 20_000, 149.9), ("Premium", 50_000, 219.9))
# As regiões do IBGE, da fonte única do vocabulário (:mod:`mlops_lab.datasets.vocabulary`).
REGIONS = tuple(_REGIONS_BY_NAME)
_REGION_WEIGHTS = (0.08, 0.27, 0.08, 0.42, 0.15)
_PLAN_WEIGHTS = (0.35, 0.30, 0.20, 0.15)
ROWS_PER_PART = 1_000_000
CHUNK_ROWS = 250_000
ROW_GROUP_ROWS = 100_000


def plans_table() -> pd.DataFrame:
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


def check_positive(nome: str, valor: object) -> int:
    """Confere que ``valor`` é um inteiro positivo; senão, explica com um exemplo."""
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


def _client_attributes(n_clients: int, seed: int) -> tuple[np.ndarray, ...]:
    """Plano, região e intensidade de uso de cada cliente (fixos por cliente)."""
    import numpy as np

    rng = np.random.default_rng([seed, 0])
    plano = rng.choice(len(PLANS), size=n_clients, p=_PLAN_WEIGHTS)
    regiao = rng.choice(len(REGIONS), size=n_clients, p=_REGION_WEIGHTS)
    intensidade = rng.lognormal(mean=0.0, sigma=0.5, size=n_clients)
    return plano, regiao, intensidade


def _make_part(start: int, size: int, part: int, n_clients: int, seed: int,
               clients: tuple[np.ndarray, ...]) -> pd.DataFrame:
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


def generate_events(path: str | Path, n_rows: int, *, seed: int = 42, fmt: str = "parquet",
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
    n_rows = check_positive("n_rows", n_rows)
    rows_per_part = check_positive("rows_per_part", rows_per_part)
    n_clients = check_positive("n_clients", n_clients or default_clients(n_rows))
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


def event_files(path: str | Path) -> tuple[list[Path], str]:
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


def read_events(path: str | Path) -> pd.DataFrame:
    """Lê todos os eventos para um único DataFrame do pandas (tudo na memória)."""
    import pandas as pd

    files, fmt = event_files(path)
    reader = pd.read_parquet if fmt == "parquet" else pd.read_csv
    return pd.concat([reader(f) for f in files], ignore_index=True)


def iter_chunks(path: str | Path, chunk_rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """Percorre os eventos em pedaços de no máximo ``chunk_rows`` linhas.

    Examples
    --------
    >>> import tempfile
    >>> pasta = generate_events(tempfile.mkdtemp() + "/ev", 1_000, fmt="csv")
    >>> [len(p) for p in iter_chunks(pasta, chunk_rows=300)]
    [300, 300, 300, 100]
    """
    import pandas as pd

    chunk_rows = check_positive("chunk_rows", chunk_rows)
    files, fmt = event_files(path)
    for f in files:
        if fmt == "csv":
            yield from pd.read_csv(f, chunksize=chunk_rows)
        else:
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(f).iter_batches(batch_size=chunk_rows):
                yield batch.to_pandas()
