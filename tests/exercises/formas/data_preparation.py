"""Formas de resposta da seção de preparação dos dados (veja ``__init__.py``)."""

import re
import unicodedata

import numpy as np
import pandas as pd

from mlops_lab.exercises import _data, data_preparation

COLUNAS = data_preparation.COLUNAS_TEXTO


def _contagem(fator=1.5):
    return data_preparation._fora_dos_limites(_data.clean(), fator)


def _chave(texto):
    t = unicodedata.normalize("NFKD", texto)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    for separador in "-_/.":
        t = t.replace(separador, " ")
    return " ".join(t.split())


def _chave_regex(texto):
    sem_acento = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    return re.sub(r"[\s\-_/.]+", " ", sem_acento.lower()).strip()


def _chave_so_hifen(texto):
    t = unicodedata.normalize("NFKD", texto)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.lower().replace("-", " ").split())


def _chave_sem_juntar_espacos(texto):
    t = unicodedata.normalize("NFKD", texto)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    for separador in "-_/.":
        t = t.replace(separador, " ")
    return t.strip()


def _normalizado(tabela):
    from mlops_lab.clean import CategoryNormalizer

    tabela = tabela.copy()
    normalizador = CategoryNormalizer().fit(tabela[COLUNAS])
    tabela[COLUNAS] = pd.DataFrame(normalizador.transform(tabela[COLUNAS]), columns=COLUNAS,
                                   index=tabela.index)
    return tabela


def _grava_pacote(tabela, nome="clientes.parquet"):
    from mlops_lab.data import to_parquet

    return str(to_parquet(tabela, nome))


def _grava_pandas(tabela, nome="clientes.parquet"):
    tabela.to_parquet(nome)
    return nome


def _brutos():
    return _data.raw()


FORMAS = {
    "q1": {"erradas": [lambda: _contagem(3.0),  # o fator da demonstração
                       lambda: _contagem() + int(_data.clean()["valor_mensal"].isna().sum()),
                       lambda: int(_data.clean()["valor_mensal"].notna().sum()) - _contagem(),
                       lambda: _contagem() - 0.1,
                       lambda: _contagem() + 1],
           "certas": [_contagem, lambda: np.int64(_contagem()), lambda: str(_contagem()),
                      lambda: float(_contagem())]},
    "q2": {"erradas": [_brutos,
                       lambda: _brutos()[["id_cliente", "cancelou"]].drop_duplicates()
                       .dropna(),  # 2 colunas
                       lambda: _brutos().drop_duplicates().dropna(),  # qualquer ausente
                       lambda: _brutos().drop_duplicates(keep=False).dropna(subset=["cancelou"]),
                       lambda: _brutos().drop_duplicates().dropna(subset=["cancelou"])
                       .assign(idade=lambda d: d["idade"].fillna(d["idade"].median())),
                       lambda: _brutos().iloc[0:0],  # tabela vazia
                       lambda: _brutos().drop_duplicates().dropna(subset=["cancelou"]).head(),
                       lambda: None],  # o retorno de um método com inplace=True
           "certas": [lambda: _brutos().drop_duplicates().dropna(subset=["cancelou"]),
                      lambda: _data.clean(),
                      lambda: _brutos().dropna(subset=["cancelou"]).drop_duplicates()
                      .reset_index(drop=True),
                      lambda: _brutos()[_brutos()["cancelou"].notna()
                                        & ~_brutos().duplicated()].sample(frac=1, random_state=1)]},
    "q3": {"erradas": [lambda: _chave_so_hifen, lambda: _chave_sem_juntar_espacos,
                       lambda: str.lower, lambda: lambda t: t.strip().lower().replace("-", " ")],
           "certas": [lambda: _chave, lambda: _chave_regex,
                      lambda: __import__("mlops_lab.clean", fromlist=["x"]).normalize_key]},
    "q4": {"erradas": [lambda: "a", lambda: "c", lambda: "d"],
           "certas": [lambda: "b", lambda: "B"]},
    "q5": {"erradas": [lambda: _grava_pacote(_data.clean()),  # sem unificar os textos
                       lambda: _grava_pacote(_normalizado(_brutos())),  # dados brutos
                       lambda: _grava_pacote(_normalizado(_data.clean())[["plano"]]),
                       lambda: _grava_pacote(_normalizado(_brutos().drop_duplicates())),
                       lambda: _normalizado(_data.clean()).to_parquet("x.parquet"),  # None
                       lambda: _normalizado(_data.clean()).to_csv("x.csv") or "x.csv",
                       lambda: _grava_pacote(_normalizado(_data.clean()).assign(
                           valor_mensal=lambda d: d["valor_mensal"].fillna(0)))],
           "certas": [lambda: _grava_pacote(_normalizado(_data.clean())),
                      lambda: _grava_pandas(_normalizado(_data.clean())),
                      lambda: __import__("pathlib").Path(_grava_pandas(
                          _normalizado(_data.clean()).sample(frac=1, random_state=3),
                          "embaralhado.parquet")).resolve()]},
}
