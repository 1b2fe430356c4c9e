"""Extras opcionais (``pip install 'mlops-lab[grade]'``, ``[bigdata]``): sem eles, o
comando diz o que instalar, em português, e sai com código 2, sem *traceback*."""

import sys

import pytest

from mlops_lab.cli import main
from mlops_lab.errors import MlopsLabError


@pytest.mark.parametrize("pacote", ["nbformat", "nbclient"])
def test_grade_sem_o_extra_diz_como_instalar(tmp_path, monkeypatch, capsys, pacote):
    entrega = tmp_path / "entrega.ipynb"
    entrega.write_text("{}")
    monkeypatch.setitem(sys.modules, pacote, None)  # como se o pacote não estivesse instalado
    codigo = main(["grade", str(entrega), "--out", str(tmp_path / "notas.csv")])
    erro = capsys.readouterr().err
    assert codigo == 2, erro
    assert f"precisa do pacote {pacote}, que não está instalado" in erro
    assert "pip install 'mlops-lab[grade]'" in erro and "Traceback" not in erro
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entrega.ipynb"]


@pytest.mark.parametrize("motor,pacote", [("duckdb", "duckdb"), ("polars", "polars")])
def test_bigdata_sem_o_extra_diz_como_instalar(tmp_path, monkeypatch, motor, pacote):
    from mlops_lab.bigdata import generate_events, run

    pasta = generate_events(tmp_path / "eventos", 500)
    monkeypatch.setitem(sys.modules, pacote, None)
    with pytest.raises(MlopsLabError, match=rf"pacote {pacote}, .*mlops-lab\[bigdata\]"):
        run(motor, pasta)


def test_medicao_sem_psutil_diz_como_instalar(tmp_path, monkeypatch):
    from benchmarks.process_measure import measure
    from mlops_lab.bigdata import generate_events

    pasta = generate_events(tmp_path / "eventos", 500)
    monkeypatch.setitem(sys.modules, "psutil", None)
    with pytest.raises(MlopsLabError, match=r"pacote psutil, .*mlops-lab\[bigdata\]"):
        measure("pandas", pasta)


def test_extras_declarados_no_pyproject():
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text())["project"]["optional-dependencies"]
    nomes = {k: {d.split(">")[0].split("[")[0].split("=")[0].strip() for d in v}
             for k, v in extras.items()}
    assert {"duckdb", "polars", "dask", "psutil"} <= nomes["bigdata"]
    assert {"nbformat", "nbclient", "ipykernel"} <= nomes["grade"]
