"""O projeto final: ``mlops-lab new-project`` e ``mlops-lab check-project``.

Os testes lentos (marcados ``lento``) criam um projeto de verdade com os dados
embutidos (uma amostra, para caber no tempo), rodam ``git``, ``dvc repro``, o
MLflow num SQLite, o ``pytest`` do projeto e ``mlops-lab serve``, e corrigem o
projeto completo (nota máxima) e uma variante quebrada (perde exatamente os
pontos da rubrica, com os conselhos da rubrica).
"""

import json
import shutil
import subprocess
import sys
import time

import pytest

from mlops_lab.cli import main
from mlops_lab.data import example_path
from mlops_lab.project import static
from mlops_lab.project.check import check_project, shifted
from mlops_lab.project.new import new_project
from mlops_lab.project.report import to_dict, to_markdown
from mlops_lab.project.rubric import RUBRIC, TOTAL_POINTS, criterion, rubric_markdown
from mlops_lab.project.runner import OUTPUT_TAIL, run
from mlops_lab.shell import shell

AMOSTRA = 1200  # linhas dos dados embutidos no projeto dos testes
TEXTO = ("Este parágrafo foi escrito por quem fez o projeto e explica, com palavras próprias "
         "e exemplos concretos, o que esta seção precisa contar a quem lê o repositório pela "
         "primeira vez.")


# --- rubrica e livro --------------------------------------------------------------------------

def test_rubrica_soma_100_e_cada_exigencia_tem_conselho():
    assert TOTAL_POINTS == 100
    ids = [c.id for c in RUBRIC]
    assert ids == ["reproducible", "tracked", "tested", "packaged", "served", "monitored",
                   "documented", "automated"]
    for c in RUBRIC:
        assert c.how and all(i.points > 0 and i.requirement and i.advice for i in c.items)


def test_pagina_do_livro_mostra_a_rubrica_gerada_do_pacote():
    from pathlib import Path

    raiz = Path(__file__).resolve().parents[2]
    pagina = (raiz / "book" / "projeto-final.md").read_text(encoding="utf-8")
    assert "Markdown(rubric_summary())" in pagina
    for c in RUBRIC:  # cada critério numa célula que o desenha a partir do pacote
        assert f'"{c.id}"' in pagina
    # Nada da rubrica digitado de novo na página: a tabela sai do pacote.
    for c in RUBRIC:
        for i in c.items:
            assert i.requirement not in pagina
    tabela = rubric_markdown()
    assert all(i.requirement in tabela for c in RUBRIC for i in c.items)
    sumario = (raiz / "_toc.yml").read_text(encoding="utf-8")
    assert sumario.index("book/projeto-final") < sumario.index("book/exercises")


# --- leitura estática -------------------------------------------------------------------------

@pytest.mark.parametrize("codigo, real", [
    ("def test_a():\n    assert True\n", False),
    ("def test_a():\n    assert 1 == 1\n    assert not False\n", False),
    ("def test_a():\n    pass\n", False),
    ("def test_a():\n    x = 3\n    assert x == 3\n", True),
    ("import pytest\ndef test_a():\n    with pytest.raises(ValueError):\n        int('x')\n", True),
    ("import numpy as np\ndef test_a():\n    x = [1.0]\n    np.testing.assert_allclose(x, [1.0])\n",
     True),
    ("import numpy as np\ndef test_a():\n    np.testing.assert_allclose([1.0], [1.0])\n", False),
    ("def ajuda():\n    assert 2 > 1\n", False),  # sem nenhuma função de teste
    ("def test_a(:\n", False),  # erro de sintaxe
])
def test_conferencia_de_verdade_pela_arvore_sintatica(codigo, real):
    assert static.real_assertions(codigo).real is real


def test_portao_e_um_assert_que_compara():
    assert static.real_assertions("def test_a(m):\n    assert m['f1'] >= 0.7\n").gates == 1
    assert static.real_assertions("def test_a(m):\n    assert m['f1'] == 0.7\n").gates == 0


def test_secoes_do_readme_sem_comentarios_nem_codigo():
    texto = ("# Projeto\n## Problema\n<!-- escreva\naqui -->\n## Como rodar\n```bash\n"
             "dvc repro\n```\nRode assim.\n## Limites\nNão serve para crianças.\n")
    secoes = static.markdown_sections(texto)
    assert static.section_words(secoes, "Problema") == 0
    assert static.section_words(secoes, "Como rodar") == 2
    assert static.section_words(secoes, "Limites") == 4
    assert static.section_words(secoes, "Resultados") is None


