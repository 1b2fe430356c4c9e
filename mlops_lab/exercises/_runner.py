"""Executa um notebook entregue (chamado pelo corretor, num processo próprio).

Uso interno: ``python -m mlops_lab.exercises._runner NOTEBOOK STATUS TIMEOUT``.
Grava em STATUS um JSON com a descrição do erro (vazia se tudo rodou).
"""

import sys

from mlops_lab._fs import write_json


def main(notebook, status, timeout):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(notebook, as_version=4)
    cliente = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                             record_timing=False)
    erro = ""
    try:
        cliente.execute()
    except CellTimeoutError:
        erro = f"tempo esgotado ({timeout} s) numa célula"
    except DeadKernelError:
        erro = "o kernel morreu durante a execução"
    except Exception as excecao:
        erro = f"falha ao executar ({type(excecao).__name__})"
    if not erro:
        erros = [saida for celula in nb.cells if celula.cell_type == "code"
                 for saida in celula.get("outputs", []) if saida.get("output_type") == "error"]
        if erros:
            primeiro = erros[0]
            erro = (f"{len(erros)} célula(s) com erro; a primeira: "
                    f"{primeiro.get('ename', '')}: {str(primeiro.get('evalue', ''))[:120]}")
    write_json(status, {"erro": erro})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
