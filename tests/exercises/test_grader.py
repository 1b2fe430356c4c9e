"""Correção em lote: entregas erradas, parciais e maliciosas.

As entregas são notebooks pequenos do capítulo 5 (questões rápidas de
conferir), montados aqui mesmo para que cada caso fique ao lado da nota
esperada.
"""

import nbformat
import pandas as pd
import pytest

from mlops_lab.exercises import ops_family
from mlops_lab.exercises.grader import grade_submissions
from tests.helpers import run_cli

CERTAS = {
    "resposta_1": "'c'",
    "resposta_2": "'a'",
    "resposta_3": ("(lambda valores: 100 * sum(v is None for v in valores) / len(valores) "
                   "if valores else 0.0)"),
    "resposta_4": "(~df.drop_duplicates()['plano'].isin(['Pré-pago', 'Controle', 'Pós-pago']))"
                  ".sum()",
    "resposta_5": "'b'",
}
CABECALHO = ("from mlops_lab.data import load_example\n"
             "from mlops_lab.exercises import ops_family as ex\n"
             "df = load_example()")


def _entrega(pasta, nome, respostas, antes=(), metadados=True, saidas=(), capitulo="ops_family",
             cabecalho=CABECALHO):
    celulas = [nbformat.v4.new_code_cell(cabecalho), *map(nbformat.v4.new_code_cell, antes)]
    # Saídas gravadas no notebook entregue (o que o aluno viu quando rodou).
    celulas[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in saidas]
    for variavel, expressao in respostas.items():
        celulas.append(nbformat.v4.new_code_cell(f"{variavel} = {expressao}"))
    nb = nbformat.v4.new_notebook(cells=celulas)
    if metadados:
        nb.metadata["mlops_lab"] = {"chapter": capitulo}
    caminho = pasta / nome
    nbformat.write(nb, caminho)
    return caminho


ENTREGAS = {
    # nome: (respostas, células antes das respostas, nota total esperada, trecho do erro)
    "perfeita": (CERTAS, [], 5.0, ""),
    "em_branco": ({k: "..." for k in CERTAS}, [], 0.0, ""),
    "erradas": ({**CERTAS, "resposta_1": "'a'", "resposta_4": "1"}, [], 3.0, ""),
    "parcial": ({**CERTAS, "resposta_3": "(lambda valores: 50.0)"}, [], 4.25, ""),
    "levanta_excecao": ({**CERTAS, "resposta_2": "1 / 0"}, [], 4.0, "ZeroDivisionError"),
    "laco_infinito": (CERTAS, ["while True:\n    pass"], 0.0, "tempo esgotado"),
    "imprime_megabytes": (CERTAS, ["for _ in range(200):\n    print('x' * 50_000)"], 5.0, ""),
    "apaga_arquivos": (CERTAS, ["import os, glob\nfor f in glob.glob('*'):\n    os.remove(f)"],
                       5.0, ""),
    "pediu_ajuda": (CERTAS, ["ex.q1.hint()\nex.q1.hint()\nex.q2.solution()"], 5.0, ""),
    "mata_o_kernel": (CERTAS, ["import os\nos._exit(1)"], 0.0, "kernel"),
    "troca_o_check": ({k: "'a'" if k != "resposta_3" else "None" for k in CERTAS},
                      ["ex.q1.correct = 'a'\nex.q1.check = lambda *a, **k: print('Correto!')\n"
                       "import mlops_lab.exercises.core as core\n"
                       "core.MultipleChoice._grade = lambda self, a: core.Result('correta', 1.0)"],
                      1.0, ""),  # só q2 ('a') está certa de verdade
}


@pytest.fixture(scope="module")
def notas(tmp_path_factory):
    pasta = tmp_path_factory.mktemp("entregas")
    caminhos = [_entrega(pasta, f"{nome}.ipynb", r, antes,
                         saidas=["Solução de q5:\n'b'\n"] if nome == "pediu_ajuda" else ())
                for nome, (r, antes, _, _) in ENTREGAS.items()]
    (pasta / "nao_e_notebook.ipynb").write_text("isto não é JSON")
    caminhos.append(pasta / "nao_e_notebook.ipynb")
    sem_meta = _entrega(pasta, "05-ops-family-joao.ipynb", CERTAS, metadados=False)
    caminhos.append(sem_meta)
    # Entregue antes de os módulos ganharem o nome do capítulo: 'cap05' nos metadados e no import.
    caminhos.append(_entrega(pasta, "antiga.ipynb", CERTAS, capitulo="cap05",
                             cabecalho=CABECALHO.replace("ops_family as ex", "cap05 as ex")))
    # Duas correções ao mesmo tempo (--jobs 2), como numa turma: cada entrega, com o seu
    # kernel, tem de dar a mesma nota que daria sozinha, e a tabela sai na ordem da lista.
    tabela = grade_submissions(caminhos, pasta / "notas.csv", timeout=12, progress=False,
                               jobs=2)
    assert tabela["arquivo"].tolist() == [c.name for c in caminhos]
    return tabela.set_index("arquivo"), pasta


@pytest.mark.parametrize("nome", list(ENTREGAS))
def test_nota_de_cada_entrega(notas, nome):
    tabela, _ = notas
    _, _, esperado, erro = ENTREGAS[nome]
    linha = tabela.loc[f"{nome}.ipynb"]
    assert linha["total"] == pytest.approx(esperado), linha.to_dict()
    # O capítulo 5 tem mais questões que as 5 respondidas aqui: as outras contam 0.
    assert linha["maximo"] == len(ops_family.QUESTIONS) and linha["capitulo"] == "ops_family"
    if erro:
        assert erro in linha["erro"]
    else:
        assert pd.isna(linha["erro"]) or linha["erro"] == ""


