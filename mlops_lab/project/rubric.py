"""A rubrica do projeto final: critérios, pontos, como cada um é conferido e o que fazer.

É a mesma informação que o corretor (:mod:`mlops_lab.project.check`) usa e que a
página "Projeto final" do livro mostra (:func:`rubric_markdown`): a rubrica não é
digitada duas vezes.

Examples
--------
>>> sum(c.points for c in RUBRIC)
100
>>> [c.id for c in RUBRIC][:3]
['reproducible', 'tracked', 'tested']
>>> criterion("served").title
'Servido'
"""

from __future__ import annotations

from dataclasses import dataclass

from mlops_lab.errors import MlopsLabError

__all__ = [
    "METRICS_TOLERANCE", "MIN_WORDS", "README_SECTIONS", "CARD_SECTIONS", "CARD_FILE", "Item",
    "Criterion", "RUBRIC", "TOTAL_POINTS", "criterion", "rubric_summary", "rubric_details",
    "rubric_markdown",
]

#: Diferença máxima entre uma métrica reproduzida e a versionada no repositório.
METRICS_TOLERANCE = 0.001
#: Palavras de texto (fora de comentários e blocos de código) para uma seção contar como preenchida.
MIN_WORDS = 20
#: Seções do README.md: título (como aparece) -> começo do título aceito (sem acentos).
README_SECTIONS = ("Problema", "Dados", "Como rodar", "Resultados", "Limites")
#: Seções do cartão do modelo (MODEL_CARD.md).
CARD_SECTIONS = ("Uso pretendido", "Dados de treino", "Métricas", "Limitações")
CARD_FILE = "MODEL_CARD.md"


@dataclass(frozen=True)
class Item:
    """Uma exigência de um critério: quanto vale, o que se exige e o que fazer se faltar."""

    id: str
    points: int
    requirement: str
    advice: str


@dataclass(frozen=True)
class Criterion:
    """Um critério da rubrica, com as suas exigências."""

    id: str
    title: str
    how: str
    items: tuple[Item, ...]

    @property
    def points(self) -> int:
        return sum(i.points for i in self.items)

    def item(self, item_id: str) -> Item:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)


def _secoes(nomes) -> str:
    return ", ".join(f"“{n}”" for n in nomes)


