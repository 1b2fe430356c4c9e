"""Gravação segura: o único lugar do pacote que escreve no disco do usuário.

Todo comando que grava segue a mesma promessa: **se algo falhar no meio (um
erro, falta de espaço, Ctrl+C), o destino fica como estava**, sem arquivo pela
metade nem pasta temporária esquecida. Este módulo cumpre a promessa para todos:

- :func:`check_out` recusa gravar sobre um arquivo ou sobre uma pasta que não
  foi criada pelo mlops-lab (para nunca apagar o que é do usuário);
- :func:`staged_dir` monta uma pasta inteira numa pasta temporária ao lado do
  destino e só no fim troca uma pela outra (:func:`replace_dir`);
- :func:`atomic_path`, :func:`write_text`, :func:`write_bytes` e
  :func:`write_json` gravam um arquivo num temporário da mesma pasta e só então
  o põem no lugar com :func:`os.replace` (atômico no mesmo disco);
- :func:`undo_on_error` desfaz, num erro, o que um bloco criou ou acrescentou
  (para quem acrescenta a um registro, como ``mlops-lab stream``).

Os JSON do curso têm um formato só (:func:`json_text`): indentados, com acentos
legíveis (``ensure_ascii=False``) e uma quebra de linha no fim.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Container, Iterator
from pathlib import Path

from mlops_lab.errors import MlopsLabError

__all__ = ["atomic_path", "check_out", "check_out_file", "json_text", "replace_dir",
           "staged_dir", "undo_on_error", "write_bytes", "write_json", "write_text"]

#: Prefixo dos nomes temporários: arquivos e pastas ocultos, ao lado do destino.
TEMP_PREFIX = ".tmp-"


def _foreign_message(out: Path, option: str, names: list[str]) -> str:
    return (f"a pasta '{out}' já tem arquivos que não são artefatos do mlops-lab. Para não "
            f"apagá-los, escolha uma pasta nova ou vazia em {option}.")


def check_out(out: str | Path, marker: str | None = None, *, option: str = "--out",
              known: Container[str] | Callable[[str], bool] | None = None,
              message: Callable[[Path, str, list[str]], str] = _foreign_message) -> None:
    """Recusa gravar sobre um arquivo ou sobre uma pasta que não é do mlops-lab.

    Uma pasta que não existe ou está vazia sempre serve. Uma pasta com arquivos
    serve se foi gravada antes pelo mesmo comando: se tem o arquivo ``marker``
    ou se todos os seus nomes estão em ``known`` (um conjunto de nomes ou uma
    função que diz se um nome é do comando).

    Parameters
    ----------
    out : str ou Path
        Pasta de destino.
    marker : str, opcional
        Arquivo que só o comando grava (por exemplo ``metadata.json``).
    option : str, padrão "--out"
        A opção da linha de comando, citada nas mensagens.
    known : conjunto de nomes ou função, opcional
        Os nomes que o comando grava (no lugar de ``marker``).
    message : função, opcional
        Monta a mensagem de pasta estranha a partir de ``(out, option, nomes)``,
        onde ``nomes`` são os arquivos que não são do comando, em ordem.

    Raises
    ------
    MlopsLabError
        Se ``out`` é um arquivo ou uma pasta com arquivos de outra origem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pasta = pathlib.Path(tempfile.mkdtemp())
    >>> check_out(pasta / "nova")  # não existe: serve
    >>> _ = (pasta / "notas.txt").write_text("meu")
    >>> try:
    ...     check_out(pasta, "metadata.json")
    ... except MlopsLabError as erro:
    ...     print("recusada:", "não são artefatos do mlops-lab" in str(erro))
    recusada: True
    >>> check_out(pasta, known={"notas.txt"})  # só arquivos do comando: serve
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise MlopsLabError(f"'{out}' já existe e é um arquivo. Em {option}, informe uma pasta.")
    if not out.is_dir() or (marker is not None and (out / marker).exists()):
        return
    nosso = known if callable(known) else (lambda nome: known is not None and nome in known)
    estranhos = sorted(p.name for p in out.iterdir() if not nosso(p.name))
    if estranhos:
        raise MlopsLabError(message(out, option, estranhos))


def check_out_file(path: str | Path, option: str = "--out") -> Path:
    """Confere, antes do trabalho, que ``path`` pode receber um arquivo CSV de saída.

    Recusa uma pasta no lugar do arquivo e uma pasta-mãe que não existe: um nome
    errado na linha de comando não desperdiça uma correção ou previsão inteira.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pasta = pathlib.Path(tempfile.mkdtemp())
    >>> check_out_file(pasta / "notas.csv").name
    'notas.csv'
    >>> try:
    ...     check_out_file(pasta, "--csv")
    ... except MlopsLabError as erro:
    ...     print(str(erro).endswith("Em --csv, informe um arquivo .csv."))
    True
    """
    path = Path(path)
    if path.is_dir():
        raise MlopsLabError(f"'{path}' é uma pasta. Em {option}, informe um arquivo .csv.")
    if not path.parent.is_dir():
        raise MlopsLabError(f"a pasta '{path.parent}' não existe. Crie-a ou escolha outro "
                            f"{option}.")
    return path


