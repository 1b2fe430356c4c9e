"""O vocabulário dos dados de clientes: a fonte única das categorias e das regiões.

Os valores oficiais de cada coluna de texto do ``telecom_churn.csv`` e a
divisão das UFs em regiões ficam aqui, e só aqui: o gerador dos dados
(:mod:`mlops_lab.datasets.generate`), a engenharia de atributos
(:mod:`mlops_lab.features`), os contratos de DataOps (:mod:`mlops_lab.dataops`)
e o gerador de eventos de :mod:`mlops_lab.bigdata` importam destas constantes.

Examples
--------
>>> PLANS
('Pré-pago', 'Controle', 'Pós-pago')
>>> UF_TO_REGION["BA"]
'Nordeste'
>>> sorted(TEXT_VOCABULARY)[:2]
['canal_aquisicao', 'cancelou']
"""

from __future__ import annotations

__all__ = [
    "CHANNELS",
    "PAYMENT_METHODS",
    "PLANS",
    "REGIONS",
    "TEXT_VOCABULARY",
    "UF_SHARES",
    "UF_TO_REGION",
    "YES_NO",
]

# Participação aproximada de cada UF na população (IBGE, Censo 2022), arredondada.
UF_SHARES: dict[str, float] = {
    "SP": 21.9, "MG": 10.0, "RJ": 7.9, "BA": 6.9, "PR": 5.6, "RS": 5.3,
    "PE": 4.5, "CE": 4.3, "PA": 4.0, "SC": 3.8, "GO": 3.5, "MA": 3.2,
    "AM": 1.9, "ES": 1.9, "PB": 1.9, "MT": 1.8, "RN": 1.6, "AL": 1.5,
    "PI": 1.6, "DF": 1.4, "MS": 1.4, "SE": 1.1, "RO": 0.8, "TO": 0.7,
    "AC": 0.4, "AP": 0.4, "RR": 0.3,
}
PLANS: tuple[str, ...] = ("Pré-pago", "Controle", "Pós-pago")
PAYMENT_METHODS: tuple[str, ...] = ("Boleto", "Cartão de crédito", "Pix", "Débito automático")
CHANNELS: tuple[str, ...] = ("Loja física", "Site", "Aplicativo", "Televendas")
YES_NO: tuple[str, ...] = ("Sim", "Não")

# As colunas de texto e os seus valores oficiais (a grafia canônica).
TEXT_VOCABULARY: dict[str, tuple[str, ...]] = {
    "plano": PLANS,
    "forma_pagamento": PAYMENT_METHODS,
    "canal_aquisicao": CHANNELS,
    "fatura_digital": YES_NO,
    "possui_fidelidade": YES_NO,
    "cancelou": YES_NO,
}

# As cinco regiões do IBGE, na ordem Norte → Sul, com as suas UFs.
REGIONS: dict[str, tuple[str, ...]] = {
    "Norte": ("AC", "AP", "AM", "PA", "RO", "RR", "TO"),
    "Nordeste": ("AL", "BA", "CE", "MA", "PB", "PE", "PI", "RN", "SE"),
    "Centro-Oeste": ("DF", "GO", "MT", "MS"),
    "Sudeste": ("ES", "MG", "RJ", "SP"),
    "Sul": ("PR", "RS", "SC"),
}
UF_TO_REGION: dict[str, str] = {uf: regiao for regiao, ufs in REGIONS.items() for uf in ufs}
