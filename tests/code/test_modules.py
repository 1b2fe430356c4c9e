"""Módulos que quem chega consegue ler: nomes privados ficam em casa, arquivos e funções curtos.

As regras estão no CONTRIBUTING.md ("Pacote"):

- um nome que começa com ``_`` só é usado no módulo que o define. O que outro
  módulo precisa vira uma função pública, com docstring. Os módulos internos
  de uso compartilhado têm o nome começando com ``_`` (``mlops_lab._fs``,
  ``mlops_lab.exercises._data``): importá-los é permitido, e os seus nomes
  públicos também;
- um arquivo do pacote tem até :data:`MAX_LINHAS` linhas; os que ainda passam
  disso estão em :data:`EXCECOES`, cada um com o seu teto (não podem crescer);
- uma função tem até :data:`MAX_LINHAS_FUNCAO` linhas de código (sem contar o
  docstring). A complexidade ciclomática (até 10) é do ruff (``C901``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mlops_lab

PACOTE = Path(mlops_lab.__file__).parent
ARQUIVOS = sorted(PACOTE.rglob("*.py"))

MAX_LINHAS = 350
# Arquivos ainda acima do limite, com o teto de cada um: dividi-los é trabalho a fazer.
EXCECOES = {
    "_fs.py": 400,  # a gravação segura: um assunto só, com exemplos longos
    "data.py": 480,  # leitura de CSV e Parquet, com as mensagens de cada defeito
    "exercises/deployment.py": 450,  # as questões de um capítulo com três seções
    "pipeline.py": 400,  # o pipeline com a divisão no tempo (--time-column): a dividir
}
MAX_LINHAS_FUNCAO = 60


def _nome(caminho: Path) -> str:
    return caminho.relative_to(PACOTE).as_posix()


def _modulo(caminho: Path) -> str:
    partes = ["mlops_lab", *caminho.relative_to(PACOTE).with_suffix("").parts]
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def _privado(nome: str) -> bool:
    return nome.startswith("_") and not (nome.startswith("__") and nome.endswith("__"))


def _e_modulo(modulo: str, nome: str) -> bool:
    """``from modulo import nome`` importa um submódulo (como ``from mlops_lab import _fs``)?"""
    base = PACOTE.parent.joinpath(*modulo.split("."), nome)
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _importacoes(arvore: ast.Module, caminho: Path) -> tuple[dict[str, str], list[str]]:
    """Os módulos do pacote importados (nome local -> módulo) e os ``from x import _y``."""
    proprio = _modulo(caminho)
    apelidos: dict[str, str] = {}
    achados = []
    for no in ast.walk(arvore):
        if isinstance(no, ast.Import):
            apelidos.update({a.asname: a.name for a in no.names
                             if a.name.startswith("mlops_lab.") and a.asname})
        if not (isinstance(no, ast.ImportFrom) and (no.module or "").startswith("mlops_lab")):
            continue
        for alias in no.names:
            if _e_modulo(no.module, alias.name):
                apelidos[alias.asname or alias.name] = f"{no.module}.{alias.name}"
            elif _privado(alias.name) and no.module != proprio:
                achados.append(f"{_nome(caminho)}:{no.lineno}: from {no.module} "
                               f"import {alias.name}")
    return apelidos, achados


def _importacoes_privadas(caminho: Path) -> list[str]:
    """Usos de nomes privados de outro módulo do pacote, com a linha de cada um."""
    proprio = _modulo(caminho)
    arvore = ast.parse(caminho.read_text(encoding="utf-8"))
    apelidos, achados = _importacoes(arvore, caminho)
    for no in ast.walk(arvore):
        if isinstance(no, ast.Attribute) and _privado(no.attr):
            dono = _pontilhado(no.value)
            modulo = apelidos.get(dono, dono if dono.startswith("mlops_lab.") else None)
            if modulo is not None and modulo != proprio:
                achados.append(f"{_nome(caminho)}:{no.lineno}: {dono}.{no.attr}")
    return achados


def _pontilhado(no: ast.expr) -> str:
    """``a.b.c`` de um nó de atributo (vazio se não for um nome pontilhado)."""
    if isinstance(no, ast.Name):
        return no.id
    if isinstance(no, ast.Attribute):
        base = _pontilhado(no.value)
        return f"{base}.{no.attr}" if base else ""
    return ""


def test_nenhum_modulo_usa_nome_privado_de_outro():
    achados = [a for caminho in ARQUIVOS for a in _importacoes_privadas(caminho)]
    assert not achados, (
        "nomes privados (com _) usados fora do módulo que os define; torne-os públicos, "
        "com docstring, ou mova o código:\n" + "\n".join(achados))


def test_a_varredura_acha_importacao_privada(tmp_path, monkeypatch):
    """A regra pega os dois jeitos de usar um nome privado de outro módulo."""
    modulo = PACOTE / "stream" / "window.py"
    codigo = ("from mlops_lab.drift import _numeric\n"
              "from mlops_lab import _fs\n"
              "from mlops_lab.datasets import generate\n"
              "generate._baguncar([], None)\n"
              "_fs.write_json\n"
              "mlops_lab.clean._factorize\n")
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: codigo)
    assert sorted(_importacoes_privadas(modulo)) == [
        "stream/window.py:1: from mlops_lab.drift import _numeric",
        "stream/window.py:4: generate._baguncar",
        "stream/window.py:6: mlops_lab.clean._factorize",
    ]


def _tamanhos() -> dict[str, int]:
    return {_nome(c): len(c.read_text(encoding="utf-8").splitlines()) for c in ARQUIVOS}


def test_arquivos_do_pacote_sao_curtos():
    tamanhos = _tamanhos()
    longos = {nome: n for nome, n in tamanhos.items()
              if n > EXCECOES.get(nome, MAX_LINHAS)}
    assert not longos, (
        f"arquivos acima de {MAX_LINHAS} linhas (ou do teto da exceção): {longos}. Divida o "
        "módulo num pacote com um módulo por assunto (veja mlops_lab/serve/).")


def test_excecoes_de_tamanho_ainda_existem_e_ainda_precisam():
    """Uma exceção que sobrou (arquivo dividido ou renomeado) sai da lista."""
    tamanhos = _tamanhos()
    sobrando = {nome: tamanhos.get(nome) for nome in EXCECOES
                if tamanhos.get(nome, 0) <= MAX_LINHAS}
    assert not sobrando, f"tire de EXCECOES (arquivo sumiu ou já cabe no limite): {sobrando}"


def _linhas_de_codigo(funcao: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    linhas = funcao.end_lineno - funcao.lineno + 1
    primeiro = funcao.body[0]
    if isinstance(primeiro, ast.Expr) and isinstance(primeiro.value, ast.Constant) \
            and isinstance(primeiro.value.value, str):
        linhas -= primeiro.end_lineno - primeiro.lineno + 1
    return linhas


@pytest.mark.parametrize("caminho", ARQUIVOS, ids=_nome)
def test_funcoes_curtas(caminho):
    arvore = ast.parse(caminho.read_text(encoding="utf-8"))
    longas = [f"{no.name} (linha {no.lineno}): {_linhas_de_codigo(no)} linhas"
              for no in ast.walk(arvore)
              if isinstance(no, ast.FunctionDef | ast.AsyncFunctionDef)
              and _linhas_de_codigo(no) > MAX_LINHAS_FUNCAO]
    assert not longas, (f"funções com mais de {MAX_LINHAS_FUNCAO} linhas de código (sem o "
                        f"docstring): {longas}. Divida-as em funções com um nome que diga o "
                        "que cada parte faz.")
