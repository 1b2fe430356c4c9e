"""A contagem de palavras, o tempo de leitura e o orçamento de tempo (_ext/leitura.py).

A mesma regra conta o livro na geração e no ``scripts/palavras.py``; estes testes
fixam a regra (o que é núcleo, o que é aprofundamento, o que não conta) e as metas
do caminho principal.
"""

from __future__ import annotations

import doctest
import importlib
import json
import sys

from tests.browser.conftest import ROOT
from tests.helpers import load_script

sys.path.insert(0, str(ROOT / "_ext"))
leitura = importlib.import_module("leitura")


def test_doctests():
    falhas, _ = doctest.testmod(leitura)
    assert falhas == 0


def test_codigo_e_cabecalho_nao_contam():
    texto = (
        "---\njupytext:\n  formato: myst\n---\n"
        "(rotulo)=\n# Título do capítulo\n\n"
        "Três palavras aqui.\n\n"
        "```{code-cell} ipython3\nimport pandas as pd\nprint('muitas palavras nesta linha')\n```\n"
        "```bash\nmlops-lab run --data dados.csv\n```\n"
        "```{glue:text} valor\n```\n"
        "% um comentário que ninguém lê\n"
        "<!-- outro comentário -->\n"
        "Mais duas.\n"
    )
    assert leitura.contar(texto) == leitura.Contagem(nucleo=3 + 3 + 2, aprofundamento=0)


def test_secao_de_aprofundamento_vai_ate_o_proximo_titulo_do_mesmo_nivel():
    texto = (
        "# Capítulo\n\n## Parte um\n\num dois três\n\n"
        "## Aprofundamento: detalhes\n\nquatro cinco\n\n### Subseção\n\nseis sete oito\n\n"
        "## Resumo\n\nnove dez\n"
    )
    contagem = leitura.contar(texto)
    # Núcleo: Capítulo, Parte um (2), um dois três (3), Resumo, nove dez (2).
    assert contagem.nucleo == 1 + 2 + 3 + 1 + 2
    # Aprofundamento: o título (2), quatro cinco (2), Subseção, seis sete oito (3).
    assert contagem.aprofundamento == 2 + 2 + 1 + 3


def test_bloco_de_aprofundamento_conta_a_parte_e_admonition_comum_conta_no_nucleo():
    texto = (
        "Antes do bloco.\n\n"
        ":::{admonition} Aprofundamento: como o lote se forma\n:class: dropdown\n\n"
        "Texto opcional com seis palavras.\n:::\n\n"
        ":::{admonition} Lembrete\n:class: tip\n\nTexto do núcleo.\n:::\n"
    )
    contagem = leitura.contar(texto)
    assert contagem.aprofundamento == 6 + 5  # título (6) + texto (5)
    assert contagem.nucleo == 3 + 1 + 3


def test_subpagina_de_aprofundamento_conta_inteira_como_opcional(tmp_path):
    capitulo = tmp_path / "book" / "cap.md"
    capitulo.parent.mkdir()
    capitulo.write_text("# Capítulo\n\nQuatro palavras do núcleo.\n", encoding="utf-8")
    (tmp_path / "book" / "cap").mkdir()
    (tmp_path / "book" / "cap" / "medicoes.md").write_text(
        "# Aprofundamento: as medições\n\nCinco palavras só para curiosos.\n", encoding="utf-8"
    )
    contagem = leitura.contar_capitulo("book/cap", raiz=tmp_path)
    assert contagem == leitura.Contagem(nucleo=1 + 4, aprofundamento=3 + 5)


def test_tempo_do_notebook_soma_texto_celulas_exercicios_e_execucao(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": ["palavra " * 400]},
            {"cell_type": "code", "source": ["q1.check()"]},
            {"cell_type": "code", "source": ["q1.hint()\n", "q2.check()"]},
        ]
    }
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "nb.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    pratica = leitura.pratica("notebooks/nb", raiz=tmp_path)
    assert (pratica.palavras, pratica.celulas, pratica.exercicios) == (400, 2, 2)
    # 2 min de texto + 1 min de células (+ execução medida, se houver).
    assert pratica.minutos >= 3
    assert pratica.minutos_exercicios == 2 * leitura.MINUTOS_POR_EXERCICIO