def test_workflow_precisa_de_gatilho_e_comandos_de_verdade(tmp_path):
    pasta = tmp_path / ".github" / "workflows"
    pasta.mkdir(parents=True)
    (pasta / "ci.yml").write_text(
        "on: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: |\n          # python -m pytest\n          dvc repro\n")
    validos, comandos = static.workflow_commands(tmp_path)
    assert validos == ["ci.yml"]
    assert static.runs(comandos, "repro") and not static.runs(comandos, "tests")
    (pasta / "ci.yml").write_text("name: sem gatilho\njobs: {}\n")
    assert static.workflow_commands(tmp_path) == ([], [])


def test_lote_com_mudanca_forte_sai_da_faixa_do_original(example_df):
    df = example_df[["idade", "plano"]].head(100)
    novo = shifted(df)
    assert novo["idade"].min() > df["idade"].max()
    assert novo["plano"].nunique() == 1


# --- comandos do projeto: limite de tempo e de saída -------------------------------------------

def test_comando_que_nao_para_de_imprimir_e_encerrado_no_limite():
    codigo = "import sys\nwhile True:\n    sys.stdout.write('x' * 10000)\n"
    r = run([sys.executable, "-c", codigo], ".", timeout=2)
    assert r.returncode is None and not r.ok
    assert "passou do limite de 2 s" in r.describe()
    assert 0 < len(r.output) <= OUTPUT_TAIL


def test_processos_deixados_para_tras_sao_encerrados(tmp_path):
    from pathlib import Path

    marcador = tmp_path / "pid"
    r = run(["sh", "-c", f"sleep 600 & echo $! > {marcador}"], tmp_path, timeout=60)
    assert r.ok
    pid = int(marcador.read_text())
    for _ in range(50):  # o processo órfão some (ou vira zumbi, à espera de quem o recolha)
        estado = Path(f"/proc/{pid}/stat")
        if not estado.exists() or estado.read_text().split(")")[-1].split()[0] == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"o processo {pid} continua rodando depois do fim do comando")


# --- entradas inválidas -----------------------------------------------------------------------

def test_new_project_recusa_pasta_com_arquivos_sem_tocar_nela(tmp_path, capsys):
    (tmp_path / "projeto").mkdir()
    (tmp_path / "projeto" / "notas.txt").write_text("meu")
    codigo = main(["new-project", str(tmp_path / "projeto"), "--data", str(example_path()),
                   "--target", "cancelou"])
    assert codigo == 2
    assert "já existe e não está vazia" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "projeto").iterdir()] == ["notas.txt"]


@pytest.mark.parametrize("dados, alvo, mensagem", [
    ("nao-existe.csv", "cancelou", "não existe"),
    (None, "coluna_que_nao_ha", "coluna_que_nao_ha"),
])
def test_new_project_dados_ou_alvo_invalidos(tmp_path, capsys, dados, alvo, mensagem):
    arquivo = str(tmp_path / dados) if dados else str(example_path())
    codigo = main(["new-project", str(tmp_path / "novo"), "--data", arquivo, "--target", alvo])
    erro = capsys.readouterr().err
    assert codigo == 2
    assert erro.startswith("mlops-lab: erro:") and mensagem in erro and "Traceback" not in erro
    assert not (tmp_path / "novo").exists()  # nada gravado pela metade


def test_new_project_cria_os_arquivos_do_projeto(tmp_path):
    p = new_project(tmp_path / "meu", example_path(), "cancelou")
    esperados = {".github/workflows/ci.yml", ".gitignore", ".dvcignore", "MODEL_CARD.md",
                 "README.md", "dvc.yaml", "params.yaml", "serving.yaml", "monitoring.yaml",
                 "requirements.txt", "tests/test_data.py", "tests/test_model.py",
                 "data/telecom_churn.csv"}
    assert set(p.files) == esperados
    assert all((p.path / f).is_file() for f in esperados)
    assert not list(tmp_path.glob(".meu-*"))  # nenhuma pasta temporária esquecida
    for teste in ("tests/test_data.py", "tests/test_model.py"):
        assert static.real_assertions((p.path / teste).read_text()).real
    assert "'cancelou'" in (p.path / "tests/test_data.py").read_text()


@pytest.mark.parametrize("preparar, mensagem", [
    (lambda d: d / "nada", "não existe"),
    (lambda d: (d / "arquivo.txt").write_text("x") and d / "arquivo.txt", "é um arquivo"),
    (lambda d: d, "não parece um projeto"),
    (lambda d: (d / "dvc.yaml").write_text("stages: {}\n") and d, "não é um repositório git"),
])
def test_check_project_entrada_invalida_sai_com_2(tmp_path, capsys, preparar, mensagem):
    codigo = main(["check-project", str(preparar(tmp_path))])
    erro = capsys.readouterr().err
    assert codigo == 2
    assert mensagem in erro and "Traceback" not in erro


# --- projeto de verdade (lento) ---------------------------------------------------------------

