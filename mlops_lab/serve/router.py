"""Quem responde a cada registro quando há um candidato: o roteador do lançamento.

:class:`Rollout` segue a :class:`~mlops_lab.serve.rollout.RolloutConfig`: na
sombra, o campeão responde e o candidato prevê em segundo plano; no canário e
no teste A/B, cada registro vai ao braço que o *hash* da sua chave escolheu.
:func:`add_rollout_routes` acrescenta ao serviço ``GET /rollout`` (o resumo do
diário e o estado do lançamento) e ``POST /outcome`` (o resultado observado de
um cliente, para o teste A/B).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from typing import TYPE_CHECKING

from fastapi import Request

from mlops_lab.serve.batching import Batcher
from mlops_lab.serve.rollout import Predictor, RolloutConfig, Window, bucket
from mlops_lab.serve.rollout_log import RolloutLog
from mlops_lab.serve.rollout_report import compare_responses, summarize
from mlops_lab.serve.slot import ModelSlot
from mlops_lab.serve.validation import MAX_RECORDS, RequestError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["MAX_SHADOW_PENDING", "Rollout", "add_rollout_routes"]

_log = logging.getLogger("mlops_lab.serve")

# Previsões na sombra ainda em andamento, no máximo: um candidato lento não acumula
# trabalho sem fim (as requisições a mais ficam sem comparação, e o diário conta quantas).
MAX_SHADOW_PENDING = 64


def _ms(inicio: float) -> float:
    return round((time.perf_counter() - inicio) * 1000, 3)


def _describe(erro: BaseException) -> str:
    return f"{type(erro).__name__}: {getattr(erro, 'message', erro)}"[:300]


class Rollout:
    """O campeão, o candidato e a regra que escolhe entre eles.

    Parameters
    ----------
    champion : ModelSlot
        O modelo no ar.
    config : RolloutConfig
        O candidato, o modo, a fração e os limites.
    trust : bool, padrão False
        Repassado ao carregar o candidato (veja ``--trust``).

    Raises
    ------
    mlops_lab.errors.MlopsLabError
        Se a pasta do candidato não tiver um modelo: o servidor nem sobe.
    """

    def __init__(self, champion: ModelSlot, config: RolloutConfig, trust: bool = False) -> None:
        self.config = config
        self.champion = champion
        self.candidate = ModelSlot(config.candidate, trust=trust)
        self.log = RolloutLog(config.log)
        self.window = Window(config, self.log)
        self.skipped = 0
        self._candidate_batch = Batcher(self.candidate)
        self._pending: set[asyncio.Task] = set()
        self.log.append("events", {
            "event": "start", "mode": config.mode, "share": config.fraction,
            "key_field": config.key_field, "champion": str(champion.dir),
            "champion_sha256": champion.current()[2]["model_sha256"],
            "candidate": str(self.candidate.dir),
            "candidate_sha256": self.candidate.current()[2]["model_sha256"]})

    def arm(self, record: dict) -> str:
        """``"candidate"`` ou ``"champion"``: o braço deste registro (na sombra, o campeão)."""
        chave = record.get(self.config.key_field)
        if self.config.mode == "shadow" or chave is None or self.window.rolled_back:
            return "champion"
        return "candidate" if bucket(chave, self.config.salt) < self.config.fraction else "champion"

    def predictor(self, champion: Predictor) -> Predictor:
        """A função de previsão do serviço, dado o caminho do campeão (``Batcher.predict``)."""
        if self.config.mode == "shadow":
            return lambda registros: self._shadow(champion, registros)
        return lambda registros: self._split(champion, registros)

    def settle(self, timeout: float = 60) -> None:
        """Espera, de outra *thread*, as comparações na sombra em andamento terminarem."""
        limite = time.monotonic() + timeout
        while self._pending and time.monotonic() < limite:
            time.sleep(0.01)

    async def wait_shadow(self) -> None:
        """Espera as comparações na sombra em andamento (para testes e notebooks)."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    async def _shadow(self, champion: Predictor, registros: list[dict]) -> dict:
        inicio = time.perf_counter()
        resposta = await champion(registros)
        if len(self._pending) < MAX_SHADOW_PENDING:
            tarefa = asyncio.get_running_loop().create_task(
                self._compare(registros, resposta, _ms(inicio)))
            self._pending.add(tarefa)
            tarefa.add_done_callback(self._pending.discard)
        else:
            self.skipped += 1
        return resposta

    async def _compare(self, registros: list[dict], resposta: dict, champion_ms: float) -> None:
        """Prevê com o candidato e anota a comparação; nunca levanta exceção."""
        linha = {"mode": "shadow", "arm": "candidate", "n": len(registros),
                 "champion_ms": champion_ms, "skipped_before": self.skipped}
        inicio = time.perf_counter()
        try:
            sombra = await self._candidate_batch.predict(registros)
            linha.update(ms=_ms(inicio), error=None, **compare_responses(resposta, sombra))
        except Exception as erro:  # noqa: BLE001 - a sombra nunca atinge a resposta
            linha.update(ms=_ms(inicio), error=_describe(erro))
        try:
            self.log.append("requests", linha)
        except Exception:  # noqa: BLE001 - disco cheio não derruba o serviço
            _log.exception("não foi possível gravar no diário da sombra")

    async def _candidate(self, registros: list[dict]) -> dict | None:
        """Previsões do candidato, ou ``None`` se ele falhou (o erro vai para o diário)."""
        inicio = time.perf_counter()
        try:
            resposta, erro = await self._candidate_batch.predict(registros), None
        except Exception as falha:  # noqa: BLE001 - o campeão responde no lugar
            resposta, erro = None, _describe(falha)
        ms = _ms(inicio)
        self.log.append("requests", {"mode": self.config.mode, "arm": "candidate",
                                     "n": len(registros), "ms": ms, "error": erro})
        if self.config.mode == "canary":
            self.window.record(ms, erro is not None)
        return resposta

    async def _champion(self, champion: Predictor, registros: list[dict]) -> dict:
        inicio = time.perf_counter()
        resposta = await champion(registros)
        self.log.append("requests", {"mode": self.config.mode, "arm": "champion",
                                     "n": len(registros), "ms": _ms(inicio), "error": None})
        return resposta

    async def _split(self, champion: Predictor, registros: list[dict]) -> dict:
        bracos = [self.arm(r) for r in registros]
        para = {b: [i for i, x in enumerate(bracos) if x == b] for b in ("champion", "candidate")}
        do_candidato = None
        if para["candidate"]:
            do_candidato = await self._candidate([registros[i] for i in para["candidate"]])
            if do_candidato is None:  # falhou: o campeão atende esses registros também
                para["champion"] = list(range(len(registros)))
                para["candidate"] = []
        previsoes: list = [None] * len(registros)
        if para["champion"]:
            do_campeao = await self._champion(champion, [registros[i] for i in para["champion"]])
            for i, p in zip(para["champion"], do_campeao["previsoes"]):
                previsoes[i] = p
        for i, p in zip(para["candidate"], (do_candidato or {}).get("previsoes", [])):
            previsoes[i] = p
        if self.config.mode == "ab":
            servido = set(para["candidate"])
            for i, (r, b) in enumerate(zip(registros, bracos)):
                if r.get(self.config.key_field) is not None:
                    self.log.append("assignments", {
                        "key": r[self.config.key_field], "arm": b,
                        "served": "candidate" if i in servido else "champion"})
        return {"previsoes": previsoes, "n": len(registros)}

    def _outcome(self, body: object) -> dict:
        campo = self.config.key_field
        if not isinstance(body, dict) or body.get(campo) is None or "resultado" not in body:
            raise RequestError(422, f"cada resultado é um objeto JSON com a chave do cliente e "
                                    f"o resultado, por exemplo {{\"{campo}\": \"CLI-000001\", "
                                    "\"resultado\": 1}.")
        valor = body["resultado"]
        if isinstance(valor, bool):
            valor = int(valor)
        if not isinstance(valor, int | float) or not math.isfinite(valor):
            raise RequestError(422, f"'resultado' deve ser um número finito (recebido: "
                                    f"{valor!r}); por exemplo 1 (renovou) ou 0 (cancelou).")
        return {"key": body[campo], "value": valor}

    def record_outcome(self, body: object) -> int:
        """Anota o resultado observado de um cliente, ou de uma lista deles (``POST /outcome``).

        Confere todos antes de gravar: com um inválido, nenhum é gravado. Devolve
        quantos foram gravados.
        """
        corpos = body if isinstance(body, list) else [body]
        if len(corpos) > MAX_RECORDS:
            raise RequestError(413, f"{len(corpos)} resultados numa requisição; o limite é "
                                    f"{MAX_RECORDS}. Divida em lotes menores.")
        linhas = [self._outcome(corpo) for corpo in corpos]
        self.log.extend("outcomes", linhas)
        return len(linhas)

    def status(self) -> dict:
        """O estado do lançamento e o resumo do diário (``GET /rollout``)."""
        return {"mode": self.config.mode, "share": self.config.fraction,
                "key_field": self.config.key_field, "rolled_back": self.window.rolled_back,
                "candidate_sha256": self.candidate.current()[2]["model_sha256"],
                "summary": summarize(self.config.log)}


def add_rollout_routes(app: FastAPI, rollout: Rollout) -> None:
    """Acrescenta ``GET /rollout`` e ``POST /outcome`` ao serviço."""
    from starlette.concurrency import run_in_threadpool

    from mlops_lab.serve.validation import check_content_type, read_body

    @app.get("/rollout", summary="O lançamento do candidato: estado e resumo do diário")
    async def rollout_status() -> dict:
        """Modo, fração, se houve reversão (e por quê) e o resumo de ``--log``."""
        return await run_in_threadpool(rollout.status)

    @app.post("/outcome", summary="O resultado observado de um cliente (teste A/B)")
    async def outcome(request: Request) -> dict:
        """Recebe ``{"<chave>": ..., "resultado": número}`` (ou uma lista) e o anota no diário."""
        import json

        check_content_type(request)
        try:
            corpo = json.loads(await read_body(request))
        except ValueError:
            raise RequestError(400, "o corpo não é um JSON válido.") from None
        return {"registrados": rollout.record_outcome(corpo)}
