"""Cada comando que grava: uma falha no meio da escrita deixa o destino como estava.

Para cada comando, o destino é criado por uma execução de verdade; depois, uma segunda
execução de verdade falha no meio da gravação (uma etapa interna, trocada aqui, grava a
sua parte e só então levanta uma exceção ou um Ctrl+C). O teste confere, byte a byte,
que a pasta de trabalho inteira (o destino e o que está ao lado dele) ficou igual e que
nenhum arquivo ou pasta temporária sobrou.
"""

import shutil

import pandas as pd
import pytest

from mlops_lab import _fs
from mlops_lab.cli import main
from tests.code.test_fs import retrato

RAPIDO = ["--algorithms", "logistic_regression", "--cv", "2", "--quiet"]


def falhar_na_chamada(monkeypatch, alvo, nome, n=1, excecao=KeyboardInterrupt, antes=False):
    """Troca ``alvo.nome`` por uma versão que, na ``n``-ésima chamada, levanta ``excecao``.

    Com ``antes=False``, a chamada que falha faz antes o seu trabalho de verdade (grava o
    que tinha de gravar): a falha acontece com a escrita pela metade.
    """
    original = getattr(alvo, nome)
    chamadas = []

    def trocada(*args, **kwargs):
        chamadas.append(1)
        if len(chamadas) == n and antes:
            raise excecao("falha simulada")
        resultado = original(*args, **kwargs)
        if len(chamadas) == n:
            raise excecao("falha simulada")
        return resultado

    monkeypatch.setattr(alvo, nome, trocada)
    return chamadas


def confere_intacto(tmp_path, antes, codigo, capsys, esperado):
    erro = capsys.readouterr().err
    assert codigo == esperado, erro
    assert "Traceback" not in erro
    assert retrato(tmp_path) == antes


@pytest.fixture(scope="module")
def preparado(tmp_path_factory):
    pasta = tmp_path_factory.mktemp("preparado") / "prepared"
    assert main(["prepare", "--out", str(pasta)]) == 0
    return pasta


def test_run(tmp_path, model_dir, monkeypatch, capsys):
    import mlops_lab.drift

    out = tmp_path / "artifacts"
    shutil.copytree(model_dir, out)  # o destino: um 'mlops-lab run' anterior
    antes = retrato(tmp_path)
    # A referência é gravada depois do modelo e dos metadados: a pasta nova está pela metade.
    chamadas = falhar_na_chamada(monkeypatch, mlops_lab.drift, "write_reference")
    codigo = main(["run", "--out", str(out), "--no-plots", *RAPIDO])
    assert chamadas == [1]
    confere_intacto(tmp_path, antes, codigo, capsys, 130)


def test_prepare(tmp_path, monkeypatch, capsys):
    import mlops_lab.data

    out = tmp_path / "prepared"
    assert main(["prepare", "--out", str(out)]) == 0
    antes = retrato(tmp_path)
    falhar_na_chamada(monkeypatch, mlops_lab.data, "to_parquet", n=2, excecao=RuntimeError)
    codigo = main(["prepare", "--out", str(out), "--seed", "7"])
    confere_intacto(tmp_path, antes, codigo, capsys, 1)


def test_train(tmp_path, model_dir, preparado, monkeypatch, capsys):
    import mlops_lab.drift

    out = tmp_path / "model"
    shutil.copytree(model_dir, out)
    antes = retrato(tmp_path)
    falhar_na_chamada(monkeypatch, mlops_lab.drift, "write_reference", excecao=RuntimeError)
    codigo = main(["train", "--prepared", str(preparado), "--out", str(out), *RAPIDO])
    confere_intacto(tmp_path, antes, codigo, capsys, 1)


