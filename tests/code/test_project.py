"""O projeto final: ``mlops-lab new-project`` e ``mlops-lab check-project``.

Os testes lentos (marcados ``lento``) fazem o projeto do passo a passo do capítulo
(os comandos da página, com o conjunto embutido de crédito; veja
``tests/code/projeto_final.py``), rodam ``git``, ``dvc repro``, o MLflow num
SQLite, o ``pytest`` do projeto e ``mlops-lab serve``, e corrigem o projeto
completo (nota máxima), uma turma no modo de quem ensina, um projeto adversário e
uma cópia com quatro erros típicos (``tests/code/variantes.py``). Ficam todos num
arquivo só: o projeto do passo a passo é feito uma vez por processo.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlops_lab.cli import main
from mlops_lab.data import example_path
from mlops_lab.project import static
from mlops_lab.project.check import check_project, shifted
from mlops_lab.project.new import new_project
from mlops_lab.project.report import to_markdown
from mlops_lab.project.rubric import RUBRIC, TOTAL_POINTS, criterion, rubric_markdown
from mlops_lab.project.runner import OUTPUT_TAIL, run
from mlops_lab.shell import shell
from tests.code.projeto_final import VERSIONAR, bloco, projeto_completo, variante
from tests.code.variantes import _TODAS, PERDE, QUEBRA

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


def test_pytest_do_projeto_nao_toma_o_lugar_do_instalado(tmp_path):
    """Um ``pytest.py`` na raiz do projeto não é o pytest que o corretor roda; os módulos
    próprios do projeto continuam importáveis pelos testes dele."""
    from mlops_lab.project.check_code import _PYTEST

    (tmp_path / "pytest.py").write_text("import sys\nprint('pytest falso')\nsys.exit(0)\n")
    (tmp_path / "ajuda.py").write_text("DOBRO = 2\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text(
        "from ajuda import DOBRO\n\ndef test_a():\n    assert DOBRO * 2 == 5\n")
    r = run([sys.executable, "-P", "-c", _PYTEST, "-q", "-p", "no:cacheprovider", "tests"],
            tmp_path, timeout=120, home=tmp_path)
    assert "pytest falso" not in r.output
    assert r.returncode == 1 and "1 failed" in r.output  # o teste rodou (e falhou) de verdade
    r = run([sys.executable, "-m", "pytest", "--version"], tmp_path, timeout=60)
    assert "pytest falso" in r.output  # sem o -P, o do projeto ganharia


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


# --- modo de quem ensina: entradas inválidas ---------------------------------------------------

def test_check_project_varias_pastas_sem_csv_sai_com_2(tmp_path, capsys):
    codigo = main(["check-project", str(tmp_path / "a"), str(tmp_path / "b")])
    erro = capsys.readouterr().err
    assert codigo == 2 and "--csv" in erro and "Traceback" not in erro


@pytest.mark.parametrize("csv, mensagem", [
    (lambda d: d, "é uma pasta"),
    (lambda d: d / "nao-ha" / "notas.csv", "não existe"),
])
def test_check_project_csv_invalido_sai_com_2_antes_de_corrigir(tmp_path, capsys, csv,
                                                                 mensagem):
    codigo = main(["check-project", str(tmp_path), "--csv", str(csv(tmp_path))])
    erro = capsys.readouterr().err
    assert codigo == 2 and mensagem in erro and "Traceback" not in erro
    assert not list(tmp_path.rglob("*.csv"))


def test_pasta_de_turma_vira_a_lista_dos_projetos(tmp_path):
    from mlops_lab.project.batch import expand

    for nome in ("carla", "ana"):
        (tmp_path / nome / ".git").mkdir(parents=True)
    (tmp_path / "anotacoes").mkdir()  # sem .git nem dvc.yaml: não é projeto
    assert expand([tmp_path]) == [str(tmp_path / "ana"), str(tmp_path / "carla")]
    vazia = tmp_path / "anotacoes"
    assert expand([vazia]) == [str(vazia)]  # vira uma linha com o erro


def test_mudancas_fora_da_copia_sao_descritas():
    from mlops_lab.project.check import _changes

    antes = {"a.txt": (1, 1), "b.txt": (2, 2)}
    depois = {"a.txt": (1, 5), "c.txt": (3, 3)}
    assert _changes(antes, depois) == ["a.txt (alterado)", "b.txt (apagado)", "c.txt (criado)"]
    assert _changes(antes, dict(antes)) == []


def test_ganchos_que_mudam_o_resultado_dos_testes(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conftest.py").write_text(
        "import pytest\n@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n    yield\n")
    (tmp_path / "tests" / "test_a.py").write_text("def test_a():\n    x = 1\n    assert x\n")
    assert static.result_hooks(tmp_path) == ["tests/conftest.py: pytest_runtest_makereport"]
    (tmp_path / "tests" / "conftest.py").write_text("import pytest\n")
    assert static.result_hooks(tmp_path) == []


# --- projeto de verdade (lento) ---------------------------------------------------------------

def perdidos(relatorio) -> set:
    return {(c.criterion.id, i.id) for c in relatorio.criteria for i in c.items if not i.earned}


def pontos_por_criterio(quebras: set) -> dict:
    """Os pontos de cada critério quando se perdem exatamente as exigências ``quebras``."""
    return {c.id: c.points - sum(i.points for i in c.items if (c.id, i.id) in quebras)
            for c in RUBRIC}


@pytest.fixture(scope="module")
def projeto(tmp_path_factory, worker_id):
    return projeto_completo(tmp_path_factory, worker_id)


@pytest.mark.lento
def test_passo_a_passo_do_capitulo_tira_nota_maxima(projeto):
    import os

    comando = [c for c in bloco(VERSIONAR) if c.startswith("mlops-lab check-project")]
    assert comando == ["mlops-lab check-project . --out relatorio.md"]
    inicio = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "mlops_lab.cli", *comando[0].split()[1:]],
                       cwd=projeto, capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr
    print(f"check-project no projeto completo: {time.monotonic() - inicio:.0f} s")
    assert "Nota: 100 de 100" in r.stdout
    texto = (projeto / "relatorio.md").read_text()
    assert "**Nota: 100 de 100**" in texto and "✘" not in texto
    assert texto.count("- Nada: o critério está completo.") == len(RUBRIC)
    # O relatório que o capítulo mostra é o deste projeto (a menos de números e
    # identificadores, que mudam a cada execução). ATUALIZAR_RELATORIO=1 o regrava.
    if os.environ.get("ATUALIZAR_RELATORIO") == "1":
        from mlops_lab._fs import write_text

        write_text(RELATORIO_DO_LIVRO, texto)
    assert _sem_numeros(RELATORIO_DO_LIVRO.read_text()) == _sem_numeros(texto), (
        "o relatório gravado para o livro mudou: regrave-o com ATUALIZAR_RELATORIO=1 "
        ".venv/bin/python -m pytest tests/code/test_project.py -k passo_a_passo")


def _sem_numeros(texto: str) -> str:
    import re

    return re.sub(r"\b[0-9a-f]{7,40}\b|\d+(,\d+)?", "#", texto.replace("meu-credito", "P"))


@pytest.mark.lento
def test_modo_de_quem_ensina_uma_linha_por_projeto(projeto, tmp_path, capsys):
    """Turma: um projeto com testes que não conferem nada, um que não reproduz (entregue como
    repositório git bare, clonado pelo corretor), uma pasta que não é projeto e uma que não
    existe. Cada um tem a sua linha; os erros não param a correção dos outros."""
    import csv

    variante(projeto, tmp_path / "turma" / "bia", QUEBRA["testes que não conferem"])
    nao_reproduz = variante(projeto, tmp_path / "nao-reproduz", QUEBRA["não reprodutível"])
    shell(f"git clone -q --bare {nao_reproduz} {tmp_path / 'entregas' / 'caio.git'}",
          cwd=tmp_path, echo=False)
    (tmp_path / "turma" / "rascunhos").mkdir()
    (tmp_path / "turma" / "rascunhos" / "notas.txt").write_text("ideias")
    notas = tmp_path / "notas.csv"
    codigo = main(["check-project", str(tmp_path / "turma" / "bia"),
                   f"file://{tmp_path / 'entregas' / 'caio.git'}",
                   str(tmp_path / "turma" / "rascunhos"), str(tmp_path / "nao-existe"),
                   "--csv", str(notas), "--out", str(tmp_path / "relatorios")])
    saida = capsys.readouterr()
    assert codigo == 0 and "Traceback" not in saida.err
    linhas = {x["projeto"]: x for x in csv.DictReader(notas.open(encoding="utf-8"))}
    assert list(linhas) == ["bia", "caio", "rascunhos", "nao-existe"]
    from mlops_lab.project.batch import COLUMNS, _coluna

    assert list(linhas["bia"]) == COLUMNS
    for nome, quebra in (("bia", "testes que não conferem"), ("caio", "não reprodutível")):
        esperado = pontos_por_criterio(PERDE[quebra])
        assert {c.id: int(linhas[nome][_coluna(c.title)]) for c in RUBRIC} == esperado
        assert int(linhas[nome]["total"]) == sum(esperado.values())
        assert linhas[nome]["erro"] == "" and len(linhas[nome]["commit"]) == 10
    assert "não parece um projeto" in linhas["rascunhos"]["erro"]
    assert "não existe" in linhas["nao-existe"]["erro"]
    assert linhas["rascunhos"]["total"] == "0"
    assert sorted(p.name for p in (tmp_path / "relatorios").iterdir()) == ["bia.md", "caio.md"]
    assert "Notas de 4 projetos gravadas" in saida.out
    assert "aviso: rascunhos:" in saida.out
    assert (tmp_path / "turma" / "rascunhos" / "notas.txt").read_text() == "ideias"


ADVERSARIO_DVC = """stages:
  treinar:
    cmd: python treinar.py
    deps: [treinar.py]
    outs: [model]
