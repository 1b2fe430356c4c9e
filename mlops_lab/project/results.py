"""O que a correção de um projeto produz: os resultados e o contexto das conferências.

:class:`CheckContext` é o clone do projeto e o que as conferências já descobriram;
cada função ``check_*`` (em :mod:`~mlops_lab.project.check_pipeline`,
:mod:`~mlops_lab.project.check_code` e :mod:`~mlops_lab.project.check_service`)
recebe o contexto e marca as exigências do seu critério.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlops_lab.project.rubric import Criterion
from mlops_lab.project.runner import Outcome, run

__all__ = ["ItemResult", "CriterionResult", "ProjectReport", "CheckContext", "NO_MODEL"]


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
class CheckContext:
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

    def path(self, nome: str | Path) -> Path:
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

    def model_dir(self) -> Path:
        """A pasta do modelo que o serviço usa (``model`` em ``serving.yaml``; padrão ``model``)."""
        nome = self.yaml("serving.yaml").get("model") or "model"
        return self.path(nome)


NO_MODEL = "o pipeline não rodou no clone (veja o critério Reprodutível), então não há modelo"