def test_cada_capitulo_do_roteiro_tem_fonte_e_notebook():
    for capitulo in leitura.CAPITULOS:
        assert (ROOT / f"{capitulo}.md").exists(), capitulo
    for notebook in leitura.NOTEBOOKS.values():
        assert (ROOT / f"{notebook}.ipynb").exists(), notebook
    medidos = json.loads(leitura.TEMPOS_DOS_NOTEBOOKS.read_text(encoding="utf-8"))["segundos"]
    assert set(medidos) == {n.split("/")[-1] for n in leitura.NOTEBOOKS.values()}, (
        "Tempos dos notebooks desatualizados: rode python scripts/palavras.py --medir."
    )


def test_orcamento_soma_as_partes():
    linhas = leitura.orcamento()
    assert [o.capitulo for o in linhas] == list(leitura.CAPITULOS)
    for o in linhas:
        assert o.total == o.leitura + o.notebook + o.exercicios
        assert o.leitura > 0 and o.exercicios > 0


def test_script_palavras_acusa_meta_estourada(monkeypatch):
    palavras = load_script("palavras")
    monkeypatch.setattr(palavras, "META_CAPITULO", 10)
    _, problemas = palavras.tabela()
    assert len(problemas) >= len(leitura.CAPITULOS)
    assert all("meta" in p for p in problemas)


def test_metas_do_caminho_principal():
    """Núcleo enxuto: até 3.500 palavras por capítulo e 25.000 nos dez do roteiro."""
    palavras = load_script("palavras")
    _, problemas = palavras.tabela()
    assert not problemas, "\n".join(problemas) + (
        "\nMova o que vai além do roteiro para uma seção 'Aprofundamento' (CONTRIBUTING.md).")


# ----- a parte opcional "Em produção" ------------------------------------------------

def test_parte_opcional_fica_fora_do_total_mas_tem_meta_por_capitulo(monkeypatch):
    assert leitura.OPCIONAIS and not set(leitura.OPCIONAIS) & set(leitura.CAPITULOS)
    for capitulo in leitura.OPCIONAIS:
        assert (ROOT / f"{capitulo}.md").exists(), capitulo
        assert capitulo in leitura.NOTEBOOKS, f"{capitulo}: falta o notebook em NOTEBOOKS"
    # Fora do orçamento do curso (a tabela principal e o total)...
    assert not {o.capitulo for o in leitura.orcamento()} & set(leitura.OPCIONAIS)
    opcionais = leitura.orcamento(capitulos=leitura.OPCIONAIS)
    assert [o.capitulo for o in opcionais] == list(leitura.OPCIONAIS)
    assert all(o.leitura > 0 and o.notebook > 0 and o.exercicios > 0 for o in opcionais)
    # ... e fora da meta do núcleo, mas com a meta por capítulo: estourada, ela aparece.
    palavras = load_script("palavras")
    texto, _ = palavras.tabela()
    assert "Em produção (opcional, fora do total)" in texto
    meta = min(leitura.contar_capitulo(c).nucleo for c in leitura.OPCIONAIS) - 1
    monkeypatch.setattr(palavras, "META_CAPITULO", meta)
    _, problemas = palavras.tabela()
    assert any(c in p for p in problemas for c in leitura.OPCIONAIS)


def test_pagina_opcional_ganha_a_linha_de_tempo():
    for capitulo in leitura.OPCIONAIS:
        assert leitura._pagina_do_capitulo(capitulo)
    assert not leitura._pagina_do_capitulo("book/projeto-final")


def test_tabela_do_curso_mostra_a_parte_opcional_a_parte():
    opcionais = leitura.orcamento(capitulos=leitura.OPCIONAIS)
    tabela = leitura._tabela_markdown(opcionais, "book/how-to-use", "Total (opcional)")
    ultima = tabela.strip().splitlines()[-1]
    assert "Total (opcional)" in ultima
    assert f"**{leitura.duracao(sum(o.total for o in opcionais))}**" in ultima
    assert all(o.titulo in tabela for o in opcionais)
