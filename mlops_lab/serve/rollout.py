"""Lançar um modelo novo com segurança: sombra, canário e teste A/B.

O serviço tem dois modelos: o **campeão** (a versão no ar) e o **candidato**.
:class:`Rollout` decide, a cada registro, qual deles responde:

- ``shadow`` (sombra): o campeão responde sempre; o candidato prevê a mesma
  requisição em segundo plano, e o diário guarda se os dois concordam, a
  diferença das probabilidades e a latência do candidato. A resposta é a
  mesma, byte a byte, de um servidor só com o campeão, mesmo que o candidato
  falhe ou demore.
- ``canary`` (canário): uma fração ``share`` dos clientes vai para o candidato.
  A escolha é pelo *hash* da chave do registro (``key_field``, como
  ``id_cliente``): o mesmo cliente cai sempre no mesmo modelo, e aumentar a
  fração só acrescenta clientes. Se, nas últimas ``window`` chamadas, a taxa de
  erro do candidato passar de ``max_error_rate`` ou a latência p95 passar de
  ``max_p95_ms``, o canário é revertido: tudo volta ao campeão, e o motivo vai
  para o diário.
- ``ab`` (teste A/B): como o canário, com outra semente no *hash* (a divisão
  não repete a do canário) e metade para cada braço por padrão; cada atribuição
  vai para o diário, e ``POST /outcome`` registra o resultado observado.

Um registro sem a chave é atendido pelo campeão e fica fora do experimento. Se
o candidato falhar num registro, o campeão responde no lugar dele: quem chama
o serviço não vê o erro, só o diário.

Examples
--------
>>> bucket("CLI-000001", "canary") == bucket("CLI-000001", "canary")
True
>>> round(bucket("CLI-000001", "canary"), 4), round(bucket("CLI-000001", "ab:0"), 4)
(0.3867, 0.5227)
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from mlops_lab.errors import MlopsLabError
from mlops_lab.serve.rollout_log import RolloutLog, percentile

__all__ = ["MODES", "Predictor", "RolloutConfig", "Window", "bucket", "window_verdict"]

_log = logging.getLogger("mlops_lab.serve")

MODES = ("shadow", "canary", "ab")

Predictor = Callable[[list[dict]], Awaitable[dict]]


def bucket(key: object, salt: str) -> float:
    """Um número em [0, 1) que só depende da chave e da semente (``salt``).

    São os primeiros 8 bytes do SHA-256 de ``"salt:chave"``: o mesmo cliente cai
    sempre no mesmo lugar, em qualquer processo ou máquina, e chaves diferentes
    se espalham de modo uniforme.

    Examples
    --------
    >>> 0 <= bucket(42, "canary") < 1
    True
    """
    resumo = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(resumo[:8], "big") / 2**64


@dataclass(frozen=True)
class RolloutConfig:
    """Como o candidato entra no ar.

    Parameters
    ----------
    candidate : str ou Path
        Pasta do modelo candidato (criada por ``mlops-lab run``).
    mode : {"shadow", "canary", "ab"}
        Sombra, canário ou teste A/B.
    log : str ou Path
        Pasta do diário (veja :mod:`mlops_lab.serve.rollout_log`).
    share : float ou None
        Fração dos clientes que vai para o candidato (canário: 0,1; A/B: 0,5).
    key_field : str
        Campo do registro que identifica o cliente.
    max_error_rate, max_p95_ms : float ou None
        Limites do canário (``None``: sem limite de latência).
    window, min_calls : int
        As últimas ``window`` chamadas ao candidato entram na conta; com menos
        de ``min_calls``, ainda não se decide nada.
    seed : int
        Semente do *hash* do teste A/B: um experimento novo, uma divisão nova.

    Examples
    --------
    >>> RolloutConfig("candidato", "canary", "diario").fraction
    0.1
    >>> RolloutConfig("candidato", "canary", "diario", share=1.5)
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: --share deve estar entre 0 e 1 (recebido: 1.5). \
Comece pequeno, como 0.05 ou 0.1.
    """

    candidate: str | Path
    mode: str
    log: str | Path
    share: float | None = None
    key_field: str = "id_cliente"
    max_error_rate: float = 0.05
    max_p95_ms: float | None = None
    window: int = 100
    min_calls: int = 20
    seed: int = 0

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise MlopsLabError(f"modo '{self.mode}' desconhecido. Use shadow (sombra), "
                                "canary (canário) ou ab (teste A/B).")
        if not 0 < self.fraction <= 1:
            raise MlopsLabError(f"--share deve estar entre 0 e 1 (recebido: "
                                f"{self.share}). Comece pequeno, como 0.05 ou 0.1.")
        if not 0 <= self.max_error_rate <= 1:
            raise MlopsLabError(f"--rollback-error-rate deve estar entre 0 e 1 (recebido: "
                                f"{self.max_error_rate}).")
        if not 1 <= self.min_calls <= self.window:
            raise MlopsLabError(f"--rollback-window ({self.window} chamadas) precisa ser pelo "
                                f"menos o mínimo para decidir ({self.min_calls}), e este, 1. "
                                "Use uma janela de 20 chamadas ou mais.")

    @property
    def fraction(self) -> float:
        """A fração dos clientes no candidato (o padrão depende do modo)."""
        if self.share is not None:
            return self.share
        return 0.5 if self.mode == "ab" else 0.1

    @property
    def salt(self) -> str:
        """A semente do *hash*: o canário e cada teste A/B dividem os clientes à sua maneira."""
        return "canary" if self.mode != "ab" else f"ab:{self.seed}"


def window_verdict(calls: list[tuple[float, bool]], config: RolloutConfig) -> str | None:
    """O motivo para reverter o canário, ou ``None`` se ele segue no ar.

    ``calls`` são as últimas chamadas ao candidato: ``(latência em ms, deu erro)``.

    Examples
    --------
    >>> cfg = RolloutConfig("c", "canary", "d", min_calls=4, window=10, max_p95_ms=50)
    >>> print(window_verdict([(10, False)] * 3 + [(10, True)], cfg))
    taxa de erro do candidato 25% > 5% nas últimas 4 chamadas
    >>> print(window_verdict([(10, False)] * 4, cfg))
    None
    >>> print(window_verdict([(80, False)] * 4, cfg))
    latência p95 do candidato 80 ms > 50 ms nas últimas 4 chamadas
    """
    if len(calls) < config.min_calls:
        return None
    taxa = sum(erro for _, erro in calls) / len(calls)
    if taxa > config.max_error_rate:
        return (f"taxa de erro do candidato {taxa:.0%} > {config.max_error_rate:.0%} "
                f"nas últimas {len(calls)} chamadas")
    p95 = percentile([ms for ms, _ in calls], 95)
    if config.max_p95_ms is not None and p95 > config.max_p95_ms:
        return (f"latência p95 do candidato {p95:.0f} ms > {config.max_p95_ms:g} ms "
                f"nas últimas {len(calls)} chamadas")
    return None


class Window:
    """As últimas chamadas ao candidato e a decisão de reverter (uma vez só)."""

    def __init__(self, config: RolloutConfig, log: RolloutLog) -> None:
        self.config = config
        self.log = log
        self.calls: deque = deque(maxlen=config.window)
        self.rolled_back: str | None = None

    def record(self, ms: float, failed: bool) -> None:
        """Registra uma chamada ao candidato e reverte se a janela passou de um limite."""
        if self.rolled_back is not None:
            return
        self.calls.append((ms, failed))
        motivo = window_verdict(list(self.calls), self.config)
        if motivo is not None:
            self.rolled_back = motivo
            self.log.append("events", {"event": "rollback", "reason": motivo})
            _log.warning("canário revertido: %s; todo o tráfego volta ao campeão", motivo)
