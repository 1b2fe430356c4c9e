"""Dados no tempo certo (mlops_lab.timedata e os dados com tempo embutidos)."""

import json
from pathlib import Path

import pandas as pd
import pytest

from mlops_lab.cli import main
from mlops_lab.datasets import generate_time
from mlops_lab.errors import MlopsLabError
from mlops_lab.timedata import asof, online, report, time_split

RAIZ = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dados():
    return asof.load_time_data()


def test_regerar_com_a_semente_da_os_mesmos_bytes():
    retratos, chamados = generate_time.generate_time_csvs()
    assert retratos == generate_time.SNAPSHOTS_FILE.read_text(encoding="utf-8")
    assert chamados == generate_time.EVENTS_FILE.read_text(encoding="utf-8")
    tamanho = generate_time.SNAPSHOTS_FILE.stat().st_size + generate_time.EVENTS_FILE.stat().st_size
    assert tamanho < 2_000_000


def test_cartao_de_dados_descreve_as_colunas_e_os_tamanhos(dados):
    cartao = generate_time.SNAPSHOTS_FILE.with_name("README.md").read_text(encoding="utf-8")
    trecho = cartao[cartao.index("`clientes_mensais.csv` e `chamados_suporte.csv`"):]
    for coluna in generate_time.SNAPSHOT_COLUMNS + generate_time.EVENT_COLUMNS:
        assert f"| `{coluna}` |" in trecho
    retratos, chamados = dados
    milhar = "{:,}".format
    assert f"{milhar(len(retratos)).replace(',', '.')} retratos" in trecho
    assert f"de {milhar(retratos['id_cliente'].nunique()).replace(',', '.')} clientes" in trecho
    assert f"{milhar(len(chamados)).replace(',', '.')} chamados" in trecho
    assert f"SEED = {generate_time.SEED}" in trecho


def test_retratos_tem_24_meses_so_de_clientes_ativos(dados):
    retratos, chamados = dados
    assert sorted(retratos["mes_referencia"].unique()) == generate_time.month_labels()
    assert not retratos.duplicated(["id_cliente", "mes_referencia"]).any()
    # Quem tem "Sim" cancela em até 3 meses: some dos retratos em até 3 meses.
    ultimo = retratos.groupby("id_cliente")["mes_referencia"].max()
    sim = retratos[retratos["cancelou_3m"] == "Sim"]
    meses = generate_time.month_labels()
    distancia = [meses.index(ultimo[c]) - meses.index(m)
                 for c, m in zip(sim["id_cliente"], sim["mes_referencia"])]
    assert max(distancia) <= generate_time.HORIZON - 1
    assert chamados["data_hora"].is_monotonic_increasing


@pytest.mark.parametrize("gap", [0, 1, 3])
def test_divisao_no_tempo_nunca_testa_no_passado(dados, gap):
    retratos, _ = dados
    X_tr, X_te, _, _, info = time_split(retratos, "cancelou_3m", "mes_referencia", 0.2, gap,
                                        "id_cliente")
    meses = generate_time.month_labels()
    treino = retratos.loc[X_tr.index, "mes_referencia"].map(meses.index)
    teste = retratos.loc[X_te.index, "mes_referencia"].map(meses.index)
    assert teste.min() > treino.max() + gap
    assert teste.min() == treino.max() + gap + 1  # o intervalo é exatamente gap períodos
    assert {"mes_referencia", "id_cliente", "cancelou_3m"}.isdisjoint(X_tr.columns)
    assert info["cutoff"] == meses[treino.max()] and len(info["gap_periods"]) == gap
    assert info["rows"]["train"] + info["rows"]["gap"] + info["rows"]["test"] == len(retratos)


def test_run_com_time_column_grava_a_divisao(dados, tmp_path, capsys):
    retratos, _ = dados
    csv = tmp_path / "mensal.csv"
    pequeno = retratos[retratos["mes_referencia"] >= "2025-05"]  # 8 meses: 3 + 3 + 2
    pequeno.to_csv(csv, sep=";", decimal=",", index=False)
    codigo = main(["run", "--data", str(csv), "--target", "cancelou_3m", "--time-column",
                   "mes_referencia", "--gap", "3", "--id-column", "id_cliente",
                   "--algorithms", "logistic_regression", "--cv", "2", "--no-plots",
                   "--quiet", "--no-tracking", "--out", str(tmp_path / "modelo")])
    assert codigo == 0, capsys.readouterr().err
    meta = json.loads((tmp_path / "modelo" / "metadata.json").read_text(encoding="utf-8"))
    divisao = meta["time_split"]
    assert divisao["cutoff"] == "2025-07" and divisao["gap"] == 3
    assert divisao["gap_periods"] == ["2025-08", "2025-09", "2025-10"]
    assert divisao["test_periods"] == ["2025-11", "2025-12"]
    assert "mes_referencia" not in meta["schema"]["columns"]
    assert "id_cliente" not in meta["schema"]["columns"]
    cartao = (tmp_path / "modelo" / "model_card.md").read_text(encoding="utf-8")
    assert ("divisão fora do tempo por `mes_referencia`: treino até 2025-07, 3 período(s) de "
            "intervalo, teste de 2025-11 a 2025-12") in cartao


