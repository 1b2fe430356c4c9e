"""Servir o modelo por HTTP: uma API com FastAPI.

:func:`create_app` carrega o modelo **uma vez** (com
:func:`mlops_lab.package.load_model`) e devolve uma aplicação com quatro rotas:

====================  ==========================================================
``POST /predict``     previsões para um registro ou para vários
``GET /health``       ``{"status": "ok"}``: o serviço está de pé
``GET /metadata``     algoritmo, hiperparâmetros, métricas, esquema e versões
``GET /metrics``      contadores no formato do Prometheus (:mod:`~mlops_lab.serve.metrics`)
====================  ==========================================================

A documentação interativa fica em ``/docs`` e o contrato em ``/openapi.json``.
Para subir o servidor, use ``mlops-lab serve --model PASTA``.

O corpo de ``POST /predict`` pode ser um registro (objeto JSON), uma lista
de registros, ou ``{"registros": [...]}``. Cada registro passa pelas mesmas
regras de :func:`mlops_lab.predict.predict` (o esquema de treino), e antes
disso por limites de tamanho e de tipo. Colunas que o treino ignorou (como
um código de cliente) podem faltar; colunas a mais são ignoradas.

Toda requisição malformada recebe um código 4xx e
``{"erro": "<o que está errado e o que fazer>"}``: um cliente com defeito
nunca derruba o servidor nem recebe um 500.

**Requisições simultâneas dividem o modelo.** Quase todo o custo de prever um
registro é fixo; por isso, as requisições que chegam enquanto o modelo
trabalha esperam na fila e vão juntas na passada seguinte (o *batching*
dinâmico dos servidores de modelos). Uma requisição sozinha não espera nada.

**Troca de versão sem parar o serviço.** A cada requisição, o servidor
confere (com um ``stat``, microssegundos) se a pasta do modelo mudou. Quando
um ``mlops-lab run --out PASTA`` grava uma versão nova ali, a próxima
requisição carrega a nova e passa a usá-la; ``GET /metadata`` mostra qual
versão está no ar (``model_sha256`` e ``loaded_at``). Se a versão nova não
carregar, o servidor continua com a anterior e registra o motivo no log.

**Um candidato ao lado do campeão.** Com ``create_app(..., rollout=RolloutConfig(...))``
(``mlops-lab serve --candidate PASTA --mode shadow|canary|ab --log PASTA``), um
segundo modelo entra em sombra, canário ou teste A/B, e o serviço ganha
``GET /rollout`` e ``POST /outcome`` (veja :mod:`~mlops_lab.serve.rollout`).

O pacote tem um módulo por assunto: :mod:`~mlops_lab.serve.validation` (o corpo
da requisição: tamanho, JSON, tipos, limites), :mod:`~mlops_lab.serve.batching`
(a fila que junta requisições simultâneas), :mod:`~mlops_lab.serve.slot` (qual
modelo responde: a versão no ar e a troca sem parar o serviço),
:mod:`~mlops_lab.serve.app` (a aplicação FastAPI e as rotas), :mod:`~mlops_lab.serve.metrics`
(o que ``GET /metrics`` mede), :mod:`~mlops_lab.serve.workers` (vários processos), o
lançamento de um candidato (:mod:`~mlops_lab.serve.rollout`, :mod:`~mlops_lab.serve.router`,
:mod:`~mlops_lab.serve.rollout_log`, :mod:`~mlops_lab.serve.rollout_report` e
:mod:`~mlops_lab.serve.ab_stats`) e :mod:`~mlops_lab.serve.local` (o servidor numa
*thread* do próprio processo, para notebooks).
"""

from __future__ import annotations

from mlops_lab.serve.app import create_app
from mlops_lab.serve.batching import Batcher
from mlops_lab.serve.rollout import RolloutConfig
from mlops_lab.serve.slot import ModelSlot
from mlops_lab.serve.validation import (
    BATCH_KEY,
    MAX_BODY_BYTES,
    MAX_RECORDS,
    MAX_STRING_CHARS,
    RequestError,
)

__all__ = [
    "BATCH_KEY",
    "MAX_BODY_BYTES",
    "MAX_RECORDS",
    "MAX_STRING_CHARS",
    "Batcher",
    "ModelSlot",
    "RequestError",
    "RolloutConfig",
    "create_app",
]
