"""Formas de resposta, erradas e certas, das questões do capítulo 6."""

import math
import tempfile
from functools import lru_cache
from pathlib import Path

from tests.exercises.formas._comum import letras


def _bruto():
    from mlops_lab.data import load_example

    return load_example()


def _bytes():
    return _bruto().memory_usage(deep=True).sum() / len(_bruto())


@lru_cache(maxsize=1)
def _tabela(motor="pandas"):
    from mlops_lab.bigdata import generate_events, run

    with tempfile.TemporaryDirectory() as pasta:
        eventos = generate_events(Path(pasta) / "eventos", 20_000, seed=7)
        return run(motor, eventos)


def _sem_atributos():
    return _tabela().drop(columns=["uso_franquia", "excedente_mb"])


def _decisao(**mudancas):
    cabem = int(8e9 // (_bytes() * 3))
    resposta = {"bytes_por_linha": _bytes(), "cabem": cabem,
                "decisao": "pandas" if 30_000_000 <= cabem else "fora da memória"}
    resposta.update(mudancas)
    return resposta


FORMAS = {
    "q1": letras("b", ["a", "c", "d"]),
    "q2": {
        "erradas": [lambda: _bruto().memory_usage(deep=True).sum(),
                    lambda: _bruto().memory_usage(deep=True).sum() / 1e6,
                    lambda: "muito"],
        "certas": [lambda: _bytes(), lambda: f"{_bytes():.1f}".replace(".", ","),
                   lambda: _bruto().memory_usage(deep=True, index=False).sum() / len(_bruto())],
    },
    "q3": {
        "erradas": [lambda: (lambda m, b, f: m * 10**9 / (b * f)),
                    lambda: (lambda m, b, f: int(m * 2**30 // (b * f))),
                    lambda: (lambda m, b, f: int(m * 10**9 // b)),
                    lambda: (lambda m, b, f: round(m * 10**9 / (b * f)))],
        "certas": [lambda: (lambda m, b, f: int(m * 10**9 // (b * f))),
                   lambda: (lambda m, b, f: math.floor(m * 1e9 / (b * f)))],
    },
    "q4": {
        "erradas": [lambda: float(_bruto()["minutos_chamadas"].head(1000).sum()),
                    lambda: float(_bruto()["minutos_chamadas"].iloc[6000:].sum()),
                    lambda: float(_bruto()["minutos_chamadas"].mean()),
                    lambda: None],
        "certas": [lambda: _bruto()["minutos_chamadas"].sum(),
                   lambda: sum(float(p["minutos_chamadas"].sum()) for p in
                               __import__("pandas").read_csv(
                                   __import__("mlops_lab.data").data.example_path(), sep=";",
                                   decimal=",", chunksize=1000))],
    },
    "q5": letras("c", ["a", "b", "d"]),
    "q6": {
        "erradas": [lambda: int((_tabela()["excedente_mb"] >= 0).sum()),
                    lambda: len(_tabela()),
                    lambda: (_tabela()["excedente_mb"] > 0).sum() + 0.5,
                    lambda: (_tabela()["excedente_mb"] > 0).mean()],
        "certas": [lambda: (_tabela()["excedente_mb"] > 0).sum(),
                   lambda: str(len(_tabela().query("excedente_mb > 0")))],
    },
    "q7": {
        "erradas": [lambda: __import__("pandas").DataFrame(), lambda: _sem_atributos(),
                    lambda: _tabela().head(10),
                    lambda: _tabela().assign(excedente_mb=_tabela()["excedente_mb"] + 1)],
        "certas": [lambda: _tabela(), lambda: _tabela("duckdb"),
                   lambda: _tabela().sample(frac=1, random_state=0)],
    },
    "q8": {
        "erradas": [lambda: (lambda s, c: sum(a / b for a, b in zip(s, c) if b) / len(s)),
                    lambda: (lambda s, c: sum(s) / len(s)),
                    lambda: (lambda s, c: sum(s) // sum(c)),
                    lambda: (lambda s, c: sum(c) / sum(s))],
        "certas": [lambda: (lambda s, c: sum(s) / sum(c)),
                   lambda: (lambda s, c: float(__import__("numpy").sum(s)
                                               / __import__("numpy").sum(c)))],
    },
    "q9": letras("d", ["a", "b", "c"]),
    "q10": {
        "erradas": [lambda: _decisao(decisao="pandas"),
                    lambda: _decisao(cabem=int(8e9 // _bytes())),
                    lambda: {"decisao": "fora da memória"},
                    lambda: _decisao(bytes_por_linha=_bytes() * 6120)],
        "certas": [lambda: _decisao(),
                   lambda: _decisao(bytes_por_linha=round(_bytes(), 1),
                                    cabem=float(int(8e9 // (_bytes() * 3))),
                                    decisao=" Fora da memória ")],
    },
}
