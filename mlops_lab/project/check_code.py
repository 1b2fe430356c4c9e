"""Critérios "Testado", "Empacotado", "Documentado" e "Automatizado": o código do projeto.

As funções ``read_*`` e ``check_documented``/``check_automated`` só leem arquivos e
rodam antes de qualquer código do projeto; ``check_tested`` e ``check_packaged``
dependem do ``dvc repro``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mlops_lab.errors import MlopsLabError
from mlops_lab.project import static
from mlops_lab.project.results import NO_MODEL, CheckContext
from mlops_lab.project.rubric import CARD_FILE, CARD_SECTIONS, MIN_WORDS, README_SECTIONS

__all__ = ["PICKLE_SUFFIXES", "read_tests", "check_tested", "check_packaged", "read_card",
           "check_documented", "check_automated"]

PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".sav", ".dill")
_SKIP_DIRS = {".git", ".dvc", ".venv", "venv", "__pycache__", "mlruns", "node_modules"}

# --- testado ----------------------------------------------------------------------------------

def _junit(caminho: Path) -> dict | None:
    import xml.etree.ElementTree as ET

    try:
        raiz = ET.parse(caminho).getroot()
    except (OSError, ET.ParseError):
        return None
    suites = [raiz] if raiz.tag == "testsuite" else raiz.findall("testsuite")
    total = {k: sum(int(s.get(k, 0) or 0) for s in suites)
             for k in ("tests", "failures", "errors", "skipped")}
    return total


def read_tests(ctx: CheckContext) -> None:
    """Parte estática de "Testado": lê os testes antes de qualquer código do projeto rodar."""
    c = "tested"
    infos = [static.real_assertions(p.read_text(encoding="utf-8", errors="replace"),
                                    str(p.relative_to(ctx.root))) for p in
             static.find_test_files(ctx.root)]
    ctx.test_files = infos
    reais = [i for i in infos if i.real]
    falsos = [i.path for i in infos if not i.real]
    nota = (f"; sem conferência de verdade (não contam): {', '.join(falsos)}" if falsos else "")
    dados = [i.path for i in reais if "data" in Path(i.path).stem or "/data/" in i.path]
    modelo = [i.path for i in reais if ("model" in Path(i.path).stem or "/model/" in i.path)
              and i.gates]
    ctx.mark(c, "data", bool(dados), (f"testes de dados: {', '.join(dados)}" if dados
                                      else "nenhum teste de dados de verdade") + nota)
    ctx.mark(c, "model", bool(modelo),
             f"testes do modelo com portão: {', '.join(modelo)}" if modelo
             else "nenhum teste do modelo de verdade com portão de desempenho (assert com >=)")


# O pytest roda com o -P (a pasta atual não entra na frente do sys.path) e a raiz do
# projeto vai para o FIM do sys.path: um `pytest.py` ou um `mlops_lab/` do projeto não
# tomam o lugar dos instalados, e os módulos próprios do projeto continuam importáveis.
_PYTEST = "import sys; sys.path.append('.'); import pytest; sys.exit(pytest.console_main())"


def check_tested(ctx: CheckContext) -> None:
    c = "tested"
    infos = ctx.test_files
    if not any(i.real for i in infos):
        ctx.mark(c, "pass", False, f"{len(infos)} arquivos de testes, nenhum com conferência "
                                   "de verdade" if infos else "não há arquivos tests/test_*.py")
        return
    ganchos = static.result_hooks(ctx.root)
    if ganchos:
        ctx.mark(c, "pass", False, "o projeto muda o resultado dos próprios testes (ganchos do "
                                   f"pytest: {', '.join(ganchos[:3])}); o resultado não conta")
        return
    junit = ctx.work / "junit.xml"
    r = ctx.run([sys.executable, "-P", "-c", _PYTEST, "-q", "-p", "no:cacheprovider",
                 f"--junitxml={junit}", "tests"])
    totais = _junit(junit)
    ok = (r.ok and totais is not None and totais["tests"] > totais["skipped"]
          and totais["failures"] == 0 and totais["errors"] == 0)
    if ok:
        achado = f"pytest: {totais['tests'] - totais['skipped']} testes passaram"
    elif r.returncode is None:
        achado = f"pytest {r.describe()}"
    else:
        achado = f"pytest {r.describe()}: {r.last_lines(3)}"
    ctx.mark(c, "pass", ok, achado)

def _pickles(raiz: Path) -> list[str]:
    achados = []
    for caminho in sorted(raiz.rglob("*")):
        if any(p in _SKIP_DIRS for p in caminho.relative_to(raiz).parts) or not caminho.is_file():
            continue
        try:
            with caminho.open("rb") as f:
                inicio = f.read(2)
        except OSError:
            continue
        # Um pickle de protocolo 2 a 5 começa com o byte 0x80 e o número do protocolo.
        if caminho.suffix.lower() in PICKLE_SUFFIXES or (
                len(inicio) == 2 and inicio[0] == 0x80 and 2 <= inicio[1] <= 5):
            achados.append(str(caminho.relative_to(raiz)))
    return achados


def check_packaged(ctx: CheckContext) -> None:
    from mlops_lab.package import METADATA_FILE, MODEL_FILE, untrusted_types

    c = "packaged"
    pasta = ctx.model_dir()
    pickles = _pickles(ctx.root)
    if not ctx.reproduced or not (pasta / MODEL_FILE).is_file():
        achado = NO_MODEL if not ctx.reproduced else f"não há {pasta.name}/{MODEL_FILE}"
        ctx.mark(c, "skops", False, achado + (f"; pickle: {', '.join(pickles)}" if pickles
                                              else ""))
        ctx.mark(c, "metadata", False, achado)
    else:
        try:
            estranhos = untrusted_types(pasta / MODEL_FILE)
        except MlopsLabError as erro:
            estranhos = [str(erro)]
        problemas = ([f"arquivos pickle: {', '.join(pickles[:5])}"] if pickles else []) + (
            [f"tipos não confiáveis no skops: {', '.join(estranhos[:3])}"] if estranhos else [])
        ctx.mark(c, "skops", not problemas, "; ".join(problemas) or
                 f"{pasta.name}/{MODEL_FILE} só com tipos confiáveis; nenhum pickle no projeto")
        try:
            meta = json.loads((pasta / METADATA_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        faltam = [k for k in ("target", "classes", "schema", "libraries") if not meta.get(k)]
        if not (meta.get("data") or {}).get("file_sha256"):
            faltam.append("data.file_sha256")
        ctx.mark(c, "metadata", not faltam, f"{METADATA_FILE} completo" if not faltam
                 else f"{METADATA_FILE} sem: {', '.join(faltam)}")


def read_card(ctx: CheckContext) -> None:
    """Parte estática de "Empacotado": o cartão do modelo, lido antes de rodar o projeto."""
    ctx.mark("packaged", "card", *_sections_filled(ctx.path(CARD_FILE), CARD_SECTIONS))


def _sections_filled(arquivo: Path, nomes) -> tuple[bool, str]:
    try:
        secoes = static.markdown_sections(arquivo.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False, f"não há {arquivo.name}"
    vazias = [f"“{n}” ({'não existe' if p is None else f'{p} palavras'})" for n in nomes
              if (p := static.section_words(secoes, n)) is None or p < MIN_WORDS]
    if vazias:
        return False, f"{arquivo.name}: seções vazias ou curtas: {', '.join(vazias)}"
    return True, f"{arquivo.name}: {len(nomes)} seções preenchidas"


# --- documentado e automatizado ---------------------------------------------------------------

def check_documented(ctx: CheckContext) -> None:
    try:
        secoes = static.markdown_sections(ctx.path("README.md").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        secoes = None
    for nome in README_SECTIONS:
        palavras = static.section_words(secoes, nome) if secoes is not None else None
        if secoes is None:
            achado = "não há README.md versionado"
        elif palavras is None:
            achado = f"o README não tem a seção “## {nome}”"
        else:
            achado = f"“{nome}”: {palavras} palavras (mínimo: {MIN_WORDS})"
        ctx.mark("documented", f"section:{nome}", palavras is not None and palavras >= MIN_WORDS,
                 achado)


def check_automated(ctx: CheckContext) -> None:
    c = "automated"
    validos, comandos = static.workflow_commands(ctx.root)
    ctx.mark(c, "workflow", bool(validos), f"workflows: {', '.join(validos)}" if validos
             else "nenhum workflow válido em .github/workflows/")
    for item, nome in (("tests", "os testes (pytest)"), ("repro", "`dvc repro`")):
        ok = static.runs(comandos, item)
        ctx.mark(c, item, ok, f"o workflow roda {nome}" if ok else f"nenhum passo roda {nome}")
