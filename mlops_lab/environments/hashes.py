"""Hashes: o que o ``pip install --require-hashes`` faz com cada arquivo baixado."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

__all__ = ["build_demo_wheel", "check_sha256", "install_with_hash", "sha256_file"]


def sha256_file(caminho: str | Path) -> str:
    """O sha256 (64 dígitos hexadecimais) de um arquivo, lido em blocos.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> arquivo = pathlib.Path(tempfile.mkdtemp()) / "oi.txt"
    >>> _ = arquivo.write_bytes(b"oi\\n")
    >>> sha256_file(arquivo)[:16] == "03aa3f5e2779b625"  # pragma: allowlist secret
    True
    """
    caminho = Path(caminho)
    if not caminho.is_file():
        raise MlopsLabError(f"o arquivo '{caminho}' não existe: não há o que conferir.")
    digest = hashlib.sha256()
    with caminho.open("rb") as arquivo:
        for bloco in iter(lambda: arquivo.read(1 << 20), b""):
            digest.update(bloco)
    return digest.hexdigest()


def check_sha256(caminho: str | Path, esperado: str) -> str:
    """Confere um arquivo contra o sha256 esperado, como o pip em modo de hashes.

    Parameters
    ----------
    caminho : str or pathlib.Path
        O arquivo baixado.
    esperado : str
        O hash da trava (com ou sem o prefixo ``sha256:``).

    Returns
    -------
    str
        O hash conferido.

    Raises
    ------
    MlopsLabError
        Se o hash não for de 64 dígitos hexadecimais ou não bater com o arquivo.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> arquivo = pathlib.Path(tempfile.mkdtemp()) / "oi.txt"
    >>> _ = arquivo.write_bytes(b"oi\\n")
    >>> check_sha256(arquivo, "sha256:" + sha256_file(arquivo)) == sha256_file(arquivo)
    True
    >>> check_sha256(arquivo, "0" * 64)
    Traceback (most recent call last):
    ...
    mlops_lab.errors.MlopsLabError: o sha256 de 'oi.txt' não bate com o esperado ...
    """
    esperado = esperado.strip().lower().removeprefix("sha256:")
    if not re.fullmatch(r"[0-9a-f]{64}", esperado):
        raise MlopsLabError(f"'{esperado}' não é um sha256: são 64 dígitos hexadecimais "
                            "(0-9, a-f), como nas linhas --hash=sha256:… da trava.")
    obtido = sha256_file(caminho)
    if obtido != esperado:
        raise MlopsLabError(
            f"o sha256 de '{Path(caminho).name}' não bate com o esperado (esperado "
            f"{esperado[:12]}…, obtido {obtido[:12]}…): o arquivo não é o que a trava "
            "registrou. Não instale; baixe de novo de uma fonte confiável.")
    return obtido


def build_demo_wheel(pasta: str | Path, nome: str = "demo_trava", versao: str = "1.0") -> Path:
    """Monta uma roda (*wheel*) mínima, de um módulo só, sem rede nem setuptools.

    Uma roda é um zip com o código e três arquivos de metadados (``METADATA``,
    ``WHEEL`` e ``RECORD``). O conteúdo é fixo (datas de 1980 no zip): a mesma
    chamada dá sempre o mesmo arquivo e o mesmo sha256.

    Examples
    --------
    >>> import tempfile
    >>> roda = build_demo_wheel(tempfile.mkdtemp())
    >>> roda.name, len(sha256_file(roda))
    ('demo_trava-1.0-py3-none-any.whl', 64)
    """
    pasta = Path(pasta)
    pasta.mkdir(parents=True, exist_ok=True)
    info = f"{nome}-{versao}.dist-info"
    arquivos = {
        f"{nome}.py": f'"""Pacote de demonstração da trava."""\nVERSAO = "{versao}"\n',
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {nome}\nVersion: {versao}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: mlops-lab\nRoot-Is-Purelib: true\n"
                         "Tag: py3-none-any\n",
    }
    registro = "".join(f"{caminho},,\n" for caminho in arquivos) + f"{info}/RECORD,,\n"
    arquivos[f"{info}/RECORD"] = registro
    roda = pasta / f"{nome}-{versao}-py3-none-any.whl"
    with _fs.atomic_path(roda) as temporario, zipfile.ZipFile(temporario, "w") as zf:
        for caminho, conteudo in arquivos.items():
            info_zip = zipfile.ZipInfo(caminho, date_time=(1980, 1, 1, 0, 0, 0))
            info_zip.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info_zip, conteudo)
    return roda


def install_with_hash(roda: str | Path, sha256: str, destino: str | Path) -> tuple[bool, str]:
    """Instala uma roda local com ``pip install --require-hashes``, sem rede.

    Escreve um ``requirements.txt`` com ``nome==versão --hash=sha256:…`` e roda o
    pip deste Python com ``--no-index --find-links`` (só a pasta da roda) e
    ``--target`` (uma pasta qualquer, fora do ambiente).

    Parameters
    ----------
    roda : str or pathlib.Path
        O arquivo ``.whl``.
    sha256 : str
        O hash que a trava promete.
    destino : str or pathlib.Path
        Pasta onde instalar (é criada).

    Returns
    -------
    tuple
        ``(instalou, mensagem)``: se o pip aceitou e, se não, o trecho do erro
        que explica o motivo.
    """
    roda, destino = Path(roda), Path(destino)
    nome, versao = roda.name.split("-")[:2]
    requisitos = destino.parent / f"{destino.name}-requirements.txt"
    destino.parent.mkdir(parents=True, exist_ok=True)
    _fs.write_text(requisitos, f"{nome}=={versao} --hash=sha256:{sha256}\n")
    comando = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--no-index", "--find-links", str(roda.parent), "--require-hashes",
               "--no-cache-dir", "--isolated", "--no-color", "--no-compile",
               "--target", str(destino), "-r", str(requisitos)]
    pronto = subprocess.run(comando, capture_output=True, text=True, check=False)
    if pronto.returncode == 0:
        return True, "instalado: o sha256 da roda é o da trava"
    saida = re.sub(r"\x1b\[[0-9;]*m", "", pronto.stderr)  # sem cores de terminal
    linhas = [linha.strip() for linha in saida.splitlines() if linha.strip()]
    trecho = [linha for linha in linhas if "HASH" in linha.upper() or "Expected" in linha
              or "Got" in linha]
    return False, "\n".join(trecho or linhas[-3:])

