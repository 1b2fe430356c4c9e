"""Empacotamento do modelo: o arquivo do modelo e os seus metadados.

O modelo é salvo no formato `skops <https://skops.readthedocs.io>`_, e não
com ``pickle``. Abrir um *pickle* executa código arbitrário escolhido por
quem criou o arquivo; o skops, ao contrário, só reconstrói tipos que você
declarou confiáveis. :func:`load_model` confia apenas nos tipos que este
pacote grava; qualquer outro faz a carga parar, a menos que o usuário diga
explicitamente que confia no arquivo (``trust=True`` ou ``--trust``).

Ao lado do modelo fica ``metadata.json``: esquema de entrada, *hash* dos
dados, algoritmo e hiperparâmetros, métricas e versões das bibliotecas. É
o que permite responder, meses depois, "com que dados e que código este
modelo foi feito?".
"""

from __future__ import annotations

import json
import platform
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

__all__ = [
    "MODEL_FILE", "METADATA_FILE", "FORMAT_VERSION", "TRUSTED_TYPES", "library_versions",
    "save_model", "read_metadata", "untrusted_types", "load_model", "PREVIOUS_SUFFIX",
    "check_quality", "promote",
]

MODEL_FILE = "model.skops"
METADATA_FILE = "metadata.json"
FORMAT_VERSION = 1
_LIBRARIES = ("mlops-lab", "scikit-learn", "pandas", "numpy", "skops")
# Tipos que os modelos do mlops_lab contêm e que o skops não conhece por padrão.
TRUSTED_TYPES = frozenset({
    "mlops_lab.clean.CategoryNormalizer",
    "mlops_lab.clean.OutlierClipper",
    "mlops_lab.features.add_features",
    "sklearn._loss.link.Interval",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.tree._tree.Tree",
    "sklearn.utils._bunch.Bunch",
    "builtins.slice",
    "numpy.dtype",
    "collections.OrderedDict",
})


def library_versions() -> dict:
    """Versões do Python e das bibliotecas que afetam o modelo."""
    versoes = {"python": platform.python_version()}
    for nome in _LIBRARIES:
        try:
            versoes[nome] = importlib_metadata.version(nome)
        except importlib_metadata.PackageNotFoundError:
            versoes[nome] = "desconhecida"
    return versoes


def save_model(model: Pipeline, directory: str | Path, metadata: dict) -> Path:
    """Grava ``model.skops`` e ``metadata.json`` em ``directory``.

    Examples
    --------
    >>> import tempfile
    >>> from sklearn.dummy import DummyClassifier
    >>> pasta = tempfile.mkdtemp()
    >>> m = DummyClassifier().fit([[0], [1]], ["a", "b"])
    >>> save_model(m, pasta, {"schema": {}}).name
    'model.skops'
    """
    import skops.io as sio

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    caminho = directory / MODEL_FILE
    with _fs.atomic_path(caminho) as temporario:
        sio.dump(model, temporario)
    completo = {"format_version": FORMAT_VERSION, "libraries": library_versions(), **metadata}
    _fs.write_json(directory / METADATA_FILE, completo, default=str)
    return caminho


