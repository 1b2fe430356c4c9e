"""O catálogo de ferramentas: registros válidos, alegações de "roda localmente" com teste, CLI."""

import ast
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from mlops_lab import catalog
from mlops_lab.errors import MlopsLabError
from tests.helpers import run_cli

RAIZ = Path(__file__).resolve().parents[2]
ROTEIRO = {"dvc", "pachyderm", "airflow", "neptune", "mlflow", "datakitchen", "genie", "piper"}


def _registros():
    texto = (RAIZ / "mlops_lab" / "datasets" / "tools.json").read_text(encoding="utf-8")
    return json.loads(texto)["ferramentas"]


def test_catalogo_sem_problemas_e_com_as_ferramentas_pedidas():
    registros = _registros()
    assert catalog.check_records(registros) == []
    ids = {r["id"] for r in registros}
    assert {r["id"] for r in registros if r["no_roteiro"]} == ROTEIRO
    assert {"prefect", "dagster", "kubeflow", "wandb", "evidently", "pandera"} <= ids


def test_validacao_aponta_registros_ruins():
    bom = dict(_registros()[0])
    ruins = [
        {**bom, "categoria": "DevOps"},
        {**bom, "etapas": ["deploy"]},
        {**bom, "demo_local": True, "demo_test": None},
        {**bom, "fontes": [{"url": "http://x", "consultado_em": ""}]},
        {**bom, "substituto": "nao-existe"},
    ]
    for ruim in ruins:
        assert catalog.check_records([ruim]) != [], ruim


def _funcoes_de_teste(arquivo: Path) -> dict[str, ast.FunctionDef]:
    """Funções de teste do arquivo (inclusive em classes), por id do pytest."""
    arvore = ast.parse(arquivo.read_text(encoding="utf-8"))
    achadas = {}
    for no in arvore.body:
        if isinstance(no, ast.FunctionDef):
            achadas[no.name] = no
        elif isinstance(no, ast.ClassDef):
            achadas.update({f"{no.name}::{f.name}": f for f in no.body
                            if isinstance(f, ast.FunctionDef)})
    return achadas


@pytest.mark.parametrize("registro", [r for r in _registros() if r["demo_local"]],
                         ids=lambda r: r["id"])
def test_roda_localmente_tem_teste_que_existe_e_nao_e_pulado(registro):
    arquivo, _, funcao = registro["demo_test"].partition("::")
    caminho = RAIZ / arquivo
    assert caminho.is_file(), f"{registro['id']}: {arquivo} não existe"
    funcoes = _funcoes_de_teste(caminho)
    assert funcao in funcoes, f"{registro['id']}: {funcao} não está em {arquivo}"
    assert funcao.split("::")[-1].startswith("test_")
    decoradores = ast.unparse(funcoes[funcao]).split("def ")[0]
    assert "skip" not in decoradores and "xfail" not in decoradores


def test_ferramenta_do_roteiro_que_nao_roda_tem_substituto_que_roda():
    tabela = catalog.catalog()
    for _, r in tabela[tabela["no_roteiro"] & ~tabela["demo_local"]].iterrows():
        assert isinstance(r["substituto"], str), f"{r['id']} precisa de um substituto"
        assert tabela.loc[r["substituto"], "demo_local"], (
            f"{r['id']}: o substituto {r['substituto']} não roda no curso")


def test_comparacao_filtra_por_etapa_e_categoria_com_colunas_em_portugues():
    orquestra = catalog.comparison(stage="orquestração")
    assert "Apache Airflow" in set(orquestra["Ferramenta"])
    assert "MLflow" not in set(orquestra["Ferramenta"])
    assert orquestra["Etapas do ciclo de vida"].str.contains("orquestração").all()
    assert {"Ferramenta", "Licença", "Situação", "Roda localmente no curso?"} <= set(
        orquestra.columns)
    dataops = catalog.comparison(category="dataops")
    assert (dataops["Categoria"] == "DataOps").all() and len(dataops) >= 5
    locais = catalog.comparison(runs_locally=True)
    assert (locais["Roda localmente no curso?"] == "sim").all()
    fechadas = catalog.comparison(open_source=False, columns=["nome"])
    assert "Piper (Uber)" in set(fechadas["Ferramenta"])
    assert list(catalog.comparison(tools=["piper"], columns=["substituto"]).iloc[0]) == [
        "Apache Airflow"]


@pytest.mark.parametrize("chamada", [dict(stage="deploy"), dict(category="DevOps"),
                                     dict(tools=["excel"]), dict(columns=["preço"])])
def test_filtros_invalidos_dizem_o_que_usar(chamada):
    with pytest.raises(MlopsLabError, match="Use"):
        catalog.comparison(**chamada)


def test_cobertura_e_grafico():
    import matplotlib

    matplotlib.use("Agg")
    matriz = catalog.coverage(category="DataOps")
    assert list(matriz.columns) == list(catalog.STAGES.values())
    assert bool(matriz.loc["Genie (Netflix)", "execução de jobs"])
    assert not matriz.loc["Genie (Netflix)", "treino"]
    figura = catalog.coverage_plot(category="DataOps")
    eixo = figura.axes[0]
    assert [t.get_text() for t in eixo.get_yticklabels()] == list(matriz.index)
    assert len(eixo.patches) == int(matriz.to_numpy().sum())


def test_markdown_escapa_barras_e_tem_uma_linha_por_ferramenta():
    texto = catalog.to_markdown(catalog.comparison(category="MLOps"))
    linhas = texto.splitlines()
    assert linhas[1].startswith("|---|")
    assert len(linhas) == 2 + len(catalog.comparison(category="MLOps"))
    assert all(linha.count(" | ") == linhas[0].count(" | ") for linha in linhas[2:])


def test_cli_tools_csv_markdown_e_tela():
    r = run_cli("tools", "--stage", "qualidade", "--format", "csv")
    assert r.returncode == 0, r.stderr
    tabela = pd.read_csv(io.StringIO(r.stdout), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(tabela, catalog.comparison(stage="qualidade").astype(str),
                                  check_dtype=False)
    r = run_cli("tools", "--category", "DataOps", "--format", "markdown")
    assert r.returncode == 0 and r.stdout.startswith("| Ferramenta |")
    r = run_cli("tools")
    assert r.returncode == 0 and "Apache Airflow" in r.stdout


def test_cli_etapa_invalida_sai_com_2_e_lista_as_validas():
    r = run_cli("tools", "--stage", "deploy")
    assert r.returncode == 2
    assert "etapa 'deploy' desconhecida" in r.stderr and "orquestracao" in r.stderr
    assert "Traceback" not in r.stderr


def test_versao_do_airflow_no_catalogo_e_a_do_ambiente_do_airflow():
    fixas = dict(linha.split("==") for linha in
                 (RAIZ / "requirements-airflow.txt").read_text(encoding="utf-8").splitlines()
                 if "==" in linha and not linha.startswith("#"))
    assert catalog.catalog().loc["airflow", "ultima_versao"] == fixas["apache-airflow"]
