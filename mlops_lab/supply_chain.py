"""Cadeia de suprimentos segura: segredos, SBOM, modelos que não executam código e assinaturas.

O capítulo "Cadeia de suprimentos segura" (parte "Em produção") usa estas
funções, na ordem em que aparecem:

- :func:`get_secret` lê um segredo de uma variável de ambiente (ou de um
  ``.env`` que o git ignora), nunca do código;
- :func:`repository_files` e :func:`scan_secrets` procuram segredos esquecidos
  no repositório com o detect-secrets (do ambiente de desenvolvimento);
- :func:`generate_sbom` (cyclonedx-py, do ambiente de desenvolvimento),
  :func:`read_sbom` e :func:`sbom_licenses` geram e leem o SBOM CycloneDX de um
  ambiente Python;
- :func:`pickle_runs_code` mostra, numa pasta temporária, que abrir um *pickle*
  executa código; :func:`skops_refuses` mostra que o skops recusa o tipo estranho;
- :func:`generate_key`, :func:`sign_files` e :func:`verify_files` assinam e
  conferem o modelo e os metadados com Ed25519, sem rede.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SBOM_BINDER",
    "SIGNATURE_FILE",
    "generate_key",
    "generate_sbom",
    "get_secret",
    "pickle_runs_code",
    "public_key_pem",
    "read_sbom",
    "repository_files",
    "sbom_licenses",
    "scan_secrets",
    "sign_files",
    "skops_refuses",
    "verify_files",
]

SIGNATURE_FILE = "assinatura.json"
# O SBOM do ambiente do Binder (requirements.lock), gerado por `make sbom`: o notebook
# 10 o lê sem precisar do cyclonedx-bom, que fica só no ambiente de desenvolvimento.
SBOM_BINDER = Path(__file__).resolve().parent / "datasets" / "sbom-binder.cdx.json"

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


def generate_sbom(out: str | Path, python: str | Path | None = None) -> Path:
    """Gera o SBOM CycloneDX (JSON, especificação 1.6) de um ambiente Python.

    Roda ``cyclonedx-py environment`` (pacote cyclonedx-bom, do ambiente de
    desenvolvimento) sobre o interpretador ``python``: ele lê os pacotes
    instalados de verdade, com versão, purl e licença. A saída é reprodutível
    (sem data nem número de série aleatório, e sem o caminho local do pacote
    instalado em modo editável).

    Parameters
    ----------
    out : str ou Path
        O arquivo JSON a gravar.
    python : str, Path ou None
        O Python do ambiente descrito; ``None`` é o deste processo.

    Returns
    -------
    Path
        O arquivo gravado.
    """
    python = Path(python or sys.executable)
    if not python.exists():
        raise MlopsLabError(
            f"o interpretador '{python}' não existe. Indique o Python do ambiente, como "
            ".venv-binder/bin/python (crie-o com make .venv-binder/.instalado)."
        )
    cyclonedx = Path(sys.executable).parent / "cyclonedx-py"
    if not cyclonedx.exists():
        raise MlopsLabError(
            "o cyclonedx-py (pacote cyclonedx-bom) não está instalado neste ambiente. "
            "Ele vem no ambiente de desenvolvimento: make install."
        )
    with _fs.atomic_path(out) as destino:
        resultado = subprocess.run(
            [str(cyclonedx), "environment", "--sv", "1.6", "--of", "JSON",
             "--output-reproducible", "--no-validate", "-o", str(destino), str(python)],
            capture_output=True, text=True,
        )
        if resultado.returncode != 0:
            raise MlopsLabError(f"o cyclonedx-py falhou: {resultado.stderr.strip()[-500:]}")
        # O pacote do curso, instalado em modo editável, aponta para a pasta local de
        # quem gerou (file:///...): a referência sai, e o SBOM fica igual em qualquer
        # máquina.
        dados = json.loads(destino.read_text(encoding="utf-8"))
        for componente in dados.get("components", []):
            referencias = [r for r in componente.get("externalReferences", [])
                           if not str(r.get("url", "")).startswith("file:")]
            if referencias:
                componente["externalReferences"] = referencias
            else:
                componente.pop("externalReferences", None)
        destino.write_text(json.dumps(dados, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    return Path(out)


def _licenca(componente: dict[str, Any]) -> str:
    nomes = []
    for item in componente.get("licenses", []):
        if "expression" in item:
            nomes.append(item["expression"])
        else:
            lic = item.get("license", {})
            nomes.append(lic.get("id") or lic.get("name") or "")
    return " / ".join(n for n in nomes if n) or "(não declarada)"


def read_sbom(path: str | Path) -> pd.DataFrame:
    """Os componentes de um SBOM CycloneDX em JSON, numa tabela.

    Parameters
    ----------
    path : str ou Path
        O arquivo JSON (por exemplo, o de :func:`generate_sbom`).

    Returns
    -------
    pandas.DataFrame
        Colunas ``nome``, ``versao``, ``purl`` e ``licenca``, em ordem de nome.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> sbom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
    ...     {"name": "numpy", "version": "2.4.6", "purl": "pkg:pypi/numpy@2.4.6",
    ...      "licenses": [{"license": {"id": "BSD-3-Clause"}}]}]}
    >>> arquivo = Path(tempfile.mkdtemp()) / "sbom.json"
    >>> _ = arquivo.write_text(json.dumps(sbom))
    >>> read_sbom(arquivo).iloc[0].tolist()
    ['numpy', '2.4.6', 'pkg:pypi/numpy@2.4.6', 'BSD-3-Clause']
    """
    import pandas as pd

    try:
        dados = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as erro:
        raise MlopsLabError(
            f"não consegui ler o SBOM '{path}' ({type(erro).__name__}). Gere-o de novo com "
            "make sbom."
        ) from None
    if not isinstance(dados, dict) or dados.get("bomFormat") != "CycloneDX":
        raise MlopsLabError(f"'{path}' não é um SBOM CycloneDX (falta bomFormat: CycloneDX).")
    linhas = [{"nome": c.get("name", ""), "versao": c.get("version", ""),
               "purl": c.get("purl", ""), "licenca": _licenca(c)}
              for c in dados.get("components", [])]
    tabela = pd.DataFrame(linhas, columns=["nome", "versao", "purl", "licenca"])
    return tabela.sort_values("nome", key=lambda s: s.str.lower(), ignore_index=True)


def sbom_licenses(table: pd.DataFrame) -> pd.DataFrame:
    """Quantos componentes há de cada licença, da mais comum para a menos comum.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"licenca": ["MIT", "BSD-3-Clause", "MIT"]})
    >>> sbom_licenses(t).values.tolist()
    [['MIT', 2], ['BSD-3-Clause', 1]]
    """
    contagem = table["licenca"].value_counts().rename_axis("licenca").reset_index(
        name="componentes")
    return contagem.sort_values(["componentes", "licenca"], ascending=[False, True],
                                ignore_index=True)


class _Armadilha:
    """Um objeto que, ao ser aberto por ``pickle.load``, grava um arquivo."""

    def __init__(self, marca: str) -> None:
        self.marca = marca

    def __reduce__(self):
        # O pickle guarda "chame esta função com estes argumentos" e o load obedece.
        return (Path(self.marca).write_text, ("código executado ao abrir o pickle\n",))


def pickle_runs_code(folder: str | Path) -> bool:
    """Mostra, sem perigo, que abrir um *pickle* executa código de quem o gravou.

    Grava em ``folder`` um ``modelo.pkl`` que, ao ser aberto, cria o arquivo
    ``invadido.txt`` (poderia ser qualquer comando). Abre o arquivo e devolve
    se ``invadido.txt`` apareceu.

    Examples
    --------
    >>> import tempfile
    >>> pickle_runs_code(tempfile.mkdtemp())
    True
    """
    import pickle

    pasta = Path(folder)
    marca = pasta / "invadido.txt"
    marca.unlink(missing_ok=True)
    arquivo = pasta / "modelo.pkl"
    arquivo.write_bytes(pickle.dumps(_Armadilha(str(marca))))
    pickle.loads(arquivo.read_bytes())  # o "modelo" que alguém mandou
    return marca.exists()


class Desconhecido:
    """Uma classe qualquer fora do scikit-learn: o skops não confia nela."""

    def __init__(self, valor: int = 0) -> None:
        self.valor = valor


def skops_refuses(folder: str | Path) -> list[str]:
    """Grava com o skops um objeto com um tipo estranho e tenta abri-lo sem confiar.

    Devolve os tipos que o skops não aceita (``get_untrusted_types``). Se a
    lista não está vazia, o ``skops.io.load`` recusa o arquivo (a função
    confere isso) e nada do arquivo roda.

    Examples
    --------
    >>> import tempfile
    >>> skops_refuses(tempfile.mkdtemp())
    ['mlops_lab.supply_chain.Desconhecido']
    """
    import skops.io as sio

    arquivo = Path(folder) / "modelo.skops"
    sio.dump({"pesos": [0.5, 1.5], "extra": Desconhecido(7)}, arquivo)
    estranhos = sio.get_untrusted_types(file=arquivo)
    try:
        sio.load(arquivo)
    except sio.exceptions.UntrustedTypesFoundException:
        return sorted(estranhos)
    raise AssertionError("o skops abriu um tipo que não foi declarado confiável")


def generate_key(seed: int | None = None):
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


def public_key_pem(private_key) -> str:
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


def sign_files(folder: str | Path, names: list[str], private_key) -> Path:
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
