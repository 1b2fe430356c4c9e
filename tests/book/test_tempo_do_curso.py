"""O orçamento de tempo do curso (_ext/leitura.py), sem gerar o livro.

A página inicial e "Como usar" mostram o tempo do curso calculado das fontes:
nenhuma duração digitada à mão, uma tabela cujas colunas somam o total e
totais pequenos que não viram "0 horas".
"""

from __future__ import annotations

import doctest
import importlib
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "_ext"))
leitura = importlib.import_module("leitura")

# Um tempo de estudo digitado: "6 a 10 horas", "1,5 h"... (minutos ficam de fora:
# "sessões paradas há mais de 10 minutos" é um fato do Binder, não um tempo de estudo).
DURACAO_DIGITADA = re.compile(r"\b\d+(?:,\d+)?(?:\s*a\s*\d+(?:,\d+)?)?\s*(?:h|horas?)\b")
PAPEL = re.compile(r"\{tempo-total\}`[^`]*`")


def test_exemplos_da_documentacao():
    falhas, _ = doctest.testmod(leitura)
    assert falhas == 0


@pytest.mark.parametrize("pagina", ["book/index.md", "book/how-to-use.md"])
def test_paginas_de_abertura_nao_digitam_o_tempo_do_curso(pagina):
    texto = (ROOT / pagina).read_text(encoding="utf-8")
    assert PAPEL.search(texto), f"{pagina}: sem o papel {{tempo-total}}"
    prosa = PAPEL.sub("", texto)
    digitadas = DURACAO_DIGITADA.findall(prosa)
    assert not digitadas, f"{pagina}: duração digitada à mão: {digitadas}"


def test_como_usar_tem_a_tabela_calculada():
    texto = (ROOT / "book/how-to-use.md").read_text(encoding="utf-8")
    assert re.search(r"^```\{tempo-do-curso\}\s*$", texto, re.MULTILINE)


def _minutos(celula: str) -> int:
    celula = celula.strip("* ")
    h = re.search(r"(\d+) h", celula)
    m = re.search(r"(\d+) min", celula)
    return (int(h.group(1)) * 60 if h else 0) + (int(m.group(1)) if m else 0)


def test_linha_de_total_soma_as_colunas():
    linhas = leitura.orcamento()
    tabela = leitura._tabela_markdown(linhas, "book/how-to-use")
    total = tabela.strip().splitlines()[-1].strip("|").split("|")
    assert "Total" in total[0]
    leitura_, notebook, exercicios, soma, aprofundamento = map(_minutos, total[1:])
    assert leitura_ == sum(o.leitura for o in linhas)
    assert notebook == sum(o.notebook for o in linhas)
    assert exercicios == sum(o.exercicios for o in linhas)
    assert soma == leitura_ + notebook + exercicios == sum(o.total for o in linhas)
    assert aprofundamento == sum(o.aprofundamento for o in linhas)


def test_texto_a_mais_no_nucleo_aumenta_so_a_leitura_do_capitulo(tmp_path):
    # O tempo acompanha o texto: mais 400 palavras no núcleo = mais 2 minutos de leitura.
    for origem in [*ROOT.glob("book/**/*.md"), *ROOT.glob("notebooks/*.ipynb")]:
        destino = tmp_path / origem.relative_to(ROOT)
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_bytes(origem.read_bytes())
    antes = {o.capitulo: o.leitura for o in leitura.orcamento(tmp_path)}
    capitulo = tmp_path / "book/mlops-tools.md"
    palavras = leitura.contar_capitulo("book/mlops-tools", tmp_path).nucleo
    faltam = -palavras % leitura.PALAVRAS_POR_MINUTO  # completa o minuto em curso
    extra = " ".join(["palavra"] * (faltam + 2 * leitura.PALAVRAS_POR_MINUTO))
    texto = capitulo.read_text(encoding="utf-8")
    capitulo.write_text(texto.replace("## Resumo", f"{extra}\n\n## Resumo", 1),
                        encoding="utf-8")
    depois = {o.capitulo: o.leitura for o in leitura.orcamento(tmp_path)}
    assert depois["book/mlops-tools"] == antes["book/mlops-tools"] + 2
    assert {k: v for k, v in depois.items() if k != "book/mlops-tools"} == {
        k: v for k, v in antes.items() if k != "book/mlops-tools"}


@pytest.mark.parametrize("minutos, esperado", [
    (0, "0 min"), (3, "3 min"), (59, "59 min"), (60, "1 hora"), (610, "10 horas"),
    (630, "10,5 horas"),
])
def test_total_por_extenso_nunca_vira_zero_horas(minutos, esperado):
    assert leitura.por_extenso(minutos) == esperado
