"""As saídas gravadas nos notebooks (o livro as mostra e o nbval as confere) não trazem
o computador de quem as gerou: nem o caminho do site-packages, nem uma pasta pessoal."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CAMINHO_DE_QUEM_GEROU = re.compile(r".{0,40}(?:site-packages|/(?:work|home|Users|root)/).{0,60}")


def test_ha_notebooks():
    assert len(NOTEBOOKS) >= 18


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=lambda p: p.stem)
def test_saidas_sem_caminho_de_quem_gerou(caminho):
    notebook = json.loads(caminho.read_text(encoding="utf-8"))
    achados = [(numero, trecho.group(0))
               for numero, celula in enumerate(notebook["cells"])
               for saida in celula.get("outputs", [])
               for trecho in CAMINHO_DE_QUEM_GEROU.finditer(json.dumps(saida, ensure_ascii=False))]
    assert not achados, (
        f"saídas com o caminho de quem gerou o notebook (célula, trecho): {achados[:3]}. "
        "Cale o aviso na origem e gere de novo com scripts/build_notebooks.py")
