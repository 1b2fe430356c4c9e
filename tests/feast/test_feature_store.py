"""A feature store de verdade (Feast, provedor local) contra a junção as-of do curso.

Uma definição dos atributos; dela, a tabela de treino (offline) e os valores do
serviço (online, num SQLite). Os dois batem com ``asof_join_pandas`` linha a linha,
nenhum usa um chamado do futuro, e o que o capítulo mostra
(``benchmarks/results/feature_store.json``) é o que o Feast dá hoje.
"""

import json
from pathlib import Path

import pandas as pd
import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.timedata import feature_store as fs
from mlops_lab.timedata.asof import asof_join_pandas

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def resultados(tmp_path_factory):
    return fs.feast_results(tmp_path_factory.mktemp("repo"))


def test_treino_e_servico_pelo_feast_batem_com_a_juncao_do_curso(resultados):
    offline, online = resultados["offline"], resultados["online"]
    assert offline["snapshots"] == 13624
    assert offline["differences_vs_asof"] == 0
    assert online["customers"] == 1029
    assert online["differences_vs_asof"] == 0
    # Sem desalinhamento entre treino e produção: o serviço lê, no instante da
    # previsão de junho, o mesmo valor que a tabela de treino tem para junho.
    assert online["snapshots_in_month"] > 500
    assert online["differences_vs_training"] == 0
    assert 0 < online["with_value"] < online["customers"]


def test_resultados_do_capitulo_estao_em_dia(resultados):
    """O capítulo lê o arquivo: ele tem de ser o que o Feast dá hoje (menos os tempos)."""
    gravado = json.loads((ROOT / fs.RESULTS_FILE).read_text(encoding="utf-8"))
    assert set(gravado["medido"]) == {"offline_seconds", "online_p50_ms"}
    assert {k: v for k, v in gravado.items() if k != "medido"} == {
        k: v for k, v in resultados.items() if k != "medido"}, (
        "benchmarks/results/feature_store.json está velho: regrave com make feast-resultados")


def _chamados(linhas):
    return pd.DataFrame(linhas, columns=["id_cliente", "data_hora", "nota_satisfacao",
                                         "chamados_acumulados"]).astype(
        {"data_hora": "datetime64[ns]"})


@pytest.fixture(scope="module")
def pequeno(tmp_path_factory):
    """A prevê em 2025-02-01 00:00 com um chamado antes, um NO instante e um depois;
    B só tem chamados depois; C não tem chamado nenhum."""
    chamados = _chamados([
        ("A", "2025-01-20 10:00:00", 4, 1),
        ("A", "2025-02-01 00:00:00", 1, 2),
        ("A", "2025-02-15 09:30:00", 2, 3),
        ("B", "2025-03-05 08:00:00", 5, 1),
        ("C0", "2024-12-01 12:00:00", 3, 1),
    ])
    retratos = pd.DataFrame({"id_cliente": ["A", "B", "C", "A"],
                             "mes_referencia": ["2025-01", "2025-01", "2025-01", "2025-02"]})
    store = fs.open_store(tmp_path_factory.mktemp("pequeno"), chamados)
    return store, retratos, chamados


def test_tabela_de_treino_nunca_usa_um_chamado_do_futuro_nem_do_instante(pequeno):
    store, retratos, chamados = pequeno
    tabela, descartados = fs.training_table(store, retratos)
    # A: o chamado de 20/01, nem o do instante (01/02 00:00) nem o de 15/02.
    assert tabela["ultima_nota"].iloc[0] == 4.0
    assert tabela["ultima_nota"].iloc[1:3].isna().all()
    assert tabela["chamados_acumulados"].tolist() == [1, 0, 0, 3]
    assert tabela["ultima_nota"].iloc[3] == 2.0
    assert (tabela["id_cliente"] == retratos["id_cliente"]).all()
    curso = asof_join_pandas(retratos, chamados)
    assert fs._diferentes(tabela, curso) == 0
    # O Feast 0.67 (offline store de arquivos) descarta B: só tem chamado depois.
    assert descartados == 1


def test_feast_sozinho_inclui_o_instante_pedido(pequeno):
    """Por que a tabela de treino pede 1 µs antes: o Feast usa <=, e o curso usa <."""
    store, _, _ = pequeno
    pedido = pd.DataFrame({"id_cliente": ["A"],
                           "event_timestamp": pd.to_datetime(["2025-02-01 00:00:00"])})
    cru = store.get_historical_features(entity_df=pedido, features=fs.FEATURES).to_df()
    assert cru["nota_satisfacao"].tolist() == [1]


def test_servico_le_o_valor_de_antes_do_instante(pequeno):
    store, _, _ = pequeno
    servico = fs.serving_values(store, ["A", "B", "C"], month="2025-01")
    assert servico["id_cliente"].tolist() == ["A", "B", "C"]
    assert servico["ultima_nota"].iloc[0] == 4.0
    assert servico["ultima_nota"].iloc[1:].isna().all()
    assert servico["chamados_acumulados"].tolist() == [1, 0, 0]


def test_chamados_sem_coluna_dao_mensagem(tmp_path):
    with pytest.raises(MlopsLabError, match="faltam colunas nos chamados: nota_satisfacao"):
        fs.write_feature_repo(tmp_path, _chamados([]).drop(columns="nota_satisfacao"))
    assert not (tmp_path / "feature_store.yaml").exists()
