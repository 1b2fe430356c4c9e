"""A fila que junta requisições simultâneas numa passada só pelo modelo (*batching* dinâmico)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from mlops_lab.errors import MlopsLabError
from mlops_lab.serve.validation import MAX_RECORDS, RequestError

if TYPE_CHECKING:
    from mlops_lab.serve.slot import ModelSlot

__all__ = ["Batcher", "predict_many", "predict_records"]

_log = logging.getLogger("mlops_lab.serve")

#: Lotes de até tantas linhas, no caminho compilado, rodam sem passar por uma thread.
INLINE_ROWS = 16


def predict_records(model: Any, metadata: dict, registros: list[dict],
                    compiled: Any = None) -> dict:
    """Prevê uma lista de registros já conferidos e monta a resposta.

    Com ``compiled`` (um :class:`~mlops_lab.fast_predict.CompiledModel`), a previsão
    vai pelo caminho compilado; um valor que ele não trata volta ao caminho padrão.
    """
    import pandas as pd

    if compiled is not None:
        resposta = _predict_compiled(compiled, registros)
        if resposta is not None:
            return resposta

    from mlops_lab.predict import PREDICTION_COLUMN, predict, probability_classes

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
    colunas = probability_classes(resultado.columns)
    previsoes = resultado[PREDICTION_COLUMN].tolist()
    probabilidades = resultado[list(colunas)].to_numpy().tolist()
    return {
        "previsoes": [
            {PREDICTION_COLUMN: p, "probabilidades": dict(zip(colunas.values(), linha))}
            for p, linha in zip(previsoes, probabilidades)
        ],
        "n": len(previsoes),
    }


def _predict_compiled(compiled: Any, registros: list[dict]) -> dict | None:
    """A resposta pelo caminho compilado, ou ``None`` para usar o caminho padrão."""
    from mlops_lab.fast_predict import Fallback

    try:
        return compiled.respond(registros)
    except Fallback:
        return None
    except Exception as erro:  # noqa: BLE001 - o caminho padrão responde, e o log mostra
        _log.warning("caminho compilado falhou (%s: %s); usando o caminho padrão",
                     type(erro).__name__, erro)
        return None


def _inline(compiled: Any, pedidos: list[list[dict]]) -> list | None:
    """Lote pequeno pelo caminho compilado, aqui mesmo, sem passar por uma *thread*.

    São décimos de milissegundo, menos que a ida e volta até uma *thread*. Se algum
    pedido precisar do caminho padrão (ou o lote for grande), devolve ``None`` e o
    lote inteiro vai para a *thread*, sem bloquear o *event loop* com o pandas.
    """
    if compiled is None or sum(map(len, pedidos)) > INLINE_ROWS:
        return None
    respostas = [_predict_compiled(compiled, pedido) for pedido in pedidos]
    return None if any(r is None for r in respostas) else respostas


def predict_many(model: Any, metadata: dict, pedidos: list[list[dict]],
                 compiled: Any = None) -> list:
    """Prevê os registros de várias requisições numa passada só pelo pipeline.

    Devolve, para cada requisição, a resposta ou o erro. Se o lote conjunto
    falhar, cada requisição é prevista sozinha, para que o erro de uma não
    atinja as outras.
    """
    if len(pedidos) > 1:
        try:
            junto = predict_records(model, metadata, [r for p in pedidos for r in p], compiled)
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
            respostas.append(predict_records(model, metadata, pedido, compiled))
        except RequestError as erro:
            respostas.append(erro)
    return respostas


class Batcher:
    """Junta as requisições que chegam juntas numa passada só pelo modelo.

    Quase todo o custo de prever um registro é fixo (validação, pandas,
    checagens do scikit-learn). Enquanto um lote está no modelo, as requisições
    novas esperam na fila; o lote seguinte leva todas de uma vez.

    Uma requisição sozinha segue na hora, como lote de um. Só quando o lote
    anterior juntou várias requisições (há clientes simultâneos) o lote novo
    espera até ``janela`` segundos pelas que estão chegando: sem essa espera, o
    lote alterna entre "uma" e "as outras", e paga o custo fixo duas vezes.
    """

    def __init__(self, slot: ModelSlot, max_rows: int = MAX_RECORDS,
                 janela: float = 0.003) -> None:
        self.slot = slot
        self.max_rows = max_rows
        self.janela = janela
        self._fila = None
        self._tarefa = None
        self._simultaneas = 1  # requisições no último lote

    async def predict(self, registros: list[dict]) -> dict:
        """Prevê ``registros`` no próximo lote e devolve a resposta desta requisição."""
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
            model, metadata, extra = self.slot.current()
            compilado = extra.get("compiled")
            pedidos = [registros for registros, _ in itens]
            try:
                respostas = _inline(compilado, pedidos)
                if respostas is None:
                    respostas = await run_in_threadpool(predict_many, model, metadata, pedidos,
                                                        compilado)
            except Exception as erro:  # noqa: BLE001 - cada requisição recebe o erro
                respostas = [erro] * len(itens)
            for (_, futuro), resposta in zip(itens, respostas):
                if not futuro.done():
                    futuro.set_result(resposta)
