"""mlops_lab._fs: a guarda da pasta de saída, a troca de pastas e as gravações atômicas.

Cada teste provoca uma falha de verdade (uma exceção ou um Ctrl+C no meio da escrita) e
confere, byte a byte, que o destino ficou como estava e que nenhum temporário sobrou.
"""

import json
import os
import stat

import pytest

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError


def retrato(pasta):
    """Todos os arquivos e pastas abaixo de ``pasta``, com os bytes de cada arquivo."""
    return {str(p.relative_to(pasta)): p.read_bytes() if p.is_file() else "pasta"
            for p in sorted(pasta.rglob("*"))}


@pytest.fixture
def destino(tmp_path):
    """Uma pasta de artefatos que já existe, gravada antes."""
    pasta = tmp_path / "artifacts"
    pasta.mkdir()
    (pasta / "metadata.json").write_text('{"version": 1}\n')
    (pasta / "sub").mkdir()
    (pasta / "sub" / "dados.csv").write_bytes(b"a;b\n1;2\n")
    return pasta


def test_staged_dir_troca_a_pasta_inteira(destino, tmp_path):
    with _fs.staged_dir(destino) as pasta:
        assert pasta.parent == destino.parent and pasta.name.startswith(".")
        (pasta / "metadata.json").write_text('{"version": 2}\n')
    assert retrato(tmp_path) == {"artifacts": "pasta",
                                 "artifacts/metadata.json": b'{"version": 2}\n'}
    # A pasta nova tem as permissões normais (o mkdtemp cria com 0700).
    mascara = os.umask(0)
    os.umask(mascara)
    assert stat.S_IMODE(destino.stat().st_mode) == 0o777 & ~mascara


@pytest.mark.parametrize("excecao", [RuntimeError("falhou no meio"), KeyboardInterrupt()])
def test_staged_dir_com_falha_deixa_o_destino_como_estava(destino, tmp_path, excecao):
    antes = retrato(tmp_path)
    with pytest.raises(type(excecao)):
        with _fs.staged_dir(destino) as pasta:
            (pasta / "metadata.json").write_text('{"version": 2}\n')
            (pasta / "model.skops").write_bytes(b"pela metade")
            raise excecao
    assert retrato(tmp_path) == antes