def _hidden_name(path: Path, what: str = "") -> Path:
    """Nome oculto e único ao lado de ``path`` (mesma pasta, mesmo disco).

    O nome original fica no fim, com as suas extensões: quem deduz o formato
    pela extensão (``savefig``, ``to_csv`` com ``.gz``) continua acertando.
    """
    return path.with_name(f"{TEMP_PREFIX}{what}{secrets.token_hex(4)}-{path.name}")


def _default_mode(directory: bool) -> int:
    mascara = os.umask(0)
    os.umask(mascara)
    return (0o777 if directory else 0o666) & ~mascara


def _make_parents(folder: Path) -> list[Path]:
    """Cria ``folder`` e as pastas acima que faltarem; devolve as criadas, da mais funda."""
    faltam = []
    while not folder.exists():
        faltam.append(folder)
        folder = folder.parent
    for pasta in reversed(faltam):
        pasta.mkdir(exist_ok=True)
    return faltam


def _remove_empty(folders: list[Path]) -> None:
    for pasta in folders:
        with contextlib.suppress(OSError):
            pasta.rmdir()


def replace_dir(new: str | Path, out: str | Path, previous: str | Path | None = None) -> None:
    """Põe a pasta ``new`` no lugar de ``out`` por renomeações (quase atômico).

    Quem lê ``out`` vê a versão antiga ou a nova, nunca uma mistura. Se a troca
    falhar, ``out`` volta a ser o que era.

    Parameters
    ----------
    new : str ou Path
        Pasta pronta, no mesmo disco de ``out`` (some do lugar de origem).
    out : str ou Path
        Destino; pode ainda não existir.
    previous : str ou Path, opcional
        Onde guardar a versão que estava em ``out``: o que houver lá é apagado e,
        se ``out`` existia, a versão antiga vai para lá. Sem ``previous``, a
        versão antiga é apagada. Pode ser a própria ``new`` (voltar
        atrás: as duas pastas trocam de lugar).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> raiz = pathlib.Path(tempfile.mkdtemp())
    >>> for nome in ("a", "b"):
    ...     (raiz / nome).mkdir()
    ...     _ = (raiz / nome / "versao.txt").write_text(nome)
    >>> replace_dir(raiz / "b", raiz / "a", previous=raiz / "a.previous")
    >>> (raiz / "a" / "versao.txt").read_text(), (raiz / "a.previous" / "versao.txt").read_text()
    ('b', 'a')
    """
    new, out = Path(new), Path(out)
    antiga = None
    if out.exists():
        antiga = _hidden_name(out, "antiga-")
        out.rename(antiga)
    try:
        new.rename(out)
    except BaseException:
        if antiga is not None:
            antiga.rename(out)
        raise
    if previous is not None and Path(previous).exists():
        shutil.rmtree(previous)  # guarda só a versão que estava em out (se havia)
    if antiga is not None and previous is not None:
        antiga.rename(previous)
    elif antiga is not None:
        shutil.rmtree(antiga, ignore_errors=True)


