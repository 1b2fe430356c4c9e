"""A geração do livro lê as páginas em paralelo (scripts/build_book.py, _ext/paralelo.py).

Se uma extensão nova não declarar que aceita leitura em paralelo, o Sphinx volta a
executar as páginas uma depois da outra, sem aviso que derrube a geração: o
``make test`` ficaria minutos mais lento. Estes testes pegam isso antes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts" / "build_book.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


@pytest.mark.parametrize("pedido, esperado", [("1", 1), ("3", 3), ("0", None), ("x", None)])
def test_numero_de_processos(monkeypatch, pedido, esperado):
    monkeypatch.setenv("LIVRO_PROCESSOS", pedido)
    n = _script().processos()
    assert n == esperado if esperado else 1 <= n <= 4


def test_todas_as_extensoes_do_livro_aceitam_leitura_em_paralelo(tmp_path):
    from jupyter_book.config import get_final_config
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    config, _ = get_final_config(user_yaml=ROOT / "_config.yml", sourcedir=ROOT,
                                 cli_config={"latex_individualpages": False},
                                 use_external_toc=True)
    # Só o que o teste precisa: montar a aplicação com as extensões, sem ler página.
    config["exclude_patterns"] = ["**"]
    with docutils_namespace():
        app = Sphinx(srcdir=str(ROOT), confdir=None, outdir=str(tmp_path / "html"),
                     doctreedir=str(tmp_path / "doctrees"), buildername="html",
                     confoverrides=config, status=None, warning=None, parallel=2)
        inseguras = sorted(nome for nome, ext in app.extensions.items()
                           if not ext.parallel_read_safe)
        assert app.is_parallel_allowed("read"), (
            f"Extensões sem leitura em paralelo: {inseguras}. Se uma delas é segura (não "
            "guarda estado entre páginas durante a leitura), declare-a em _ext/paralelo.py.")


def test_script_chega_ao_comando_do_jupyter_book():
    """O script troca o build_sphinx e entrega ao comando de verdade (aqui, a ajuda)."""
    import subprocess
    import sys

    pronto = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_book.py"), "--help"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert pronto.returncode == 0, pronto.stderr
    assert "PATH_SOURCE" in pronto.stdout


def test_cache_de_execucao_criado_antes_da_leitura_em_paralelo(tmp_path):
    import sqlite3

    caminho = _script().prepare_cache(tmp_path)
    assert caminho == tmp_path / "_build" / ".jupyter_cache"
    tabelas = {linha[0] for linha in sqlite3.connect(caminho / "global.db").execute(
        "select name from sqlite_master where type = 'table'")}
    assert "settings" in tabelas
    _script().prepare_cache(tmp_path)  # de novo, sobre o banco que já existe: sem erro