def test_staged_dir_com_falha_apaga_as_pastas_que_criou(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with _fs.staged_dir(tmp_path / "a" / "b" / "artifacts") as pasta:
            (pasta / "x.txt").write_text("x")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_staged_dir_cria_a_pasta_de_cima(tmp_path):
    with _fs.staged_dir(tmp_path / "a" / "b" / "artifacts") as pasta:
        (pasta / "x.txt").write_text("x")
    assert retrato(tmp_path)["a/b/artifacts/x.txt"] == b"x"


def test_replace_dir_que_falha_no_meio_devolve_o_destino(destino, tmp_path, monkeypatch):
    """A segunda renomeação falha (disco, permissão): a pasta antiga volta para o lugar."""
    nova = tmp_path / "nova"
    nova.mkdir()
    (nova / "metadata.json").write_text("novo")
    antes = retrato(tmp_path)
    renomear = type(nova).rename

    def rename(self, alvo):
        if self == nova:
            raise OSError(28, "No space left on device")
        return renomear(self, alvo)

    monkeypatch.setattr(type(nova), "rename", rename)
    with pytest.raises(OSError):
        _fs.replace_dir(nova, destino)
    assert retrato(tmp_path) == antes


def test_replace_dir_guarda_a_anterior_e_volta_atras(destino, tmp_path):
    nova = tmp_path / "nova"
    nova.mkdir()
    (nova / "metadata.json").write_text("novo")
    anterior = tmp_path / "artifacts.previous"
    _fs.replace_dir(nova, destino, previous=anterior)
    assert (destino / "metadata.json").read_text() == "novo"
    assert (anterior / "sub" / "dados.csv").exists()
    _fs.replace_dir(anterior, destino, previous=anterior)  # voltar atrás: trocam de lugar
    assert (destino / "sub" / "dados.csv").exists()
    assert (anterior / "metadata.json").read_text() == "novo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["artifacts", "artifacts.previous"]


@pytest.mark.parametrize("excecao", [RuntimeError("disco cheio"), KeyboardInterrupt()])
def test_atomic_path_com_falha_nao_deixa_arquivo_pela_metade(tmp_path, excecao):
    arquivo = tmp_path / "previsoes.csv.gz"
    arquivo.write_bytes(b"antigo")
    with pytest.raises(type(excecao)):
        with _fs.atomic_path(arquivo) as temporario:
            assert temporario.parent == tmp_path and temporario.name.endswith(".csv.gz")
            temporario.write_bytes(b"pela me")
            raise excecao
    assert retrato(tmp_path) == {"previsoes.csv.gz": b"antigo"}


def test_write_json_no_formato_do_curso(tmp_path):
    arquivo = _fs.write_json(tmp_path / "m.json", {"precisão": 0.5, "quando": tmp_path},
                             default=str)
    texto = arquivo.read_text(encoding="utf-8")
    assert texto == json.dumps({"precisão": 0.5, "quando": str(tmp_path)}, indent=2,
                               ensure_ascii=False) + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_write_json_que_nao_serializa_nao_toca_no_destino(tmp_path):
    arquivo = _fs.write_json(tmp_path / "m.json", {"a": 1})
    with pytest.raises(TypeError):
        _fs.write_json(arquivo, {"a": object()})
    assert retrato(tmp_path) == {"m.json": b'{\n  "a": 1\n}\n'}


def test_check_out_recusa_arquivo_e_pasta_alheia(tmp_path):
    arquivo = tmp_path / "notas.txt"
    arquivo.write_text("meu")
    with pytest.raises(MlopsLabError, match="já existe e é um arquivo. Em --model-out"):
        _fs.check_out(arquivo, "metadata.json", option="--model-out")
    with pytest.raises(MlopsLabError, match="não são artefatos do mlops-lab"):
        _fs.check_out(tmp_path, "metadata.json")
    with pytest.raises(MlopsLabError, match=r"^nomes: notas\.txt$"):
        _fs.check_out(tmp_path, known={"batches.csv"},
                      message=lambda pasta, opcao, nomes: "nomes: " + ", ".join(nomes))
    assert retrato(tmp_path) == {"notas.txt": b"meu"}


def test_check_out_aceita_pasta_nova_vazia_ou_do_proprio_comando(tmp_path):
    _fs.check_out(tmp_path / "nao_existe", "metadata.json")
    _fs.check_out(tmp_path, "metadata.json")  # vazia
    (tmp_path / "metadata.json").write_text("{}")
    (tmp_path / "outro.csv").write_text("x")
    _fs.check_out(tmp_path, "metadata.json")  # tem a marca: é do comando
    _fs.check_out(tmp_path, known=lambda nome: nome.endswith((".json", ".csv")))


def test_undo_on_error_corta_acrescimos_e_apaga_o_que_criou(tmp_path):
    log = tmp_path / "batches.csv"
    log.write_text("lote\n1\n")
    with pytest.raises(KeyboardInterrupt):
        with _fs.undo_on_error(log, tmp_path / "predictions", tmp_path / "alerts.log"):
            with log.open("a") as f:
                f.write("2\n")
            (tmp_path / "predictions").mkdir()
            (tmp_path / "predictions" / "part-000002.parquet").write_bytes(b"PAR1")
            (tmp_path / "alerts.log").write_text("ALERTA")
            raise KeyboardInterrupt
    assert retrato(tmp_path) == {"batches.csv": b"lote\n1\n"}


def test_undo_on_error_sem_erro_mantem_tudo(tmp_path):
    with _fs.undo_on_error(tmp_path / "novo.txt"):
        (tmp_path / "novo.txt").write_text("ok")
    assert retrato(tmp_path) == {"novo.txt": b"ok"}
