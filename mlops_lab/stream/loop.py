"""O laço de :func:`run_stream`: a fonte no ritmo pedido, um lote por vez, até parar."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab.errors import MlopsLabError
from mlops_lab.stream import files
from mlops_lab.stream.sources import SIMULATED, open_source
from mlops_lab.stream.window import DriftMonitor

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["StreamResult", "run_stream"]


@dataclass
class StreamResult:
    """O que :func:`run_stream` produziu."""

    out: Path
    rows: int
    batches: int
    seconds: float
    alerts: list = field(default_factory=list)
    last_drift: Any = None

    @property
    def rows_per_second(self) -> float:
        """Vazão: registros por segundo."""
        return self.rows / self.seconds if self.seconds > 0 else float("inf")

    def summary(self) -> str:
        """O resumo para a tela: vazão, alertas e onde estão os resultados."""
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
        linhas.append(f"Resultados em: {self.out} (relatório: {self.out / files.REPORT_FILE})")
        return "\n".join(linhas)


def _check_options(batch_size: int, window: int, rate: float, threshold: float,
                   duration: float | None) -> None:
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


def _paced(lotes: Iterable[pd.DataFrame], inicio: float, rate: float,
           duration: float | None, rows: int | None) -> Iterator[pd.DataFrame]:
    """Entrega os lotes no ritmo ``rate`` e para em ``duration`` segundos ou ``rows`` registros.

    Um lote só "chega" quando o relógio do fluxo alcança o seu fim.
    """
    total = 0
    for lote in lotes:
        if rows is not None:
            if total >= rows:
                return
            lote = lote.iloc[:rows - total]
        if rate > 0:
            espera = inicio + (total + len(lote)) / rate - time.perf_counter()
            chegada = time.perf_counter() + max(espera, 0) - inicio
            if duration is not None and chegada > duration:
                return
            if espera > 0:
                time.sleep(espera)
        elif duration is not None and time.perf_counter() - inicio > duration:
            return
        total += len(lote)
        yield lote


@dataclass
class _Scorer:
    """Prevê um lote, compara a janela com o treino e grava o lote inteiro."""

    out: Path
    model: Any
    schema: dict
    target: str | None
    monitor: DriftMonitor
    previous_rows: int
    next_part: int
    started: float = 0.0

    def __call__(self, lote: pd.DataFrame, numero: int, linhas: int) -> dict | None:
        import pandas as pd

        from mlops_lab.predict import predict_validated
        from mlops_lab.schema import validate_features

        X = validate_features(lote, self.schema)
        previsoes = predict_validated(self.model, X)
        instante = round(time.perf_counter() - self.started, 3)
        registro = pd.concat([lote.reset_index(drop=True),
                              previsoes.reset_index(drop=True)], axis=1)
        registro.insert(0, "lote", numero)
        rotulos = lote[self.target] if self.target in lote.columns else None
        medida = self.monitor.observe(X, previsoes, rotulos, numero=numero,
                                      linhas=self.previous_rows + linhas, instante=instante)
        files.write_batch(self.out, self.next_part, registro, medida.drift, medida.batch,
                          medida.alert)
        self.next_part += 1
        return medida.alert


def _progress_bar(progress: bool) -> contextlib.AbstractContextManager:
    if not progress:
        return contextlib.nullcontext()
    from tqdm.auto import tqdm

    return tqdm(desc="Pontuando", unit=" registros", file=sys.stderr)


def run_stream(model_dir: str | Path, source: str | Path = SIMULATED,
               out: str | Path = "monitoring", rate: float = 200.0,
               duration: float | None = None, rows: int | None = None,
               batch_size: int = 200, window: int = 1000, threshold: float = 0.25,
               drift_at: float | None = None, seed: int = 0, trust: bool = False,
               progress: bool = True, read_options: dict | None = None) -> StreamResult:
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
    from mlops_lab.drift import read_reference
    from mlops_lab.package import load_model

    _check_options(batch_size, window, rate, threshold, duration)
    out = Path(out)
    files.check_out(out)
    model, metadata = load_model(model_dir, trust=trust)
    monitor = DriftMonitor(read_reference(model_dir), window, threshold)
    lotes = open_source(source, metadata["schema"], batch_size, seed=seed, drift_at=drift_at,
                        rate=rate, read_options=read_options)
    if str(source) == SIMULATED and duration is None and rows is None:
        duration = 30.0
    lote_anterior, linhas_anteriores = files.previous_batches(out)
    pontuar = _Scorer(out, model, metadata["schema"], metadata.get("target"), monitor,
                      linhas_anteriores, files.next_part(out))
    alertas, total, n_lotes = [], 0, 0
    inicio = pontuar.started = time.perf_counter()
    with _progress_bar(progress) as barra:
        for lote in _paced(lotes, inicio, rate, duration, rows):
            n_lotes += 1
            total += len(lote)
            alerta = pontuar(lote, lote_anterior + n_lotes, total)
            if alerta is not None:
                alertas.append(alerta)
                print(files.alert_text(alerta), file=sys.stderr, flush=True)
            if barra is not None:
                barra.update(len(lote))
    segundos = time.perf_counter() - inicio
    if n_lotes == 0:
        raise MlopsLabError("nenhum registro chegou da fonte: o arquivo está vazio ou "
                            "--rows/--duration são pequenos demais.")
    resultado = StreamResult(out=out, rows=total, batches=n_lotes, seconds=segundos,
                             alerts=alertas, last_drift=monitor.last)
    files.write_summary(out, {
        "rows": resultado.rows, "batches": resultado.batches,
        "seconds": round(resultado.seconds, 3),
        "rows_per_second": round(resultado.rows_per_second, 1),
        "psi_threshold": threshold, "simulated_drift_at_s": drift_at, "rate": rate,
        "alerts": resultado.alerts})
    from mlops_lab.stream.report import write_report

    write_report(out, threshold=threshold)
    return resultado
