"""Gera o conjunto de dados embutido ``telecom_churn.csv``.

Os dados são sintéticos: cada cliente de uma operadora fictícia, a
"Conecta Brasil Telecom", é sorteado a partir de distribuições escolhidas
para lembrar uma base real (estados pesados pela população, planos
pré-pago, controle e pós-pago, valores em reais). A probabilidade de
cancelamento vem de um modelo logístico com interações conhecidas, de modo
que exista sinal para aprender, mas não um sinal perfeito.

Depois, de propósito, a base recebe a bagunça do mundo real: valores
ausentes, linhas duplicadas, categorias escritas de jeitos diferentes
("Pós-pago", "pos pago", "POS-PAGO") e valores impossíveis (idade 999,
mensalidade negativa). O capítulo de preparação dos dados limpa tudo isso.

Executar ``python -m mlops_lab.datasets.generate`` regrava o arquivo; a
mesma semente produz sempre os mesmos bytes (um teste confere isso).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import numpy as np

from mlops_lab.datasets.vocabulary import CHANNELS, PAYMENT_METHODS, PLANS, UF_SHARES

__all__ = ["sample_customers", "churn_probability", "generate_csv", "to_csv_text", "main"]

SEED = 20261126
N_CUSTOMERS = 6000
CSV_FILE = Path(__file__).with_name("telecom_churn.csv")

# O vocabulário (UFs, planos, formas de pagamento, canais) vem da fonte única.
UFS = UF_SHARES
PLANOS = list(PLANS)
PAGAMENTOS = list(PAYMENT_METHODS)
CANAIS = list(CHANNELS)

COLUMNS = [
    "id_cliente", "idade", "uf", "plano", "meses_de_contrato", "valor_mensal",
    "uso_dados_gb", "minutos_chamadas", "reclamacoes_12m", "chamados_suporte_90d",
    "forma_pagamento", "fatura_digital", "canal_aquisicao", "possui_fidelidade",
    "cancelou",
]


def sample_customers(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Sorteia ``n`` clientes limpos: uma coluna (array) por atributo, sem o rótulo.

    É o processo que gera o ``telecom_churn.csv`` antes da bagunça; a fonte
    simulada de :mod:`mlops_lab.stream` usa o mesmo processo.

    Examples
    --------
    >>> c = sample_customers(np.random.default_rng(0), 5)
    >>> len(c["uf"]), sorted(set(c["plano"]) - set(PLANOS))
    (5, [])
    """
    pesos_uf = np.array(list(UFS.values()))
    uf = rng.choice(list(UFS), size=n, p=pesos_uf / pesos_uf.sum())
    idade = np.clip(rng.normal(38, 13, n), 18, 85).round().astype(int)
    # Jovens preferem pré-pago; quem tem mais idade, pós-pago.
    p_pos = np.clip(0.15 + (idade - 18) * 0.008, 0.1, 0.6)
    sorteio = rng.random(n)
    plano = np.where(sorteio < p_pos, "Pós-pago",
                     np.where(sorteio < p_pos + 0.35, "Controle", "Pré-pago"))
    meses = np.minimum(rng.exponential(28, n), 120).round().astype(int)
    base = {"Pré-pago": 35.0, "Controle": 65.0, "Pós-pago": 120.0}
    valor = np.array([base[p] for p in plano]) * rng.lognormal(0, 0.25, n)
    dados = np.array([{"Pré-pago": 4.0, "Controle": 12.0, "Pós-pago": 30.0}[p] for p in plano])
    uso_dados = dados * rng.gamma(2.0, 0.5, n)
    minutos = rng.poisson(np.where(idade > 50, 320, 180))
    reclamacoes = rng.poisson(0.6, n) + (rng.random(n) < 0.08) * rng.poisson(3, n)
    chamados = rng.poisson(0.5 + 0.6 * reclamacoes)
    pagamento = rng.choice(PAGAMENTOS, size=n, p=[0.30, 0.30, 0.25, 0.15])
    fatura_digital = rng.random(n) < np.where(idade < 40, 0.75, 0.45)
    canal = rng.choice(CANAIS, size=n, p=[0.35, 0.2, 0.3, 0.15])
    fidelidade = rng.random(n) < np.where(plano == "Pré-pago", 0.05, 0.55)
    return {
        "uf": uf, "idade": idade, "plano": plano, "meses_de_contrato": meses,
        "valor_mensal": valor.round(2), "uso_dados_gb": uso_dados.round(1),
        "minutos_chamadas": minutos, "reclamacoes_12m": reclamacoes,
        "chamados_suporte_90d": chamados, "forma_pagamento": pagamento,
        "fatura_digital": fatura_digital, "canal_aquisicao": canal,
        "possui_fidelidade": fidelidade,
    }


def churn_probability(c: dict[str, np.ndarray]) -> np.ndarray:
    """Probabilidade de cancelamento de cada cliente de :func:`sample_customers`.

    Examples
    --------
    >>> p = churn_probability(sample_customers(np.random.default_rng(0), 1000))
    >>> bool(0.1 < p.mean() < 0.3)
    True
    """
    # Um logito com efeitos que um analista de retenção reconheceria.
    logito = (
        -1.2
        + 0.45 * c["reclamacoes_12m"]
        + 0.25 * c["chamados_suporte_90d"]
        - 0.035 * c["meses_de_contrato"]
        - 1.3 * c["possui_fidelidade"]
        + 0.6 * (c["forma_pagamento"] == "Boleto")
        - 0.5 * (c["forma_pagamento"] == "Débito automático")
        + 0.5 * (c["plano"] == "Pré-pago")
        - 0.3 * c["fatura_digital"]
        # Interação: mensalidade cara para pouco uso de dados irrita o cliente.
        + 0.9 * ((c["valor_mensal"] > 90) & (c["uso_dados_gb"] < 15))
        # Efeito não linear da idade: jovens e idosos cancelam mais.
        + 0.0012 * (c["idade"] - 42) ** 2
        - 0.4
    )
    # Escala e deslocamento calibrados para ~20% de cancelamento e sinal forte.
    return 1 / (1 + np.exp(-(1.8 * logito + 1.2)))


