"""Inferência rápida: o pipeline treinado "compilado" em NumPy, conferido na carga.

Prever um registro com o pipeline do scikit-learn custa milissegundos, e quase
nada disso é o modelo: é montar um ``DataFrame``, conferir tipos e nomes de
colunas em cada passo e passar pelo ``ColumnTransformer``. Este pacote lê os
parâmetros já aprendidos do pipeline e refaz as mesmas contas sem o pandas:

* :class:`~mlops_lab.fast_predict.features.FeatureBuilder`: registro (``dict``) →
  linha float64 (atributos derivados, corte de extremos, preenchimento,
  normalização, grafias e *one-hot*);
* :func:`~mlops_lab.fast_predict.estimators.compile_estimator`: a linha →
  probabilidades (regressão logística e árvores avaliadas à mão; os demais
  estimadores pelo próprio ``predict_proba`` sobre NumPy);
* :func:`load_compiled`: monta o caminho compilado e **confere** que ele
  reproduz o pipeline em registros de prova (:mod:`~mlops_lab.fast_predict.probes`).
  Se não reproduzir, devolve ``None`` e registra o motivo no log: o serviço segue
  no caminho padrão, mais lento e sempre certo.

``mlops-lab serve`` usa o caminho compilado por padrão (``--no-compile`` desliga).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from mlops_lab.fast_predict.estimators import compile_estimator
from mlops_lab.fast_predict.features import Fallback, FeatureBuilder, NotCompilable

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

__all__ = ["TOLERANCE", "CompiledModel", "Fallback", "NotCompilable", "compile_model",
           "load_compiled"]

#: Maior diferença de probabilidade aceita entre o caminho compilado e o pipeline.
TOLERANCE = 1e-6

_log = logging.getLogger("mlops_lab.serve")


class CompiledModel:
    """O pipeline treinado, refeito com NumPy: registros → probabilidades.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        O modelo de :func:`mlops_lab.package.load_model`.
    schema : dict
        ``metadata["schema"]``.
    """

    def __init__(self, pipeline: Pipeline, schema: dict) -> None:
        self.features = FeatureBuilder(pipeline, schema)
        estimador = pipeline.steps[-1][1]
        if getattr(estimador, "n_features_in_", self.features.width) != self.features.width:
            raise NotCompilable("número de atributos diferente do estimador")
        self.estimator = compile_estimator(estimador)
        self.classes = [str(c) for c in pipeline.classes_]

    def predict_proba(self, registros: list[dict]) -> np.ndarray:
        """Probabilidades ``(n, n_classes)`` na ordem de ``classes``.

        Raises
        ------
        Fallback
            Se algum valor pedir o caminho padrão (por exemplo, ``"31"`` como texto
            numa coluna numérica, que o caminho padrão converte).
        """
        return self.estimator(self.features.transform(registros))

    def respond(self, registros: list[dict]) -> dict:
        """A resposta de ``POST /predict``, no mesmo formato do caminho padrão."""
        from mlops_lab.predict import PREDICTION_COLUMN

        probabilidades = self.predict_proba(registros)
        previsoes = [self.classes[j] for j in probabilidades.argmax(axis=1)]
        return {
            "previsoes": [{PREDICTION_COLUMN: p, "probabilidades": dict(zip(self.classes, linha))}
                          for p, linha in zip(previsoes, probabilidades.round(6).tolist())],
            "n": len(previsoes),
        }


def compile_model(pipeline: Pipeline, schema: dict) -> CompiledModel:
    """Monta o :class:`CompiledModel` (sem conferir; veja :func:`load_compiled`).

    Raises
    ------
    NotCompilable
        Se o pipeline tiver uma peça que o caminho compilado não reproduz.
    """
    from sklearn.pipeline import Pipeline

    if type(pipeline) is not Pipeline or len(pipeline.steps) != 3:
        raise NotCompilable("o modelo não é o pipeline de três passos do mlops-lab")
    return CompiledModel(pipeline, schema)


def load_compiled(pipeline: Any, metadata: dict) -> CompiledModel | None:
    """O caminho compilado, se ele reproduzir o pipeline; senão ``None`` (com log).

    A conferência compara as probabilidades dos dois caminhos nos registros de
    :func:`~mlops_lab.fast_predict.probes.probe_records` (valores típicos, extremos,
    vazios, grafias variadas e categorias desconhecidas): diferença acima de
    :data:`TOLERANCE` em qualquer um deles, e o serviço fica no caminho padrão.

    Examples
    --------
    >>> import pandas as pd
    >>> from mlops_lab.train import make_model
    >>> esquema = {"columns": ["idade", "plano"], "numeric": ["idade"],
    ...            "categorical": ["plano"], "ignored": {}}
    >>> X = pd.DataFrame({"idade": [20, 35, 50, None] * 5, "plano": ["A", "b", "B", None] * 5})
    >>> modelo = make_model("logistic_regression", esquema).fit(X, ["Sim", "Não"] * 10)
    >>> load_compiled(modelo, {"schema": esquema}).classes
    ['Não', 'Sim']
    >>> load_compiled("não é um pipeline", {"schema": esquema}) is None
    True
    """
    from mlops_lab.fast_predict.probes import max_difference

    try:
        compilado = compile_model(pipeline, metadata["schema"])
        diferenca = max_difference(compilado, pipeline, metadata["schema"])
    except (NotCompilable, Fallback) as erro:
        _log.info("caminho compilado indisponível (%s); usando o caminho padrão", erro)
        return None
    except Exception as erro:  # noqa: BLE001 - o serviço sobe pelo caminho padrão, que avisa
        # Um metadata.json que não bate com o pipeline (uma coluna que ele não tem, por
        # exemplo): é o caminho padrão que deve responder, com as mensagens dele.
        _log.warning("caminho compilado indisponível (%s: %s); usando o caminho padrão",
                     type(erro).__name__, erro)
        return None
    if not diferenca <= TOLERANCE:
        _log.warning("o caminho compilado difere do pipeline em %.3g nos registros de prova; "
                     "usando o caminho padrão", diferenca)
        return None
    _log.info("caminho compilado ativo (diferença máxima %.1g nos registros de prova)", diferenca)
    return compilado
