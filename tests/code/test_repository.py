"""O endereço do repositório é escrito uma vez só (``_config.yml``) e gerado no resto."""

import shutil
from pathlib import Path

from tests.helpers import load_script

RAIZ = Path(__file__).resolve().parents[2]
ANTIGO = "mlops-lab/curso-mlops"


def _script():
    return load_script("repository")


def test_todos_os_arquivos_apontam_para_o_repositorio_do_config(capsys):
    assert _script().main(["--check"]) == 0, capsys.readouterr().err


def test_mudar_uma_linha_do_config_muda_todos_os_enderecos(tmp_path, capsys):
    script = _script()
    for nome in ("_config.yml", "README.md", "book/how-to-use.md",
                 "notebooks/02-machine-learning.ipynb",
                 "notebooks/masters/02-machine-learning.ipynb", "mlops_lab/project/new.py"):
        (tmp_path / nome).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAIZ / nome, tmp_path / nome)
    config = tmp_path / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"https://github.com/{ANTIGO}", "https://github.com/escola-x/mlops-turma-3"),
        encoding="utf-8")
    assert script.main(["--check"], raiz=tmp_path) == 1
    assert "README.md" in capsys.readouterr().err
    assert script.main([], raiz=tmp_path) == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert ANTIGO not in readme
    assert "mybinder.org/v2/gh/escola-x/mlops-turma-3/main" in readme
    assert "colab.research.google.com/github/escola-x/mlops-turma-3/blob/main" in readme
    assert "https://escola-x.github.io/mlops-turma-3/" in readme
    como_usar = (tmp_path / "book/how-to-use.md").read_text(encoding="utf-8")
    assert "git clone https://github.com/escola-x/mlops-turma-3.git" in como_usar
    projeto = (tmp_path / "mlops_lab/project/new.py").read_text(encoding="utf-8")
    assert 'REPOSITORY = "https://github.com/escola-x/mlops-turma-3"' in projeto
    for nb in ("notebooks/02-machine-learning.ipynb",
               "notebooks/masters/02-machine-learning.ipynb"):
        texto = (tmp_path / nb).read_text(encoding="utf-8")
        assert ANTIGO not in texto
        assert "git+https://github.com/escola-x/mlops-turma-3" in texto
    assert script.main(["--check"], raiz=tmp_path) == 0
