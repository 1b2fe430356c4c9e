"""AIOps: detecção de anomalias na telemetria de um serviço, com alertas.

O módulo tem as três peças de um exercício de AIOps completo:

1. :func:`generate_telemetry` gera, com semente fixa, métricas por minuto de
   um serviço web (latência p50 e p95, taxa de erro e vazão, com ciclo diário
   e ruído) e as linhas de *log* correspondentes, com **incidentes
   injetados** e rotulados: pico de latência, surto de erros, queda de vazão
   e degradação lenta;
2. :class:`SeasonalBaseline` aprende o "normal para aquela hora do dia"
   (mediana e MAD por faixa de horário, estatísticas robustas) e
   :func:`detect` marca os minutos anômalos, pela linha de base sozinha ou
   por uma ``IsolationForest`` sobre os desvios; :func:`alerts` junta minutos
   anômalos em alertas (3 de 5 minutos seguidos, como um alarme de verdade);
3. :func:`evaluate_alerts` compara os alertas com os incidentes injetados:
   precisão e revocação **por incidente** e o atraso até a detecção.

A função :func:`run_aiops` faz tudo isso de uma vez; é o que o comando
``mlops-lab aiops`` executa.
"""
from mlops_lab.aiops.detection import SeasonalBaseline, alerts, detect
from mlops_lab.aiops.report import (
    OUTPUT_FILES,
    format_report,
    plot_telemetry,
    run_aiops,
    write_outputs,
)
from mlops_lab.aiops.scoring import evaluate_alerts, probable_cause
from mlops_lab.aiops.telemetry import (
    COURSE_SEED,
    INCIDENT_TYPES,
    METRICS,
    Telemetry,
    generate_telemetry,
)

__all__ = [
    "METRICS", "INCIDENT_TYPES", "COURSE_SEED", "Telemetry", "generate_telemetry",
    "SeasonalBaseline", "detect", "alerts", "evaluate_alerts", "probable_cause", "run_aiops",
    "plot_telemetry", "format_report", "write_outputs", "OUTPUT_FILES",
]
