"""Como o ``serve`` junta requisições simultâneas num lote (``mlops_lab.serve.Batcher``).

A fila é a de verdade (asyncio); o modelo não entra aqui: o que se confere é
quais requisições vão juntas. As previsões de lotes conjuntos, contra um
servidor de verdade, estão em ``test_serve.py``.
"""

import asyncio

from mlops_lab.serve import Batcher


def _pedido(n=1):
    return [{"idade": 30}] * n, None


def _batcher(janela, simultaneas=1, max_rows=10_000):
    lote = Batcher(slot=None, max_rows=max_rows, janela=janela)
    lote._fila = asyncio.Queue()
    lote._simultaneas = simultaneas
    return lote


def test_requisicao_sozinha_nao_espera_a_janela():
    """Sem clientes simultâneos antes, o lote sai na hora, mesmo com uma janela enorme."""
    async def cenario():
        lote = _batcher(janela=60)
        await lote._fila.put(_pedido())
        return await asyncio.wait_for(lote._juntar(), timeout=5)

    assert len(asyncio.run(cenario())) == 1


def test_depois_de_um_lote_conjunto_espera_quem_esta_chegando():
    """Com clientes simultâneos, a requisição que chega logo depois vai no mesmo lote."""
    async def cenario():
        lote = _batcher(janela=5, simultaneas=3)
        await lote._fila.put(_pedido())

        async def atrasadas():
            for _ in range(2):
                await asyncio.sleep(0.05)
                await lote._fila.put(_pedido())

        tarefa = asyncio.create_task(atrasadas())
        itens = await lote._juntar()
        await tarefa
        return itens, lote._simultaneas

    itens, simultaneas = asyncio.run(cenario())
    assert len(itens) == 3 and simultaneas == 3


def test_janela_acaba_e_o_lote_sai_com_quem_chegou():
    """Se ninguém mais chega, o lote sai quando a janela acaba (não fica preso)."""
    async def cenario():
        lote = _batcher(janela=0.2, simultaneas=4)
        await lote._fila.put(_pedido())
        itens = await asyncio.wait_for(lote._juntar(), timeout=5)
        return itens, lote._simultaneas, lote._fila.qsize()

    itens, simultaneas, restantes = asyncio.run(cenario())
    assert len(itens) == 1 and restantes == 0
    assert simultaneas == 1  # o próximo lote volta a sair sem esperar


def test_lote_respeita_o_limite_de_linhas():
    """Os pedidos na fila vão juntos até passar do limite de linhas; o resto fica para depois."""
    async def cenario():
        lote = _batcher(janela=0, max_rows=100)
        for _ in range(5):
            await lote._fila.put(_pedido(40))
        primeiro = await lote._juntar()
        segundo = await lote._juntar()
        return [len(primeiro), len(segundo)], lote._fila.qsize()

    tamanhos, restantes = asyncio.run(cenario())
    assert tamanhos == [3, 2] and restantes == 0  # 40+40+40 passa de 100: para no terceiro
