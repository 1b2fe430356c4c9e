"""DataOps: contratos com o pandera, publicação versionada e parada limpa na falha."""

import json

import pandas as pd
import pytest

from mlops_lab.data import file_hash, load_example
from mlops_lab.dataops import (
    LATEST,
    check_table,
    clean_schema,
    load_latest,
    make_batch,
    raw_rules,
    raw_schema,
    run_dataops,
    transform,
)
from mlops_lab.errors import MlopsLabError
from tests.helpers import run_cli


def _snapshot(pasta):
    return {str(p.relative_to(pasta)): file_hash(p) for p in sorted(pasta.rglob("*"))
            if p.is_file()}


def _csv(df, caminho):
    df.to_csv(caminho, sep=";", decimal=",", index=False)
    return caminho


@pytest.fixture(scope="module")
def publicado(tmp_path_factory):
    out = tmp_path_factory.mktemp("dataops") / "publicados"
    return out, run_dataops(out=out)


def test_contrato_de_entrada_aceita_os_dados_embutidos(example_df):
    tabela = check_table(example_df, raw_schema(), raw_rules())
    assert (tabela["situação"] == "OK").all(), tabela[tabela["situação"] != "OK"]
    medidos = tabela.set_index("verificação")["medido"]
    assert medidos["fração de 'Sim' em cancelou entre 10,0% e 40,0%"] == "20,4%"


def test_transformacao_entrega_o_contrato_de_saida(example_df):
    limpo, relatorio = transform(example_df)
    clean_schema().validate(limpo)
    assert limpo["id_cliente"].is_unique and limpo["cancelou"].notna().all()
    assert set(limpo["plano"]) == {"Pré-pago", "Controle", "Pós-pago"}
    assert relatorio["linhas_duplicadas"] == 120
    assert relatorio["idade_impossiveis_viraram_ausentes"] == 12
    assert example_df.equals(load_example())  # a entrada não é alterada


def test_publica_versao_com_manifesto_e_relatorio(publicado):
    out, r = publicado
    assert json.loads((out / LATEST).read_text())["version"] == r.version
    manifesto = json.loads((r.path / "manifest.json").read_text())
    assert manifesto["parquet_sha256"] == file_hash(r.path / "data.parquet")
    assert manifesto["rows"] == len(load_latest(out)) == 5982
    assert manifesto["source"]["sha256"] == file_hash(
        __import__("mlops_lab.data", fromlist=["example_path"]).example_path())
    relatorio = (r.path / "quality_report.md").read_text()
    assert "Relatório de qualidade" in relatorio and "20,4%" in relatorio
    assert (r.checks["situação"] == "OK").all() and len(r.checks) > 50


def test_mesmos_dados_mesma_versao_sem_reescrever(publicado):
    out, r = publicado
    antes = _snapshot(out / "versions")
    de_novo = run_dataops(out=out)
    assert de_novo.version == r.version and de_novo.already_published
    assert _snapshot(out / "versions") == antes


def test_nova_remessa_vira_nova_versao(publicado, tmp_path):
    out, r = publicado
    nova = run_dataops(_csv(make_batch(), tmp_path / "remessa.csv"), out)
    assert nova.version != r.version
    assert json.loads((out / LATEST).read_text())["version"] == nova.version
    assert (out / "versions" / r.version / "data.parquet").exists()  # a anterior fica


@pytest.mark.parametrize("defeito, trecho", [
    ("sem_coluna", "reclamacoes_12m: coluna obrigatória presente"),
    ("idades_invalidas", "idade: no máximo 1,0% de idade fora de 18 a 100 (medido: 1"),
    ("ids_repetidos", "id_cliente único entre as linhas distintas (medido: códigos repetidos: 4"),
    ("alvo_estranho", "fração de 'Sim' em cancelou entre 10,0% e 40,0% (medido: 7"),
])
def test_remessa_defeituosa_para_o_pipeline(defeito, trecho, tmp_path):
    with pytest.raises(MlopsLabError) as erro:
        run_dataops(_csv(make_batch(defect=defeito), tmp_path / "r.csv"), tmp_path / "out")
    mensagem = str(erro.value)
    assert "não passou no contrato de entrada" in mensagem and trecho in mensagem
    assert "nada foi publicado" in mensagem
    assert not (tmp_path / "out").exists()


def test_remessa_quebrada_para_com_codigo_2_e_nada_muda(tmp_path):
    out = tmp_path / "publicados"
    run_dataops(out=out)
    antes = _snapshot(out)
    quebrada = make_batch()
    quebrada.loc[:200, "valor_mensal"] = -10.0  # mensalidades negativas: erro na origem
    r = run_cli("dataops", "--data", _csv(quebrada, tmp_path / "remessa.csv"), "--out", out)
    assert r.returncode == 2, r.stderr
    assert "valor_mensal fora de 0.01 a 2000" in r.stderr and "nada foi publicado" in r.stderr
    assert "Traceback" not in r.stderr
    assert _snapshot(out) == antes


def test_texto_em_coluna_numerica(tmp_path):
    df = make_batch().astype({"idade": object})
    df.loc[:5, "idade"] = "trinta"
    esperado = r"idade: tipo da coluna: número \(medido: 6 valores fora \(por exemplo .trinta.\)"
    with pytest.raises(MlopsLabError, match=esperado):
        run_dataops(_csv(df, tmp_path / "r.csv"), tmp_path / "out")


def test_pasta_de_saida_alheia_nao_e_usada(tmp_path):
    (tmp_path / "meus.txt").write_text("não apague")
    with pytest.raises(MlopsLabError, match="não são publicações"):
        run_dataops(out=tmp_path)
    assert (tmp_path / "meus.txt").read_text() == "não apague"


def test_cli_dataops_resumo(tmp_path):
    r = run_cli("dataops", "--out", tmp_path / "pub")
    assert r.returncode == 0, r.stderr
    assert "publicada: 5982 linhas" in r.stdout
    assert pd.read_parquet(next((tmp_path / "pub" / "versions").glob("*/data.parquet"))
                           ).shape == (5982, 15)
