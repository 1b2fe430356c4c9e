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

Pela linha de comando: ``mlops-lab stream --model artifacts --source simulated
--drift-at 10``.

O pacote tem um módulo por assunto: :mod:`~mlops_lab.stream.sources` (as
fontes), :mod:`~mlops_lab.stream.window` (a janela recente, a comparação e o
alerta de cada lote), :mod:`~mlops_lab.stream.files` (os arquivos da pasta de
monitoramento, gravados lote a lote), :mod:`~mlops_lab.stream.loop` (o laço
:func:`run_stream`) e :mod:`~mlops_lab.stream.report` (gráfico e relatório).
"""

from __future__ import annotations

from mlops_lab.stream.files import (
    ALERTS_FILE,
    BATCHES_FILE,
    DRIFT_FILE,
    PARTS_DIR,
    PLOT_FILE,
    REPORT_FILE,
    SUMMARY_FILE,
    read_predictions,
)
from mlops_lab.stream.loop import StreamResult, run_stream
from mlops_lab.stream.report import plot_drift, write_report
from mlops_lab.stream.sources import SIMULATED, simulate, simulated_batches, table_batches

__all__ = [
    "ALERTS_FILE",
    "BATCHES_FILE",
    "DRIFT_FILE",
    "PARTS_DIR",
    "PLOT_FILE",
    "REPORT_FILE",
    "SIMULATED",
    "SUMMARY_FILE",
    "StreamResult",
    "plot_drift",
    "read_predictions",
    "run_stream",
    "simulate",
    "simulated_batches",
    "table_batches",
    "write_report",
]