@contextlib.contextmanager
def staged_dir(out: str | Path) -> Iterator[Path]:
    """Monta uma pasta numa temporária ao lado de ``out`` e, no fim, troca as duas.

    Dentro do bloco, grave tudo na pasta devolvida. Se o bloco terminar bem, ela
    toma o lugar de ``out`` (com :func:`replace_dir`); se houver qualquer erro,
    inclusive ``KeyboardInterrupt``, ela é apagada, as pastas criadas para
    abrigá-la também, e ``out`` fica exatamente como estava.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> destino = pathlib.Path(tempfile.mkdtemp()) / "artifacts"
    >>> with staged_dir(destino) as pasta:
    ...     _ = (pasta / "metrics.json").write_text("{}")
    >>> sorted(p.name for p in destino.iterdir())
    ['metrics.json']
    >>> try:
    ...     with staged_dir(destino) as pasta:
    ...         _ = (pasta / "metrics.json").write_text("pela metade")
    ...         raise RuntimeError("falhou no meio")
    ... except RuntimeError:
    ...     pass
    >>> (destino / "metrics.json").read_text(), len(list(destino.parent.iterdir()))
    ('{}', 1)
    """
    out = Path(out)
    criadas = _make_parents(out.parent)
    try:
        temporaria = Path(tempfile.mkdtemp(prefix=_hidden_name(out).name + "-",
                                           dir=out.parent))
        temporaria.chmod(_default_mode(directory=True))  # mkdtemp cria com 0700
        try:
            yield temporaria
            replace_dir(temporaria, out)
        except BaseException:
            shutil.rmtree(temporaria, ignore_errors=True)
            raise
    except BaseException:
        _remove_empty(criadas)
        raise


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Caminho temporário na pasta de ``path``; no fim, ele substitui ``path``.

    Para bibliotecas que gravam num caminho (``DataFrame.to_csv``,
    ``to_parquet``, ``Figure.savefig``, ``skops.io.dump``): grave no caminho
    devolvido. Se o bloco terminar bem, :func:`os.replace` põe o arquivo no
    lugar de uma vez; se houver erro, o temporário é apagado e ``path`` fica
    como estava. O temporário mantém as extensões de ``path`` (``.csv.gz``
    continua comprimido, ``.png`` continua PNG).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> destino = pathlib.Path(tempfile.mkdtemp()) / "previsoes.csv"
    >>> with atomic_path(destino) as temporario:
    ...     _ = temporario.write_text("previsao\\nSim\\n")
    >>> destino.read_text().splitlines()
    ['previsao', 'Sim']
    """
    path = Path(path)
    temporario = _hidden_name(path)
    try:
        yield temporario
        os.replace(temporario, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporario.unlink()
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Grava ``data`` em ``path`` de uma vez (temporário + :func:`os.replace`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> write_bytes(pathlib.Path(tempfile.mkdtemp()) / "dados.bin", b"\\x00\\x01").name
    'dados.bin'
    """
    path = Path(path)
    with atomic_path(path) as temporario:
        temporario.write_bytes(data)
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Grava ``text`` em UTF-8 em ``path`` de uma vez (temporário + :func:`os.replace`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> arquivo = write_text(pathlib.Path(tempfile.mkdtemp()) / "relatorio.md", "# Olá\\n")
    >>> arquivo.read_text(encoding="utf-8")
    '# Olá\\n'
    """
    return write_bytes(path, text.encode("utf-8"))


def json_text(data, default: Callable | None = None) -> str:
    """O formato de JSON do curso: indentado, acentos legíveis e quebra de linha no fim.

    ``default`` converte o que o JSON não conhece (por exemplo ``str``).

    Examples
    --------
    >>> print(json_text({"versão": 1}), end="")
    {
      "versão": 1
    }
    """
    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"


def write_json(path: str | Path, data, default: Callable | None = None) -> Path:
    """Grava ``data`` em ``path`` no formato de :func:`json_text`, de uma vez.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> arquivo = write_json(pathlib.Path(tempfile.mkdtemp()) / "LATEST.json", {"version": "v-1"})
    >>> json.loads(arquivo.read_text(encoding="utf-8"))
    {'version': 'v-1'}
    """
    return write_text(path, json_text(data, default))


@contextlib.contextmanager
def undo_on_error(*paths: str | Path) -> Iterator[None]:
    """Desfaz, se o bloco falhar, o que ele criou ou acrescentou em ``paths``.

    Para quem **acrescenta** a um registro em vez de trocá-lo (``mlops-lab
    stream`` grava um lote por vez): antes do bloco, anota quais caminhos
    existem e o tamanho de cada arquivo. Num erro (inclusive
    ``KeyboardInterrupt``), o que não existia é apagado (a pasta inteira, se
    for pasta) e cada arquivo que já existia volta ao tamanho de antes (o
    acréscimo é cortado). Arquivos que já existiam só podem receber acréscimos
    dentro do bloco.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pasta = pathlib.Path(tempfile.mkdtemp())
    >>> log = write_text(pasta / "batches.csv", "lote\\n1\\n")
    >>> try:
    ...     with undo_on_error(log, pasta / "part-2.parquet"):
    ...         with log.open("a") as f:
    ...             _ = f.write("2\\n")
    ...         _ = (pasta / "part-2.parquet").write_text("pela metade")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> log.read_text(), sorted(p.name for p in pasta.iterdir())
    ('lote\\n1\\n', ['batches.csv'])
    """
    antes = {Path(p): (Path(p).stat().st_size if Path(p).is_file() else -1)
             if Path(p).exists() else None for p in paths}
    try:
        yield
    except BaseException:
        for caminho, tamanho in antes.items():
            if tamanho is None and caminho.is_dir():
                shutil.rmtree(caminho, ignore_errors=True)
            elif tamanho is None:
                with contextlib.suppress(FileNotFoundError):
                    caminho.unlink()
            elif tamanho >= 0 and caminho.is_file():
                with caminho.open("r+b") as arquivo:
                    arquivo.truncate(tamanho)
        raise
