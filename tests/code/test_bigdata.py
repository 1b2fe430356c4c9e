"""mlops_lab.bigdata: gerador determinístico, cinco motores com o mesmo resultado,
leitura em pedaços que cabe num limite de memória e erros em português."""

import pandas as pd
import pytest

from benchmarks.process_measure import measure
from mlops_lab import bigdata as bd
from mlops_lab.errors import MlopsLabError

N = 6_000


@pytest.fixture(scope="module")
def eventos(tmp_path_factory):
    """Os mesmos eventos em Parquet e em CSV, em várias partes."""
    base = tmp_path_factory.mktemp("eventos")
    return {fmt: bd.generate_events(base / fmt, N, fmt=fmt, rows_per_part=2_500)
            for fmt in bd.FORMATS}


@pytest.fixture(scope="module")
def referencia(eventos):
    return bd.run("pandas", eventos["parquet"])


@pytest.fixture(scope="module")
def cliente_dask():
    """Um só cluster do Dask para o módulo inteiro (subir um custa segundos)."""
    with bd.local_cluster(n_workers=1, threads_per_worker=2, processes=False) as client:
        yield client


def test_gerador_e_deterministico(tmp_path, eventos):
    de_novo = bd.generate_events(tmp_path / "b", N, rows_per_part=2_500)
    pd.testing.assert_frame_equal(bd.read_events(eventos["parquet"]), bd.read_events(de_novo))
    outra = bd.read_events(bd.generate_events(tmp_path / "c", N, seed=7, rows_per_part=2_500))
    assert not outra["minutos"].equals(bd.read_events(de_novo)["minutos"])


def test_gerador_grava_partes_com_todas_as_linhas(eventos):
    partes = sorted(p.name for p in eventos["csv"].iterdir())
    assert partes == ["part-00000.csv", "part-00001.csv", "part-00002.csv"]
    tabela = bd.read_events(eventos["csv"])
    assert len(tabela) == N
    assert list(tabela.columns) == bd.EVENT_COLUMNS
    # plano e região são do cliente: cada id tem um só
    assert tabela.groupby("id_cliente")[["plano", "regiao"]].nunique().max().max() == 1


def test_csv_e_parquet_guardam_os_mesmos_eventos(eventos):
    pd.testing.assert_frame_equal(bd.read_events(eventos["csv"]),
                                  bd.read_events(eventos["parquet"]), check_dtype=False)


def test_pandas_confere_com_os_eventos(eventos, referencia):
    brutos = bd.read_events(eventos["parquet"])
    assert referencia["eventos"].sum() == N
    assert referencia["valor_total"].sum() == pytest.approx(brutos["valor"].sum())
    assert referencia["id_cliente"].is_unique
    assert list(referencia.columns) == bd.RESULT_COLUMNS
    premium = referencia[referencia["plano"] == "Premium"]
    assert (premium["franquia_mb"] == 50_000).all()
    excedente = (referencia["dados_mb_total"] - referencia["franquia_mb"]).clip(lower=0)
    pd.testing.assert_series_equal(referencia["excedente_mb"], excedente, check_names=False)


@pytest.mark.parametrize("fmt", bd.FORMATS)
@pytest.mark.parametrize("engine", ["pandas", "pandas_chunks", "duckdb", "polars"])
def test_motores_dao_o_mesmo_resultado(engine, fmt, eventos, referencia):
    kwargs = {"chunk_rows": 1_000} if engine == "pandas_chunks" else {}
    resultado = bd.run(engine, eventos[fmt], **kwargs)
    pd.testing.assert_frame_equal(resultado, referencia, rtol=1e-9)


@pytest.mark.parametrize("fmt", bd.FORMATS)
def test_dask_com_o_codigo_do_pandas_da_o_mesmo_resultado(fmt, eventos, referencia,
                                                           cliente_dask):
    resultado = bd.run("dask", eventos[fmt], client=cliente_dask)
    pd.testing.assert_frame_equal(resultado, referencia, rtol=1e-9)


def test_pedacos_respeitam_o_tamanho(eventos):
    tamanhos = [len(p) for p in bd.iter_chunks(eventos["parquet"], chunk_rows=1_000)]
    assert max(tamanhos) <= 1_000
    assert sum(tamanhos) == N


def test_pedacos_cabem_onde_a_tabela_inteira_nao_cabe(tmp_path):
    n = 2_000_000
    pasta = bd.generate_events(tmp_path / "grande", n)
    inteira = measure("pandas", pasta)
    assert inteira["status"] == "ok", inteira["error"]
    acima_da_base = inteira["peak_mb"] - inteira["base_mb"]
    assert acima_da_base > 200  # a tabela inteira pesa (~130 bytes por linha)
    # Os pedaços custam um valor fixo (o leitor do Arrow, um pedaço, os resumos),
    # que não cresce com o arquivo; 3/4 do que a tabela inteira pede basta.
    limite = inteira["base_mb"] + 0.75 * acima_da_base
    em_pedacos = measure("pandas_chunks", pasta, memory_limit_mb=limite)
    assert em_pedacos["status"] == "ok", em_pedacos
    assert em_pedacos["clients"] == inteira["clients"] == bd.default_clients(n)
    sem_caber = measure("pandas", pasta, memory_limit_mb=limite)
    assert sem_caber["status"] == "não coube"
    assert sem_caber["seconds"] is None


def test_medicao_relata_erro_do_motor(tmp_path):
    pasta = tmp_path / "quebrado"
    pasta.mkdir()
    (pasta / "part-00000.parquet").write_text("isto não é Parquet")
    resultado = measure("pandas", pasta)
    assert resultado["status"] == "erro"
    assert resultado["error"]


@pytest.mark.parametrize("chamada, trecho", [
    (lambda p: bd.run("spark", p), "Motor 'spark' desconhecido"),
    (lambda p: measure("spark", p), "Use um destes: pandas, pandas_chunks"),
    (lambda p: bd.generate_events(p / "x", 0), "n_rows precisa ser um número inteiro positivo"),
    (lambda p: bd.generate_events(p / "x", 10, fmt="xlsx"), "Formato 'xlsx' desconhecido"),
    (lambda p: bd.run("pandas", p / "nada"), "Gere os dados antes"),
    (lambda p: bd.run("duckdb", p), "não tem arquivos de eventos"),
    (lambda p: bd.run("pandas_chunks", p, chunk_rows=-5), "chunk_rows precisa ser"),
])
def test_erros_de_entrada_em_portugues(tmp_path, chamada, trecho):
    with pytest.raises(MlopsLabError, match=trecho):
        chamada(tmp_path)


def test_pasta_existente_nao_e_sobrescrita_nem_fica_pela_metade(tmp_path):
    pasta = bd.generate_events(tmp_path / "ev", 100)
    antes = bd.read_events(pasta)
    with pytest.raises(MlopsLabError, match="já existe"):
        bd.generate_events(pasta, 500)
    pd.testing.assert_frame_equal(bd.read_events(pasta), antes)
    assert len(bd.read_events(bd.generate_events(pasta, 500, overwrite=True))) == 500
    assert [p.name for p in tmp_path.iterdir()] == ["ev"]  # nenhum temporário sobrou
