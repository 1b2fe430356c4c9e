"""Segredos: lidos do ambiente, nunca do código, e procurados no repositório."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["get_secret", "repository_files", "scan_secrets"]

# O que nunca entra na busca de segredos: arquivos binários ou de dados, o
# JavaScript de terceiros copiado para o site (_ext/_static/thebe) e cópias geradas.
_FORA_DA_BUSCA = ("_ext/_static/thebe/", "build/")
_BINARIOS = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".zip", ".gz", ".parquet",
             ".skops", ".pkl", ".csv", ".woff", ".woff2", ".ttf", ".mo", ".po"}

# Os nomes dos tipos do detect-secrets, em português.
_TIPOS = {
    "AWS Access Key": "chave de acesso da AWS",
    "Private Key": "chave privada",
    "Secret Keyword": "palavra-chave de segredo (senha, token...)",
    "Base64 High Entropy String": "texto aleatório em base64 (alta entropia)",
    "Hex High Entropy String": "texto aleatório em hexadecimal (alta entropia)",
    "Basic Auth Credentials": "usuário e senha numa URL",
    "GitHub Token": "token do GitHub",
    "GitLab Token": "token do GitLab",
    "JSON Web Token": "JSON Web Token (JWT)",
    "OpenAI Token": "token da OpenAI",
    "PyPI Token": "token do PyPI",
    "Slack Token": "token do Slack",
    "Stripe Access Key": "chave do Stripe",
    "Public IP (ipv4)": "endereço IP público",
}

# Pré-filtro das linhas: só vão para o detect-secrets as linhas que algum plugin
# dele poderia acusar. Os plugins de entropia exigem 4,5 bits por caractere no
# base64 (23 símbolos distintos, logo 23 caracteres ou mais) e 3 no hexadecimal (9
# ou mais); os de chaves e tokens conhecidos casam 20 caracteres ou mais (menos os
# prefixos curtos do Artifactory, AKC e AP, que entram como estão); as
# palavras-chave são as do KeywordDetector; "PRIVATE KEY" e "PuTTY" são as chaves
# privadas; "://" seguido de usuário, dois-pontos, senha e "@", a senha numa URL;
# "authToken", o do npm; e os quatro números de um IP. O teste
# tests/code/test_supply_chain.py confere que o filtro não perde nada.
_CANDIDATA = re.compile(
    r"[A-Za-z0-9+/=_-]{20,}"
    r"|[0-9a-fA-F]{9,}|AKC|AP[0-9A-F][A-Za-z0-9]{8}"
    r"|api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key"
    r"|private_?key|client_?key|db_?pass|database_?pass|key_?pass|passw|pwd|secret"
    r"|contrase|PRIVATE KEY|PuTTY|authtoken|://[^\s/@]+:[^\s/@]+@"
    r"|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"
    r"|pragma: allowlist",
    re.IGNORECASE,
)
# Hashes sha256 de pacotes públicos (travas e requisitos): não são segredos.
_LINHAS_IGNORADAS = [r"--hash=sha256:[0-9a-f]{64}"]
_IGNORADA = re.compile("|".join(_LINHAS_IGNORADAS))


def get_secret(name: str, dotenv: str | Path | None = ".env") -> str:
    """Lê um segredo da variável de ambiente ``name`` (ou do arquivo ``.env``).

    A variável de ambiente vence; o ``.env`` (linhas ``NOME=valor``, que o git
    ignora) é só a comodidade de quem desenvolve.

    Parameters
    ----------
    name : str
        Nome da variável, como ``MLFLOW_TRACKING_PASSWORD``.
    dotenv : str, Path ou None, padrão ".env"
        Arquivo lido se a variável não existir; ``None`` não lê arquivo nenhum.

    Returns
    -------
    str
        O valor do segredo.

    Raises
    ------
    MlopsLabError
        Se o segredo não está nem no ambiente nem no arquivo.

    Examples
    --------
    >>> import os
    >>> os.environ["MLOPS_LAB_EXEMPLO"] = "valor-de-teste"
    >>> get_secret("MLOPS_LAB_EXEMPLO", dotenv=None)
    'valor-de-teste'
    """
    if os.environ.get(name):
        return os.environ[name]
    if dotenv is not None and Path(dotenv).is_file():
        for linha in Path(dotenv).read_text(encoding="utf-8").splitlines():
            chave, igual, valor = linha.strip().partition("=")
            if igual and chave.strip().removeprefix("export ").strip() == name:
                return valor.strip().strip("'\"")
    onde = f" nem em '{dotenv}'" if dotenv is not None else ""
    raise MlopsLabError(
        f"o segredo {name} não está definido: não há a variável de ambiente {name}{onde}. "
        f"Defina-a no terminal (export {name}=...) ou numa linha {name}=... do arquivo .env "
        "(que o git ignora); nunca no código ou no notebook."
    )


def repository_files(root: str | Path = ".") -> list[Path]:
    """Os arquivos de texto do repositório que a busca de segredos lê.

    Os arquivos que o git acompanha (``git ls-files``), menos os binários e de
    dados, o JavaScript de terceiros do site (``_ext/_static/thebe``) e cópias
    geradas (``build/``).

    Parameters
    ----------
    root : str ou Path
        A raiz do repositório git.

    Returns
    -------
    list of Path

    Examples
    --------
    >>> from pathlib import Path
    >>> raiz = next(p for p in Path(__file__).resolve().parents if (p / ".git").exists())
    >>> any(p.name == "pyproject.toml" for p in repository_files(raiz))
    True
    """
    raiz = Path(root)
    try:
        saida = subprocess.run(["git", "ls-files", "-z"], cwd=raiz, capture_output=True,
                               text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        raise MlopsLabError(
            f"'{raiz}' não é um repositório git (ou o git não está instalado). "
            "Rode a busca na raiz do repositório."
        ) from None
    nomes = [n for n in saida.split("\0") if n]
    return [raiz / n for n in nomes
            if not n.startswith(_FORA_DA_BUSCA) and Path(n).suffix.lower() not in _BINARIOS
            and (raiz / n).is_file()]


def _linhas(caminho: Path) -> list[tuple[str, int, str]] | None:
    """(onde, número da linha, texto) de cada linha; nos notebooks, só as células."""
    try:
        texto = caminho.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
    if caminho.suffix != ".ipynb":
        return [("", i, linha) for i, linha in enumerate(texto.splitlines(), start=1)]
    try:
        celulas = json.loads(texto)["cells"]
    except (json.JSONDecodeError, KeyError, TypeError):
        return [("", i, linha) for i, linha in enumerate(texto.splitlines(), start=1)]
    # As saídas (imagens em base64) ficam de fora: o segredo estaria na célula.
    return [(f"célula {n}", i, linha)
            for n, celula in enumerate(celulas, start=1)
            for i, linha in enumerate("".join(celula.get("source", "")).splitlines(), start=1)]


def _candidatas(linhas: list[str]) -> list[int]:
    """Os índices das linhas candidatas (e da anterior, se ela tem o "allowlist nextline").

    Uma busca só no texto inteiro (em C, rápida), e não uma por linha.
    """
    import bisect

    texto = "\n".join(linhas)
    inicios = [0]
    for linha in linhas[:-1]:
        inicios.append(inicios[-1] + len(linha) + 1)
    marcadas = {bisect.bisect_right(inicios, m.start()) - 1 for m in _CANDIDATA.finditer(texto)}
    marcadas = {k for k in marcadas if not _IGNORADA.search(linhas[k])}
    anteriores = {k - 1 for k in marcadas if k > 0 and "allowlist nextline" in linhas[k - 1]}
    return sorted(marcadas | anteriores)


def scan_secrets(paths: list[str | Path], root: str | Path | None = None) -> pd.DataFrame:
    """Procura segredos nos arquivos com o detect-secrets (todos os plugins).

    Dos notebooks, só o código e o texto das células (não as saídas). As linhas
    com ``pragma: allowlist secret`` são aceitas, como no detect-secrets.

    Parameters
    ----------
    paths : list of str or Path
        Os arquivos (por exemplo, :func:`repository_files`).
    root : str, Path ou None
        Se dado, os nomes na tabela ficam relativos a ele.

    Returns
    -------
    pandas.DataFrame
        Uma linha por achado: ``arquivo``, ``onde`` (a célula, nos notebooks),
        ``linha`` e ``tipo`` (em português). Vazia se nada foi achado.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> pasta = Path(tempfile.mkdtemp())
    >>> _ = (pasta / "config.py").write_text('aws = "AKIA' + 'IOSFODNN7EXAMPLE"\\n')
    >>> achados = scan_secrets([pasta / "config.py"], root=pasta)
    >>> achados[["arquivo", "linha", "tipo"]].values.tolist()
    [['config.py', 1, 'chave de acesso da AWS']]
    """
    import pandas as pd

    try:
        from detect_secrets import SecretsCollection
        from detect_secrets.settings import default_settings
    except ImportError:
        raise MlopsLabError(
            "a busca de segredos precisa do detect-secrets, que não está instalado neste "
            "ambiente. Ele vem no ambiente de desenvolvimento: make install."
        ) from None

    achados, vezes = [], {}
    with tempfile.TemporaryDirectory() as tmp, default_settings() as config:
        # Os filtros padrão do detect-secrets (heurísticas contra falsos positivos)
        # continuam; acrescenta-se o das linhas de hash de pacote.
        filtros = [{**opcoes, "path": caminho} for caminho, opcoes in config.filters.items()]
        config.configure_filters([*filtros, {
            "path": "detect_secrets.filters.regex.should_exclude_line",
            "pattern": _LINHAS_IGNORADAS}])
        for caminho in (Path(p) for p in paths):
            linhas = _linhas(caminho)
            if not linhas:
                continue
            # Só as linhas candidatas, num arquivo de mesmo nome e extensão (os plugins
            # olham a extensão).
            manter = _candidatas([texto for _, _, texto in linhas])
            if not manter:
                continue
            # Um arquivo só por pasta temporária, com o mesmo nome (há filtros pelo nome).
            vezes[caminho.name] = vezes.get(caminho.name, -1) + 1
            copia = Path(tmp) / str(vezes[caminho.name]) / caminho.name
            copia.parent.mkdir(exist_ok=True)
            copia.write_text("\n".join(linhas[k][2] for k in manter) + "\n", encoding="utf-8")
            colecao = SecretsCollection()
            colecao.scan_file(str(copia))
            nome = caminho.relative_to(root) if root is not None else caminho
            for segredos in colecao.data.values():
                for segredo in segredos:
                    onde, linha, _ = linhas[manter[segredo.line_number - 1]]
                    achados.append({"arquivo": nome.as_posix(), "onde": onde, "linha": linha,
                                    "tipo": _TIPOS.get(segredo.type, segredo.type)})
    tabela = pd.DataFrame(achados, columns=["arquivo", "onde", "linha", "tipo"])
    return tabela.sort_values(["arquivo", "onde", "linha"], ignore_index=True)
