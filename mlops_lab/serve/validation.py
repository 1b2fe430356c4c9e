"""O corpo de ``POST /predict``: tamanho, JSON, forma e o tipo de cada valor.

Toda recusa é um :class:`RequestError` com o código HTTP e a mensagem em
português (o que está errado e o que fazer); nada aqui toca o modelo.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import Request

__all__ = [
    "BATCH_KEY",
    "MAX_BODY_BYTES",
    "MAX_RECORDS",
    "MAX_STRING_CHARS",
    "RequestError",
    "check_content_type",
    "check_records",
    "json_type",
    "openapi_body",
    "parse_body",
    "read_body",
    "validation_message",
]

MAX_RECORDS = 10_000
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_STRING_CHARS = 1_000
BATCH_KEY = "registros"
_MAX_FLOAT = 1.7976931348623157e308


class RequestError(Exception):
    """Requisição inválida: vira a resposta ``status`` com ``{"erro": mensagem}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _parse_json(body: bytes) -> Any:
    """Decodifica o corpo, recusando NaN/Infinity e aninhamento absurdo."""

    def _constante(nome: str) -> None:
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


def _records(payload: Any, schema: dict) -> list[dict]:
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
                                        f"mas é {json_type(registros)}.")
        else:
            registros = [payload]
    elif isinstance(payload, list):
        registros = payload
    else:
        raise RequestError(422, f"o corpo é {json_type(payload)}, mas deveria ser um objeto "
                                f"JSON (um registro), uma lista de objetos ou "
                                f"{{\"{BATCH_KEY}\": [...]}}.")
    if not registros:
        raise RequestError(422, "a lista de registros está vazia. Envie pelo menos um registro.")
    if len(registros) > MAX_RECORDS:
        raise RequestError(413, f"{len(registros)} registros numa só requisição; o limite é "
                                f"{MAX_RECORDS}. Divida os dados em lotes menores.")
    return registros


def json_type(valor: Any) -> str:
    """O tipo JSON de ``valor``, como se diz numa mensagem ("um número", "uma lista").

    Examples
    --------
    >>> json_type(1.5), json_type([]), json_type(None)
    ('um número', 'uma lista', 'null')
    """
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


def _check_text(onde: str, chave: str, valor: Any) -> None:
    """Recusa texto que não se codifica em UTF-8 ou longo demais."""
    if not _encodable(chave) or (isinstance(valor, str) and not _encodable(valor)):
        raise RequestError(422, f"{onde}, coluna '{_show(chave)}': o texto tem "
                                "caracteres Unicode inválidos (substitutos isolados, "
                                "como \\ud800). Envie texto UTF-8 válido.")
    if isinstance(valor, str) and len(valor) > MAX_STRING_CHARS:
        raise RequestError(422, f"{onde}, coluna '{_show(chave)}': texto com {len(valor)} "
                                f"caracteres; o limite é {MAX_STRING_CHARS}. Confira "
                                "se o valor está na coluna certa.")


def _check_value(onde: str, chave: str, valor: Any, schema: dict) -> None:
    """Confere o tipo de um valor contra o tipo da coluna no esquema de treino."""
    nome = _show(chave)
    if isinstance(valor, (dict, list)):
        raise RequestError(422, f"{onde}, coluna '{nome}': o valor é "
                                f"{json_type(valor)}, mas só são aceitos texto, número, "
                                "booleano ou null.")
    if ((isinstance(valor, float) and not math.isfinite(valor))
            or (isinstance(valor, int) and abs(valor) > _MAX_FLOAT)):
        raise RequestError(422, f"{onde}, coluna '{nome}': número fora do intervalo "
                                "representável. Envie um valor finito ou null.")
    if chave in schema["numeric"] and isinstance(valor, bool):
        raise RequestError(422, f"{onde}, coluna '{nome}': a coluna é numérica, mas "
                                f"recebeu {str(valor).lower()}. Envie um número ou null.")
    if (chave in schema["categorical"] and isinstance(valor, (int, float))
            and not isinstance(valor, bool)):
        raise RequestError(422, f"{onde}, coluna '{nome}': a coluna é categórica, mas "
                                f"recebeu o número {valor}. Envie o valor como texto "
                                f"(\"{valor}\") ou null.")


def check_records(registros: list, schema: dict) -> None:
    """Confere tipos e tamanhos de cada valor usado pelo modelo.

    Examples
    --------
    >>> esquema = {"columns": ["idade"], "numeric": ["idade"], "categorical": []}
    >>> check_records([{"idade": 30}], esquema)
    >>> try:
    ...     check_records([{"idade": True}], esquema)
    ... except RequestError as erro:
    ...     print(erro.status, erro.message[:47])
    422 o registro, coluna 'idade': a coluna é numérica
    """
    # Colunas ignoradas no treino (identificadores, constantes) podem faltar: o modelo
    # as descarta, então viram ausentes.
    colunas = [c for c in schema["columns"] if c not in schema.get("ignored", {})]
    tipos = {"numeric": set(schema["numeric"]), "categorical": set(schema["categorical"])}
    for i, registro in enumerate(registros):
        onde = f"registro {i}" if len(registros) > 1 else "o registro"
        if not isinstance(registro, dict):
            raise RequestError(422, f"{onde} é {json_type(registro)}, mas cada registro deve "
                                    "ser um objeto JSON com um valor por coluna.")
        faltando = [c for c in colunas if c not in registro]
        if faltando:
            raise RequestError(422, f"{onde}: faltam colunas que o modelo usou no treino: "
                                    f"{', '.join(faltando)}. Inclua-as (null é aceito como "
                                    "valor ausente); veja GET /metadata.")
        for chave, valor in registro.items():
            _check_text(onde, chave, valor)
            _check_value(onde, chave, valor, tipos)


def parse_body(body: bytes, schema: dict) -> list[dict]:
    """Decodifica e confere o corpo: devolve a lista de registros."""
    registros = _records(_parse_json(body), schema)
    check_records(registros, schema)
    return registros


async def read_body(request: Request) -> bytes:
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


def check_content_type(request: Request) -> None:
    """Recusa (415) um corpo que não é declarado JSON."""
    tipo = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if tipo != "application/json" and not (tipo.startswith("application/")
                                           and tipo.endswith("+json")):
        recebido = f"'{tipo}'" if tipo else "nenhum"
        raise RequestError(415, f"Content-Type {recebido} não é aceito. Envie JSON com o "
                                "cabeçalho 'Content-Type: application/json'.")


def openapi_body(schema: dict) -> dict:
    """O corpo de ``POST /predict`` no OpenAPI, a partir do esquema de treino."""
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


def validation_message(erros: list) -> str:
    """A mensagem de uma falha de validação do FastAPI, em português."""
    partes = []
    for erro in list(erros)[:5]:
        local = ".".join(str(p) for p in erro.get("loc", ()) if p != "body") or "corpo"
        partes.append(f"{local}: {erro.get('msg', 'valor inválido')}")
    return ("a requisição não passou na validação (" + "; ".join(partes) + "). Confira o "
            "formato em /docs.")