@pytest.mark.parametrize("extra, mensagem", [
    (["--time-column", "mes"], "não existe"),
    (["--time-column", "plano"], "não são datas"),
    (["--time-column", "idade"], "tem números, não datas"),
    (["--time-column", "mes_referencia", "--gap", "30"], "poucos para"),
    (["--gap", "2"], "só valem com --time-column"),
])
def test_run_com_tempo_invalido_sai_com_2_sem_gravar(dados, tmp_path, capsys, extra, mensagem):
    csv = tmp_path / "mensal.csv"
    dados[0].head(2000).to_csv(csv, sep=";", decimal=",", index=False)
    saida = tmp_path / "modelo"
    codigo = main(["run", "--data", str(csv), "--target", "cancelou_3m", "--no-tracking",
                   "--quiet", "--no-plots", "--out", str(saida), *extra])
    assert codigo == 2
    erro = capsys.readouterr().err
    assert mensagem in erro and "Traceback" not in erro
    assert not saida.exists()


def test_asof_nunca_usa_chamado_do_futuro_e_pandas_e_duckdb_concordam(dados):
    retratos, chamados = dados
    juntos = asof.asof_join_pandas(retratos, chamados)
    com_chamado = juntos.dropna(subset=["data_ultimo_chamado"])
    assert (com_chamado["data_ultimo_chamado"] < com_chamado["momento_previsao"]).all()
    # É o último antes do instante: nenhum chamado do cliente entre ele e a previsão.
    amostra = juntos.sample(300, random_state=0)
    for _, linha in amostra.iterrows():
        antes = chamados[(chamados["id_cliente"] == linha["id_cliente"])
                         & (chamados["data_hora"] < linha["momento_previsao"])]
        esperado = antes["chamados_acumulados"].max() if len(antes) else 0
        assert linha["chamados_acumulados"] == esperado
    duck = asof.asof_join_duckdb(retratos, chamados)
    pd.testing.assert_frame_equal(duck[asof.EVENT_FEATURES], juntos[asof.EVENT_FEATURES])
    vazada = asof.leaky_join(retratos, chamados)
    assert (vazada["data_ultimo_chamado"] >= vazada["momento_previsao"]).mean() > 0.5


def test_chamado_no_instante_exato_da_previsao_fica_de_fora():
    retratos = pd.DataFrame({"id_cliente": ["A"], "mes_referencia": ["2025-03"]})
    chamados = pd.DataFrame({"id_cliente": ["A", "A"], "nota_satisfacao": [5, 1],
                             "chamados_acumulados": [1, 2],
                             "data_hora": pd.to_datetime(["2025-03-10", "2025-04-01"])})
    for juntos in (asof.asof_join_pandas(retratos, chamados),
                   asof.asof_join_duckdb(retratos, chamados)):
        assert juntos["ultima_nota"].tolist() == [5.0]
    assert asof.asof_join_pandas(retratos, chamados, True)["ultima_nota"].tolist() == [1.0]
    with pytest.raises(MlopsLabError, match="faltam colunas"):
        asof.asof_join_pandas(retratos, chamados.drop(columns="data_hora"))


@pytest.fixture(scope="module")
def resultados():
    return report.chapter_results()


def test_divisao_aleatoria_e_juncao_vazada_inflam_a_auc(resultados):
    divisoes, juncoes = resultados["split"], resultados["join"]
    assert divisoes["random"] - divisoes["out_of_time"] > 0.03
    assert juncoes["leaky"] - juncoes["asof"] > 0.02
    assert juncoes["asof"] > juncoes["snapshot_only"]


def test_online_e_retreino_mes_a_mes(resultados):
    tabela = pd.DataFrame(resultados["online"])
    assert tabela["mes_referencia"].tolist() == generate_time.month_labels()[6:]
    assert tabela.loc[tabela["retrained"], "mes_referencia"].tolist() == [
        "2024-07", "2025-01", "2025-07"]
    # Antes do primeiro retreino as políticas estática e periódica são o mesmo modelo.
    antes = tabela.iloc[:6]
    assert antes["static"].equals(antes["periodic"])
    depois = tabela.iloc[-6:]  # depois do concorrente, quem aprende todo mês se adapta
    assert depois["online"].mean() > depois["periodic"].mean() > depois["static"].mean()


def test_resultados_do_capitulo_estao_em_dia(resultados):
    """O capítulo lê o JSON: ele tem de ser o que o pacote calcula hoje."""
    gravado = json.loads((RAIZ / report.RESULTS_FILE).read_text(encoding="utf-8"))
    assert gravado["data"] == resultados["data"]
    assert gravado["split"]["split"] == resultados["split"]["split"]
    for parte in ("split", "join"):
        for chave, valor in resultados[parte].items():
            if isinstance(valor, float):
                assert gravado[parte][chave] == pytest.approx(valor, abs=2e-3), (parte, chave)
    assert pd.DataFrame(gravado["online"]).drop(columns=list(online.POLICIES)).equals(
        pd.DataFrame(resultados["online"]).drop(columns=list(online.POLICIES)))
    for politica in online.POLICIES:
        assert [r[politica] for r in gravado["online"]] == pytest.approx(
            [r[politica] for r in resultados["online"]], abs=2e-3)


def test_online_recusa_inicio_sem_rotulos(dados):
    with pytest.raises(MlopsLabError, match="start deve ficar entre"):
        online.online_vs_retraining(dados[0], start=2)
