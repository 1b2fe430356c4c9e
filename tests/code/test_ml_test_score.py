"""ML Test Score: a rubrica aplicada ao mlops_lab, com evidências que existem de verdade."""

from pathlib import Path

import pandas as pd
import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.ml_test_score import POINTS, check_evidence, interpret, load_rubric, ml_test_score
from tests.helpers import run_cli

RAIZ = Path(__file__).resolve().parents[2]


def test_rubrica_tem_os_28_testes_do_artigo():
    r = load_rubric()
    assert len(r) == 28
    assert r.groupby("secao")["numero"].apply(sorted).map(lambda n: n == list(range(1, 8))).all()
    assert r["teste"].str.len().gt(20).all() and r["observacao"].str.len().gt(5).all()


def test_cada_teste_citado_existe_de_verdade():
    """A nota não mente: todo nó do pytest citado resolve (arquivo e função existem)."""
    problemas = check_evidence(root=RAIZ)
    assert not problemas, "\n".join(problemas)


def test_conferencia_pega_evidencia_inventada(tmp_path):
    r = load_rubric()
    r.loc[0, "evidencia"] = "tests/code/test_clean.py::test_que_nao_existe"
    r.loc[1, ["situacao", "evidencia"]] = ["automatico", "tests/nao_existe.py::test_x"]
    r.loc[2, ["situacao", "evidencia"]] = ["automatico", "benchmarks/bench_pipeline.py"]
    problemas = " | ".join(check_evidence(r, root=RAIZ))
    assert "'test_que_nao_existe' não está definido" in problemas
    assert "'tests/nao_existe.py' não existe" in problemas
    assert "precisa citar um teste do pytest" in problemas


def test_pontuacao_por_secao_e_nota_final_minima():
    r = load_rubric()
    placar = ml_test_score(r)
    secoes = placar.drop(index="nota final")
    esperado = r.groupby("secao")["situacao"].apply(lambda s: s.map(POINTS).sum())
    assert secoes["pontos"].to_dict() == esperado.to_dict()
    assert placar.loc["nota final", "pontos"] == secoes["pontos"].min()
    assert (secoes[["automatizados", "manuais", "não feitos"]].sum(axis=1) == 7).all()


def test_pontuacao_de_uma_rubrica_conhecida():
    linhas = [(s, n, "t", sit, "", "o") for s, sit in
              [("dados", "automatico"), ("modelo", "manual"), ("infraestrutura", "automatico"),
               ("monitoramento", "nao_feito")] for n in range(1, 8)]
    r = pd.DataFrame(linhas, columns=["secao", "numero", "teste", "situacao", "evidencia",
                                      "observacao"]).assign(
        pontos=lambda d: d["situacao"].map(POINTS))
    placar = ml_test_score(r)
    assert placar["pontos"].tolist() == [7.0, 3.5, 7.0, 0.0, 0.0]
    assert interpret(0.0).startswith("mais um projeto de pesquisa")


def test_situacao_invalida(tmp_path):
    arquivo = tmp_path / "r.csv"
    arquivo.write_text("secao,numero,teste,situacao,evidencia,observacao\n"
                       "dados,1,x,talvez,,y\n", encoding="utf-8")
    with pytest.raises(MlopsLabError, match="talvez"):
        load_rubric(arquivo)


def test_cli_ml_test_score():
    r = run_cli("ml-test-score")
    assert r.returncode == 0, r.stderr
    final = ml_test_score().loc["nota final", "pontos"]
    assert f"ML Test Score: {final:g}" in r.stdout and "Monitoramento" in r.stdout
