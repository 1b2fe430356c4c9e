"""A aplicação FastAPI: as rotas, as respostas de erro e o OpenAPI do serviço."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from mlops_lab import __version__
from mlops_lab.errors import MlopsLabError
from mlops_lab.serve.batching import Batcher
from mlops_lab.serve.metrics import ServiceMetrics, instrument
from mlops_lab.serve.slot import ModelSlot
from mlops_lab.serve.validation import (
    MAX_BODY_BYTES,
    MAX_RECORDS,
    MAX_STRING_CHARS,
    RequestError,
    check_content_type,
    openapi_body,
    parse_body,
    read_body,
    validation_message,
)

if TYPE_CHECKING:
    from mlops_lab.serve.rollout import RolloutConfig

__all__ = ["create_app"]

_log = logging.getLogger("mlops_lab.serve")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"erro": message})


def _add_error_handlers(app: FastAPI) -> None:
    """Toda falha vira ``{"erro": ...}`` em português, com o código HTTP certo."""

    @app.exception_handler(RequestError)
    async def _request_error(request: Request, erro: RequestError) -> JSONResponse:
        return _error(erro.status, erro.message)

    @app.exception_handler(MlopsLabError)
    async def _mlops_error(request: Request, erro: MlopsLabError) -> JSONResponse:
        return _error(422, str(erro))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, erro: RequestValidationError) -> JSONResponse:
        return _error(422, validation_message(erro.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, erro: StarletteHTTPException) -> JSONResponse:
        mensagens = {
            404: f"a rota '{request.url.path}' não existe. As rotas são POST /predict, "
                 "GET /health, GET /metadata e GET /metrics; veja /docs.",
            405: f"o método {request.method} não é aceito em '{request.url.path}'. Use POST "
                 "em /predict e GET em /health, /metadata e /metrics.",
        }
        mensagem = mensagens.get(erro.status_code, f"erro HTTP {erro.status_code}: {erro.detail}")
        return JSONResponse(status_code=erro.status_code, content={"erro": mensagem},
                            headers=getattr(erro, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, erro: Exception) -> JSONResponse:
        _log.exception("erro inesperado em %s %s", request.method, request.url.path)
        return _error(500, f"erro interno inesperado ({type(erro).__name__}). Isto é um defeito "
                           "do mlops-lab: relate o problema com o corpo da requisição.")


def _info(metadata: dict, extra: dict) -> dict:
    """O corpo de ``GET /metadata``: a versão no ar e o que se sabe dela."""
    return {
        "model_sha256": extra["model_sha256"],
        "loaded_at": extra["loaded_at"],
        "algorithm": metadata.get("algorithm"),
        "params": metadata.get("params"),
        "metrics": metadata.get("metrics"),
        "target": metadata.get("target"),
        "classes": metadata.get("classes"),
        "positive_label": metadata.get("positive_label"),
        "schema": metadata["schema"],
        "data": metadata.get("data"),
        "seed": metadata.get("seed"),
        "format_version": metadata.get("format_version"),
        "libraries": metadata.get("libraries"),
        "limits": {"max_records": MAX_RECORDS, "max_body_bytes": MAX_BODY_BYTES,
                   "max_string_chars": MAX_STRING_CHARS},
    }


def _add_routes(app: FastAPI, slot: ModelSlot, metrics: ServiceMetrics,
                rollout: RolloutConfig | None = None, trust: bool = False) -> None:
    """As três rotas: ``GET /health``, ``GET /metadata`` e ``POST /predict``."""
    lote = Batcher(slot)
    prever = lote.predict
    if rollout is not None:  # com um candidato, o roteador decide quem responde
        from mlops_lab.serve.router import Rollout, add_rollout_routes

        roteador = Rollout(slot, rollout, trust=trust)
        prever = roteador.predictor(lote.predict)
        add_rollout_routes(app, roteador)
        app.state.rollout = roteador

    @app.get("/health", summary="O serviço está de pé")
    def health() -> dict:
        """Devolve ``{"status": "ok"}`` quando o modelo está carregado."""
        return {"status": "ok"}

    @app.get("/metadata", summary="O que é este modelo")
    def model_metadata() -> dict:
        """Versão no ar, algoritmo, hiperparâmetros, métricas, *hash* dos dados, esquema."""
        _, metadata, extra = slot.current()
        return _info(metadata, extra)

    @app.post("/predict", summary="Previsões para um ou vários registros",
              openapi_extra=openapi_body(slot.state[1]["schema"]),
              responses={400: {"description": "JSON inválido"},
                         413: {"description": "corpo ou lote grande demais"},
                         415: {"description": "Content-Type diferente de application/json"},
                         422: {"description": "registro fora do esquema de treino"}})
    async def predict_endpoint(request: Request) -> JSONResponse:
        """Devolve a classe prevista e a probabilidade de cada classe, na ordem do envio.

        A previsão roda numa *thread* à parte, para não bloquear o *event loop*
        enquanto o modelo calcula; requisições que chegam juntas dividem uma
        passada só pelo modelo.
        """
        check_content_type(request)
        corpo = await read_body(request)
        schema = slot.current()[1]["schema"]
        if len(corpo) > 65_536:  # corpo grande: decodificar fora do event loop
            registros = await run_in_threadpool(parse_body, corpo, schema)
        else:
            registros = parse_body(corpo, schema)
        # A resposta já é JSON puro: devolvê-la pronta poupa a conversão genérica do FastAPI.
        resposta = await prever(registros)
        metrics.observe_predictions(resposta, slot.state[1].get("positive_label"))
        return JSONResponse(resposta)


def create_app(model_dir: str | Path, trust: bool = False, compiled: bool = True,
               rollout: RolloutConfig | None = None) -> FastAPI:
    """Cria a aplicação FastAPI que serve o modelo em ``model_dir``.

    Parameters
    ----------
    model_dir : str ou Path
        Pasta criada por ``mlops-lab run`` (com ``model.skops`` e ``metadata.json``).
    trust : bool, padrão False
        Repassado a :func:`mlops_lab.package.load_model`: aceita tipos
        desconhecidos no arquivo do modelo. Só use com modelos de origem confiável.
    compiled : bool, padrão True
        Prever pelo caminho compilado (:mod:`mlops_lab.fast_predict`) quando ele
        reproduz o pipeline; ``False`` usa sempre o caminho padrão do scikit-learn.
    rollout : RolloutConfig ou None
        Um candidato em sombra, canário ou teste A/B (veja
        :mod:`mlops_lab.serve.rollout`); acrescenta ``GET /rollout`` e ``POST /outcome``.

    Returns
    -------
    fastapi.FastAPI
        A aplicação, pronta para o ``uvicorn``.

    Raises
    ------
    mlops_lab.errors.MlopsLabError
        Se a pasta não tiver um modelo válido. O erro aparece aqui, antes de
        o servidor começar a aceitar conexões.
    """
    slot = ModelSlot(model_dir, trust=trust, compiled=compiled)
    app = FastAPI(
        title="mlops-lab: previsões",
        description="Serve um modelo treinado com `mlops-lab run`. Cada registro é conferido "
                    "contra o esquema de treino antes da previsão.",
        version=__version__,
    )
    _add_error_handlers(app)
    _add_routes(app, slot, instrument(app, slot), rollout, trust)
    return app
