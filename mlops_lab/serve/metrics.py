"""As métricas do serviço em ``GET /metrics``, no formato de texto do Prometheus.

O que o serviço mede (o prefixo é ``mlops_lab_``):

==========================================  =============================================
``http_requests_total``                     requisições por rota, método e código HTTP
``http_request_duration_seconds``           histograma da latência, por rota
``predictions_total``                       previsões por classe prevista
``prediction_probability``                  histograma da probabilidade da classe positiva
``model_info``                              a versão no ar (*hash* do modelo), valor 1
==========================================  =============================================

A rota entra pelo **modelo** do caminho (``/predict``), nunca pelo endereço pedido:
um cliente que varre endereços inexistentes cai em ``route="outra"`` e não cria uma
série nova a cada endereço.

**Vários processos** (``mlops-lab serve --workers N``): cada processo conta as
suas requisições; com a variável ``PROMETHEUS_MULTIPROC_DIR`` apontando para uma
pasta, o ``prometheus_client`` grava os contadores ali, e ``GET /metrics`` (em
qualquer processo) soma os de todos. ``model_info`` ganha o rótulo ``pid``: cada
processo diz qual versão tem carregada (um processo só vê a versão nova na primeira
requisição que atender depois da troca). A série de um processo que morreu fica
até o servidor parar.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

from fastapi.responses import Response
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi import FastAPI

__all__ = ["LATENCY_BUCKETS", "MULTIPROC_ENV", "PREFIX", "ServiceMetrics", "instrument"]

PREFIX = "mlops_lab"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Em segundos. O limite de 0,25 s é o do SLO de latência (deploy/prometheus/rules.yml):
# ele precisa ser uma das fronteiras para a razão "rápidas / todas" ser exata.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_PROBABILITY_BUCKETS = tuple(round(0.1 * i, 1) for i in range(1, 11))
_OTHER_ROUTE = "outra"
# Sem as séries "_created" (o instante de criação de cada contador): o Prometheus não
# precisa delas, e elas dobrariam o texto de /metrics.
disable_created_metrics()

Scope = dict[str, Any]


class ServiceMetrics:
    """Os contadores e histogramas de um serviço, num registro próprio.

    Examples
    --------
    >>> m = ServiceMetrics()
    >>> m.observe_request("/health", "GET", 200, 0.003)
    >>> 'route="/health"' in m.exposition().decode()
    True
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(f"{PREFIX}_http_requests", "Requisições HTTP atendidas.",
                                ["route", "method", "status"], registry=r)
        self.latency = Histogram(f"{PREFIX}_http_request_duration_seconds",
                                 "Tempo de resposta, do pedido ao fim da resposta.", ["route"],
                                 buckets=LATENCY_BUCKETS, registry=r)
        self.predictions = Counter(f"{PREFIX}_predictions", "Previsões, por classe prevista.",
                                   ["predicted_class"], registry=r)
        self.probability = Histogram(f"{PREFIX}_prediction_probability",
                                     "Probabilidade prevista da classe positiva.",
                                     buckets=_PROBABILITY_BUCKETS, registry=r)
        self.model_info = Gauge(f"{PREFIX}_model_info", "Versão do modelo no ar (valor 1).",
                                ["model_sha256", "algorithm"], registry=r,
                                multiprocess_mode="all")
        self._version: tuple[str, str] | None = None

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """Conta uma requisição e a sua latência."""
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def observe_predictions(self, resposta: dict, positive_label: object) -> None:
        """Conta as previsões de uma resposta de ``POST /predict``."""
        from mlops_lab.predict import PREDICTION_COLUMN

        for item in resposta["previsoes"]:
            self.predictions.labels(str(item[PREDICTION_COLUMN])).inc()
            prob = item["probabilidades"].get(str(positive_label))
            if prob is not None:
                self.probability.observe(prob)

    def set_model(self, sha256: str, algorithm: object) -> None:
        """Marca a versão no ar (1) e desmarca a anterior (0)."""
        versao = (sha256, str(algorithm))
        if versao == self._version:
            return
        if self._version is not None:
            self.model_info.labels(*self._version).set(0)
        self.model_info.labels(*versao).set(1)
        self._version = versao

    def exposition(self) -> bytes:
        """O texto de ``GET /metrics``: só deste processo, ou a soma de todos."""
        from prometheus_client import generate_latest

        if not os.environ.get(MULTIPROC_ENV):
            return generate_latest(self.registry)
        from prometheus_client import multiprocess

        todos = CollectorRegistry()
        multiprocess.MultiProcessCollector(todos)
        return generate_latest(todos)


class _MeasureRequests:
    """Middleware ASGI: mede cada requisição HTTP (sem o custo de um ``BaseHTTPMiddleware``)."""

    def __init__(self, app: Callable, metrics: ServiceMetrics, slot: Any) -> None:
        self.app = app
        self.metrics = metrics
        self.slot = slot

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        inicio = time.perf_counter()
        status = [500]

        async def send_status(message: dict) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            rota = getattr(scope.get("route"), "path", _OTHER_ROUTE)
            self.metrics.observe_request(rota, scope["method"], status[0],
                                         time.perf_counter() - inicio)
            _, metadata, extra = self.slot.state  # a versão que atendeu (sem conferir a pasta)
            self.metrics.set_model(extra["model_sha256"], metadata.get("algorithm"))


def instrument(app: FastAPI, slot: Any) -> ServiceMetrics:
    """Acrescenta ``GET /metrics`` e a medição de todas as rotas à aplicação.

    Parameters
    ----------
    app : fastapi.FastAPI
        A aplicação de :func:`mlops_lab.serve.create_app`.
    slot : ModelSlot
        O modelo no ar: a versão dele vira ``model_info``.

    Returns
    -------
    ServiceMetrics
        As métricas, para a rota de previsão contar as previsões.
    """
    from prometheus_client import CONTENT_TYPE_LATEST

    metrics = ServiceMetrics()

    # O FastAPI lê a anotação '-> Response' nos globais do módulo: o import fica no topo.
    @app.get("/metrics", summary="Métricas no formato do Prometheus", response_class=Response)
    def prometheus_metrics() -> Response:
        """Requisições, latência, previsões por classe e a versão do modelo no ar."""
        _, metadata, extra = slot.current()
        metrics.set_model(extra["model_sha256"], metadata.get("algorithm"))
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(_MeasureRequests, metrics=metrics, slot=slot)
    return metrics