def _baguncar(linhas: list[dict], rng: np.random.Generator) -> list[dict]:
    variantes = {
        "Pré-pago": ["pre pago", "PRÉ-PAGO", "Pre-pago", "pré pago"],
        "Pós-pago": ["pos pago", "POS-PAGO", "Pós pago", "pós-pago"],
        "Controle": ["controle", "CONTROLE", " Controle"],
        "Cartão de crédito": ["cartao de credito", "CARTÃO DE CRÉDITO", "Cartão de Crédito"],
        "Débito automático": ["debito automatico", "Débito Automático"],
        "Pix": ["PIX", "pix"],
        "Boleto": ["boleto", "BOLETO "],
        "Sim": ["sim", "SIM", "S"],
        "Não": ["não", "nao", "NÃO", "N"],
    }
    for linha in linhas:
        for coluna in ("plano", "forma_pagamento", "fatura_digital",
                       "possui_fidelidade", "cancelou"):
            valor = linha[coluna]
            if valor in variantes and rng.random() < 0.07:
                linha[coluna] = rng.choice(variantes[valor])
        if rng.random() < 0.04:
            linha["uf"] = linha["uf"].lower() if rng.random() < 0.6 else f" {linha['uf']} "
    ausentes = {"idade": 0.03, "valor_mensal": 0.02, "uso_dados_gb": 0.04,
                "forma_pagamento": 0.02, "canal_aquisicao": 0.015, "cancelou": 0.003}
    for coluna, taxa in ausentes.items():
        for i in np.flatnonzero(rng.random(len(linhas)) < taxa):
            linhas[i][coluna] = ""
    # Cada valor impossível aparece o mesmo número de vezes (12 idades, 12 mensalidades).
    for k, i in enumerate(rng.choice(len(linhas), size=12, replace=False)):
        linhas[i]["idade"] = [0, 150, 999, 7][k % 4]
    for k, i in enumerate(rng.choice(len(linhas), size=12, replace=False)):
        linhas[i]["valor_mensal"] = [-49.9, 0.0, 9999.99, 12500.0][k % 4]
    duplicadas = [dict(linhas[i]) for i in rng.choice(len(linhas), size=120, replace=False)]
    posicoes = rng.choice(len(linhas), size=len(duplicadas), replace=False)
    for pos, linha in sorted(zip(posicoes, duplicadas), key=lambda t: -t[0]):
        linhas.insert(int(pos), linha)
    return linhas


def _formatar(valor) -> str:
    if isinstance(valor, (float, np.floating)):
        return f"{valor:.2f}".replace(".", ",")
    return str(valor)


def generate_csv(n: int = N_CUSTOMERS, seed: int = SEED) -> str:
    """Devolve o conteúdo do CSV (separador ``;``, vírgula decimal, UTF-8)."""
    rng = np.random.default_rng(seed)
    c = sample_customers(rng, n)
    cancelou = rng.random(n) < churn_probability(c)
    sim_nao = {True: "Sim", False: "Não"}
    linhas = []
    for i in range(n):
        linhas.append({
            "id_cliente": f"CLI-{i + 1:06d}",
            "idade": int(c["idade"][i]),
            "uf": str(c["uf"][i]),
            "plano": str(c["plano"][i]),
            "meses_de_contrato": int(c["meses_de_contrato"][i]),
            "valor_mensal": float(c["valor_mensal"][i]),
            "uso_dados_gb": float(c["uso_dados_gb"][i]),
            "minutos_chamadas": int(c["minutos_chamadas"][i]),
            "reclamacoes_12m": int(c["reclamacoes_12m"][i]),
            "chamados_suporte_90d": int(c["chamados_suporte_90d"][i]),
            "forma_pagamento": str(c["forma_pagamento"][i]),
            "fatura_digital": sim_nao[bool(c["fatura_digital"][i])],
            "canal_aquisicao": str(c["canal_aquisicao"][i]),
            "possui_fidelidade": sim_nao[bool(c["possui_fidelidade"][i])],
            "cancelou": sim_nao[bool(cancelou[i])],
        })
    return to_csv_text(_baguncar(linhas, rng), COLUMNS, _formatar)


def to_csv_text(linhas: list[dict], colunas: list[str], formatar: Callable[[object], str]) -> str:
    """As linhas no CSV dos dados embutidos: ``;`` entre campos e vírgula decimal.

    Examples
    --------
    >>> to_csv_text([{"a": 1.5, "b": "x"}], ["a", "b"], lambda v: str(v).replace(".", ","))
    'a;b\\n1,5;x\\n'
    """
    saida = io.StringIO()
    escritor = csv.writer(saida, delimiter=";", lineterminator="\n")
    escritor.writerow(colunas)
    for linha in linhas:
        escritor.writerow([formatar(linha[c]) for c in colunas])
    return saida.getvalue()


def main() -> None:
    from mlops_lab._fs import write_text

    write_text(CSV_FILE, generate_csv())
    print(f"Arquivo gravado: {CSV_FILE}")


if __name__ == "__main__":
    main()
