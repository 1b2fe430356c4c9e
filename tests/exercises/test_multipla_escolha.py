"""Múltipla escolha que mede compreensão, e não o hábito de chutar a "b" ou a mais longa.

Sobre todas as questões de múltipla escolha de todos os capítulos:

* cada alternativa errada tem uma explicação (``why_wrong``);
* nenhuma letra é a certa em mais de 40% das questões;
* a alternativa certa é a mais longa em no máximo 40% das questões.

``python -m tests.exercises.test_multipla_escolha`` imprime as estatísticas.
"""

import importlib
from collections import Counter

import pytest

from mlops_lab.exercises import CHAPTERS

LIMITE = 0.40
MODULOS = {nome: importlib.import_module(f"mlops_lab.exercises.{nome}") for nome in CHAPTERS}
ESCOLHAS = [(c, q) for c, m in MODULOS.items() for q in m.QUESTIONS if q.kind == "escolha"]


def estatisticas(escolhas=ESCOLHAS) -> dict:
    """Distribuição das letras certas e quantas vezes a certa é a mais longa."""
    letras = Counter(q.correct for _, q in escolhas)
    mais_longa = [(c, q.name) for c, q in escolhas
                  if len(q.options[q.correct]) >= max(len(t) for t in q.options.values())]
    return {"questoes": len(escolhas), "letras": dict(sorted(letras.items())),
            "certa_mais_longa": mais_longa}


@pytest.mark.parametrize("capitulo,q", ESCOLHAS, ids=[f"{c}-{q.name}" for c, q in ESCOLHAS])
def test_cada_alternativa_errada_tem_explicacao(capitulo, q):
    erradas = set(q.options) - {q.correct}
    faltam = sorted(erradas - {k for k, v in q.why_wrong.items() if v and v.strip()})
    assert not faltam, f"{capitulo}.{q.name}: falta why_wrong para {faltam}"
    assert len(q.options) >= 3 and q.correct in q.options


def test_letras_certas_espalhadas():
    est = estatisticas()
    print(est)
    for letra, n in est["letras"].items():
        assert n / est["questoes"] <= LIMITE, (
            f"a letra {letra} é a certa em {n} de {est['questoes']} questões (limite: 40%)")


def test_certa_nao_e_sempre_a_mais_longa():
    est = estatisticas()
    n = len(est["certa_mais_longa"])
    assert n / est["questoes"] <= LIMITE, (
        f"a certa é a mais longa em {n} de {est['questoes']} questões (limite: 40%): "
        f"{est['certa_mais_longa']}")


if __name__ == "__main__":
    print("Todas:", estatisticas())
    for capitulo in MODULOS:
        print(capitulo, estatisticas([(c, q) for c, q in ESCOLHAS if c == capitulo]))
    meus = [(c, q) for c, q in ESCOLHAS
            if c in ("machine_learning", "data_preparation", "model_building")]
    print("machine_learning + data_preparation + model_building:", estatisticas(meus))
