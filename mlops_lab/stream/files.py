"""Os arquivos da pasta de monitoramento, gravados lote a lote (um lote inteiro ou nada)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALERTS_FILE",
    "BATCHES_FILE",
    "DRIFT_FILE",
    "PARTS_DIR",
    "PLOT_FILE",
    "REPORT_FILE",
    "SUMMARY_FILE",
    "alert_text",
    "append_csv",
    "check_out",
    "next_part",
    "previous_batches",
    "read_predictions",
    "write_batch",
    "write_summary",
]

BATCHES_FILE = "batches.csv"
DRIFT_FILE = "drift.csv"
ALERTS_FILE = "alerts.log"
SUMMARY_FILE = "summary.json"
REPORT_FILE = "report.html"
PLOT_FILE = "drift.png"
PARTS_DIR = "predictions"
_OUR_FILES = {BATCHES_FILE, DRIFT_FILE, ALERTS_FILE, SUMMARY_FILE, REPORT_FILE, PLOT_FILE,
              PARTS_DIR}


def check_out(out: Path) -> None:
    """Recusa uma pasta de saída com arquivos que não são do monitoramento."""
    _fs.check_out(out, known=_OUR_FILES, message=lambda pasta, _, nomes: (
        f"a pasta '{pasta}' tem arquivos que não são do monitoramento "
        f"({', '.join(nomes[:3])}). Para não misturá-los, escolha uma pasta nova ou vazia "
        "em --out."))


def append_csv(path: Path, tabela: pd.DataFrame) -> None:
    """Acrescenta as linhas de ``tabela`` ao CSV ``path`` (com cabeçalho se ele é novo)."""
    novo = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as arquivo:
        tabela.to_csv(arquivo, header=novo, index=False)
        arquivo.flush()


def next_part(out: Path) -> int:
    """O número da próxima parte em Parquet de ``out/previsoes`` (1 numa pasta nova)."""
    pasta = out / PARTS_DIR
    if not pasta.is_dir():
        return 1
    numeros = [int(p.stem.split("-")[1]) for p in pasta.glob("part-*.parquet")]
    return max(numeros, default=0) + 1


def previous_batches(out: Path) -> tuple[int, int]:
    """Lotes e linhas já gravados numa execução anterior (para continuar a numeração)."""
    import pandas as pd

    caminho = out / BATCHES_FILE
    if not caminho.exists():
        return 0, 0
    anteriores = pd.read_csv(caminho)
    if anteriores.empty:
        return 0, 0
    return int(anteriores["lote"].max()), int(anteriores["linhas_acumuladas"].max())


def alert_text(alerta: dict) -> str:
    """A linha do alerta, para a tela e para ``alerts.log``."""
    instante = f"{alerta['instante_s']:.1f}".replace(".", ",")
    return (f"ALERTA lote {alerta['lote']} ({alerta['linhas']} registros, "
            f"{instante} s): {alerta['mensagem']}. Confira os dados recentes "
            "e considere retreinar.")


def write_batch(out: Path, parte: int, registro: pd.DataFrame, deriva: pd.DataFrame,
                lote: pd.DataFrame, alerta: dict | None) -> None:
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
        append_csv(out / DRIFT_FILE, deriva)
        append_csv(out / BATCHES_FILE, lote)
        if alerta is not None:
            with (out / ALERTS_FILE).open("a", encoding="utf-8") as log:
                log.write(time.strftime("%Y-%m-%dT%H:%M:%S ") + alert_text(alerta) + "\n")


def write_summary(out: Path, resumo: dict) -> Path:
    """Grava ``summary.json`` (atômico)."""
    return _fs.write_json(out / SUMMARY_FILE, resumo)


def read_predictions(out: str | Path = "monitoring") -> pd.DataFrame:
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
