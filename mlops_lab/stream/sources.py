"""As fontes do fluxo: clientes simulados (com *drift* opcional) ou um arquivo em lotes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SIMULATED", "open_source", "simulate", "simulated_batches", "table_batches"]

SIMULATED = "simulated"


def simulate(n: int, seed: int = 0, drift: bool = False, start: int = 0) -> pd.DataFrame:
    """Gera ``n`` clientes novos, já limpos, no formato dos dados embutidos.

    Os clientes vêm do mesmo processo que gerou ``telecom_churn.csv``
    (:func:`mlops_lab.datasets.generate.sample_customers`), com o rótulo
    ``cancelou``. Com ``drift=True``, simula o mercado depois de um reajuste de
    preços e da chegada de um concorrente agressivo: mensalidades 40% mais altas,
    mais reclamações, mais clientes no pré-pago e, sobretudo, clientes que passam
    a cancelar por preço (um *drift* de **conceito**, não só de dados).

    Parameters
    ----------
    n : int
        Quantos clientes.
    seed : int
        Semente; a mesma semente e o mesmo ``start`` dão os mesmos clientes.
    drift : bool
        Aplica o cenário de *drift*.
    start : int
        Número do primeiro cliente (compõe o ``id_cliente``).

    Examples
    --------
    >>> antes, depois = simulate(2000, seed=1), simulate(2000, seed=1, drift=True)
    >>> bool(depois["valor_mensal"].mean() > 1.3 * antes["valor_mensal"].mean())
    True
    >>> simulate(3, seed=1)["id_cliente"].tolist()
    ['SIM-0000001', 'SIM-0000002', 'SIM-0000003']
    """
    import numpy as np
    import pandas as pd

    from mlops_lab.datasets.generate import churn_probability, sample_customers

    rng = np.random.default_rng([seed, start, int(drift)])
    c = sample_customers(rng, n)
    if drift:
        c["valor_mensal"] = (c["valor_mensal"] * 1.4).round(2)
        c["reclamacoes_12m"] = c["reclamacoes_12m"] + rng.poisson(1.0, n)
        c["chamados_suporte_90d"] = c["chamados_suporte_90d"] + rng.poisson(0.8, n)
        migram = (c["plano"] == "Controle") & (rng.random(n) < 0.4)
        c["plano"] = np.where(migram, "Pré-pago", c["plano"])
    p = churn_probability(c)
    if drift:
        # O concorrente leva quem paga caro: o peso do preço no cancelamento muda.
        logito = np.log(p / (1 - p)) + 2.2 * (c["valor_mensal"] > 110) - 0.6
        p = 1 / (1 + np.exp(-logito))
    cancelou = rng.random(n) < p
    sim_nao = np.where
    df = pd.DataFrame({
        "id_cliente": [f"SIM-{start + i + 1:07d}" for i in range(n)],
        "idade": c["idade"], "uf": c["uf"], "plano": c["plano"],
        "meses_de_contrato": c["meses_de_contrato"], "valor_mensal": c["valor_mensal"],
        "uso_dados_gb": c["uso_dados_gb"], "minutos_chamadas": c["minutos_chamadas"],
        "reclamacoes_12m": c["reclamacoes_12m"], "chamados_suporte_90d": c["chamados_suporte_90d"],
        "forma_pagamento": c["forma_pagamento"],
        "fatura_digital": sim_nao(c["fatura_digital"], "Sim", "Não"),
        "canal_aquisicao": c["canal_aquisicao"],
        "possui_fidelidade": sim_nao(c["possui_fidelidade"], "Sim", "Não"),
        "cancelou": sim_nao(cancelou, "Sim", "Não"),
    })
    return df


def simulated_batches(batch_size: int, seed: int = 0,
                      drift_from: int | None = None) -> Iterator[pd.DataFrame]:
    """Fonte simulada sem fim: lotes de ``batch_size`` clientes.

    A partir da linha ``drift_from`` (contada desde o início), os clientes vêm
    do cenário com *drift* de :func:`simulate`. Cada lote depende só da semente
    e da sua posição, nunca do relógio: a mesma chamada dá os mesmos dados.

    Examples
    --------
    >>> lotes = simulated_batches(3, seed=1, drift_from=4)
    >>> [len(next(lotes)) for _ in range(2)]
    [3, 3]
    """
    import pandas as pd

    inicio = 0
    while True:
        fim = inicio + batch_size
        if drift_from is None or fim <= drift_from:
            yield simulate(batch_size, seed, start=inicio)
        elif inicio >= drift_from:
            yield simulate(batch_size, seed, drift=True, start=inicio)
        else:
            yield pd.concat([simulate(drift_from - inicio, seed, start=inicio),
                             simulate(fim - drift_from, seed, drift=True, start=drift_from)],
                            ignore_index=True)
        inicio = fim


def table_batches(df: pd.DataFrame, batch_size: int) -> Iterator[pd.DataFrame]:
    """Fonte de um arquivo: as linhas de ``df`` em lotes, na ordem.

    Examples
    --------
    >>> import pandas as pd
    >>> [len(lote) for lote in table_batches(pd.DataFrame({"x": range(5)}), 2)]
    [2, 2, 1]
    """
    for inicio in range(0, len(df), batch_size):
        yield df.iloc[inicio:inicio + batch_size].reset_index(drop=True)


def _simulated_start(schema: dict, drift_at: float | None, rate: float) -> int | None:
    """Confere se o modelo cabe na fonte simulada; devolve o registro em que o *drift* começa."""
    faltam = set(schema["columns"]) - set(simulate(1).columns)
    if faltam:
        raise MlopsLabError(
            "a fonte simulada gera clientes no formato dos dados embutidos, mas este "
            f"modelo usa outras colunas ({', '.join(sorted(faltam)[:3])}). Use "
            "--source com um CSV do seu próprio conjunto."
        )
    if drift_at is None:
        return None
    if drift_at < 0 or rate == 0:
        raise MlopsLabError("--drift-at precisa de um segundo >= 0 e de --rate maior "
                            "que zero (o drift começa no registro drift_at × rate).")
    return int(round(drift_at * rate))


def open_source(source: str | Path, schema: dict, batch_size: int, *, seed: int = 0,
                drift_at: float | None = None, rate: float = 0.0,
                read_options: dict | None = None) -> Iterator[pd.DataFrame]:
    """Os lotes da fonte ``source`` (``"simulated"`` ou um arquivo), já conferida.

    Um arquivo é lido inteiro e conferido contra o esquema de treino antes do
    primeiro lote: com defeito, o erro sai antes de gravar qualquer coisa.

    Raises
    ------
    mlops_lab.errors.MlopsLabError
        Fonte que não combina com o modelo ou ``drift_at`` onde não vale.
    """
    if str(source) == SIMULATED:
        return simulated_batches(batch_size, seed, _simulated_start(schema, drift_at, rate))
    if drift_at is not None:
        raise MlopsLabError("--drift-at só vale para a fonte simulada (--source simulated): "
                            "num arquivo, o drift é o que os próprios dados tiverem.")
    from mlops_lab.data import read_table
    from mlops_lab.schema import validate_features

    tabela = read_table(source, **(read_options or {}))
    validate_features(tabela, schema)
    return table_batches(tabela, batch_size)
