"""Servir o modelo por HTTP: uma API com FastAPI.

:func:`create_app` carrega o modelo **uma vez** (com
:func:`mlops_lab.package.load_model`) e devolve uma aplicação com três rotas:

====================  ==========================================================
``POST /predict``     previsões para um registro ou para vários
``GET /health``       ``{"status": "ok"}``: o serviço está de pé
``GET /metadata``     algoritmo, hiperparâmetros, métricas, esquema e versões
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
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from mlops_lab import __version__
from mlops_lab.errors import MlopsLabError

MAX_RECORDS = 10_000
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_STRING_CHARS = 1_000
BATCH_KEY = "registros"
_MAX_FLOAT = 1.7976931348623157e308

_log = logging.getLogger("mlops_lab.serve")


class RequestError(Exception):
    """Requisição inválida: vira a resposta ``status`` com ``{"erro": mensagem}``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"erro": message})


def _parse_json(body: bytes):
    """Decodifica o corpo, recusando NaN/Infinity e aninhamento absurdo."""

    def _constante(nome):
        raise ValueError(f"o valor {nome} não é JSON válido")

    if not body.strip():
        raise RequestError(400, "o corpo da requisição está vazio. Envie um registro (objeto "
                                f"JSON) ou {{\"{BATCH_KEY}\": [...]}} com os registros a prever.")
    try:
        return json.loads(body, parse_constant=_constante)
    except RecursionError:
        raise RequestError(400, "o JSON tem aninhamento profundo demais. Envie registros "
                                "simples: um objeto com um valor por coluna.") from None
    except ValueError as erro:  # inclui JSONDecodeError e UnicodeDecodeError
        raise RequestError(400, f"o corpo não é JSON válido ({erro}). Confira aspas, vírgulas "
                                "e chaves, e use a codificação UTF-8.") from None


def _records(payload, schema: dict) -> list[dict]:
    """Extrai a lista de registros do corpo já decodificado."""
    if isinstance(payload, dict):
        if BATCH_KEY in payload and BATCH_KEY not in schema["columns"]:
            if len(payload) > 1:
                extras = ", ".join(sorted(k for k in payload if k != BATCH_KEY)[:5])
                raise RequestError(422, f"o corpo tem '{BATCH_KEY}' e também outras chaves "
                                        f"({extras}). Envie só {{\"{BATCH_KEY}\": [...]}} ou "
                                        "um único registro.")
            registros = payload[BATCH_KEY]
            if not isinstance(registros, list):
                raise RequestError(422, f"'{BATCH_KEY}' deve ser uma lista de objetos JSON, "
                                        f"mas é {_json_type(registros)}.")
        else:
            registros = [payload]
    elif isinstance(payload, list):
        registros = payload
    else:
        raise RequestError(422, f"o corpo é {_json_type(payload)}, mas deveria ser um objeto "
                                f"JSON (um registro), uma lista de objetos ou "
                                f"{{\"{BATCH_KEY}\": [...]}}.")
    if not registros:
        raise RequestError(422, "a lista de registros está vazia. Envie pelo menos um registro.")
    if len(registros) > MAX_RECORDS:
        raise RequestError(413, f"{len(registros)} registros numa só requisição; o limite é "
                                f"{MAX_RECORDS}. Divida os dados em lotes menores.")
    return registros


def _json_type(valor) -> str:
    if valor is None:
        return "null"
    if isinstance(valor, bool):
        return "um booleano"
    if isinstance(valor, (int, float)):
        return "um número"
    if isinstance(valor, str):
        return "um texto"
    if isinstance(valor, list):
        return "uma lista"
    return "um objeto"


def _show(texto: str, limite: int = 60) -> str:
    """Um texto do cliente, seguro para pôr numa mensagem (curto e codificável)."""
    texto = texto.encode("utf-8", "backslashreplace").decode("utf-8")
    return texto if len(texto) <= limite else texto[:limite] + "…"


def _encodable(texto: str) -> bool:
    try:
        texto.encode("utf-8")
    except UnicodeEncodeError:  # por exemplo, "\ud800" (substituto isolado)
        return False
    return True


