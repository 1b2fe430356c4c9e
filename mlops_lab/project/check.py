"""``mlops-lab check-project``: a nota de um projeto na rubrica, com o que fazer a seguir.

O corretor nunca confia no projeto para dizer o próprio resultado:

1. clona o repositório numa pasta temporária (só o que está no git conta, e a pasta
   original não é tocada); o clone não guarda o endereço da pasta original;
2. lê, sem executar, o que dá para ler (README, cartão do modelo, testes, workflows),
   antes de rodar qualquer código do projeto;
3. roda ``dvc repro``, ``dvc status`` e o ``pytest`` do projeto no clone, cada um
   com limite de tempo e de saída, sem ``PYTHONPATH``, com a pasta pessoal
   (``HOME``) e a temporária dentro da pasta de trabalho
   (:mod:`mlops_lab.project.runner`);
4. confere por conta própria os resultados: lê o banco do MLflow, abre o modelo
   com o skops sem executar código, sobe ``mlops-lab serve`` (o do curso, nunca um
   pacote com o mesmo nome dentro do projeto) e faz pedidos HTTP, mede o drift com
   :mod:`mlops_lab.drift`;
5. confere, no fim, se os arquivos do corretor e a pasta original continuam como
   estavam: se o projeto mexeu neles, nada que dependa de rodar o projeto conta, e
   o relatório diz o que mudou.

O corretor não é uma caixa de areia do sistema operacional: um projeto de
desconhecidos deve ser corrigido num contêiner ou numa máquina virtual.

Cada critério da rubrica (:mod:`mlops_lab.project.rubric`) recebe os pontos das
exigências cumpridas, o que foi encontrado e o que fazer a seguir.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.project import static
from mlops_lab.project.rubric import (
    CARD_FILE,
    CARD_SECTIONS,
    METRICS_TOLERANCE,
    MIN_WORDS,
    README_SECTIONS,
    RUBRIC,
    Criterion,
)
from mlops_lab.project.runner import Outcome, decimal, git, run

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_TIMEOUT", "PICKLE_SUFFIXES", "ItemResult", "CriterionResult", "ProjectReport",
           "check_reproducible", "check_tracked", "check_tested", "check_packaged",
           "check_documented", "check_automated", "check_served", "shifted", "check_monitored",
           "check_project", "read_card", "read_tests"]

DEFAULT_TIMEOUT = 600
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".sav", ".dill")
_SKIP_DIRS = {".git", ".dvc", ".venv", "venv", "__pycache__", "mlruns", "node_modules"}


@dataclass
class ItemResult:
    """Uma exigência conferida: cumprida ou não, e o que foi encontrado."""

    id: str
    points: int
    earned: int
    found: str


@dataclass
class CriterionResult:
    """Um critério conferido: pontos, o que foi encontrado e o que fazer."""

    criterion: Criterion
    items: list[ItemResult]

    @property
    def score(self) -> int:
        return sum(i.earned for i in self.items)

    @property
    def next_steps(self) -> list[str]:
        return [self.criterion.item(i.id).advice for i in self.items if not i.earned]


@dataclass
class ProjectReport:
    """A correção inteira de um projeto."""

    project: str
    commit: str
    criteria: list[CriterionResult]
    seconds: float
    warnings: list[str] = field(default_factory=list)  # o que o projeto mexeu fora do clone

    @property
    def score(self) -> int:
        return sum(c.score for c in self.criteria)

    @property
    def points(self) -> int:
        return sum(c.criterion.points for c in self.criteria)

    def result(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.criterion.id == criterion_id)


@dataclass
class _Context:
    """O clone e o que as conferências já descobriram."""

    root: Path  # o clone, onde o código do projeto roda
    work: Path  # a pasta de trabalho do corretor (o projeto não sabe onde ela fica)
    timeout: float
    results: dict = field(default_factory=dict)  # id do critério -> {item: (ok, achado)}
    repro: Outcome | None = None
    test_files: list = field(default_factory=list)  # static.FileChecks lidos antes de rodar

    @property
    def home(self) -> Path:
        """A pasta pessoal (``HOME``) e temporária dos comandos do projeto."""
        return self.root.parent / "casa"

    def run(self, command: list[str]) -> Outcome:
        """Roda um comando do projeto no clone, com o limite de tempo e a ``home`` do clone."""
        return run(command, self.root, self.timeout, home=self.home)

    @property
    def reproduced(self) -> bool:
        return self.repro is not None and self.repro.ok

    def mark(self, criterio: str, item: str, ok: bool, achado: str) -> None:
        self.results.setdefault(criterio, {})[item] = (bool(ok), achado)

    def path(self, nome) -> Path:
        """``nome`` dentro do clone; um caminho que sai dele (``../``, absoluto) não vale."""
        caminho = (self.root / str(nome)).resolve()
        return caminho if caminho.is_relative_to(self.root.resolve()) else self.work / "(fora)"

    def yaml(self, nome: str) -> dict:
        import yaml

        try:
            conteudo = yaml.safe_load((self.root / nome).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return {}
        return conteudo if isinstance(conteudo, dict) else {}


_SEM_MODELO = "o pipeline não rodou no clone (veja o critério Reprodutível), então não há modelo"


# --- entrada e clone --------------------------------------------------------------------------

def _check_input(pasta: Path) -> str:
    """Confere a pasta e devolve o commit atual; erro claro se não for um projeto."""
    if not pasta.exists():
        raise MlopsLabError(f"a pasta '{pasta}' não existe. Informe a pasta do projeto "
                            "(criada por 'mlops-lab new-project').")
    if not pasta.is_dir():
        raise MlopsLabError(f"'{pasta}' é um arquivo, não a pasta de um projeto. Informe a "
                            "pasta criada por 'mlops-lab new-project'.")
    if not any((pasta / n).exists() for n in ("dvc.yaml", "params.yaml", "README.md")):
        raise MlopsLabError(f"'{pasta}' não parece um projeto: não tem dvc.yaml, params.yaml "
                            "nem README.md. Crie um com 'mlops-lab new-project PASTA --data "
                            "CSV --target COLUNA'.")
    commit = git(["rev-parse", "HEAD"], pasta)
    topo = git(["rev-parse", "--show-toplevel"], pasta)
    if not commit.ok or not topo.ok:
        raise MlopsLabError(f"'{pasta}' não é um repositório git com pelo menos um commit. O "
                            "corretor avalia o que está versionado: rode 'git init', "
                            "'git add -A' e 'git commit -m \"Primeira versão\"' na pasta.")
    if Path(topo.output.strip()).resolve() != pasta.resolve():
        raise MlopsLabError(f"'{pasta}' está dentro de outro repositório git "
                            f"({topo.output.strip()}). O projeto precisa ser a raiz do seu "
                            "próprio repositório: rode 'git init' na pasta do projeto.")
    return commit.output.strip()


def _clone(pasta: Path, destino: Path, timeout: float) -> None:
    r = git(["clone", "--quiet", "--no-hardlinks", str(pasta.resolve()), str(destino)],
             pasta.parent, timeout)
    if not r.ok:
        raise MlopsLabError(f"não consegui clonar '{pasta}' ({r.describe()}): "
                            f"{r.last_lines(3)}")
    # O clone não guarda o caminho da pasta original: o código do projeto não a acha por ele.
    git(["remote", "remove", "origin"], destino, timeout)


# --- reprodutível -----------------------------------------------------------------------------

def _metric_files(ctx: _Context) -> list[str]:
    estagios = ctx.yaml("dvc.yaml").get("stages") or {}
    arquivos = []
    for estagio in estagios.values() if isinstance(estagios, dict) else []:
        for m in (estagio.get("metrics") or []) if isinstance(estagio, dict) else []:
            arquivos += [m] if isinstance(m, str) else list(m) if isinstance(m, dict) else []
    return [str(a) for a in arquivos]


def _numbers(valor, prefixo="") -> dict:
    if isinstance(valor, bool):
        return {}
    if isinstance(valor, (int, float)):
        return {prefixo: float(valor)}
    if isinstance(valor, dict):
        return {k: v for chave, sub in valor.items()
                for k, v in _numbers(sub, f"{prefixo}.{chave}" if prefixo else str(chave)).items()}
    return {}


def _read_metrics(ctx: _Context, arquivos: list[str]) -> dict:
    numeros = {}
    for nome in arquivos:
        try:
            conteudo = json.loads(ctx.path(nome).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        numeros.update({f"{nome}:{k}": v for k, v in _numbers(conteudo).items()})
    return numeros


def check_reproducible(ctx: _Context) -> None:
    c = "reproducible"
    if not (ctx.root / "dvc.yaml").is_file():
        for item in ("repro", "status", "metrics"):
            ctx.mark(c, item, False, "não há dvc.yaml versionado no repositório")
        return
    arquivos = _metric_files(ctx)
    versionadas = _read_metrics(ctx, arquivos)
    ctx.repro = ctx.run(["dvc", "repro"])
    if not ctx.reproduced:
        ctx.mark(c, "repro", False, f"`dvc repro` {ctx.repro.describe()}: "
                                    f"{ctx.repro.last_lines(3)}")
        ctx.mark(c, "status", False, "sem `dvc repro` completo não há o que conferir")
        ctx.mark(c, "metrics", False, "sem `dvc repro` completo não há métricas reproduzidas")
        return
    ctx.mark(c, "repro", True, f"`dvc repro` {ctx.repro.describe()} num clone novo")
    status = ctx.run(["dvc", "status", "--json"])
    try:
        pendente = json.loads(status.output.strip().splitlines()[-1]) if status.ok else None
    except (ValueError, IndexError):
        pendente = None
    if pendente == {}:
        ctx.mark(c, "status", True, "`dvc status` depois do `dvc repro`: tudo em dia")
    else:
        ctx.mark(c, "status", False, "`dvc status` depois do `dvc repro` ainda acusa mudanças: "
                                     + (", ".join(sorted(pendente)) if isinstance(pendente, dict)
                                        else status.last_lines(2)))
    reproduzidas = _read_metrics(ctx, arquivos)
    if not versionadas:
        ctx.mark(c, "metrics", False, "não há métricas versionadas no git "
                                      f"({', '.join(arquivos) or 'nenhum metrics no dvc.yaml'})")
        return
    diferentes = [f"{k} ({decimal(v, 4)} → {decimal(reproduzidas.get(k, float('nan')), 4)})"
                  for k, v in versionadas.items()
                  if not abs(reproduzidas.get(k, float("inf")) - v) <= METRICS_TOLERANCE]
    ctx.mark(c, "metrics", not diferentes,
             f"{len(versionadas)} métricas iguais às versionadas" if not diferentes
             else "métricas diferentes das versionadas: " + "; ".join(diferentes[:4]))


# --- rastreado --------------------------------------------------------------------------------

def _mlflow_db(ctx: _Context) -> tuple[Path | None, str]:
    secao = ctx.yaml("params.yaml").get("track")
    uri = str(secao.get("uri")) if isinstance(secao, dict) and secao.get("uri") else ""
    uri = uri or "sqlite:///mlflow.db"
    if not uri.startswith("sqlite:///"):
        return None, f"`track.uri` é '{uri}'; o corretor lê um SQLite local (sqlite:///mlflow.db)"
    caminho = Path(uri[len("sqlite:///"):])
    caminho = ctx.path(caminho)
    if not caminho.is_file():
        return None, f"o `dvc repro` não criou o banco do MLflow ({uri})"
    return caminho, uri


def _latest_run(banco: Path) -> dict | None:
    with sqlite3.connect(f"file:{banco}?mode=ro", uri=True) as conexao:
        linha = conexao.execute(
            "SELECT run_uuid, status FROM runs WHERE lifecycle_stage = 'active' "
            "ORDER BY start_time DESC LIMIT 1").fetchone()
        if linha is None:
            return None
        run_id, estado = linha

        def pares(tabela: str) -> dict:
            return dict(conexao.execute(f"SELECT key, value FROM {tabela} WHERE run_uuid = ?",
                                        (run_id,)).fetchall())

        return {"id": run_id, "status": estado, "params": pares("params"),
                "metrics": pares("latest_metrics"), "tags": pares("tags")}


def check_tracked(ctx: _Context) -> None:
    c = "tracked"
    if not ctx.reproduced:
        for item in ("run", "data_hash", "commit"):
            ctx.mark(c, item, False, "o pipeline não rodou no clone, então nada foi registrado")
        return
    banco, onde = _mlflow_db(ctx)
    execucao = None
    if banco is not None:
        try:
            execucao = _latest_run(banco)
        except sqlite3.Error as erro:
            onde = f"o banco do MLflow não pôde ser lido ({erro})"
        else:
            onde = onde if execucao else f"o banco {onde} não tem nenhuma execução"
    if execucao is None:
        for item in ("run", "data_hash", "commit"):
            ctx.mark(c, item, False, onde)
        return
    completa = execucao["status"] == "FINISHED" and execucao["params"] and execucao["metrics"]
    ctx.mark(c, "run", completa,
             f"execução {execucao['id'][:8]} ({execucao['status']}) com "
             f"{len(execucao['params'])} parâmetros e {len(execucao['metrics'])} métricas")
    chaves = {**execucao["params"], **execucao["tags"]}
    hashes = [k for k, v in chaves.items() if re.search(r"sha|md5|hash", k, re.I)
              and re.fullmatch(r"[0-9a-f]{32,64}", str(v))]
    ctx.mark(c, "data_hash", bool(hashes), f"hash dos dados em: {', '.join(hashes)}" if hashes
             else "nenhum parâmetro ou etiqueta com o hash dos dados")
    head = git(["rev-parse", "HEAD"], ctx.root).output.strip()
    commit = execucao["tags"].get("mlflow.source.git.commit")
    ctx.mark(c, "commit", commit == head,
             f"commit registrado {commit[:10]} = HEAD do clone" if commit == head
             else f"commit registrado: {commit or 'nenhum'}; HEAD do clone: {head[:10]}")


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


def read_tests(ctx: _Context) -> None:
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


def check_tested(ctx: _Context) -> None:
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


# --- empacotado -------------------------------------------------------------------------------

def _model_dir(ctx: _Context) -> Path:
    nome = ctx.yaml("serving.yaml").get("model") or "model"
    return ctx.path(nome)


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


def check_packaged(ctx: _Context) -> None:
    from mlops_lab.package import METADATA_FILE, MODEL_FILE, untrusted_types

    c = "packaged"
    pasta = _model_dir(ctx)
    pickles = _pickles(ctx.root)
    if not ctx.reproduced or not (pasta / MODEL_FILE).is_file():
        achado = _SEM_MODELO if not ctx.reproduced else f"não há {pasta.name}/{MODEL_FILE}"
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


def read_card(ctx: _Context) -> None:
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

def check_documented(ctx: _Context) -> None:
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


def check_automated(ctx: _Context) -> None:
    c = "automated"
    validos, comandos = static.workflow_commands(ctx.root)
    ctx.mark(c, "workflow", bool(validos), f"workflows: {', '.join(validos)}" if validos
             else "nenhum workflow válido em .github/workflows/")
    for item, nome in (("tests", "os testes (pytest)"), ("repro", "`dvc repro`")):
        ok = static.runs(comandos, item)
        ctx.mark(c, item, ok, f"o workflow roda {nome}" if ok else f"nenhum passo roda {nome}")


# --- servido e monitorado ---------------------------------------------------------------------

def _sample(ctx: _Context):
    """Atributos do lote atual (``current`` do monitoring.yaml ou o teste preparado)."""
    import pandas as pd

    from mlops_lab.data import read_table
    from mlops_lab.package import read_metadata

    meta = read_metadata(_model_dir(ctx))
    nome = ctx.yaml("monitoring.yaml").get("current") or "data/prepared/test.parquet"
    caminho = ctx.path(nome)
    if not caminho.is_file():
        raise MlopsLabError(f"não há o lote de dados '{nome}' no clone")
    df = pd.read_parquet(caminho) if caminho.suffix == ".parquet" else read_table(caminho)
    return df.drop(columns=[meta.get("target")], errors="ignore"), meta


def _records(df) -> list[dict]:
    return json.loads(df.to_json(orient="records", force_ascii=False))


def check_served(ctx: _Context) -> None:
    from mlops_lab.project.serving import probe

    c = "served"
    if not ctx.reproduced:
        for item in ("health", "predict", "invalid"):
            ctx.mark(c, item, False, _SEM_MODELO)
        return
    try:
        df, meta = _sample(ctx)
    except (MlopsLabError, OSError, ValueError) as erro:
        for item in ("health", "predict", "invalid"):
            ctx.mark(c, item, False, f"não há registros para testar o serviço ({erro})")
        return
    valido = _records(df.head(1))[0]
    usadas = meta["schema"]["numeric"] + meta["schema"]["categorical"]
    invalido = {k: v for k, v in valido.items() if k != usadas[0]}
    for item, (ok, achado) in probe(_model_dir(ctx), ctx.work, valido, invalido,
                                    min(ctx.timeout, 180)).items():
        ctx.mark(c, item, ok, achado)


def shifted(df: pd.DataFrame) -> pd.DataFrame:
    """Uma cópia de ``df`` com uma mudança forte: números deslocados, categorias trocadas.

    >>> import pandas as pd
    >>> shifted(pd.DataFrame({"x": [1.0, 2.0], "c": ["a", "b"]}))
         x  c
    0  3.0  b
    1  4.0  b
    """
    import pandas as pd

    novo = df.copy()
    for coluna in novo.columns:
        serie = novo[coluna]
        if pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie):
            novo[coluna] = serie + (serie.max() - serie.min() + 1)
        elif serie.notna().any():
            novo[coluna] = serie.dropna().astype(str).value_counts().sort_index().index[-1]
    return novo


def check_monitored(ctx: _Context) -> None:
    from mlops_lab.drift import compare

    c = "monitored"
    config = ctx.yaml("monitoring.yaml")
    limite = config.get("threshold")
    referencia = ctx.path(config.get("reference") or "model/reference.json")
    problema = None
    if not config:
        problema = "não há monitoring.yaml versionado (com reference, current e threshold)"
    elif not isinstance(limite, (int, float)) or isinstance(limite, bool) or limite <= 0:
        problema = f"o `threshold` do monitoring.yaml deveria ser um número > 0, mas é {limite!r}"
    elif not ctx.reproduced:
        problema = _SEM_MODELO
    elif not referencia.is_file():
        problema = f"a referência '{config.get('reference')}' não existe depois do dvc repro"
    if problema is None:
        try:
            ref = json.loads(referencia.read_text(encoding="utf-8"))
            df, _ = _sample(ctx)
            calmo = compare(ref, df)
            mudado = compare(ref, shifted(df))
        except (MlopsLabError, OSError, ValueError, KeyError) as erro:
            problema = f"o relatório de drift falhou ({erro})"
    if problema is not None:
        ctx.mark(c, "quiet", False, problema)
        ctx.mark(c, "alert", False, problema)
        return
    alertas = calmo[calmo["psi"] >= limite]["atributo"].tolist()
    ctx.mark(c, "quiet", not alertas,
             f"lote sem mudança: maior PSI {decimal(calmo['psi'].max())} < {decimal(limite)}"
             if not alertas else f"alerta sem mudança nos dados (PSI ≥ {decimal(limite)}): "
                                 f"{', '.join(alertas[:5])}")
    disparou = mudado[mudado["psi"] >= limite]["atributo"].tolist()
    ctx.mark(c, "alert", bool(disparou),
             f"lote com mudança: alerta em {len(disparou)} atributos (PSI ≥ {decimal(limite)})"
             if disparou else f"lote com mudança forte e nenhum alerta (maior PSI "
                              f"{decimal(mudado['psi'].max())} < {decimal(limite)})")


# --- a correção inteira -----------------------------------------------------------------------

# Primeiro o que só lê arquivos (antes de qualquer código do projeto rodar), depois o resto.
_STATIC = (check_documented, check_automated, read_card, read_tests)
_RUN = (check_reproducible, check_tracked, check_tested, check_packaged, check_served,
        check_monitored)
# Exigências que não dependem de rodar o projeto: valem mesmo se ele mexeu onde não devia.
_STATIC_ITEMS = {("packaged", "card"), ("tested", "data"), ("tested", "model")} | {
    (c.id, i.id) for c in RUBRIC if c.id in ("documented", "automated") for i in c.items}


def _checker_files() -> dict[str, str]:
    """*Hash* de cada arquivo do pacote do corretor (``mlops_lab``), sem os ``__pycache__``."""
    import hashlib

    import mlops_lab

    raiz = Path(mlops_lab.__file__).resolve().parent
    return {str(p.relative_to(raiz)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(raiz.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def _folder_state(pasta: Path) -> dict[str, tuple[int, int]]:
    """Tamanho e data de modificação de cada arquivo da pasta (sem seguir links)."""
    import os

    estado = {}
    for atual, pastas, arquivos in os.walk(pasta):
        for nome in arquivos + [d for d in pastas if os.path.islink(os.path.join(atual, d))]:
            caminho = os.path.join(atual, nome)
            try:
                info = os.lstat(caminho)
            except OSError:
                continue
            estado[os.path.relpath(caminho, pasta)] = (info.st_size, info.st_mtime_ns)
    return estado


def _changes(antes: dict, depois: dict) -> list[str]:
    mudou = sorted(k for k in antes.keys() | depois.keys() if antes.get(k) != depois.get(k))
    return [f"{k} ({'apagado' if k not in depois else 'criado' if k not in antes else 'alterado'})"
            for k in mudou]


def _tampering(corretor: dict, original: dict, pasta: Path) -> list[str]:
    """O que o projeto mudou fora do clone: arquivos do corretor e a pasta original."""
    alertas = []
    mudancas = _changes(corretor, _checker_files())
    if mudancas:
        alertas.append("o projeto alterou arquivos do corretor (pacote mlops_lab): "
                       + ", ".join(mudancas[:5]))
    mudancas = _changes(original, _folder_state(pasta))
    if mudancas:
        alertas.append("o projeto mexeu na pasta original, fora da cópia em que roda: "
                       + ", ".join(mudancas[:5]))
    return alertas


def check_project(directory: str | Path, timeout: float = DEFAULT_TIMEOUT) -> ProjectReport:
    """Corrige o projeto em ``directory`` pela rubrica; devolve o relatório.

    Parameters
    ----------
    directory : str ou Path
        Raiz de um repositório git com o projeto (criado por ``mlops-lab new-project``).
    timeout : float
        Limite de segundos de cada comando do projeto (``dvc repro``, ``pytest``, o serviço).

    Raises
    ------
    MlopsLabError
        Se a pasta não existe, não parece um projeto ou não é um repositório git com commit.
    """
    if timeout <= 0:
        raise MlopsLabError(f"o limite de tempo deve ser positivo, recebido {timeout}.")
    inicio = time.monotonic()
    pasta = Path(directory)
    commit = _check_input(pasta)
    corretor, original = _checker_files(), _folder_state(pasta)
    # Duas pastas temporárias: a cópia em que o projeto roda e a do corretor (junit, log
    # do serviço), que o projeto não acha a partir da sua.
    copia = Path(tempfile.mkdtemp(prefix="check-project-copia-"))
    trabalho = Path(tempfile.mkdtemp(prefix="check-project-"))
    try:
        ctx = _Context(copia / "projeto", trabalho, timeout)
        _clone(pasta, ctx.root, timeout)
        ctx.home.mkdir()
        for conferir in _STATIC + _RUN:
            conferir(ctx)
        alertas = _tampering(corretor, original, pasta)
        if alertas:  # nada que dependa de rodar o projeto conta
            for c, itens in ctx.results.items():
                for i, (_ok, achado) in itens.items():
                    if (c, i) not in _STATIC_ITEMS:
                        itens[i] = (False, "não conta: " + alertas[0].split(":")[0]
                                    + f" (o que o corretor encontrou: {achado})")
        resultados = [CriterionResult(c, [ItemResult(i.id, i.points,
                                                     i.points if ctx.results[c.id][i.id][0] else 0,
                                                     ctx.results[c.id][i.id][1])
                                          for i in c.items])
                      for c in RUBRIC]
    finally:
        shutil.rmtree(copia, ignore_errors=True)
        shutil.rmtree(trabalho, ignore_errors=True)
    return ProjectReport(pasta.resolve().name, commit, resultados, time.monotonic() - inicio,
                         alertas)
