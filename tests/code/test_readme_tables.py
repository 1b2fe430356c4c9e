"""O README descreve resultados que foram medidos ou gravados, nunca digitados.

As tabelas de desempenho e de artefatos do README são geradas por
``scripts/readme_tables.py``; estes testes falham quando o README se afasta dos
arquivos de ``benchmarks/results/`` ou do que ``mlops-lab run`` grava de verdade.
"""

import ast
import json
import shutil
from pathlib import Path

import nbformat

from mlops_lab.pipeline import ARTIFACTS, MODEL_CARD_FILE, PLOT_FILES
from tests.helpers import load_script

RAIZ = Path(__file__).resolve().parents[2]


def _gerador():
    return load_script("readme_tables")


def test_tabelas_do_readme_em_dia_com_os_resultados():
    gerador = _gerador()
    atual = (RAIZ / "README.md").read_text(encoding="utf-8")
    assert gerador.readme_atualizado(atual) == atual, (
        "O README não bate com benchmarks/results/ ou com mlops_lab.pipeline.ARTIFACTS. "
        "Rode: python scripts/readme_tables.py")


def test_um_resultado_novo_muda_a_tabela(tmp_path):
    """A conferência não é vazia: outro número no arquivo de resultados, outro README."""
    gerador = _gerador()
    pasta = tmp_path / "results"
    shutil.copytree(RAIZ / "benchmarks" / "results", pasta)
    serve = json.loads((pasta / "serve.json").read_text(encoding="utf-8"))
    serve["razoes"]["vazao_serve_sobre_mlflow"] = 2.5
    (pasta / "serve.json").write_text(json.dumps(serve), encoding="utf-8")
    atual = (RAIZ / "README.md").read_text(encoding="utf-8")
    novo = gerador.readme_atualizado(atual, pasta)
    assert novo != atual
    assert "= **2,50**" in novo


def test_modelo_sem_graficos_grava_a_lista_sem_os_graficos(model_dir):
    assert sorted(p.name for p in model_dir.iterdir()) == sorted(
        set(ARTIFACTS) - set(PLOT_FILES))


def test_notebook_de_implantacao_explica_cada_arquivo_listado():
    """O texto depois da listagem da pasta do modelo nomeia cada arquivo que ela mostra."""
    nb = nbformat.read(RAIZ / "notebooks" / "03-3-deployment.ipynb", as_version=4)
    [i] = [i for i, c in enumerate(nb.cells)
           if c.cell_type == "code" and "iterdir()" in c.source and '"modelo"' in c.source]
    # A lista que a célula mostrou:
    listados = ast.literal_eval(nb.cells[i].outputs[0]["data"]["text/plain"])
    # O notebook chama run_pipeline sem model_card=True: só o comando grava sempre o cartão.
    assert sorted(listados) == sorted(set(ARTIFACTS) - set(PLOT_FILES) - {MODEL_CARD_FILE})
    texto = nb.cells[i + 1].source
    faltam = [nome for nome in listados if f"`{nome}`" not in texto]
    assert not faltam, f"o texto depois da listagem não explica: {faltam}"