def _check_records(registros: list, schema: dict) -> None:
    """Confere tipos e tamanhos de cada valor usado pelo modelo."""
    # Colunas ignoradas no treino (identificadores, constantes) podem faltar: o modelo
    # as descarta, então viram ausentes.
    colunas = [c for c in schema["columns"] if c not in schema.get("ignored", {})]
    numericas = set(schema["numeric"])
    categoricas = set(schema["categorical"])
    for i, registro in enumerate(registros):
        onde = f"registro {i}" if len(registros) > 1 else "o registro"
        if not isinstance(registro, dict):
            raise RequestError(422, f"{onde} é {_json_type(registro)}, mas cada registro deve "
                                    "ser um objeto JSON com um valor por coluna.")
        faltando = [c for c in colunas if c not in registro]
        if faltando:
            raise RequestError(422, f"{onde}: faltam colunas que o modelo usou no treino: "
                                    f"{', '.join(faltando)}. Inclua-as (null é aceito como "
                                    "valor ausente); veja GET /metadata.")
        for chave, valor in registro.items():
            if not _encodable(chave) or (isinstance(valor, str) and not _encodable(valor)):
                raise RequestError(422, f"{onde}, coluna '{_show(chave)}': o texto tem "
                                        "caracteres Unicode inválidos (substitutos isolados, "
                                        "como \\ud800). Envie texto UTF-8 válido.")
            nome = _show(chave)
            if isinstance(valor, (dict, list)):
                raise RequestError(422, f"{onde}, coluna '{nome}': o valor é "
                                        f"{_json_type(valor)}, mas só são aceitos texto, número, "
                                        "booleano ou null.")
            if isinstance(valor, str) and len(valor) > MAX_STRING_CHARS:
                raise RequestError(422, f"{onde}, coluna '{nome}': texto com {len(valor)} "
                                        f"caracteres; o limite é {MAX_STRING_CHARS}. Confira "
                                        "se o valor está na coluna certa.")
            if ((isinstance(valor, float) and not math.isfinite(valor))
                    or (isinstance(valor, int) and abs(valor) > _MAX_FLOAT)):
                raise RequestError(422, f"{onde}, coluna '{nome}': número fora do intervalo "
                                        "representável. Envie um valor finito ou null.")
            if chave in numericas and isinstance(valor, bool):
                raise RequestError(422, f"{onde}, coluna '{nome}': a coluna é numérica, mas "
                                        f"recebeu {str(valor).lower()}. Envie um número ou null.")
            if (chave in categoricas and isinstance(valor, (int, float))
                    and not isinstance(valor, bool)):
                raise RequestError(422, f"{onde}, coluna '{nome}': a coluna é categórica, mas "
                                        f"recebeu o número {valor}. Envie o valor como texto "
                                        f"(\"{valor}\") ou null.")


def _parse_body(body: bytes, schema: dict) -> list[dict]:
    """Decodifica e confere o corpo: devolve a lista de registros."""
    registros = _records(_parse_json(body), schema)
    _check_records(registros, schema)
    return registros


def _predict_records(model, metadata: dict, registros: list[dict]) -> dict:
    """Prevê uma lista de registros já conferidos e monta a resposta."""
    import pandas as pd

    from mlops_lab.predict import PREDICTION_COLUMN, predict

    df = pd.DataFrame.from_records(registros, columns=metadata["schema"]["columns"])
    try:
        resultado = predict(model, metadata, df)
    except MlopsLabError as erro:
        raise RequestError(422, str(erro)) from None
    except (ValueError, TypeError, OverflowError) as erro:
        # Valores que passaram pelas conferências, mas que o modelo recusa.
        _log.warning("registro recusado pelo modelo: %s: %s", type(erro).__name__, erro)
        raise RequestError(422, "o modelo não conseguiu processar os valores enviados "
                                "(por exemplo, um número infinito como 'inf' ou grande demais). "
                                "Confira se cada coluna tem o tipo e a faixa esperados; veja "
                                "GET /metadata.") from None
    prob_cols = [c for c in resultado.columns if c != PREDICTION_COLUMN]
    classes = [c.removeprefix("prob_") for c in prob_cols]
    previsoes = resultado[PREDICTION_COLUMN].tolist()
    probabilidades = resultado[prob_cols].to_numpy().tolist()
    return {
        "previsoes": [
            {"previsao": p, "probabilidades": dict(zip(classes, linha))}
            for p, linha in zip(previsoes, probabilidades)
        ],
        "n": len(previsoes),
    }


def _predict_many(model, metadata: dict, pedidos: list[list[dict]]) -> list:
    """Prevê os registros de várias requisições numa passada só pelo pipeline.

    Devolve, para cada requisição, a resposta ou o erro. Se o lote conjunto
    falhar, cada requisição é prevista sozinha, para que o erro de uma não
    atinja as outras.
    """
    if len(pedidos) > 1:
        try:
            junto = _predict_records(model, metadata, [r for p in pedidos for r in p])
        except RequestError:
            pass
        else:
            respostas, inicio = [], 0
            for pedido in pedidos:
                fim = inicio + len(pedido)
                respostas.append({"previsoes": junto["previsoes"][inicio:fim],
                                  "n": len(pedido)})
                inicio = fim
            return respostas
    respostas = []
    for pedido in pedidos:
        try:
            respostas.append(_predict_records(model, metadata, pedido))
        except RequestError as erro:
            respostas.append(erro)
    return respostas


