"""Conferências que só leem arquivos do projeto (nada do projeto é executado).

- :func:`real_assertions`: quantas conferências de verdade um arquivo de testes tem
  (pela árvore sintática: ``assert True`` e ``assert 1`` não contam);
- :func:`markdown_sections`: o texto de cada seção ``##`` de um Markdown, sem
  comentários nem blocos de código;
- :func:`workflow_commands`: os comandos ``run`` dos workflows do GitHub Actions.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileChecks", "real_assertions", "find_test_files", "markdown_sections",
           "section_words", "workflow_commands", "runs", "result_hooks"]

# Chamadas que conferem algo: pytest.raises, np.testing.assert_allclose, self.assertEqual…
_CHECK_CALL = re.compile(r"^(assert\w*|raises|warns|approx|fail)$")
_GATE_OPS = (ast.Gt, ast.GtE, ast.Lt, ast.LtE)


@dataclass
class FileChecks:
    """O que a leitura de um arquivo de testes encontrou."""

    path: str
    tests: int  # funções test_*
    real_asserts: int  # conferências que podem falhar
    gates: int  # asserts que comparam com >, >=, < ou <=
    error: str | None = None

    @property
    def real(self) -> bool:
        return self.error is None and self.tests > 0 and self.real_asserts > 0


def _constant(no: ast.AST) -> bool:
    """Uma expressão que não depende de nada: ``True``, ``1``, ``"x"``, ``not False``, ``()``."""
    if isinstance(no, ast.Constant):
        return True
    if isinstance(no, ast.UnaryOp):
        return _constant(no.operand)
    if isinstance(no, (ast.Tuple, ast.List, ast.Set)):
        return all(_constant(e) for e in no.elts)
    if isinstance(no, ast.BoolOp):
        return all(_constant(v) for v in no.values)
    if isinstance(no, ast.Compare):
        return _constant(no.left) and all(_constant(c) for c in no.comparators)
    return False


def _call_name(no: ast.Call) -> str:
    f = no.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def real_assertions(source: str, path: str = "<teste>") -> FileChecks:
    """Conta testes e conferências de verdade num arquivo de testes, sem executá-lo.

    Examples
    --------
    >>> real_assertions("def test_a():\\n    assert True\\n").real
    False
    >>> info = real_assertions("def test_a():\\n    x = 2\\n    assert x >= 1\\n")
    >>> info.real, info.gates
    (True, 1)
    >>> real_assertions("import pytest\\ndef test_b():\\n    with pytest.raises(ValueError):\\n"
    ...                 "        int('a')\\n").real
    True
    """
    try:
        arvore = ast.parse(source, filename=path)
    except SyntaxError as erro:
        return FileChecks(path, 0, 0, 0, f"erro de sintaxe na linha {erro.lineno}")
    testes = reais = portoes = 0
    for no in ast.walk(arvore):
        if isinstance(no, (ast.FunctionDef, ast.AsyncFunctionDef)) and no.name.startswith("test"):
            testes += 1
        elif isinstance(no, ast.Assert) and not _constant(no.test):
            reais += 1
            if isinstance(no.test, ast.Compare) and any(isinstance(op, _GATE_OPS)
                                                        for op in no.test.ops):
                portoes += 1
        elif (isinstance(no, ast.Call) and _CHECK_CALL.match(_call_name(no))
              and (no.args or no.keywords)
              and not all(_constant(a) for a in no.args)):
            reais += 1
    return FileChecks(path, testes, reais, portoes)


def find_test_files(root: Path) -> list[Path]:
    """Os arquivos de testes do projeto (``tests/**/test_*.py`` e ``*_test.py``)."""
    pasta = root / "tests"
    if not pasta.is_dir():
        return []
    return sorted(p for p in pasta.rglob("*.py")
                  if p.is_file() and (p.name.startswith("test_") or p.name.endswith("_test.py")))


def _fold(texto: str) -> str:
    """Minúsculas sem acentos: ``'Métricas'`` -> ``'metricas'``."""
    sem = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in sem if not unicodedata.combining(c)).casefold().strip()


def markdown_sections(texto: str) -> dict[str, str]:
    """Título (sem acentos, minúsculo) -> texto da seção ``##``, sem comentários nem código.

    Examples
    --------
    >>> s = markdown_sections("# T\\n## Dados\\n<!-- escreva -->\\nOlá.\\n```\\ncódigo\\n```\\n")
    >>> s
    {'dados': 'Olá.'}
    """
    texto = re.sub(r"<!--.*?-->", " ", texto, flags=re.S)
    texto = re.sub(r"^(```|~~~).*?^\1\s*$", " ", texto, flags=re.S | re.M)
    secoes, atual = {}, None
    for linha in texto.splitlines():
        m = re.match(r"^##\s+(.+?)\s*#*\s*$", linha)
        if m:
            atual = _fold(m.group(1))
            secoes.setdefault(atual, "")
        elif re.match(r"^#\s", linha):
            atual = None
        elif atual is not None:
            secoes[atual] = (secoes[atual] + "\n" + linha).strip()
    return secoes


def section_words(secoes: dict[str, str], nome: str) -> int | None:
    """Palavras da seção cujo título começa com ``nome`` (``None`` se ela não existe).

    >>> section_words({"limites do modelo": "não use em crianças"}, "Limites")
    4
    """
    chave = _fold(nome)
    for titulo, corpo in secoes.items():
        if titulo.startswith(chave):
            return len(re.findall(r"\w+", corpo))
    return None


_RUNS = {
    "tests": re.compile(r"(^|[;&|]\s*|\s)(python3?\s+-m\s+)?pytest(\s|$)"),
    "repro": re.compile(r"(^|[;&|]\s*)dvc\s+repro(\s|$)"),
}


def workflow_commands(root: Path) -> tuple[list[str], list[str]]:
    """(workflows válidos com gatilho e passos, linhas de comando ``run`` de todos eles).

    Comentários do shell (``# ...``) não contam como comando.
    """
    import yaml

    pasta = root / ".github" / "workflows"
    arquivos = sorted([*pasta.glob("*.yml"), *pasta.glob("*.yaml")]) if pasta.is_dir() else []
    validos, comandos = [], []
    for arquivo in arquivos:
        try:
            conteudo = yaml.safe_load(arquivo.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            continue
        if not isinstance(conteudo, dict):
            continue
        gatilho = conteudo.get("on", conteudo.get(True))  # o YAML 1.1 lê "on" como True
        jobs = conteudo.get("jobs")
        if not gatilho or not isinstance(jobs, dict):
            continue
        passos = [p for job in jobs.values() if isinstance(job, dict)
                  for p in (job.get("steps") or []) if isinstance(p, dict)]
        if not passos:
            continue
        validos.append(arquivo.name)
        for passo in passos:
            for linha in str(passo.get("run") or "").splitlines():
                linha = linha.strip()
                if linha and not linha.startswith("#"):
                    comandos.append(linha)
    return validos, comandos


def runs(comandos: list[str], tipo: str) -> bool:
    """Algum comando roda os testes (``tipo="tests"``) ou o ``dvc repro`` (``"repro"``)?

    >>> runs(["pip install -r requirements.txt", "dvc repro"], "repro")
    True
    >>> runs(["echo 'sem testes'"], "tests")
    False
    """
    return any(_RUNS[tipo].search(c) for c in comandos)


#: Ganchos do pytest que mudam o resultado de um teste depois de ele rodar.
RESULT_HOOKS = ("pytest_runtest_makereport", "pytest_runtest_logreport",
                "pytest_report_teststatus", "pytest_runtest_protocol",
                "pytest_runtest_call", "pytest_sessionfinish")
_SKIP = {".git", ".dvc", ".venv", "venv", "__pycache__", "node_modules"}


def result_hooks(root: Path) -> list[str]:
    """Ganchos do pytest (:data:`RESULT_HOOKS`) definidos em arquivos ``.py`` do projeto.

    Um projeto que os define pode dizer que os próprios testes passaram sem que eles
    passem: o corretor não conta o resultado desse ``pytest``.

    >>> import tempfile
    >>> pasta = Path(tempfile.mkdtemp())
    >>> _ = (pasta / "conftest.py").write_text("def pytest_runtest_makereport(item, call):\\n"
    ...                                         "    pass\\n")
    >>> result_hooks(pasta)
    ['conftest.py: pytest_runtest_makereport']
    """
    achados = []
    for caminho in sorted(root.rglob("*.py")):
        partes = caminho.relative_to(root).parts
        if any(p in _SKIP for p in partes[:-1]) or not caminho.is_file():
            continue
        try:
            arvore = ast.parse(caminho.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError, OSError):
            continue
        achados += [f"{'/'.join(partes)}: {no.name}" for no in ast.walk(arvore)
                    if isinstance(no, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and no.name in RESULT_HOOKS]
    return achados
