"""O relatório do monitoramento: o gráfico do PSI ao longo do fluxo e a página HTML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.plot_style import styled
from mlops_lab.stream.files import ALERTS_FILE, BATCHES_FILE, DRIFT_FILE, PLOT_FILE, REPORT_FILE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_drift", "write_report"]


@styled
def plot_drift(out: str | Path = "monitoring", threshold: float = 0.25,
               top: int = 5) -> Figure:
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
    ax.legend(loc="upper left")
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


def write_report(out: str | Path = "monitoring", threshold: float = 0.25) -> Path:
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
