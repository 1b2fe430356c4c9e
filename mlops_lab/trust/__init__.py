"""Modelos em que se pode confiar: calibração, cartão do modelo e justiça entre grupos.

O capítulo "Modelos em que se pode confiar" (parte "Em produção") usa estas funções:

- :mod:`~mlops_lab.trust.calibration`: :func:`brier_score`,
  :func:`expected_calibration_error`, :func:`reliability_table`,
  :func:`plot_reliability_diagram`, :func:`calibrate` (``CalibratedClassifierCV``,
  sigmoide ou isotônica) e o limiar pelo custo (:func:`cost_threshold`);
- :mod:`~mlops_lab.trust.model_card`: o ``model_card.md`` que ``mlops-lab run`` grava;
- :mod:`~mlops_lab.trust.fairness`: a tabela por grupo do fairlearn (``MetricFrame``),
  as diferenças de paridade demográfica e de igualdade de oportunidade e o portão
  :func:`check_fairness` dos testes do modelo.
"""

from mlops_lab.trust.calibration import (
    ECE_BINS,
    METHODS,
    brier_score,
    calibrate,
    calibration_metrics,
    cost_threshold,
    decision_cost,
    expected_calibration_error,
    plot_positive_reliability,
    plot_reliability_diagram,
    reliability_table,
)
from mlops_lab.trust.fairness import (
    check_fairness,
    fairness_gaps,
    group_column,
    group_columns,
    group_report,
)
from mlops_lab.trust.model_card import (
    MODEL_CARD_FILE,
    SECTIONS,
    render_model_card,
    subgroup_tables,
    write_model_card,
)

__all__ = [
    "ECE_BINS", "METHODS", "MODEL_CARD_FILE", "SECTIONS", "brier_score", "calibrate",
    "calibration_metrics", "check_fairness", "cost_threshold", "decision_cost",
    "expected_calibration_error", "fairness_gaps", "group_column", "group_columns",
    "group_report", "plot_positive_reliability", "plot_reliability_diagram",
    "reliability_table", "render_model_card", "subgroup_tables", "write_model_card",
]
