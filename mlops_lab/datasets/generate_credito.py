"""Gera o segundo conjunto de dados embutido, ``credito_inadimplencia.csv``.

Os dados são sintéticos: contratos de crédito pessoal de uma financeira
fictícia, a "Crediá Financeira", com a informação de se cada contrato ficou
**inadimplente** (mais de 90 dias de atraso no primeiro ano). É o conjunto do
exemplo do capítulo "Projeto final": um problema diferente do *churn* da
operadora, com as mesmas convenções (separador ``;``, vírgula decimal, UTF-8).

A probabilidade de inadimplência vem de um modelo logístico com efeitos que uma
área de crédito reconheceria: parcela pesada na renda, atrasos anteriores e
juros altos aumentam o risco; pontuação de crédito alta, tempo de emprego e casa
própria diminuem. O rótulo é sorteado a partir dessa probabilidade, então há
ruído. Depois, um pouco de bagunça: valores ausentes, algumas linhas duplicadas
e categorias escritas de jeitos diferentes.

Executar ``python -m mlops_lab.datasets.generate_credito`` regrava o arquivo; a
mesma semente produz sempre os mesmos bytes (um teste confere isso).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mlops_lab.datasets.generate import to_csv_text

__all__ = ["generate_csv", "main"]

SEED = 20261207
N_CONTRACTS = 2500
N_DUPLICADAS = 40
CSV_FILE = Path(__file__).with_name("credito_inadimplencia.csv")
TARGET = "inadimplente"

# Participação aproximada de cada região na população (IBGE, Censo 2022), arredondada.
REGIOES = {"Sudeste": 41.8, "Nordeste": 26.9, "Sul": 14.7, "Norte": 8.5, "Centro-Oeste": 8.1}
MORADIAS = ["Própria", "Alugada", "Com a família"]
ESCOLARIDADES = ["Fundamental", "Médio", "Superior", "Pós-graduação"]
FINALIDADES = ["Quitar dívidas", "Reforma", "Veículo", "Educação", "Saúde", "Outros"]
PRAZOS = [12, 24, 36, 48, 60]

COLUMNS = [
    "id_contrato", "idade", "regiao", "escolaridade", "tipo_moradia", "renda_mensal",
    "anos_no_emprego", "score_credito", "atrasos_12m", "finalidade", "valor_emprestimo",
    "prazo_meses", "taxa_juros_mensal", "parcela_sobre_renda", TARGET,
]


def _sortear(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    pesos = np.array(list(REGIOES.values()))
    regiao = rng.choice(list(REGIOES), size=n, p=pesos / pesos.sum())
    idade = np.clip(rng.normal(41, 12, n), 18, 80).round().astype(int)
    escolaridade = rng.choice(ESCOLARIDADES, size=n, p=[0.18, 0.45, 0.29, 0.08])
    bonus = {"Fundamental": 0.0, "Médio": 0.25, "Superior": 0.7, "Pós-graduação": 1.0}
    renda = np.exp(rng.normal(7.9, 0.55, n) + np.vectorize(bonus.get)(escolaridade))
    renda = np.clip(renda, 1412, 60000).round(2)  # 1.412 reais: o salário mínimo de 2024
    p_propria = np.clip(0.15 + (idade - 18) * 0.012, 0.1, 0.75)
    sorteio = rng.random(n)
    moradia = np.where(sorteio < p_propria, "Própria",
                       np.where(sorteio < p_propria + 0.3, "Alugada", "Com a família"))
    anos_emprego = np.minimum(rng.exponential(4 + (idade - 18) * 0.12), idade - 16).round(1)
    atrasos = rng.poisson(0.45, n)
    score = np.clip(rng.normal(640, 120, n) - atrasos * 45 + np.log(renda) * 12 - 95,
                    0, 1000).round().astype(int)
    finalidade = rng.choice(FINALIDADES, size=n, p=[0.3, 0.18, 0.17, 0.12, 0.1, 0.13])
    prazo = rng.choice(PRAZOS, size=n, p=[0.15, 0.3, 0.27, 0.15, 0.13])
    valor = np.clip(renda * rng.uniform(1.0, 7.0, n), 1000, 150000).round(-2)
    juros = np.clip(rng.normal(3.8, 0.9, n) - (score - 600) / 250, 1.2, 8.5).round(2)
    i = juros / 100
    parcela = valor * i / (1 - (1 + i) ** (-prazo))  # tabela Price
    return {"regiao": regiao, "idade": idade, "escolaridade": escolaridade, "renda": renda,
            "moradia": moradia, "anos_emprego": anos_emprego, "atrasos": atrasos,
            "score": score, "finalidade": finalidade, "prazo": prazo, "valor": valor,
            "juros": juros, "comprometimento": (parcela / renda).round(3)}


def _probabilidade(c: dict[str, np.ndarray]) -> np.ndarray:
    z = (-2.1 + 6.5 * (c["comprometimento"] - 0.3) + 1.0 * c["atrasos"]
         - 0.011 * (c["score"] - 600) + 0.4 * (c["juros"] - 3.8)
         - 0.09 * np.minimum(c["anos_emprego"], 15) - 0.6 * (c["moradia"] == "Própria")
         + 0.5 * (c["finalidade"] == "Quitar dívidas") + 0.02 * np.abs(c["idade"] - 45))
    return 1 / (1 + np.exp(-z))


def _baguncar(linhas: list[dict], rng: np.random.Generator) -> list[dict]:
    """Ausentes, grafias diferentes e algumas linhas duplicadas, como numa exportação real."""
    n = len(linhas)
    for coluna, fracao in (("renda_mensal", 0.03), ("anos_no_emprego", 0.04),
                           ("escolaridade", 0.02)):
        for i in rng.choice(n, size=int(n * fracao), replace=False):
            linhas[i][coluna] = ""
    grafias = {"Com a família": ["com a familia", "COM A FAMÍLIA"], "Própria": ["propria"],
               "Pós-graduação": ["Pos-graduacao", "pós graduação"]}
    for i in rng.choice(n, size=n // 25, replace=False):
        for coluna in ("tipo_moradia", "escolaridade"):
            valor = linhas[i][coluna]
            if valor in grafias:
                linhas[i][coluna] = grafias[valor][int(rng.integers(len(grafias[valor])))]
    duplicadas = [dict(linhas[i]) for i in rng.choice(n, size=min(N_DUPLICADAS, n), replace=False)]
    for d in duplicadas:
        linhas.insert(int(rng.integers(len(linhas) + 1)), d)
    return linhas


def _formatar(valor) -> str:
    if isinstance(valor, (float, np.floating)):
        texto = f"{valor:.3f}".rstrip("0").rstrip(".") if valor != int(valor) else f"{valor:.0f}"
        return texto.replace(".", ",")
    return str(valor)


def generate_csv(n: int = N_CONTRACTS, seed: int = SEED) -> str:
    """Devolve o conteúdo do CSV (separador ``;``, vírgula decimal, UTF-8).

    >>> generate_csv(n=3).splitlines()[0].split(";")[:3]
    ['id_contrato', 'idade', 'regiao']
    """
    rng = np.random.default_rng(seed)
    c = _sortear(rng, n)
    inadimplente = rng.random(n) < _probabilidade(c)
    sim_nao = {True: "Sim", False: "Não"}
    linhas = [{
        "id_contrato": f"CTR-{i + 1:05d}", "idade": int(c["idade"][i]),
        "regiao": str(c["regiao"][i]), "escolaridade": str(c["escolaridade"][i]),
        "tipo_moradia": str(c["moradia"][i]), "renda_mensal": float(c["renda"][i]),
        "anos_no_emprego": float(c["anos_emprego"][i]), "score_credito": int(c["score"][i]),
        "atrasos_12m": int(c["atrasos"][i]), "finalidade": str(c["finalidade"][i]),
        "valor_emprestimo": float(c["valor"][i]), "prazo_meses": int(c["prazo"][i]),
        "taxa_juros_mensal": float(c["juros"][i]),
        "parcela_sobre_renda": float(c["comprometimento"][i]),
        TARGET: sim_nao[bool(inadimplente[i])],
    } for i in range(n)]
    return to_csv_text(_baguncar(linhas, rng), COLUMNS, _formatar)


def main() -> None:
    from mlops_lab._fs import write_text

    write_text(CSV_FILE, generate_csv())
    print(f"Arquivo gravado: {CSV_FILE}")


if __name__ == "__main__":
    main()