def read_metadata(directory: str | Path) -> dict:
    """Lê ``metadata.json`` de uma pasta de modelo, com erro claro se faltar."""
    directory = Path(directory)
    if not directory.is_dir():
        raise MlopsLabError(
            f"'{directory}' não é uma pasta de modelo. Informe a pasta criada por "
            "'mlops-lab run' (por padrão, artifacts/)."
        )
    arquivo = directory / METADATA_FILE
    if not arquivo.is_file() or not (directory / MODEL_FILE).is_file():
        raise MlopsLabError(
            f"a pasta '{directory}' não tem {MODEL_FILE} e {METADATA_FILE}. Rode "
            "'mlops-lab run --out PASTA' para criar um modelo e aponte para essa pasta."
        )
    try:
        return json.loads(arquivo.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise MlopsLabError(
            f"'{arquivo}' está corrompido (não é JSON válido). Treine o modelo de novo."
        ) from None


def untrusted_types(path: str | Path) -> list[str]:
    """Tipos no arquivo que nem o skops nem este pacote consideram seguros."""
    import skops.io as sio

    try:
        tipos = sio.get_untrusted_types(file=Path(path))
    except Exception as erro:  # arquivo que não é um zip do skops
        raise MlopsLabError(
            f"'{path}' não é um arquivo de modelo skops válido ({type(erro).__name__}). "
            "Treine o modelo de novo com 'mlops-lab run'."
        ) from None
    return sorted(t for t in tipos if t not in TRUSTED_TYPES)


def load_model(directory: str | Path, trust: bool = False) -> tuple[Pipeline, dict]:
    """Carrega o modelo e os metadados de uma pasta criada por :func:`save_model`.

    Parameters
    ----------
    directory : str ou Path
        Pasta com ``model.skops`` e ``metadata.json``.
    trust : bool, padrão False
        Se ``True``, aceita tipos desconhecidos no arquivo. Só use com arquivos
        de origem confiável: um tipo desconhecido pode executar código.

    Returns
    -------
    (modelo, metadados)
    """
    import skops.io as sio

    metadados = read_metadata(directory)
    caminho = Path(directory) / MODEL_FILE
    estranhos = untrusted_types(caminho)
    if estranhos and not trust:
        raise MlopsLabError(
            f"o modelo em '{caminho}' contém tipos que não são do mlops_lab nem do "
            f"scikit-learn: {', '.join(estranhos)}. Carregá-los pode executar código "
            "arbitrário. Só se você confia em quem criou o arquivo, use --trust "
            "(ou trust=True)."
        )
    modelo = sio.load(caminho, trusted=sorted(TRUSTED_TYPES | set(estranhos)))
    return modelo, metadados


PREVIOUS_SUFFIX = ".previous"


def check_quality(metrics: dict, minimums: dict, served: dict | None = None,
                  tolerance: float = 0.0) -> list[str]:
    """Portão de qualidade do modelo: o candidato pode ir para o ar?

    Confere as métricas de teste de um modelo candidato **antes** de publicá-lo
    (com :func:`promote`). Cada métrica de ``minimums`` precisa atingir o seu
    mínimo e, se ``served`` for dado, não pode ficar mais de ``tolerance``
    abaixo da do modelo no ar. Para a comparação ser justa, ``served`` deve ter
    sido medido no mesmo conjunto de teste que ``metrics``.

    Parameters
    ----------
    metrics : dict
        Métricas do candidato (as de ``metrics.json``, em ``"test"``).
    minimums : dict
        Nome da métrica -> valor mínimo aceito, por exemplo ``{"roc_auc": 0.80}``.
    served : dict ou None
        Métricas do modelo no ar no mesmo teste; ``None`` quando ainda não há
        modelo no ar.
    tolerance : float, padrão 0.0
        Quanto o candidato pode ficar abaixo do modelo no ar.

    Returns
    -------
    list of str
        Uma linha por verificação, todas aprovadas.

    Raises
    ------
    MlopsLabError
        Se alguma verificação falhar: a mensagem lista as que falharam. Quem
        chama não deve publicar o candidato.

    Examples
    --------
    >>> check_quality({"roc_auc": 0.88}, {"roc_auc": 0.80})
    ['roc_auc = 0.880 >= mínimo 0.800: OK']
    >>> try:
    ...     check_quality({"roc_auc": 0.86}, {"roc_auc": 0.80}, served={"roc_auc": 0.88})
    ... except MlopsLabError as erro:
    ...     print("reprovado:", "roc_auc = 0.860 < modelo no ar 0.880" in str(erro))
    reprovado: True
    """
    if not minimums:
        raise MlopsLabError("o portão de qualidade precisa de pelo menos uma métrica mínima, "
                            'por exemplo {"roc_auc": 0.80}.')
    aprovadas, falhas = [], []
    for nome, minimo in minimums.items():
        if nome not in metrics:
            raise MlopsLabError(f"a métrica '{nome}' do portão de qualidade não está entre as do "
                                f"modelo ({', '.join(sorted(metrics))}). Escolha uma delas.")
        valor = metrics[nome]
        verificacoes = [(valor >= minimo, f"{nome} = {valor:.3f}", f"mínimo {minimo:.3f}")]
        if served is not None and nome in served:
            piso = served[nome] - tolerance
            verificacoes.append((valor >= piso, f"{nome} = {valor:.3f}",
                                 f"modelo no ar {served[nome]:.3f}"
                                 + (f" - tolerância {tolerance:.3f}" if tolerance else "")))
        for passou, lado, limite in verificacoes:
            (aprovadas if passou else falhas).append(
                f"{lado} {'>=' if passou else '<'} {limite}" + (": OK" if passou else ""))
    if falhas:
        raise MlopsLabError("o modelo candidato não passou no portão de qualidade: "
                            + "; ".join(falhas) + ". Ele não deve ser publicado; o modelo no "
                            "ar continua o mesmo.")
    return aprovadas


def promote(candidate: str | Path, served: str | Path) -> Path | None:
    """Põe o modelo ``candidate`` no lugar de ``served``, guardando o anterior.

    A troca é feita por renomeação de pastas: quem lê ``served`` (um
    ``mlops-lab serve`` no ar, por exemplo) vê a versão antiga ou a nova,
    nunca uma mistura. A versão que estava no ar vai para
    ``<served>.previous``, para poder voltar atrás com
    ``promote("<served>.previous", served)``.

    Parameters
    ----------
    candidate, served : str ou Path
        Pastas de modelo (de ``mlops-lab run``). ``served`` pode ainda não existir.

    Returns
    -------
    Path
        A pasta onde ficou a versão anterior (ou ``None`` se não havia).
    """
    candidate, served = Path(candidate), Path(served)
    read_metadata(candidate)  # a candidata tem de ser um modelo completo
    if served.exists():
        read_metadata(served)  # nunca troca de lugar uma pasta que não é modelo
    anterior = served.with_name(served.name + PREVIOUS_SUFFIX)
    # Voltar atrás (a candidata é a própria cópia anterior) também funciona: as duas
    # pastas trocam de lugar.
    _fs.replace_dir(candidate, served, previous=anterior)
    return anterior if anterior.exists() else None