def test_evaluate(tmp_path, model_dir, preparado, monkeypatch, capsys):
    import mlops_lab.run_outputs

    out = tmp_path / "evaluation"
    comando = ["evaluate", "--model", str(model_dir), "--prepared", str(preparado),
               "--out", str(out)]
    assert main([*comando, "--no-plots"]) == 0
    antes = retrato(tmp_path)
    # metrics.json já está na pasta nova quando os gráficos falham.
    falhar_na_chamada(monkeypatch, mlops_lab.run_outputs, "_write_plots")
    confere_intacto(tmp_path, antes, main(comando), capsys, 130)


def test_predict(tmp_path, model_dir, monkeypatch, capsys):
    from mlops_lab.data import example_path

    saida = tmp_path / "previsoes.csv"
    comando = ["predict", "--model", str(model_dir), "--data", str(example_path()),
               "--output", str(saida)]
    assert main(comando) == 0
    antes = retrato(tmp_path)
    falhar_na_chamada(monkeypatch, pd.DataFrame, "to_csv")  # grava tudo e só então falha
    confere_intacto(tmp_path, antes, main(comando), capsys, 130)


def test_grade(tmp_path, monkeypatch, capsys):
    entrega = tmp_path / "entrega.ipynb"
    entrega.write_text("isto não é um notebook")  # corrigido sem abrir kernel: nota 0
    notas = tmp_path / "notas.csv"
    comando = ["grade", str(entrega), "--out", str(notas), "--quiet"]
    assert main(comando) == 0
    antes = retrato(tmp_path)
    falhar_na_chamada(monkeypatch, pd.DataFrame, "to_csv", excecao=RuntimeError)
    confere_intacto(tmp_path, antes, main(comando), capsys, 1)


@pytest.mark.parametrize("excecao", [KeyboardInterrupt, RuntimeError])
def test_stream_falha_no_primeiro_lote(tmp_path, model_dir, monkeypatch, capsys, excecao):
    import mlops_lab.stream.files

    out = tmp_path / "monitoring"
    comando = ["stream", "--model", str(model_dir), "--out", str(out), "--rows", "400",
               "--batch-size", "200", "--rate", "0", "--quiet"]
    assert main(comando) == 0
    antes = retrato(tmp_path)
    # A parte em Parquet e as linhas de drift.csv já foram gravadas; batches.csv, não.
    falhar_na_chamada(monkeypatch, mlops_lab.stream.files, "append_csv", n=2, excecao=excecao)
    confere_intacto(tmp_path, antes, main(comando), capsys,
                    130 if excecao is KeyboardInterrupt else 1)


def test_stream_falha_no_meio_guarda_os_lotes_inteiros(tmp_path, model_dir, monkeypatch,
                                                      capsys):
    """Num fluxo, os lotes já gravados ficam; o lote que falhou não deixa rastro."""
    import mlops_lab.stream.files

    out = tmp_path / "monitoring"
    falhar_na_chamada(monkeypatch, mlops_lab.stream.files, "append_csv", n=6)  # 3º lote
    codigo = main(["stream", "--model", str(model_dir), "--out", str(out), "--rows", "1000",
                   "--batch-size", "200", "--rate", "0", "--quiet"])
    assert codigo == 130, capsys.readouterr().err
    lotes = pd.read_csv(out / "batches.csv")
    assert list(lotes["lote"]) == [1, 2]
    assert sorted(p.name for p in (out / "predictions").iterdir()) == [
        "part-000001.parquet", "part-000002.parquet"]
    assert set(pd.read_csv(out / "drift.csv")["lote"]) == {1, 2}
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]


def test_dataops(tmp_path, monkeypatch, capsys):
    from mlops_lab.dataops import make_batch

    out = tmp_path / "published"
    assert main(["dataops", "--out", str(out)]) == 0
    remessa = tmp_path / "remessa.csv"
    make_batch(seed=11).to_csv(remessa, index=False)
    antes = retrato(tmp_path)
    # A versão nova já está em versions/ quando LATEST.json vai ser trocado: nada muda.
    falhar_na_chamada(monkeypatch, _fs, "write_json", n=2, antes=True)
    codigo = main(["dataops", "--data", str(remessa), "--out", str(out)])
    confere_intacto(tmp_path, antes, codigo, capsys, 130)