RUBRIC: tuple[Criterion, ...] = (
    Criterion(
        "reproducible", "Reprodutível",
        "Num clone novo do repositório (só o que está no git), o corretor roda `dvc repro`, "
        "depois `dvc status`, e compara as métricas reproduzidas com as versionadas.",
        (
            Item("repro", 10, "`dvc repro` reconstrói o modelo num clone novo do repositório.",
                 "Rode `dvc repro` num clone novo (`git clone . /tmp/teste`, depois `cd "
                 "/tmp/teste && dvc repro`) e corrija o primeiro erro. Confira se os dados "
                 "estão versionados e se cada arquivo que um estágio lê está em `deps`."),
            Item("status", 5, "`dvc status` não acusa nada depois do `dvc repro`.",
                 "Declare em `outs` tudo o que cada estágio grava e em `deps` tudo o que ele "
                 "lê; rode `dvc repro` e confira se `dvc status` diz que está tudo em dia."),
            Item("metrics", 5, "As métricas reproduzidas são as versionadas no repositório "
                               f"(diferença de até {str(METRICS_TOLERANCE).replace('.', ',')}).",
                 "Rode `dvc repro` e versione o resultado: `git add dvc.lock "
                 "evaluation/metrics.json` e `git commit`. Se as métricas mudam a cada "
                 "execução, fixe as sementes (`seed`) no `params.yaml`."),
        ),
    ),
    Criterion(
        "tracked", "Rastreado",
        "Depois do `dvc repro` no clone, o corretor lê o banco do MLflow (`track.uri` do "
        "`params.yaml`, um SQLite) e confere a execução mais recente.",
        (
            Item("run", 4, "O MLflow tem uma execução concluída com parâmetros e métricas.",
                 "Mantenha o estágio `track` no `dvc.yaml` (ele registra cada execução no "
                 "MLflow) e a seção `track` do `params.yaml` com `uri: sqlite:///mlflow.db`."),
            Item("data_hash", 3, "A execução guarda o *hash* dos dados de treino.",
                 "Registre o *hash* dos dados na execução, como a etiqueta `data.file_sha256` "
                 "que o estágio `track` grava."),
            Item("commit", 3, "A execução guarda o commit do git do código que a produziu.",
                 "Registre a versão do código: a etiqueta `mlflow.source.git.commit` com o "
                 "resultado de `git rev-parse HEAD` (o estágio `track` faz isso)."),
        ),
    ),
    Criterion(
        "tested", "Testado",
        "O corretor lê os testes (`tests/`) sem executá-los: um arquivo que não tem nenhum "
        "`assert` de verdade (só `assert True`, ou nenhum) não conta. Depois roda o `pytest` "
        "no clone, já com o modelo reproduzido.",
        (
            Item("pass", 5, "Os testes do projeto passam, e há pelo menos um teste de verdade.",
                 "Rode `python -m pytest tests` depois do `dvc repro` e corrija o que falhar. "
                 "Um teste só vale se ele puder falhar: troque `assert True` por uma "
                 "conferência de verdade."),
            Item("data", 5, "Testes de dados de verdade (`tests/test_data*.py`) conferem "
                            "esquema e faixas.",
                 "Escreva em `tests/test_data.py` testes que confiram as colunas, o alvo e as "
                 "faixas dos seus dados (o `new-project` gera um começo)."),
            Item("model", 5, "Testes do modelo de verdade (`tests/test_model*.py`) com um "
                             "portão de desempenho (um `assert` que compara uma métrica "
                             "com um mínimo).",
                 "Escreva em `tests/test_model.py` um portão de desempenho: `assert "
                 "metricas['balanced_accuracy'] >= minimo`, com o mínimo no `params.yaml`."),
        ),
    ),
    Criterion(
        "packaged", "Empacotado com segurança",
        "O corretor abre o modelo reproduzido (`model/`) sem executar código, procura "
        "arquivos *pickle* em todo o projeto e lê os metadados e o cartão do modelo.",
        (
            Item("skops", 8, "O modelo está em skops (`model/model.skops`), só com tipos "
                             "confiáveis, e não há nenhum arquivo *pickle* no projeto.",
                 "Salve o modelo só com o skops (`mlops-lab train` já faz isso) e apague "
                 "arquivos `.pkl`, `.pickle` ou `.joblib`: abrir um *pickle* executa o "
                 "código que quem o criou quiser."),
            Item("metadata", 3, "`model/metadata.json` tem alvo, classes, esquema, *hash* "
                                "dos dados e versões das bibliotecas.",
                 "Grave o modelo com `mlops-lab train`, que escreve `metadata.json` completo "
                 "ao lado do `model.skops`."),
            Item("card", 4, f"O cartão do modelo (`{CARD_FILE}`) tem as seções "
                            f"{_secoes(CARD_SECTIONS)} preenchidas.",
                 f"Preencha cada seção do `{CARD_FILE}` com pelo menos {MIN_WORDS} palavras "
                 "suas (os comentários `<!-- -->` não contam)."),
        ),
    ),
    Criterion(
        "served", "Servido",
        "O corretor sobe `mlops-lab serve` com o modelo reproduzido (pasta `model` do "
        "`serving.yaml`) numa porta livre e faz três pedidos HTTP de verdade.",
        (
            Item("health", 3, "`GET /health` responde 200.",
                 "Confira se `mlops-lab serve --model model` sobe sem erro depois do "
                 "`dvc repro` e se `serving.yaml` aponta para a pasta do modelo."),
            Item("predict", 4, "Um registro válido (do conjunto de teste) recebe uma previsão.",
                 "Mande um registro do teste para `POST /predict` e confira a resposta; o "
                 "modelo precisa aceitar as mesmas colunas dos dados preparados."),
            Item("invalid", 3, "Um registro inválido (sem uma coluna usada) recebe um erro "
                               "4xx, e não uma previsão nem um erro 500.",
                 "O serviço deve conferir cada registro contra o esquema de treino e "
                 "responder 422 com uma mensagem clara (`mlops-lab serve` já faz isso)."),
        ),
    ),
    Criterion(
        "monitored", "Monitorado",
        "Com o `monitoring.yaml` (referência, lote atual e limite do PSI), o corretor mede o "
        "drift do lote atual e de uma cópia dele com uma mudança forte.",
        (
            Item("quiet", 5, "Sem mudança nos dados, o relatório de drift não dispara alerta.",
                 "Confira o `monitoring.yaml`: `reference` (as estatísticas do treino), "
                 "`current` (um lote de dados) e um `threshold` do PSI razoável (0,25)."),
            Item("alert", 5, "Com uma mudança forte nos dados, o relatório de drift dispara "
                             "alerta.",
                 "Baixe o `threshold` do `monitoring.yaml` para um valor que uma mudança "
                 "grande ultrapasse (0,25 é o usual) e confira se `reference` existe."),
        ),
    ),
    Criterion(
        "documented", "Documentado",
        f"O corretor lê o `README.md`: cada seção ({_secoes(README_SECTIONS)}) precisa "
        f"existir (título `##`) e ter pelo menos {MIN_WORDS} palavras fora de comentários "
        "e blocos de código.",
        tuple(
            Item(f"section:{nome}", 2, f"A seção “{nome}” do README está preenchida.",
                 f"Escreva a seção `## {nome}` do README.md com pelo menos {MIN_WORDS} "
                 "palavras suas (os comentários `<!-- -->` do modelo não contam).")
            for nome in README_SECTIONS
        ),
    ),
    Criterion(
        "automated", "Automatizado",
        "O corretor lê os workflows do GitHub Actions (`.github/workflows/*.yml`) sem "
        "executá-los e procura os comandos nos passos `run`.",
        (
            Item("workflow", 2, "Há um workflow válido, com gatilho (`on:`) e passos.",
                 "Crie `.github/workflows/ci.yml` com `on: [push, pull_request]` e um job "
                 "com passos (o `new-project` gera um)."),
            Item("tests", 4, "O workflow roda os testes (`pytest`).",
                 "Inclua no workflow um passo `run: python -m pytest tests`."),
            Item("repro", 4, "O workflow roda `dvc repro`.",
                 "Inclua no workflow um passo `run: dvc repro` antes dos testes."),
        ),
    ),
)