def test_lote_nao_para_em_entrega_ruim(notas):
    tabela, pasta = notas
    assert len(tabela) == len(ENTREGAS) + 3
    assert "não é um notebook válido" in tabela.loc["nao_e_notebook.ipynb", "erro"]
    assert tabela.loc["05-ops-family-joao.ipynb", "total"] == 5.0  # capítulo pelo nome
    gravada = pd.read_csv(pasta / "notas.csv")
    assert list(gravada.columns[:2]) == ["arquivo", "capitulo"]
    assert {"q1", "q5", "total", "erro"} <= set(gravada.columns)


def test_entrega_com_o_nome_antigo_do_capitulo(notas):
    tabela, _ = notas
    linha = tabela.loc["antiga.ipynb"]
    assert (linha["capitulo"], linha["total"]) == ("ops_family", 5.0), linha.to_dict()
    assert pd.isna(linha["erro"]) or linha["erro"] == ""


def test_teste_oculto_com_o_nome_antigo_do_capitulo(tmp_path):
    from mlops_lab.exercises.grader import _load_hidden

    (tmp_path / "cap05.py").write_text("def q1(resposta):\n    return 0.5\n")
    assert _load_hidden(tmp_path, "ops_family").q1(None) == 0.5
    assert _load_hidden(tmp_path, "mlops") is None


def test_dicas_e_solucao_registradas(notas):
    """Quantas dicas e se a solução foi vista: do kernel e das saídas gravadas no notebook."""
    tabela, pasta = notas
    ajuda = tabela.loc["pediu_ajuda.ipynb"]
    # Duas chamadas de hint(): duas dicas, se a questão tiver duas (depois, "não há mais").
    assert ajuda["dicas_q1"] == min(2, len(ops_family.q1.hints)) and ajuda["dicas_q2"] == 0
    assert ajuda["solucao_q2"] and ajuda["solucao_q5"] and not ajuda["solucao_q1"]
    perfeita = tabela.loc["perfeita.ipynb"]
    assert perfeita["dicas_q1"] == 0 and not perfeita["solucao_q2"]
    gravada = pd.read_csv(pasta / "notas.csv")
    colunas = list(gravada.columns)
    assert colunas.index("erro") < colunas.index("dicas_q1") < colunas.index("solucao_q1")


def test_testes_ocultos_e_cli(tmp_path):
    ocultos = tmp_path / "ocultos"
    ocultos.mkdir()
    # O professor exige, às escondidas, que a resposta 4 seja um inteiro, não float; o
    # teste da 5 tem um defeito e levanta uma exceção: a nota é 0 e o erro fica registrado.
    (ocultos / "ops_family.py").write_text("def q4(resposta):\n"
                                           "    return 1.0 if isinstance(resposta, int) else 0.0\n"
                                           "def q5(resposta):\n"
                                           "    raise KeyError('coluna_do_professor')\n")
    inteiro = _entrega(tmp_path, "inteiro.ipynb", CERTAS)
    flutuante = _entrega(tmp_path, "flutuante.ipynb", {**CERTAS, "resposta_4": "float(ex.q4."
                                                       "expected())"})
    saida = tmp_path / "notas.csv"
    r = run_cli("grade", inteiro, flutuante, "--out", saida, "--hidden", ocultos,
                "--timeout", "60", "--quiet")
    assert r.returncode == 0, r.stderr
    notas = pd.read_csv(saida).set_index("arquivo")
    assert notas.loc["inteiro.ipynb", "q4"] == 1.0
    assert notas.loc["flutuante.ipynb", "q4"] == 0.0
    assert (notas["q5"] == 0.0).all()
    for arquivo in ("inteiro.ipynb", "flutuante.ipynb"):
        assert notas.loc[arquivo, "erro"] == ("o teste oculto de q5 levantou KeyError "
                                              "('coluna_do_professor'): a questão ficou com "
                                              "nota 0"), notas.loc[arquivo, "erro"]
    assert "aviso: inteiro.ipynb: o teste oculto de q5 levantou KeyError" in r.stdout
    assert "Notas de 2 entregas" in r.stdout


def test_cli_grade_com_entrada_invalida(tmp_path):
    r = run_cli("grade", tmp_path / "nao_existe.ipynb")
    assert r.returncode == 2 and "não existe" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("grade", _entrega(tmp_path, "a.ipynb", CERTAS), "--hidden", tmp_path / "x")
    assert r.returncode == 2 and "testes ocultos" in r.stderr
    r = run_cli("grade", tmp_path / "a.ipynb", "--jobs", "0", "--out", tmp_path / "notas.csv")
    assert r.returncode == 2 and "--jobs 0" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "notas.csv").exists()


def test_artefato_copiado_na_exportacao_e_none_transportado(tmp_path):
    """O arquivo da resposta viaja como cópia; caminhos absurdos não são copiados."""
    from mlops_lab.exercises import data_preparation
    from mlops_lab.exercises.transport import decode, encode

    artefatos = tmp_path / "correcao" / "_artifacts"
    arquivo = tmp_path / "notebook" / "clientes.parquet"
    arquivo.parent.mkdir()
    arquivo.write_bytes(b"PAR1")
    copia = decode(encode(str(arquivo), data_preparation.q5, str(artefatos)))
    arquivo.unlink()  # o notebook apagou a sua pasta temporária no fim
    assert copia.startswith(str(artefatos)) and open(copia, "rb").read() == b"PAR1"
    for absurdo in ("/", str(tmp_path)):  # a raiz, ou uma pasta que contém a da correção
        assert decode(encode(absurdo, data_preparation.q5, str(artefatos))) == absurdo
    assert decode(encode(None, data_preparation.q5)) is None
    assert decode(encode(..., data_preparation.q5)) is Ellipsis
