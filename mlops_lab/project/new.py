"""``mlops-lab new-project``: um projeto completo, sobre os dados de quem estuda.

O projeto criado (veja :func:`new_project`) tem ``README.md`` e ``MODEL_CARD.md``
para preencher, ``params.yaml``, ``dvc.yaml`` com os estágios do curso (prepare →
train → evaluate → track) sobre os dados dados, o MLflow num SQLite, ``tests/``
com testes de dados e do modelo já escritos para o esquema dos dados,
``serving.yaml``, ``monitoring.yaml``, um workflow do GitHub Actions,
``.gitignore``, ``.dvcignore`` e ``requirements.txt``. Ele roda de ponta a ponta
logo depois de criado: ``git init``, ``dvc init`` e ``dvc repro``.

Os arquivos-modelo ficam em ``mlops_lab/project/template/`` (terminam em
``.tmpl``; ``dot-`` vira ``.``; ``@@nome@@`` é trocado pelo valor calculado).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

__all__ = ["REPOSITORY", "MAX_CATEGORIES", "NewProject", "new_project"]

REPOSITORY = "https://github.com/mlops-lab/curso-mlops"
#: Colunas de texto com até tantos valores distintos ganham a lista de valores aceitos.
MAX_CATEGORIES = 20


@dataclass
class NewProject:
    """O projeto criado: pasta, arquivos e os dados que ele usa."""

    path: Path
    files: list
    data: str
    target: str

    def summary(self) -> str:
        return (f"Projeto criado em {self.path} ({len(self.files)} arquivos; dados em "
                f"{self.data}, alvo '{self.target}'). Próximos passos:\n"
                f"  cd {self.path}\n"
                "  git init && dvc init\n"
                "  dvc repro && python -m pytest -q tests\n"
                "  git add -A && git commit -m 'Primeira versão do projeto'\n"
                "  mlops-lab check-project .")


def _slug(texto: str) -> str:
    """Nome seguro para arquivo e comando do terminal.

    >>> _slug("Dados Públicos 2024.csv")
    'Dados_P_blicos_2024.csv'
    """
    return re.sub(r"[^A-Za-z0-9._-]+", "_", texto).strip("._") or "dados"


def _check_destination(destino: Path) -> None:
    if destino.exists() and not destino.is_dir():
        raise MlopsLabError(f"'{destino}' já existe e é um arquivo. Escolha uma pasta nova "
                            "para o projeto.")
    if destino.is_dir() and any(destino.iterdir()):
        raise MlopsLabError(f"a pasta '{destino}' já existe e não está vazia. Para não "
                            "misturar nem apagar os seus arquivos, escolha uma pasta nova "
                            "(ou vazia) para o projeto.")


def _expectations(data, target: str) -> dict:
    """Valores esperados dos testes de dados, tirados do arquivo (como o leitor do curso o lê)."""
    import pandas as pd

    from mlops_lab.data import read_table

    df = read_table(data)
    faixas, categorias = {}, {}
    for coluna in df.columns:
        if coluna == target:
            continue
        serie = df[coluna].dropna()
        if serie.empty:
            continue
        if pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie):
            faixas[str(coluna)] = (serie.min().item(), serie.max().item())
        elif serie.astype(str).nunique() <= MAX_CATEGORIES:
            categorias[str(coluna)] = sorted(set(serie.astype(str)))
    return {"columns": [str(c) for c in df.columns], "ranges": faixas,
            "categories": categorias, "rows": len(df),
            "classes": sorted(set(df[target].dropna().astype(str)))}


def _values(nome: str, dados: str, target: str, esperado: dict) -> dict:
    def py(valor) -> str:
        return repr(valor)

    def yml(valor) -> str:
        return json.dumps(valor, ensure_ascii=False)  # JSON é YAML válido: nada de aspas erradas

    return {
        "name": yml(nome), "name_text": nome, "data": dados, "target": yml(target),
        "target_text": target, "repository": REPOSITORY,
        "rows": f"{esperado['rows']:,}".replace(",", "."), "ncols": str(len(esperado["columns"])),
        "classes": ", ".join(f"`{c}`" for c in esperado["classes"]),
        "data_repr": py(dados), "target_repr": py(target), "classes_repr": py(esperado["classes"]),
        "columns_repr": py(esperado["columns"]), "ranges_repr": py(esperado["ranges"]),
        "categories_repr": py(esperado["categories"]),
        # Metade das linhas de hoje: um arquivo que encolheu muito é sinal de problema.
        "min_rows": str(max(esperado["rows"] // 2, 1)),
    }


def _render(texto: str, valores: dict) -> str:
    return re.sub(r"@@(\w+)@@", lambda m: valores[m.group(1)], texto)


def _template_files():
    """(caminho no projeto, texto do modelo) de cada arquivo-modelo."""
    from importlib import resources

    raiz = resources.files("mlops_lab.project") / "template"

    def percorrer(pasta, prefixo):
        for item in sorted(pasta.iterdir(), key=lambda p: p.name):
            nome = item.name.removeprefix("dot-")
            nome = ("." + nome) if item.name.startswith("dot-") else nome
            if item.is_dir():
                yield from percorrer(item, f"{prefixo}{nome}/")
            elif item.name.endswith(".tmpl"):
                yield f"{prefixo}{nome.removesuffix('.tmpl')}", item.read_text(encoding="utf-8")

    return list(percorrer(raiz, ""))


def new_project(directory: str | Path, data: str | Path, target: str) -> NewProject:
    """Cria em ``directory`` um projeto de MLOps sobre o CSV ``data``, prevendo ``target``.

    Os dados passam pelas mesmas conferências do pipeline do curso (leitura, alvo,
    limpeza, tamanho mínimo) antes de qualquer arquivo ser gravado. A pasta é
    montada ao lado e só aparece completa; uma pasta que já tem arquivos é recusada.

    Parameters
    ----------
    directory : str ou Path
        Pasta nova (ou vazia) do projeto.
    data : str ou Path
        Os dados (CSV, também comprimido, ou Parquet); são copiados para ``data/``. O
        nome de um conjunto embutido (``credito_inadimplencia``, veja
        :data:`mlops_lab.data.DATASETS`) também vale.
    target : str
        A coluna a prever (classificação).

    Returns
    -------
    NewProject

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mlops_lab.data import example_path
    >>> pasta = pathlib.Path(tempfile.mkdtemp()) / "meu-projeto"
    >>> p = new_project(pasta, example_path(), "cancelou")
    >>> sorted(f for f in p.files if "/" not in f)[:4]
    ['.dvcignore', '.gitignore', 'MODEL_CARD.md', 'README.md']
    """
    from mlops_lab.data import DATASETS, dataset_path
    from mlops_lab.pipeline import prepare_data

    destino = Path(directory)
    _check_destination(destino)
    origem = Path(data)
    if not origem.exists() and str(data) in DATASETS:  # um conjunto embutido, pelo nome
        origem = dataset_path(str(data))
    if not origem.is_file():
        raise MlopsLabError(f"o arquivo de dados '{origem}' não existe. Confira o caminho em "
                            "--data (ou use um conjunto embutido do curso: "
                            + ", ".join(DATASETS) + ").")
    if not target:
        raise MlopsLabError("informe a coluna a prever em --target.")
    prepare_data(origem, target)  # as conferências do pipeline: erro claro antes de gravar
    dados = f"data/{_slug(origem.name)}"
    valores = _values(_slug(destino.resolve().name), dados, target,
                      _expectations(origem, target))
    arquivos = [(nome, _render(texto, valores)) for nome, texto in _template_files()]

    def escrever(pasta: Path) -> None:
        for nome, texto in arquivos:
            (pasta / nome).parent.mkdir(parents=True, exist_ok=True)
            (pasta / nome).write_text(texto, encoding="utf-8")
        (pasta / dados).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origem, pasta / dados)

    with _fs.staged_dir(destino) as pasta:
        escrever(pasta)
    return NewProject(destino, sorted([n for n, _ in arquivos] + [dados]), dados, target)