def _completar(projeto):
    """O que quem estuda escreve: as seções do README e do cartão do modelo."""
    import re

    for nome in ("README.md", "MODEL_CARD.md"):
        arquivo = projeto / nome
        arquivo.write_text(re.sub(r"<!--.*?-->", TEXTO, arquivo.read_text(), flags=re.S))


@pytest.fixture(scope="module")
def projeto(tmp_path_factory):
    """Projeto criado por new-project com uma amostra dos dados embutidos, completo e versionado."""
    raiz = tmp_path_factory.mktemp("projeto-final")
    linhas = example_path().read_bytes().splitlines(keepends=True)
    dados = raiz / "clientes.csv"
    dados.write_bytes(b"".join(linhas[:AMOSTRA + 1]))
    codigo = main(["new-project", str(raiz / "meu-projeto"), "--data", str(dados),
                   "--target", "cancelou"])
    assert codigo == 0
    proj = raiz / "meu-projeto"
    _completar(proj)
    for comando in ("git init -q", "git config user.name 'Aluna do curso'",
                    "git config user.email aluna@example.com", "dvc init -q",
                    "dvc config core.analytics false", "dvc repro -q",
                    "git add -A", "git commit -qm 'Projeto final'"):
        shell(comando, cwd=proj, echo=False)
    return proj


@pytest.mark.lento
def test_projeto_completo_tira_nota_maxima(projeto):
    relatorio = check_project(projeto, timeout=600)
    perdidos = {(c.criterion.id, i.id): i.found for c in relatorio.criteria for i in c.items
                if not i.earned}
    assert perdidos == {}
    assert relatorio.score == relatorio.points == 100
    texto = to_markdown(relatorio)
    assert "**Nota: 100 de 100**" in texto
    assert texto.count("- Nada: o critério está completo.") == len(RUBRIC)
    assert to_dict(relatorio)["criteria"][0]["next_steps"] == []


QUEBRAS = {
    ("tested", "pass"), ("tested", "data"), ("tested", "model"),
    ("packaged", "skops"),
    ("documented", "section:Resultados"), ("documented", "section:Limites"),
    ("automated", "workflow"), ("automated", "tests"), ("automated", "repro"),
}


@pytest.mark.lento
def test_projeto_quebrado_perde_exatamente_os_pontos_da_rubrica(projeto, tmp_path):
    quebrado = tmp_path / "quebrado"
    shutil.copytree(projeto, quebrado, symlinks=True)
    for teste in ("test_data.py", "test_model.py"):
        (quebrado / "tests" / teste).write_text("def test_tudo_certo():\n    assert True\n")
    readme = (quebrado / "README.md").read_text()
    for secao in ("Resultados", "Limites"):  # seções vazias (só o título)
        readme = readme.replace(f"## {secao}\n\n{TEXTO}", f"## {secao}\n\n<!-- depois -->")
    (quebrado / "README.md").write_text(readme)
    shutil.rmtree(quebrado / ".github")
    dvc = (quebrado / "dvc.yaml").read_text()  # o treino também grava um pickle do modelo
    dvc = dvc.replace("--params params.yaml --quiet",
                      "--params params.yaml --quiet && python -c \"import pickle; "
                      "pickle.dump([1, 2], open('model/model.pkl', 'wb'))\"")
    (quebrado / "dvc.yaml").write_text(dvc)
    shell("git add -A && git commit -qm 'Versão quebrada'", cwd=quebrado, echo=False)

    saida = tmp_path / "relatorio.json"
    r = subprocess.run([sys.executable, "-m", "mlops_lab.cli", "check-project", str(quebrado),
                        "--json", "--out", str(saida)], capture_output=True, text=True,
                       timeout=1200)
    assert r.returncode == 0, r.stderr  # nota baixa não é erro
    relatorio = json.loads(saida.read_text())
    perdidos = {(c["id"], i["id"]) for c in relatorio["criteria"] for i in c["items"]
                if not i["earned"]}
    assert perdidos == QUEBRAS
    perdidos_pontos = sum(criterion(c).item(i).points for c, i in QUEBRAS)
    assert relatorio["score"] == 100 - perdidos_pontos
    assert f"Nota: {relatorio['score']} de 100" in r.stdout
    por_id = {c["id"]: c for c in relatorio["criteria"]}
    for c, i in QUEBRAS:  # o conselho em português é o da rubrica, para cada ponto perdido
        assert criterion(c).item(i).advice in por_id[c]["next_steps"]
    achados = {i["id"]: i["found"] for i in por_id["packaged"]["items"]}
    assert "model/model.pkl" in achados["skops"]
    achados = {i["id"]: i["found"] for i in por_id["tested"]["items"]}
    assert "tests/test_data.py" in achados["data"] and "não contam" in achados["data"]
