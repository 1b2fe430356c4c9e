"""Assinaturas Ed25519 do modelo e dos metadados, sem rede."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

__all__ = ["SIGNATURE_FILE", "generate_key", "public_key_pem", "sign_files", "verify_files"]

SIGNATURE_FILE = "assinatura.json"


def generate_key(seed: int | None = None) -> Ed25519PrivateKey:
    """Uma chave privada Ed25519 (do pacote ``cryptography``).

    Parameters
    ----------
    seed : int ou None
        Só para exemplos e testes reprodutíveis: a mesma semente dá a mesma
        chave. ``None`` (o uso de verdade) sorteia uma chave nova.

    Examples
    --------
    >>> public_key_pem(generate_key(42)).splitlines()[0]
    '-----BEGIN PUBLIC KEY-----'
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if seed is None:
        return Ed25519PrivateKey.generate()
    semente = hashlib.sha256(f"mlops-lab-{seed}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(semente)


def public_key_pem(private_key: Ed25519PrivateKey) -> str:
    """A chave pública (o que se distribui para quem confere), em PEM."""
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo,
    ).decode("ascii")


def _sha256(caminho: Path) -> str:
    h = hashlib.sha256()
    with caminho.open("rb") as f:
        for bloco in iter(lambda: f.read(1 << 20), b""):
            h.update(bloco)
    return h.hexdigest()


def _manifesto(folder: Path, names: list[str]) -> bytes:
    faltam = [n for n in names if not (folder / n).is_file()]
    if faltam:
        raise MlopsLabError(
            f"não encontrei {', '.join(faltam)} em '{folder}'. Confira a pasta do modelo "
            "(a de mlops-lab run tem model.skops e metadata.json)."
        )
    conteudo = {"arquivos": {n: _sha256(folder / n) for n in sorted(names)}}
    return json.dumps(conteudo, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign_files(folder: str | Path, names: list[str], private_key: Ed25519PrivateKey) -> Path:
    """Assina os arquivos ``names`` da pasta com Ed25519 e grava ``assinatura.json``.

    Assina-se o manifesto (o sha256 de cada arquivo), não os arquivos inteiros:
    mudou um byte de qualquer um, o manifesto muda e a assinatura não confere.

    Returns
    -------
    Path
        O ``assinatura.json``, com o manifesto, a assinatura em base64 e a chave
        pública que a confere.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> pasta = Path(tempfile.mkdtemp())
    >>> _ = (pasta / "model.skops").write_bytes(b"pesos")
    >>> sign_files(pasta, ["model.skops"], generate_key(1)).name
    'assinatura.json'
    """
    pasta = Path(folder)
    manifesto = _manifesto(pasta, names)
    assinatura = private_key.sign(manifesto)
    return _fs.write_json(pasta / SIGNATURE_FILE, {
        "algoritmo": "Ed25519",
        "manifesto": json.loads(manifesto),
        "assinatura": base64.b64encode(assinatura).decode("ascii"),
        "chave_publica": public_key_pem(private_key),
    })


def verify_files(folder: str | Path, public_key: str) -> list[str]:
    """Confere ``assinatura.json`` com a chave pública **que você já tinha**.

    Parameters
    ----------
    folder : str ou Path
        A pasta assinada por :func:`sign_files`.
    public_key : str
        A chave pública em PEM, obtida por um canal confiável (não a que vem
        dentro do próprio ``assinatura.json``: quem adultera o modelo troca
        também essa).

    Returns
    -------
    list of str
        Os problemas, em português; lista vazia quer dizer "tudo confere".

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> pasta, chave = Path(tempfile.mkdtemp()), generate_key(1)
    >>> _ = (pasta / "model.skops").write_bytes(b"pesos")
    >>> _ = sign_files(pasta, ["model.skops"], chave)
    >>> verify_files(pasta, public_key_pem(chave))
    []
    >>> _ = (pasta / "model.skops").write_bytes(b"pesos adulterados")
    >>> verify_files(pasta, public_key_pem(chave))[0]
    'model.skops mudou depois da assinatura (sha256 diferente do assinado)'
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    pasta = Path(folder)
    arquivo = pasta / SIGNATURE_FILE
    try:
        dados = json.loads(arquivo.read_text(encoding="utf-8"))
        assinado = dados["manifesto"]["arquivos"]
        assinatura = base64.b64decode(dados["assinatura"], validate=True)
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError):
        return [f"{SIGNATURE_FILE} não existe ou está ilegível em '{pasta}': o modelo não "
                "está assinado (assine com sign_files)"]
    try:
        chave = serialization.load_pem_public_key(public_key.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise MlopsLabError(
            "a chave pública não é um PEM válido (deve começar com "
            "-----BEGIN PUBLIC KEY-----). Use a de public_key_pem(chave)."
        ) from None
    if not isinstance(chave, Ed25519PublicKey):
        raise MlopsLabError("a chave pública não é Ed25519: use a de public_key_pem(chave).")
    problemas = []
    for nome, sha in sorted(assinado.items()):
        caminho = pasta / nome
        if not caminho.is_file():
            problemas.append(f"{nome} sumiu da pasta")
        elif _sha256(caminho) != sha:
            problemas.append(f"{nome} mudou depois da assinatura (sha256 diferente do assinado)")
    manifesto = json.dumps({"arquivos": assinado}, sort_keys=True,
                           separators=(",", ":")).encode("utf-8")
    try:
        chave.verify(assinatura, manifesto)
    except InvalidSignature:
        problemas.append("a assinatura não confere com esta chave pública: o manifesto foi "
                         "mudado ou assinado por outra chave")
    return problemas