class _Batcher:
    """Junta as requisições que chegam juntas numa passada só pelo modelo.

    Quase todo o custo de prever um registro é fixo (validação, pandas,
    checagens do scikit-learn). Enquanto um lote está no modelo, as requisições
    novas esperam na fila; o lote seguinte leva todas de uma vez.

    Uma requisição sozinha segue na hora, como lote de um. Só quando o lote
    anterior juntou várias requisições (há clientes simultâneos) o lote novo
    espera até ``janela`` segundos pelas que estão chegando: sem essa espera, o
    lote alterna entre "uma" e "as outras", e paga o custo fixo duas vezes.
    """

    def __init__(self, slot: ModelSlot, max_rows: int = MAX_RECORDS, janela: float = 0.003):
        self.slot = slot
        self.max_rows = max_rows
        self.janela = janela
        self._fila = None
        self._tarefa = None
        self._simultaneas = 1  # requisições no último lote

    async def predict(self, registros: list[dict]) -> dict:
        import asyncio

        if self._tarefa is None:
            self._fila = asyncio.Queue()
            self._tarefa = asyncio.get_running_loop().create_task(self._rodar())
        futuro = asyncio.get_running_loop().create_future()
        await self._fila.put((registros, futuro))
        resposta = await futuro
        if isinstance(resposta, BaseException):
            raise resposta
        return resposta

    async def _juntar(self) -> list:
        import asyncio

        itens = [await self._fila.get()]
        linhas = len(itens[0][0])
        limite = asyncio.get_running_loop().time() + (self.janela if self._simultaneas > 1 else 0)
        # Espera até uma requisição a mais que o último lote (os clientes podem ter
        # aumentado); medido, é melhor que parar no tamanho do último lote, que
        # deixava sobras isoladas e fazia os lotes voltarem a alternar.
        while linhas < self.max_rows and len(itens) < self._simultaneas + 1:
            if not self._fila.empty():
                itens.append(self._fila.get_nowait())
            else:
                restante = limite - asyncio.get_running_loop().time()
                if restante <= 0:
                    break
                try:
                    itens.append(await asyncio.wait_for(self._fila.get(), restante))
                except TimeoutError:
                    break
            linhas += len(itens[-1][0])
        while not self._fila.empty() and linhas < self.max_rows:  # chegaram mais: vão juntas
            itens.append(self._fila.get_nowait())
            linhas += len(itens[-1][0])
        self._simultaneas = len(itens)
        return itens

    async def _rodar(self) -> None:
        while True:
            itens = await self._juntar()
            model, metadata, _ = self.slot.current()
            try:
                respostas = await run_in_threadpool(_predict_many, model, metadata,
                                                    [registros for registros, _ in itens])
            except Exception as erro:  # noqa: BLE001 - cada requisição recebe o erro
                respostas = [erro] * len(itens)
            for (_, futuro), resposta in zip(itens, respostas):
                if not futuro.done():
                    futuro.set_result(resposta)


async def _read_body(request: Request) -> bytes:
    """Lê o corpo com limite de tamanho, sem confiar só no ``Content-Length``."""
    limite = f"o limite é {MAX_BODY_BYTES // (1024 * 1024)} MiB. Divida os dados em lotes menores."
    declarado = request.headers.get("content-length")
    if declarado is not None:
        try:
            tamanho = int(declarado)
        except ValueError:
            raise RequestError(400, "o cabeçalho Content-Length não é um número.") from None
        if tamanho > MAX_BODY_BYTES:
            raise RequestError(413, f"o corpo tem {tamanho} bytes; {limite}")
    partes, total = [], 0
    async for parte in request.stream():
        total += len(parte)
        if total > MAX_BODY_BYTES:
            raise RequestError(413, f"o corpo passa de {MAX_BODY_BYTES} bytes; {limite}")
        partes.append(parte)
    return b"".join(partes)


def _check_content_type(request: Request) -> None:
    tipo = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if tipo != "application/json" and not (tipo.startswith("application/")
                                           and tipo.endswith("+json")):
        recebido = f"'{tipo}'" if tipo else "nenhum"
        raise RequestError(415, f"Content-Type {recebido} não é aceito. Envie JSON com o "
                                "cabeçalho 'Content-Type: application/json'.")


def _openapi_body(schema: dict) -> dict:
    propriedades = {}
    for coluna in schema["columns"]:
        if coluna in schema["numeric"]:
            propriedades[coluna] = {"type": ["number", "string", "null"]}
        elif coluna in schema["categorical"]:
            propriedades[coluna] = {"type": ["string", "boolean", "null"]}
        else:
            propriedades[coluna] = {"description": "ignorada pelo modelo"}
    obrigatorias = [c for c in schema["columns"] if c not in schema.get("ignored", {})]
    registro = {"type": "object", "properties": propriedades, "required": obrigatorias,
                "additionalProperties": True}
    lista = {"type": "array", "items": registro, "minItems": 1, "maxItems": MAX_RECORDS}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "oneOf": [registro, lista, {"type": "object", "properties": {BATCH_KEY: lista},
                                    "required": [BATCH_KEY]}]}}}}}


