"""Pontuação contínua em micro-lotes, com monitoramento de *drift*.

Em produção, os dados não chegam num arquivo só: chegam aos poucos (cadastros,
eventos, transações). :func:`run_stream` faz o que um serviço de pontuação
contínua faz, em escala de laboratório:

1. recebe os registros de uma **fonte** (um CSV lido aos poucos, ou a fonte
   simulada :func:`simulate`, que pode sofrer um *drift* num momento escolhido)
   no ritmo pedido (``rate`` registros por segundo);
2. a cada micro-lote, prevê com o modelo empacotado e **acrescenta** registros
   e previsões a ``predictions/part-NNNNNN.parquet``;
3. compara a janela dos registros mais recentes com a referência de treino
   (:mod:`mlops_lab.drift`: PSI e KS por atributo, e a distribuição das
   previsões) e grava uma linha por lote em ``batches.csv`` e as medidas em
   ``drift.csv``;
4. quando algum PSI passa do limiar, dispara um **alerta** (na tela e em
   ``alerts.log``);
5. no fim, desenha ``drift.png`` e escreve o relatório ``report.html``.

Pela linha de comando: ``mlops-lab stream --model artefatos --source simulated
--drift-at 10``.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError
from mlops_lab.plot_style import styled

SIMULATED = "simulated"
BATCHES_FILE = "batches.csv"
DRIFT_FILE = "drift.csv"
ALERTS_FILE = "alerts.log"
SUMMARY_FILE = "summary.json"
REPORT_FILE = "report.html"
PLOT_FILE = "drift.png"
PARTS_DIR = "predictions"
# Coluna interna da janela com o rótulo, quando ele chega junto com o registro.
_LABEL = "__rotulo__"
_OUR_FILES = {BATCHES_FILE, DRIFT_FILE, ALERTS_FILE, SUMMARY_FILE, REPORT_FILE, PLOT_FILE,
              PARTS_DIR}


# --------------------------------------------------------------------------- fontes


def simulate(n: int, seed: int = 0, drift: bool = False, start: int = 0):
    """Gera ``n`` clientes novos, já limpos, no formato dos dados embutidos.

    Os clientes vêm do mesmo processo que gerou ``telecom_churn.csv``
    (:mod:`mlops_lab.datasets.generate`), com o rótulo ``cancelou``. Com
    ``drift=True``, simula o mercado depois de um reajuste de preços e da
    chegada de um concorrente agressivo: mensalidades 40% mais altas, mais
    reclamações, mais clientes no pré-pago e, sobretudo, clientes que passam a
    cancelar por preço (um *drift* de **conceito**, não só de dados).

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

    from mlops_lab.datasets import generate

    rng = np.random.default_rng([seed, start, int(drift)])
    c = generate._sortear_clientes(rng, n)
    if drift:
        c["valor_mensal"] = (c["valor_mensal"] * 1.4).round(2)
        c["reclamacoes_12m"] = c["reclamacoes_12m"] + rng.poisson(1.0, n)
        c["chamados_suporte_90d"] = c["chamados_suporte_90d"] + rng.poisson(0.8, n)
        migram = (c["plano"] == "Controle") & (rng.random(n) < 0.4)
        c["plano"] = np.where(migram, "Pré-pago", c["plano"])
    p = generate._probabilidade_cancelamento(c)
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