def test_aiops(tmp_path, monkeypatch, capsys):
    out = tmp_path / "telemetria"
    comando = ["aiops", "--days", "1", "--history-days", "2", "--out", str(out)]
    assert main(comando) == 0
    antes = retrato(tmp_path)
    falhar_na_chamada(monkeypatch, pd.DataFrame, "to_csv", n=3, excecao=RuntimeError)
    confere_intacto(tmp_path, antes, main([*comando, "--seed", "5"]), capsys, 1)


def test_aiops_recusa_pasta_alheia(tmp_path, capsys):
    (tmp_path / "meu.txt").write_text("meu")
    antes = retrato(tmp_path)
    codigo = main(["aiops", "--days", "1", "--history-days", "2", "--out", str(tmp_path)])
    assert codigo == 2 and "não são artefatos do mlops-lab" in capsys.readouterr().err
    assert retrato(tmp_path) == antes


def test_generate_events(tmp_path, monkeypatch):
    from mlops_lab.bigdata import generate_events

    pasta = generate_events(tmp_path / "eventos", 900, rows_per_part=300)
    antes = retrato(tmp_path)
    falhar_na_chamada(monkeypatch, pd.DataFrame, "to_parquet", n=2)
    with pytest.raises(KeyboardInterrupt):
        generate_events(pasta, 900, seed=1, rows_per_part=300, overwrite=True)
    assert retrato(tmp_path) == antes


def test_generate_events_nao_apaga_pasta_alheia(tmp_path):
    from mlops_lab.bigdata import generate_events
    from mlops_lab.errors import MlopsLabError

    (tmp_path / "tese.pdf").write_bytes(b"%PDF")
    with pytest.raises(MlopsLabError, match="não são eventos gerados aqui"):
        generate_events(tmp_path, 900, overwrite=True)
    assert retrato(tmp_path) == {"tese.pdf": b"%PDF"}


def test_init_dvc_project(tmp_path, monkeypatch):
    from mlops_lab.dvc_stages import init_dvc_project

    (tmp_path / "README.md").write_text("meu projeto")
    falhar_na_chamada(monkeypatch, _fs, "write_bytes", excecao=RuntimeError)
    with pytest.raises(RuntimeError):
        init_dvc_project(tmp_path)
    assert retrato(tmp_path) == {"README.md": b"meu projeto"}


def test_promote_que_falha_no_meio_mantem_o_modelo_no_ar(tmp_path, model_dir, monkeypatch):
    from pathlib import Path

    from mlops_lab.package import promote

    no_ar, candidato = tmp_path / "no_ar", tmp_path / "candidato"
    shutil.copytree(model_dir, no_ar)
    shutil.copytree(model_dir, candidato)
    (candidato / "tuning.csv").write_text("novo")
    antes = retrato(tmp_path)
    renomear = Path.rename

    def rename(self, alvo):
        if self == candidato:
            raise KeyboardInterrupt
        return renomear(self, alvo)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        promote(candidato, no_ar)
    assert retrato(tmp_path) == antes


def test_pseudonymize(tmp_path, monkeypatch, capsys):
    import os

    monkeypatch.setenv("MLOPS_LAB_PSEUDO_KEY", "chave-de-teste-com-mais-de-16-bytes")
    entrada, saida = tmp_path / "dados.csv", tmp_path / "pseudo.csv"
    entrada.write_text("id_cliente;idade\nCLI-000001;43\n", encoding="utf-8")
    comando = ["pseudonymize", "--data", str(entrada), "--column", "id_cliente",
               "--out", str(saida)]
    assert main(comando) == 0
    antes = retrato(tmp_path)
    # O temporário já foi gravado; a troca pelo destino é interrompida.
    falhar_na_chamada(monkeypatch, os, "replace", antes=True)
    confere_intacto(tmp_path, antes, main(comando), capsys, 130)