TOTAL_POINTS = sum(c.points for c in RUBRIC)


def criterion(criterion_id: str) -> Criterion:
    """O critério de id ``criterion_id`` (``reproducible``, ``tracked``…)."""
    for c in RUBRIC:
        if c.id == criterion_id:
            return c
    raise MlopsLabError(f"critério desconhecido: '{criterion_id}'. Os critérios são: "
                        + ", ".join(c.id for c in RUBRIC) + ".")


def _celula(texto: str) -> str:
    return texto.replace("|", "\\|").replace("\n", " ")


def rubric_summary() -> str:
    """Tabela Markdown curta: cada critério e quantos pontos vale.

    Examples
    --------
    >>> print(rubric_summary().splitlines()[2])
    | Reprodutível | 20 |
    """
    linhas = ["| Critério | Pontos |", "|:--|--:|"]
    linhas += [f"| {c.title} | {c.points} |" for c in RUBRIC]
    linhas.append(f"| **Total** | **{TOTAL_POINTS}** |")
    return "\n".join(linhas)


def rubric_details(*criterion_ids: str) -> str:
    """Markdown de cada critério pedido: como é conferido e a tabela das exigências.

    Examples
    --------
    >>> print(rubric_details("automated").splitlines()[0][:31])
    **Automatizado** (10 pontos). O
    """
    blocos = []
    for c in map(criterion, criterion_ids):
        linhas = [f"**{c.title}** ({c.points} pontos). {c.how}", "",
                  "| O que se exige | Pontos |", "|:--|--:|"]
        linhas += [f"| {_celula(i.requirement)} | {i.points} |" for i in c.items]
        blocos.append("\n".join(linhas))
    return "\n\n".join(blocos)


def rubric_markdown() -> str:
    """A rubrica inteira em Markdown: o resumo e os detalhes de cada critério."""
    return "\n\n".join([rubric_summary(), rubric_details(*(c.id for c in RUBRIC))])