def simulated_batches(batch_size: int, seed: int = 0, drift_from: int | None = None):
    """Fonte simulada sem fim: lotes de ``batch_size`` clientes.

    A partir da linha ``drift_from`` (contada desde o início), os clientes vêm
    do cenário com *drift* de :func:`simulate`. Cada lote depende só da semente
    e da sua posição, nunca do relógio: a mesma chamada dá os mesmos dados.
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


def table_batches(df, batch_size: int):
    """Fonte de um arquivo: as linhas de ``df`` em lotes, na ordem."""
    for inicio in range(0, len(df), batch_size):
        yield df.iloc[inicio:inicio + batch_size].reset_index(drop=True)


# --------------------------------------------------------------------------- execução


@dataclass
class StreamResult:
    """O que :func:`run_stream` produziu."""

    out: Path
    rows: int
    batches: int
    seconds: float
    alerts: list = field(default_factory=list)
    last_drift: object = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")

    def summary(self) -> str:
        segundos = f"{self.seconds:.1f}".replace(".", ",")
        vazao = f"{self.rows_per_second:,.0f}".replace(",", ".")
        linhas = [f"{self.rows} registros em {self.batches} lotes, {segundos} s "
                  f"({vazao} registros/s)"]
        if self.alerts:
            primeiro = self.alerts[0]
            linhas.append(f"{len(self.alerts)} alerta(s) de drift; o primeiro no lote "
                          f"{primeiro['lote']}, depois de {primeiro['linhas']} registros: "
                          f"{primeiro['mensagem']}")
        else:
            linhas.append("Nenhum alerta de drift.")
        linhas.append(f"Resultados em: {self.out} (relatório: {self.out / REPORT_FILE})")
        return "\n".join(linhas)


def _check_out(out: Path) -> None:
    _fs.check_out(out, known=_OUR_FILES, message=lambda pasta, _, nomes: (
        f"a pasta '{pasta}' tem arquivos que não são do monitoramento "
        f"({', '.join(nomes[:3])}). Para não misturá-los, escolha uma pasta nova ou vazia "
        "em --out."))


def _append_csv(path: Path, tabela) -> None:
    novo = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as arquivo:
        tabela.to_csv(arquivo, header=novo, index=False)
        arquivo.flush()


def _next_part(pasta: Path) -> int:
    numeros = [int(p.stem.split("-")[1]) for p in pasta.glob("part-*.parquet")]
    return max(numeros, default=0) + 1


def _previous_batches(out: Path) -> tuple[int, int]:
    """Lotes e linhas já gravados numa execução anterior (para continuar a numeração)."""
    import pandas as pd

    caminho = out / BATCHES_FILE
    if not caminho.exists():
        return 0, 0
    anteriores = pd.read_csv(caminho)
    if anteriores.empty:
        return 0, 0
    return int(anteriores["lote"].max()), int(anteriores["linhas_acumuladas"].max())


def _labels_match(rotulos, previsoes):
    """Acurácia das previsões nos registros cujo rótulo já chegou (``None`` se nenhum)."""
    from mlops_lab.drift import MISSING, _categories

    chaves = _categories(rotulos)
    validos = chaves != MISSING
    if not validos.any():
        return None
    return float((chaves[validos] == _categories(previsoes)[validos]).mean())


def run_stream(model_dir, source=SIMULATED, out="monitoramento", rate: float = 200.0,
               duration: float | None = None, rows: int | None = None,
               batch_size: int = 200, window: int = 1000, threshold: float = 0.25,
               drift_at: float | None = None, seed: int = 0, trust: bool = False,
               progress: bool = True, read_options=None) -> StreamResult:
    """Pontua registros que chegam aos poucos e monitora o *drift*.

    Parameters
    ----------
    model_dir : str ou Path
        Pasta de ``mlops-lab run`` (com ``reference.json``).
    source : str ou Path
        ``"simulated"`` ou um CSV/Parquet com as colunas do treino.
    out : str ou Path
        Pasta dos resultados. Se já tiver um monitoramento, os novos lotes são
        acrescentados a ele.
    rate : float
        Registros por segundo que a fonte entrega; ``0`` = sem pausa (o mais
        rápido possível).
    duration, rows : opcional
        Para depois de tantos segundos ou registros. Sem nenhum dos dois, a
        fonte simulada roda 30 s e um arquivo, até o fim.
    batch_size, window : int
        Registros por micro-lote; registros recentes que entram na comparação.
    threshold : float
        PSI a partir do qual há alerta (0,25 = mudança grande).
    drift_at : float, opcional
        Só na fonte simulada: segundo do fluxo em que o *drift* começa (o
        registro ``drift_at * rate``).
    """
    import pandas as pd

    from mlops_lab.drift import compare, read_reference
    from mlops_lab.package import load_model
    from mlops_lab.predict import predict_validated
    from mlops_lab.schema import validate_features

    for nome, valor, minimo in (("--batch-size", batch_size, 1), ("--window", window, 10)):
        if valor < minimo:
            raise MlopsLabError(f"{nome} deve ser pelo menos {minimo}, recebido {valor}.")
    if rate < 0:
        raise MlopsLabError(f"--rate não pode ser negativo (recebido {rate}); use 0 para "
                            "pontuar sem pausa.")
    if not threshold > 0:
        raise MlopsLabError(f"--threshold deve ser maior que zero (recebido {threshold}).")
    if duration is not None and duration <= 0:
        raise MlopsLabError(f"--duration deve ser maior que zero (recebido {duration}).")
    out = Path(out)
    _check_out(out)
    model, metadata = load_model(model_dir, trust=trust)
    referencia = read_reference(model_dir)
    schema = metadata["schema"]
    alvo = metadata.get("target")

    if str(source) == SIMULATED:
        faltam = set(schema["columns"]) - set(simulate(1).columns)
        if faltam:
            raise MlopsLabError(
                "a fonte simulada gera clientes no formato dos dados embutidos, mas este "
                f"modelo usa outras colunas ({', '.join(sorted(faltam)[:3])}). Use "
                "--source com um CSV do seu próprio conjunto."
            )
        drift_from = None
        if drift_at is not None:
            if drift_at < 0 or rate == 0:
                raise MlopsLabError("--drift-at precisa de um segundo >= 0 e de --rate maior "
                                    "que zero (o drift começa no registro drift_at × rate).")
            drift_from = int(round(drift_at * rate))
        lotes = simulated_batches(batch_size, seed, drift_from)
        if duration is None and rows is None:
            duration = 30.0
    else:
        if drift_at is not None:
            raise MlopsLabError("--drift-at só vale para a fonte simulada (--source simulated): "
                                "num arquivo, o drift é o que os próprios dados tiverem.")
        from mlops_lab.data import read_table

        tabela = read_table(source, **(read_options or {}))
        # Arquivo com defeito: o erro sai antes de gravar qualquer coisa.
        validate_features(tabela, schema)
        lotes = table_batches(tabela, batch_size)

    lote_anterior, linhas_anteriores = _previous_batches(out)
    parte = _next_part(out / PARTS_DIR) if (out / PARTS_DIR).is_dir() else 1
    janela_x: deque = deque()
    janela_p: deque = deque()
    alertas, em_alerta, ultima = [], False, None
    total, n_lotes = 0, 0
    inicio = time.perf_counter()
    barra = None
    if progress:
        from tqdm.auto import tqdm

        barra = tqdm(desc="Pontuando", unit=" registros", file=sys.stderr)
    try:
        for lote in lotes:
            if rows is not None and total >= rows:
                break
            if rows is not None:
                lote = lote.iloc[:rows - total]
            if rate > 0:  # o lote só "chega" quando o relógio do fluxo alcança o seu fim
                espera = inicio + (total + len(lote)) / rate - time.perf_counter()
                chegada = time.perf_counter() + max(espera, 0) - inicio
                if duration is not None and chegada > duration:
                    break
                if espera > 0:
                    time.sleep(espera)
            elif duration is not None and time.perf_counter() - inicio > duration:
                break
            X = validate_features(lote, schema)
            previsoes = predict_validated(model, X)
            n_lotes += 1
            total += len(lote)
            numero = lote_anterior + n_lotes
            instante = round(time.perf_counter() - inicio, 3)

            registro = pd.concat([lote.reset_index(drop=True),
                                  previsoes.reset_index(drop=True)], axis=1)
            registro.insert(0, "lote", numero)

            rotulos = lote[alvo] if alvo in lote.columns else None
            janela_x.append(X.assign(**{_LABEL: rotulos}) if rotulos is not None else X)
            janela_p.append(previsoes)
            while sum(map(len, janela_x)) - len(janela_x[0]) >= window:
                janela_x.popleft()
                janela_p.popleft()
            recentes_x = pd.concat(janela_x, ignore_index=True).tail(window)
            recentes_p = pd.concat(janela_p, ignore_index=True).tail(window)
            ultima = compare(referencia, recentes_x, recentes_p)

            pior = ultima.iloc[0]
            acima = ultima[ultima["psi"] >= threshold]
            acuracia = (_labels_match(recentes_x[_LABEL], recentes_p["previsao"])
                        if _LABEL in recentes_x.columns else None)
            alerta = None
            if not acima.empty and not em_alerta:
                lista = ", ".join(f"{a} (PSI {p:.2f})".replace(".", ",")
                                  for a, p in zip(acima["atributo"], acima["psi"]))
                alerta = {"lote": numero, "linhas": linhas_anteriores + total,
                          "instante_s": instante, "atributos": acima["atributo"].tolist(),
                          "mensagem": f"drift grande em {lista}"}
            _write_batch(out, parte, registro, ultima.assign(lote=numero)[
                ["lote", "atributo", "tipo", "psi", "nivel", "ks", "ks_pvalue",
                 "media_ref", "media_atual", "ausentes_ref", "ausentes_atual"]],
                pd.DataFrame([{
                    "lote": numero, "linhas": len(lote),
                    "linhas_acumuladas": linhas_anteriores + total,
                    "instante_s": instante, "janela": len(recentes_x),
                    "psi_max": pior["psi"], "atributo_psi_max": pior["atributo"],
                    "atributos_em_alerta": len(acima), "alerta": not acima.empty,
                    "acuracia_janela": acuracia,
                }]), alerta)
            parte += 1
            if alerta is not None:
                alertas.append(alerta)
                print(_alert_text(alerta), file=sys.stderr, flush=True)
            em_alerta = not acima.empty
            if barra is not None:
                barra.update(len(lote))
    finally:
        if barra is not None:
            barra.close()
    segundos = time.perf_counter() - inicio
    if n_lotes == 0:
        raise MlopsLabError("nenhum registro chegou da fonte: o arquivo está vazio ou "
                            "--rows/--duration são pequenos demais.")
    resultado = StreamResult(out=out, rows=total, batches=n_lotes, seconds=segundos,
                             alerts=alertas, last_drift=ultima)
    _write_summary(resultado, threshold, drift_at, rate)
    write_report(out, threshold=threshold)
    return resultado


def _alert_text(alerta: dict) -> str:
    instante = f"{alerta['instante_s']:.1f}".replace(".", ",")
    return (f"ALERTA lote {alerta['lote']} ({alerta['linhas']} registros, "
            f"{instante} s): {alerta['mensagem']}. Confira os dados recentes "
            "e considere retreinar.")


def _write_batch(out: Path, parte: int, registro, deriva, lote, alerta) -> None:
    """Grava um lote inteiro ou nada: a parte em Parquet, as linhas dos CSV e o alerta.

    Um erro no meio (inclusive Ctrl+C) desfaz o lote (:func:`mlops_lab._fs.undo_on_error`):
    os lotes anteriores ficam inteiros e coerentes entre si.
    """
    pasta = out / PARTS_DIR
    destino = pasta / f"part-{parte:06d}.parquet"
    with _fs.undo_on_error(out, pasta, destino, out / DRIFT_FILE, out / BATCHES_FILE,
                           out / ALERTS_FILE):
        pasta.mkdir(parents=True, exist_ok=True)
        registro.to_parquet(destino, index=False)
        _append_csv(out / DRIFT_FILE, deriva)
        _append_csv(out / BATCHES_FILE, lote)
        if alerta is not None:
            with (out / ALERTS_FILE).open("a", encoding="utf-8") as log:
                log.write(time.strftime("%Y-%m-%dT%H:%M:%S ") + _alert_text(alerta) + "\n")


def _write_summary(resultado: StreamResult, threshold, drift_at, rate) -> None:
    resumo = {"rows": resultado.rows, "batches": resultado.batches,
              "seconds": round(resultado.seconds, 3),
              "rows_per_second": round(resultado.rows_per_second, 1),
              "psi_threshold": threshold, "simulated_drift_at_s": drift_at, "rate": rate,
              "alerts": resultado.alerts}
    _fs.write_json(resultado.out / SUMMARY_FILE, resumo)


def read_predictions(out="monitoramento"):
    """Todos os registros pontuados numa pasta de monitoramento, na ordem de chegada.

    Serve para juntar os dados recentes (com o rótulo, quando ele chega) e
    retreinar o modelo com eles.
    """
    import pandas as pd

    partes = sorted((Path(out) / PARTS_DIR).glob("part-*.parquet"))
    if not partes:
        raise MlopsLabError(f"'{out}' não tem registros pontuados: rode 'mlops-lab stream "
                            f"--out {out}' antes.")
    return pd.concat([pd.read_parquet(p) for p in partes], ignore_index=True)


# --------------------------------------------------------------------------- relatório


@styled
def plot_drift(out="monitoramento", threshold: float = 0.25, top: int = 5):
    """Gráfico do PSI ao longo do fluxo: os atributos que mais mudaram e o limiar."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import pandas as pd

    out = Path(out)
    deriva = pd.read_csv(out / DRIFT_FILE)
    lotes = pd.read_csv(out / BATCHES_FILE)
    linhas = deriva.merge(lotes[["lote", "linhas_acumuladas"]], on="lote")
    principais = (linhas.groupby("atributo")["psi"].max().round(9)
                  .sort_values(ascending=False, kind="stable").head(top).index)
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(8, 5.5), sharex=True,
                                  gridspec_kw={"height_ratios": [3, 1.3]})
    for nome in principais:
        serie = linhas[linhas["atributo"] == nome]
        ax.plot(serie["linhas_acumuladas"], serie["psi"], marker=".", label=nome)
    ax.axhline(threshold, color="black", linestyle="--", linewidth=1,
               label=f"limiar de alerta ({threshold:g})")
    ax.set_ylabel("PSI da janela recente")
    ax.set_title("Drift em relação aos dados de treino")
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    if lotes["acuracia_janela"].notna().any():
        ax2.plot(lotes["linhas_acumuladas"], lotes["acuracia_janela"], color="tab:gray")
        ax2.set_ylabel("acurácia\n(janela)")
    else:
        ax2.plot(lotes["linhas_acumuladas"], lotes["psi_max"], color="tab:gray")
        ax2.set_ylabel("PSI máximo")
    alertas = lotes[lotes["alerta"].astype(str) == "True"]
    for x in alertas["linhas_acumuladas"].head(1):
        for eixo in (ax, ax2):
            eixo.axvline(x, color="tab:red", alpha=0.6, linewidth=1)
    ax2.set_xlabel("registros recebidos")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def write_report(out="monitoramento", threshold: float = 0.25) -> Path:
    """Escreve ``report.html`` (autocontido, com o gráfico embutido) e ``drift.png``."""
    import base64
    import html
    import io

    import matplotlib.pyplot as plt
    import pandas as pd

    out = Path(out)
    fig = plot_drift(out, threshold)
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100)
    plt.close(fig)
    imagem = base64.b64encode(png.getvalue()).decode("ascii")
    lotes = pd.read_csv(out / BATCHES_FILE)
    deriva = pd.read_csv(out / DRIFT_FILE)
    ultimo = deriva[deriva["lote"] == deriva["lote"].max()].drop(columns="lote")
    alertas = ((out / ALERTS_FILE).read_text(encoding="utf-8").splitlines()
               if (out / ALERTS_FILE).exists() else [])
    tabela = ultimo.to_html(index=False, float_format=lambda v: f"{v:.3f}", na_rep="—",
                            border=0, classes="tabela")
    itens = "".join(f"<li>{html.escape(a)}</li>" for a in alertas) or "<li>Nenhum alerta.</li>"
    pagina = f"""<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8">
<title>Relatório de drift — mlops-lab</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
.tabela{{border-collapse:collapse}}.tabela td,.tabela th{{padding:.25rem .6rem;
border-bottom:1px solid #ccc;text-align:right}}img{{max-width:100%}}</style></head>
<body><h1>Relatório de drift</h1>
<p>{int(lotes['linhas_acumuladas'].max())} registros em {len(lotes)} lotes. Limiar de alerta:
PSI ≥ {threshold:g} (até 0,1: estável; de 0,1 a 0,25: moderada; acima: grande).</p>
<h2>Alertas</h2><ul>{itens}</ul>
<h2>PSI ao longo do fluxo</h2>
<img src="data:image/png;base64,{imagem}"
 alt="PSI por atributo ao longo do fluxo, com o limiar de alerta">
<h2>Último lote: janela recente contra o treino</h2>{tabela}
</body></html>
"""
    _fs.write_bytes(out / PLOT_FILE, png.getvalue())
    return _fs.write_text(out / REPORT_FILE, pagina)
