"""Entradas inválidas: código 2, mensagem clara em português e nada perdido."""

import bz2
import gzip
import hashlib
import zipfile

import pandas as pd
import pytest

from mlops_lab.data import example_path
from tests.helpers import run_cli


def _snapshot(pasta):
    return {p.relative_to(pasta).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(pasta.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_out(tmp_path_factory, ):
    """Uma pasta de artefatos de uma execução anterior, que não pode ser estragada."""
    out = tmp_path_factory.mktemp("anterior") / "artifacts"
    r = run_cli("run", "--out", out, "--algorithms", "logistic_regression", "--no-plots",
                "--quiet")
    assert r.returncode == 0, r.stderr
    return out


def _pequeno(n=10):
    df = pd.read_csv(example_path(), sep=";", decimal=",").head(n)
    return df


CASOS = {
    "inexistente": (lambda d: d / "nao_existe.csv", [], "não existe"),
    "vazio": (lambda d: _escreve(d / "vazio.csv", b""), [], "está vazio"),
    "binario": (lambda d: _escreve(d / "foto.csv", bytes(range(256)) * 20), [], "binário"),
    "so_cabecalho": (lambda d: _escreve(d / "cab.csv", b"idade;plano;cancelou\n"), [],
                     "só tem o cabeçalho"),
    "pasta": (lambda d: d, [], "é uma pasta"),
    "alvo_inexistente": (lambda d: example_path(), ["--target", "cancelado"],
                         "Você quis dizer: cancelou"),
    "uma_classe": (lambda d: _csv(d / "uma.csv", _pequeno(200).assign(cancelou="Não")), [],
                   "uma única classe"),
    "poucas_linhas": (lambda d: _csv(d / "poucas.csv", _pequeno(12)), [], "poucas linhas"),
    "colunas_repetidas": (lambda d: _escreve(d / "rep.csv", b"a;b;a\n1;2;3\n4;5;6\n"), [],
                          "mesmo nome"),
    "latin1_forcado_errado": (lambda d: _csv(d / "l1.csv", _pequeno(50), encoding="latin-1"),
                              ["--encoding", "ascii"], "codificação"),
    "algoritmo": (lambda d: example_path(), ["--algorithms", "xgboost"], "desconhecido"),
    # CSV comprimido com defeito: a mensagem diz o que houve com o arquivo.
    "gz_corrompido": (lambda d: _escreve(d / "cortado.csv.gz", _gz()[:6000]), [],
                      "está corrompido, incompleto ou não é gzip"),
    "gz_que_nao_e_gzip": (lambda d: _escreve(d / "falso.csv.gz", b"a;b\n1;2\n"), [],
                          "não é gzip de verdade"),
    "gz_que_nao_e_csv": (lambda d: _escreve(d / "foto.csv.gz",
                                            gzip.compress(bytes(range(256)) * 20)), [],
                         "descomprimido, é binário"),
    "zip_com_varios": (lambda d: _zip(d / "meses.csv.zip", ["jan.csv", "fev.csv"]), [],
                       "contém 2 arquivos (jan.csv, fev.csv)"),
    "zip_sem_nada": (lambda d: _zip(d / "vazio.csv.zip", []), [], "não contém nenhum arquivo"),
    "zip_corrompido": (lambda d: _escreve(d / "falso.csv.zip", b"PK\x03\x04 nada disso"), [],
                       "não é zip de verdade"),
    "bz2_corrompido": (lambda d: _escreve(d / "cortado.csv.bz2",
                                          bz2.compress(example_path().read_bytes())[:6000]),
                       [], "como bz2"),
}


def _gz():
    return gzip.compress(example_path().read_bytes())


def _zip(caminho, nomes):
    with zipfile.ZipFile(caminho, "w") as arquivo_zip:
        for nome in nomes:
            arquivo_zip.writestr(nome, example_path().read_bytes())
    return caminho


def _escreve(caminho, conteudo):
    caminho.write_bytes(conteudo)
    return caminho


def _csv(caminho, df, encoding="utf-8"):
    df.to_csv(caminho, sep=";", decimal=",", index=False, encoding=encoding)
    return caminho


@pytest.mark.parametrize("caso", list(CASOS))
def test_run_com_entrada_invalida(caso, tmp_path, previous_out):
    criar, extras, trecho = CASOS[caso]
    antes = _snapshot(previous_out)
    r = run_cli("run", "--data", criar(tmp_path), "--out", previous_out, "--quiet", *extras)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert trecho in r.stderr
    assert r.stderr.startswith("mlops-lab: erro: ")
    assert "Traceback" not in r.stderr and len(r.stderr) < 600
    assert _snapshot(previous_out) == antes
    restos = [p.name for p in previous_out.parent.iterdir() if p.name != previous_out.name]
    assert restos == []  # nenhuma pasta temporária esquecida


def test_out_que_e_arquivo_ou_pasta_alheia(tmp_path):
    arquivo = tmp_path / "arquivo.txt"
    arquivo.write_text("meu texto")
    r = run_cli("run", "--out", arquivo, "--quiet")
    assert r.returncode == 2 and "é um arquivo" in r.stderr
    alheia = tmp_path / "documentos"
    alheia.mkdir()
    (alheia / "tese.docx").write_text("importante")
    r = run_cli("run", "--out", alheia, "--quiet")
    assert r.returncode == 2 and "não são artefatos do mlops-lab" in r.stderr
    assert (alheia / "tese.docx").read_text() == "importante"


def test_predict_com_colunas_faltando(tmp_path, previous_out):
    dados = _csv(tmp_path / "novos.csv", _pequeno(5).drop(columns=["plano", "idade"]))
    saida = tmp_path / "previsoes.csv"
    r = run_cli("predict", "--model", previous_out, "--data", dados, "--output", saida)
    assert r.returncode == 2
    assert "faltam colunas" in r.stderr and "idade" in r.stderr and "plano" in r.stderr
    assert not saida.exists()


def test_predict_com_texto_em_coluna_numerica(tmp_path, previous_out):
    dados = _csv(tmp_path / "novos.csv", _pequeno(5).astype({"idade": object})
                 .assign(idade=["trinta", 30, 40, 50, 60]))
    r = run_cli("predict", "--model", previous_out, "--data", dados)
    assert r.returncode == 2 and "'idade' deveria ser numérica" in r.stderr


def test_predict_com_pasta_de_modelo_invalida(tmp_path):
    r = run_cli("predict", "--model", tmp_path, "--data", example_path())
    assert r.returncode == 2 and "não tem model.skops" in r.stderr


def test_predict_output_em_pasta_inexistente(tmp_path, previous_out):
    r = run_cli("predict", "--model", previous_out, "--data", example_path(),
                "--output", tmp_path / "nao" / "existe.csv")
    assert r.returncode == 2 and "não existe" in r.stderr


@pytest.mark.parametrize("nome,conteudo,trecho", [
    ("novos.csv.gz", lambda: _gz()[:6000], "incompleto"),
    ("novos.csv.zip", None, "contém 2 arquivos"),
])
def test_predict_com_comprimido_invalido(tmp_path, previous_out, nome, conteudo, trecho):
    dados = tmp_path / nome
    if conteudo is None:
        _zip(dados, ["a.csv", "b.csv"])
    else:
        dados.write_bytes(conteudo())
    saida = tmp_path / "previsoes.csv"
    r = run_cli("predict", "--model", previous_out, "--data", dados, "--output", saida)
    assert r.returncode == 2 and r.stderr.startswith("mlops-lab: erro: ")
    assert trecho in r.stderr and "Traceback" not in r.stderr
    assert not saida.exists() and list(tmp_path.iterdir()) == [dados]
