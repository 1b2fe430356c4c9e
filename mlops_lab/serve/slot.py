"""Qual modelo responde: a versão no ar, trocada sem parar o serviço.

Hoje o serviço tem um :class:`ModelSlot` só. É aqui que entra a escolha de
*qual* modelo responde a cada requisição quando houver mais de um (modelo
sombra, canário, teste A/B): o app pergunta ao slot, e o slot decide.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

__all__ = ["ModelSlot"]

_log = logging.getLogger("mlops_lab.serve")


class ModelSlot:
    """O modelo no ar, recarregado quando a pasta recebe uma versão nova."""

    def __init__(self, model_dir: str | Path, trust: bool = False, compiled: bool = True) -> None:
        self.dir = Path(model_dir)
        self.trust = trust
        self.compiled = compiled  # o caminho compilado (mlops_lab.fast_predict), se reproduzir
        self._lock = threading.Lock()
        self.state = self._load()  # modelo ruim: MlopsLabError aqui, e o servidor não sobe
        self.version = self._signature()

    def _signature(self) -> tuple:
        from mlops_lab.package import METADATA_FILE, MODEL_FILE

        # O 'run' troca a pasta inteira por renomeação: arquivos novos, inodes novos.
        return tuple((st.st_ino, st.st_mtime_ns, st.st_size) for st in
                     ((self.dir / METADATA_FILE).stat(), (self.dir / MODEL_FILE).stat()))

    def _load(self) -> tuple:
        from mlops_lab.data import file_hash
        from mlops_lab.package import MODEL_FILE, load_model

        model, metadata = load_model(self.dir, trust=self.trust)
        extra = {"model_sha256": file_hash(self.dir / MODEL_FILE),
                 "loaded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        if self.compiled:
            from mlops_lab.fast_predict import load_compiled

            extra["compiled"] = load_compiled(model, metadata)
        return model, metadata, extra

    def current(self) -> tuple:
        """``(modelo, metadados, extra)`` da versão mais nova que carregou."""
        try:
            assinatura = self._signature()
        except OSError:  # no meio de uma troca: a pasta ainda não está lá
            return self.state
        if assinatura != self.version:
            with self._lock:
                if assinatura != self.version:
                    try:
                        self.state = self._load()
                        _log.info("nova versão do modelo carregada de %s", self.dir)
                    except Exception as erro:  # noqa: BLE001 - a versão anterior segue no ar
                        _log.warning("a versão nova em %s não carregou (%s); a anterior "
                                     "continua no ar", self.dir, erro)
                    self.version = assinatura
        return self.state