"""
# Imprime sem parar, escreve fora da cópia (ao lado dela e na pasta original, pelo caminho
# absoluto) e não termina nunca.
ADVERSARIO_TREINO = """import pathlib, sys
pathlib.Path('../fora-da-copia.txt').write_text('escapei')
pathlib.Path({original!r}, 'INVADIDO.txt').write_text('escapei')
while True:
    sys.stdout.write('x' * 100000)
"""


@pytest.mark.lento
def test_projeto_adversario_tem_nota_limitada_e_honesta(projeto, tmp_path):
    """Um projeto que escreve fora da cópia, imprime sem parar, não termina, finge que os
    testes passam (gancho do pytest)."""
    adversario = tmp_path / "adversario"

    def mudar(p):
        for nome in ("dvc.yaml", "dvc.lock", "params.yaml"):
            (p / nome).unlink(missing_ok=True)
        (p / "dvc.yaml").write_text(ADVERSARIO_DVC)
        (p / "treinar.py").write_text(ADVERSARIO_TREINO.format(original=str(p)))
        (p / "tests" / "conftest.py").write_text(
            "import pytest\n\n@pytest.hookimpl(hookwrapper=True)\n"
            "def pytest_runtest_makereport(item, call):\n    rel = yield\n"
            "    rel.get_result().outcome = 'passed'\n")

    variante(projeto, adversario, mudar)
    antes = sorted(p.name for p in tmp_path.iterdir())
    inicio = time.monotonic()
    relatorio = check_project(adversario, timeout=20)
    assert time.monotonic() - inicio < 240
    # Só contam as exigências conferidas sem rodar o projeto (README, CI, cartão, leitura
    # dos testes); tudo o que depende de rodá-lo fica com zero.
    estaticas = {("packaged", "card"), ("tested", "data"), ("tested", "model")} | {
        (c.id, i.id) for c in RUBRIC if c.id in ("documented", "automated") for i in c.items}
    assert perdidos(relatorio) == {(c.id, i.id) for c in RUBRIC for i in c.items} - estaticas
    assert relatorio.score == sum(criterion(c).item(i).points for c, i in estaticas)
    assert any("INVADIDO.txt (criado)" in a for a in relatorio.warnings)
    achados = {(c.criterion.id, i.id): i.found for c in relatorio.criteria for i in c.items}
    assert "passou do limite de 20 s" in achados[("reproducible", "repro")]
    assert len(achados[("reproducible", "repro")]) < 2 * OUTPUT_TAIL  # saída cortada
    assert "Atenção" in to_markdown(relatorio)
    # O que escapou foi só o que o próprio projeto escreveu; a pasta em volta não mudou.
    assert sorted(p.name for p in tmp_path.iterdir()) == antes


RELATORIO_DO_LIVRO = Path(__file__).resolve().parents[2] / "book" / "projeto-final" / \
    "relatorio-exemplo.txt"


# --- variantes quebradas ----------------------------------------------------------------------
# Os quatro erros daqui mexem em exigências diferentes da rubrica (rastreamento, formato do
# modelo, serviço, README e CI) e vão juntos numa cópia só: cada correção completa custa uns
# 20 s, e a lista exata das exigências perdidas (a união das quatro, nenhuma a mais) mostra o
# mesmo que quatro correções separadas; o achado de cada exigência diz qual erro a derrubou.
JUNTAS = ["modelo em pickle", "sem rastreamento", "servidor que devolve 500",
          "README e CI incompletos"]


def test_a_lista_de_exigencias_das_variantes_e_a_da_rubrica():
    assert _TODAS == {(c.id, i.id) for c in RUBRIC for i in c.items}


def test_as_quebras_juntas_mexem_em_exigencias_diferentes():
    perdas = [PERDE[q] for q in JUNTAS]
    assert sum(map(len, perdas)) == len(set().union(*perdas))


def _quebrar_tudo(p):
    for quebra in JUNTAS:  # o pickle muda o texto do dvc.yaml antes de o rastreamento reescrevê-lo
        QUEBRA[quebra](p)


@pytest.mark.lento
def test_cada_quebra_perde_exatamente_os_pontos_da_rubrica(projeto, tmp_path):
    copia = variante(projeto, tmp_path / "projeto", _quebrar_tudo)
    relatorio = check_project(copia, timeout=600)
    perdidos = {(c.criterion.id, i.id): i.found for c in relatorio.criteria for i in c.items
                if not i.earned}
    esperado = set().union(*(PERDE[q] for q in JUNTAS))
    assert set(perdidos) == esperado, perdidos
    assert relatorio.score == 100 - sum(criterion(c).item(i).points for c, i in esperado)
    assert relatorio.warnings == []
    por_id = {r.criterion.id: r for r in relatorio.criteria}
    for c, i in esperado:  # o conselho em português é o da rubrica
        assert criterion(c).item(i).advice in por_id[c].next_steps
    assert "model/model.pkl" in perdidos[("packaged", "skops")]
    assert ": 500 " in perdidos[("served", "predict")]
    assert "não criou o banco do MLflow" in perdidos[("tracked", "run")]
