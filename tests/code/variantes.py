"""As variantes quebradas do projeto completo e o que cada uma perde na rubrica.

Cada variante é uma cópia do projeto do passo a passo com um erro típico
(:data:`QUEBRA`); :data:`PERDE` diz exatamente quais exigências da rubrica ela
perde, e nenhuma outra.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.code.projeto_final import TEXTO, sh

DADOS = "data/credito_inadimplencia.csv"


def _nao_reprodutivel(p: Path) -> None:
    """Os dados ficaram fora do git (um .gitignore amplo demais): o clone não tem os dados."""
    with (p / ".gitignore").open("a") as f:
        f.write("\n# planilhas grandes não vão para o git\n/data/*.csv\n")
    sh(f"git rm -q --cached {DADOS}", p)


def _sem_rastreamento(p: Path) -> None:
    """O estágio track saiu do dvc.yaml: nada é registrado no MLflow."""
    for nome in ("dvc.yaml", "dvc.lock"):
        conteudo = yaml.safe_load((p / nome).read_text())
        del conteudo["stages"]["track"]
        (p / nome).write_text(yaml.safe_dump(conteudo, sort_keys=False, allow_unicode=True))
    (p / "mlflow.db").unlink(missing_ok=True)


def _testes_que_nao_conferem(p: Path) -> None:
    for teste in ("test_data.py", "test_model.py"):
        (p / "tests" / teste).write_text("def test_tudo_certo():\n    assert True\n")


def _modelo_em_pickle(p: Path) -> None:
    """O treino também grava o modelo com pickle, "para carregar mais rápido"."""
    dvc = (p / "dvc.yaml").read_text()
    novo = dvc.replace("--params params.yaml --quiet",
                       "--params params.yaml --quiet && python -c \"import pickle; "
                       "pickle.dump([1, 2], open('model/model.pkl', 'wb'))\"")
    assert novo != dvc
    (p / "dvc.yaml").write_text(novo)


PUBLICAR = '''"""Publica o modelo para o serviço com um atributo novo que ninguém calcula."""
import json
import shutil

shutil.rmtree("servico", ignore_errors=True)
shutil.copytree("model", "servico")
with open("servico/metadata.json", encoding="utf-8") as f:
    meta = json.load(f)
meta["schema"]["numeric"].append("renda_anual")
with open("servico/metadata.json", "w", encoding="utf-8") as f:
    json.dump(meta, f)
'''


def _servidor_500(p: Path) -> None:
    """O serviço usa um pacote publicado cujo esquema pede uma coluna que o modelo não tem:
    todo registro válido derruba a previsão (500)."""
    (p / "publicar.py").write_text(PUBLICAR)
    with (p / "dvc.yaml").open("a") as f:
        f.write("  publish:\n    cmd: python publicar.py\n    deps:\n      - model\n"
                "      - publicar.py\n    outs:\n      - servico\n")
    servico = (p / "serving.yaml").read_text()
    (p / "serving.yaml").write_text(servico.replace("\nmodel: model\n", "\nmodel: servico\n"))
    assert "model: servico" in (p / "serving.yaml").read_text()


def _readme_e_ci_incompletos(p: Path) -> None:
    """Sem a seção Limites, Resultados só com o título, e sem o workflow do GitHub Actions."""
    readme = (p / "README.md").read_text()
    novo = readme.replace(f"## Resultados\n\n{TEXTO}", "## Resultados\n\n<!-- depois -->")
    inicio = novo.index("## Limites")
    fim = novo.find("\n## ", inicio + 1)
    novo = novo[:inicio] + (novo[fim + 1:] if fim != -1 else "")
    assert "## Limites" not in novo and "<!-- depois -->" in novo
    (p / "README.md").write_text(novo)
    shutil.rmtree(p / ".github")


QUEBRA = {
    "não reprodutível": _nao_reprodutivel,
    "sem rastreamento": _sem_rastreamento,
    "testes que não conferem": _testes_que_nao_conferem,
    "modelo em pickle": _modelo_em_pickle,
    "servidor que devolve 500": _servidor_500,
    "README e CI incompletos": _readme_e_ci_incompletos,
}

# Exigências conferidas sem rodar o projeto: o resto depende de o `dvc repro` funcionar.
_ESTATICAS = {("packaged", "card"), ("tested", "data"), ("tested", "model"),
              *((("documented", f"section:{s}")) for s in
                ("Problema", "Dados", "Como rodar", "Resultados", "Limites")),
              ("automated", "workflow"), ("automated", "tests"), ("automated", "repro")}
_TODAS = {("reproducible", "repro"), ("reproducible", "status"), ("reproducible", "metrics"),
          ("tracked", "run"), ("tracked", "data_hash"), ("tracked", "commit"),
          ("tested", "pass"), ("packaged", "skops"), ("packaged", "metadata"),
          ("served", "health"), ("served", "predict"), ("served", "invalid"),
          ("monitored", "quiet"), ("monitored", "alert")} | _ESTATICAS

PERDE = {
    "não reprodutível": _TODAS - _ESTATICAS,
    "sem rastreamento": {("tracked", "run"), ("tracked", "data_hash"), ("tracked", "commit")},
    "testes que não conferem": {("tested", "pass"), ("tested", "data"), ("tested", "model")},
    "modelo em pickle": {("packaged", "skops")},
    "servidor que devolve 500": {("served", "predict")},
    "README e CI incompletos": {("documented", "section:Resultados"),
                                ("documented", "section:Limites"), ("automated", "workflow"),
                                ("automated", "tests"), ("automated", "repro")},
}
