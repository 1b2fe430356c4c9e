"""Gera os dados com tempo: retratos mensais dos clientes e os chamados ao suporte.

A mesma operadora fictícia do ``telecom_churn.csv``, agora acompanhada mês a mês
durante 24 meses (janeiro de 2024 a dezembro de 2025):

* ``clientes_mensais.csv``: um retrato por cliente ativo por mês, com o mês de
  referência (``mes_referencia``, ``AAAA-MM``), os atributos como eram no fim
  daquele mês e o rótulo ``cancelou_3m``: o cliente cancelou nos três meses
  seguintes? O retrato de um mês só é tirado de quem ainda era cliente no fim dele;
  os três meses depois do último retrato são simulados só para dar o rótulo;
* ``chamados_suporte.csv``: cada chamado ao suporte, com data e hora
  (``data_hora``), a nota de satisfação dada no fim (1 a 5) e quantos chamados o
  cliente já tinha aberto até ali (``chamados_acumulados``).

Uma insatisfação escondida, que muda devagar de mês a mês, aumenta os chamados,
baixa as notas e leva ao cancelamento; três em cada quatro clientes que cancelam
ligam no mês do cancelamento, com nota 1 ou 2. É o que torna perigosa a junção que
pega o último chamado do cliente sem olhar a data (:mod:`mlops_lab.timedata`).

O mundo também muda: de março a agosto de 2025 um concorrente com planos baratos
entra no mercado, e o pré-pago, a fidelidade e a mensalidade mudam de peso no
cancelamento (*drift* de conceito: antes cancelava mais quem pagava caro, depois
quem paga pouco); o uso de dados cresce todo mês (*drift* de dados). Um modelo
avaliado numa divisão aleatória vê o futuro no treino e parece melhor do que será
em produção. O cartão dos dados (``README.md``) descreve as colunas.

Executar ``python -m mlops_lab.datasets.generate_time`` regrava os dois arquivos;
a mesma semente produz sempre os mesmos bytes (um teste confere isso).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mlops_lab.datasets.generate import sample_customers, to_csv_text

__all__ = ["SEED", "MONTHS", "HORIZON", "SNAPSHOTS_FILE", "EVENTS_FILE", "SNAPSHOT_COLUMNS",
           "EVENT_COLUMNS", "month_labels", "simulate", "generate_time_csvs", "main"]

SEED = 20261207
N_START = 500            # clientes ativos em janeiro de 2024
NEW_PER_MONTH = 25       # clientes novos a cada mês
MONTHS = 24              # meses com retrato: 2024-01 a 2025-12
HORIZON = 3              # o rótulo olha os três meses seguintes
FIRST_MONTH = np.datetime64("2024-01", "M")
SNAPSHOTS_FILE = Path(__file__).with_name("clientes_mensais.csv")
EVENTS_FILE = Path(__file__).with_name("chamados_suporte.csv")

SNAPSHOT_COLUMNS = [
    "id_cliente", "mes_referencia", "idade", "plano", "forma_pagamento", "possui_fidelidade",
    "meses_de_contrato", "valor_mensal", "uso_dados_gb", "cancelou_3m",
]
EVENT_COLUMNS = ["id_cliente", "data_hora", "nota_satisfacao", "chamados_acumulados"]


def month_labels(n: int = MONTHS) -> list[str]:
    """Os meses de referência, em ``AAAA-MM``.

    Examples
    --------
    >>> month_labels()[:2], month_labels()[-1]
    (['2024-01', '2024-02'], '2025-12')
    """
    return [str(FIRST_MONTH + i) for i in range(n)]


def _competitor(t: int) -> float:
    """Quanto o concorrente já pesa no mês ``t`` (0 até fev/2025, 1 a partir de ago/2025)."""
    return float(np.clip((t - 13) / 6, 0, 1))


def _hazard(c: dict, t: int, insatisfacao: np.ndarray, valor: np.ndarray,
            meses: np.ndarray) -> np.ndarray:
    """Probabilidade de cada cliente (já filtrado: os ativos) cancelar no mês ``t``."""
    k = _competitor(t)
    logito = (
        -3.0
        + 0.9 * insatisfacao
        - 0.012 * np.minimum(meses, 60)
        - (1.4 - 1.2 * k) * c["possui_fidelidade"]
        + 0.4 * (c["forma_pagamento"] == "Boleto")
        + (-0.4 + 2.0 * k) * (c["plano"] == "Pré-pago")
        + (0.006 - 0.03 * k) * (valor - 70)
    )
    return 1 / (1 + np.exp(-logito))


def _instant(rng: np.random.Generator, t: int) -> np.datetime64:
    """Um instante sorteado no mês ``t``, com precisão de segundos."""
    inicio = (FIRST_MONTH + t).astype("datetime64[s]")
    segundos = int(((FIRST_MONTH + t + 1).astype("datetime64[s]") - inicio).astype(int))
    return inicio + np.timedelta64(int(rng.integers(0, segundos)), "s")


def _month_events(rng: np.random.Generator, ativos: np.ndarray, insat: np.ndarray,
                  t: int) -> list[tuple[int, np.datetime64, int]]:
    """Os chamados do mês ``t``: (cliente, data e hora, nota)."""
    n_chamados = rng.poisson(np.exp(-1.2 + 1.0 * insat[ativos]))
    eventos = []
    for i, n in zip(ativos, n_chamados):
        for _ in range(int(n)):
            nota = int(np.clip(np.round(3.6 - 1.0 * insat[i] + rng.normal(0, 0.7)), 1, 5))
            eventos.append((int(i), _instant(rng, t), nota))
    return eventos


def _cancel_calls(rng: np.random.Generator, cancela: np.ndarray,
                  t: int) -> list[tuple[int, np.datetime64, int]]:
    """Três em cada quatro clientes que cancelam ligam no mês do cancelamento (nota 1 ou 2)."""
    return [(int(i), _instant(rng, t), int(rng.integers(1, 3)))
            for i in cancela if rng.random() < 0.75]


def simulate(seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """Simula os clientes mês a mês; devolve (retratos, chamados) como listas de linhas.

    Examples
    --------
    >>> retratos, chamados = simulate()
    >>> retratos[0]["mes_referencia"], sorted({r["cancelou_3m"] for r in retratos})
    ('2024-01', ['Não', 'Sim'])
    """
    rng = np.random.default_rng(seed)
    total = N_START + NEW_PER_MONTH * (MONTHS + HORIZON)
    c = sample_customers(rng, total)
    entrada = np.concatenate([np.zeros(N_START, int),
                              np.repeat(np.arange(1, MONTHS + HORIZON + 1), NEW_PER_MONTH)])
    c["meses_de_contrato"] = np.where(entrada > 0, 0, c["meses_de_contrato"])
    base_insat = rng.normal(-0.3, 0.6, total)
    insat = base_insat + rng.normal(0, 0.5, total)
    saida = np.full(total, MONTHS + HORIZON + 1)  # mês do cancelamento (fora do horizonte: não)
    valores, usos, eventos = [], [], []
    for t in range(MONTHS + HORIZON):
        insat = 0.8 * insat + 0.2 * base_insat + rng.normal(0, 0.4, total)
        valor = c["valor_mensal"] * 1.004 ** t
        uso = c["uso_dados_gb"] * 1.03 ** t * rng.lognormal(0, 0.15, total)
        ativos = np.flatnonzero((entrada <= t) & (saida > t))
        eventos += _month_events(rng, ativos, insat, t)
        risco = _hazard({k: v[ativos] for k, v in c.items()}, t, insat[ativos], valor[ativos],
                        c["meses_de_contrato"][ativos] + t - entrada[ativos])
        cancela = ativos[rng.random(len(ativos)) < risco]
        eventos += _cancel_calls(rng, cancela, t)
        saida[cancela] = t
        valores.append(valor.round(2))
        usos.append(uso.round(1))
    return _snapshots(c, entrada, saida, valores, usos), _events(eventos)


def _snapshots(c: dict, entrada: np.ndarray, saida: np.ndarray, valores: list,
               usos: list) -> list[dict]:
    sim_nao = {True: "Sim", False: "Não"}
    linhas = []
    for t, mes in enumerate(month_labels()):
        # Retrato no fim do mês t: só de quem entrou até t e não cancelou até t.
        for i in np.flatnonzero((entrada <= t) & (saida > t)):
            linhas.append({
                "id_cliente": f"CLM-{i + 1:05d}", "mes_referencia": mes,
                "idade": int(c["idade"][i] + (t + 6) // 12), "plano": str(c["plano"][i]),
                "forma_pagamento": str(c["forma_pagamento"][i]),
                "possui_fidelidade": sim_nao[bool(c["possui_fidelidade"][i])],
                "meses_de_contrato": int(c["meses_de_contrato"][i] + t - entrada[i]),
                "valor_mensal": float(valores[t][i]), "uso_dados_gb": float(usos[t][i]),
                "cancelou_3m": sim_nao[bool(saida[i] <= t + HORIZON)],
            })
    return linhas


def _events(eventos: list[tuple[int, np.datetime64, int]]) -> list[dict]:
    eventos = sorted(e for e in eventos if e[1] < FIRST_MONTH + MONTHS + HORIZON)
    acumulados: dict[int, int] = {}
    linhas = []
    for i, momento, nota in eventos:
        acumulados[i] = acumulados.get(i, 0) + 1
        linhas.append({"id_cliente": f"CLM-{i + 1:05d}", "data_hora": str(momento),
                       "nota_satisfacao": nota, "chamados_acumulados": acumulados[i]})
    return sorted(linhas, key=lambda r: (r["data_hora"], r["id_cliente"]))


def _formatar(valor: object) -> str:
    if isinstance(valor, float):
        return f"{valor:.2f}".replace(".", ",")
    return str(valor)


def generate_time_csvs(seed: int = SEED) -> tuple[str, str]:
    """O conteúdo dos dois CSVs (``;`` entre campos, vírgula decimal, UTF-8).

    Examples
    --------
    >>> retratos, chamados = generate_time_csvs()
    >>> retratos.splitlines()[0].split(";")[:3]
    ['id_cliente', 'mes_referencia', 'idade']
    >>> chamados.splitlines()[0]
    'id_cliente;data_hora;nota_satisfacao;chamados_acumulados'
    """
    retratos, chamados = simulate(seed)
    return (to_csv_text(retratos, SNAPSHOT_COLUMNS, _formatar),
            to_csv_text(chamados, EVENT_COLUMNS, _formatar))


def main() -> None:
    from mlops_lab._fs import write_text

    retratos, chamados = generate_time_csvs()
    write_text(SNAPSHOTS_FILE, retratos)
    write_text(EVENTS_FILE, chamados)
    print(f"Arquivos gravados: {SNAPSHOTS_FILE} e {EVENTS_FILE}")


if __name__ == "__main__":
    main()