def _validation_message(erros) -> str:
    partes = []
    for erro in list(erros)[:5]:
        local = ".".join(str(p) for p in erro.get("loc", ()) if p != "body") or "corpo"
        partes.append(f"{local}: {erro.get('msg', 'valor inválido')}")
    return ("a requisição não passou na validação (" + "; ".join(partes) + "). Confira o "
            "formato em /docs.")


class ModelSlot:
    """O modelo no ar, recarregado quando a pasta recebe uma versão nova."""

    def __init__(self, model_dir: str | Path, trust: bool = False):
        self.dir = Path(model_dir)
        self.trust = trust
        self._lock = threading.Lock()
        self.state = self._load()  # modelo ruim: MlopsLabError aqui, e o servidor não sobe
        self.version = self._signature()

    def _signature(self):
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


def create_app(model_dir: str | Path, trust: bool = False) -> FastAPI:
    """Cria a aplicação FastAPI que serve o modelo em ``model_dir``.

    Parameters
    ----------
    model_dir : str ou Path
        Pasta criada por ``mlops-lab run`` (com ``model.skops`` e ``metadata.json``).
    trust : bool, padrão False
        Repassado a :func:`mlops_lab.package.load_model`: aceita tipos
        desconhecidos no arquivo do modelo. Só use com modelos de origem confiável.

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
    slot = ModelSlot(model_dir, trust=trust)
    schema = slot.state[1]["schema"]
    lote = _Batcher(slot)

    app = FastAPI(
        title="mlops-lab: previsões",
        description="Serve um modelo treinado com `mlops-lab run`. Cada registro é conferido "
                    "contra o esquema de treino antes da previsão.",
        version=__version__,
    )

    @app.exception_handler(RequestError)
    async def _request_error(request: Request, erro: RequestError):
        return _error(erro.status, erro.message)

    @app.exception_handler(MlopsLabError)
    async def _mlops_error(request: Request, erro: MlopsLabError):
        return _error(422, str(erro))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, erro: RequestValidationError):
        return _error(422, _validation_message(erro.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, erro: StarletteHTTPException):
        mensagens = {
            404: f"a rota '{request.url.path}' não existe. As rotas são POST /predict, "
                 "GET /health e GET /metadata; veja /docs.",
            405: f"o método {request.method} não é aceito em '{request.url.path}'. Use POST "
                 "em /predict e GET em /health e /metadata.",
        }
        mensagem = mensagens.get(erro.status_code, f"erro HTTP {erro.status_code}: {erro.detail}")
        return JSONResponse(status_code=erro.status_code, content={"erro": mensagem},
                            headers=getattr(erro, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, erro: Exception):
        _log.exception("erro inesperado em %s %s", request.method, request.url.path)
        return _error(500, f"erro interno inesperado ({type(erro).__name__}). Isto é um defeito "
                           "do mlops-lab: relate o problema com o corpo da requisição.")

    @app.get("/health", summary="O serviço está de pé")
    def health() -> dict:
        """Devolve ``{"status": "ok"}`` quando o modelo está carregado."""
        return {"status": "ok"}

    def _info(metadata: dict, extra: dict) -> dict:
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

    @app.get("/metadata", summary="O que é este modelo")
    def model_metadata() -> dict:
        """Versão no ar, algoritmo, hiperparâmetros, métricas, *hash* dos dados, esquema."""
        _, metadata, extra = slot.current()
        return _info(metadata, extra)

    @app.post("/predict", summary="Previsões para um ou vários registros",
              openapi_extra=_openapi_body(schema),
              responses={400: {"description": "JSON inválido"},
                         413: {"description": "corpo ou lote grande demais"},
                         415: {"description": "Content-Type diferente de application/json"},
                         422: {"description": "registro fora do esquema de treino"}})
    async def predict_endpoint(request: Request) -> dict:
        """Devolve a classe prevista e a probabilidade de cada classe, na ordem do envio.

        A previsão roda numa *thread* à parte, para não bloquear o *event loop*
        enquanto o modelo calcula; requisições que chegam juntas dividem uma
        passada só pelo modelo.
        """
        _check_content_type(request)
        corpo = await _read_body(request)
        schema = slot.current()[1]["schema"]
        if len(corpo) > 65_536:  # corpo grande: decodificar fora do event loop
            registros = await run_in_threadpool(_parse_body, corpo, schema)
        else:
            registros = _parse_body(corpo, schema)
        # A resposta já é JSON puro: devolvê-la pronta poupa a conversão genérica do FastAPI.
        return JSONResponse(await lote.predict(registros))

    return app
