"""O DVC de verdade, pela linha de comando, num repositório git temporário.

É a demonstração local do DVC citada no catálogo de ferramentas
(``mlops_lab.catalog``) e o mesmo roteiro do notebook do capítulo 7: dados
versionados com ``dvc add`` e um remoto local, o pipeline do ``dvc.yaml``
(estágios ``mlops-lab prepare|train|evaluate``), ``dvc repro``,
``dvc metrics diff`` e um experimento com ``dvc exp run -S``.
"""

import hashlib
import json
import shutil

import pytest

from mlops_lab.dvc_stages import init_dvc_project
from mlops_lab.shell import shell


def _sha(caminho) -> str:
    return hashlib.sha256(caminho.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def projeto(tmp_path_factory):
    raiz = tmp_path_factory.mktemp("dvc")
    proj = init_dvc_project(raiz / "projeto")
    for comando in ("git init -q", "git config user.name 'Aluna do curso'",
                    "git config user.email aluna@example.com", "dvc init -q",
                    "dvc config core.analytics false", "dvc config core.check_update false"):
        shell(comando, cwd=proj, echo=False)
    return proj


def test_dvc_add_push_e_pull_pelo_remoto_local(projeto):
    dados = projeto / "data" / "clientes.csv"
    original = _sha(dados)
    shell("dvc add data/clientes.csv", cwd=projeto, echo=False)
    rastreio = (projeto / "data" / "clientes.csv.dvc").read_text()
    assert "md5:" in rastreio
    assert "clientes.csv" in (projeto / "data" / ".gitignore").read_text()  # o git não vê os dados
    shell(f"dvc remote add -d local {projeto.parent / 'remoto'}", cwd=projeto, echo=False)
    shell("dvc push", cwd=projeto, echo=False)
    # Perde o cache e os dados; o remoto devolve o mesmo arquivo, byte a byte.
    shutil.rmtree(projeto / ".dvc" / "cache")
    dados.unlink()
    shell("dvc pull data/clientes.csv", cwd=projeto, echo=False)
    assert _sha(dados) == original
    shell("git add -A && git commit -qm 'Dados versionados com o DVC'", cwd=projeto, echo=False)


def test_repro_metrics_diff_e_experimento(projeto):
    saida = shell("dvc repro", cwd=projeto, echo=False)
    for estagio in ("prepare", "train", "evaluate"):
        assert f"Running stage '{estagio}'" in saida
    assert (projeto / "dvc.lock").is_file()
    metricas = json.loads((projeto / "evaluation" / "metrics.json").read_text())
    assert metricas["algorithm"] == "logistic_regression"
    shell("git add -A && git commit -qm 'Primeira execução do pipeline'", cwd=projeto,
          echo=False)

    # Nada mudou: o DVC não refaz nenhum estágio.
    saida = shell("dvc repro", cwd=projeto, echo=False)
    assert "Running stage" not in saida

    # Muda só um parâmetro do prepare: os três estágios rodam de novo (dependem dele).
    params = projeto / "params.yaml"
    params.write_text(params.read_text().replace("test_size: 0.2", "test_size: 0.3"))
    saida = shell("dvc repro", cwd=projeto, echo=False)
    assert "Running stage 'prepare'" in saida
    diff = json.loads(shell("dvc metrics diff --json", cwd=projeto, echo=False))
    f1 = diff["evaluation/metrics.json"]["test.f1"]
    assert f1["old"] == pytest.approx(metricas["test"]["f1"])
    assert f1["new"] != f1["old"]
    shell("git add -A && git commit -qm 'Teste com 30% das linhas'", cwd=projeto, echo=False)

    # Um experimento muda um parâmetro sem editar o arquivo nem criar commit.
    shell("dvc exp run -S train.cv=5 -n cv5", cwd=projeto, echo=False)
    tabela = json.loads(shell("dvc exp show --json", cwd=projeto, echo=False))
    experimentos = {exp["name"]: exp["revs"][0]["data"] for commit in tabela
                    for exp in (commit.get("experiments") or [])}
    assert "cv5" in experimentos
    cv5 = experimentos["cv5"]
    assert cv5["params"]["params.yaml"]["data"]["train"]["cv"] == 5
    assert cv5["metrics"]["evaluation/metrics.json"]["data"]["cv"]["folds"] == 5
