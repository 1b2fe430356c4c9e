"""O projeto dos testes do projeto final: feito com os comandos do capítulo, uma vez só.

O capítulo "Projeto final" (``book/projeto-final.md``) mostra o passo a passo com o
conjunto embutido de crédito; :func:`projeto_completo` roda exatamente os blocos de
comandos da página (o de criar e o de versionar), escreve o README e o cartão do
modelo como quem estuda faria e devolve a pasta. Com o pytest-xdist, os dois
processos usam o mesmo projeto: o primeiro o constrói (com um *lock*), o outro espera.
As variantes quebradas são cópias dele (:func:`variante`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from filelock import FileLock

RAIZ = Path(__file__).resolve().parents[2]
PAGINA = RAIZ / "book" / "projeto-final.md"
CRIAR = "# Passo 1: criar o projeto e rodar o pipeline"
VERSIONAR = "# Passo 3: versionar e corrigir"
TEXTO = ("Este parágrafo foi escrito por quem fez o projeto e explica, com palavras próprias "
         "e exemplos concretos, o que esta seção precisa contar a quem lê o repositório pela "
         "primeira vez.")
AMBIENTE = {"GIT_AUTHOR_NAME": "Aluna do curso", "GIT_AUTHOR_EMAIL": "aluna@example.com",
            "GIT_COMMITTER_NAME": "Aluna do curso", "GIT_COMMITTER_EMAIL": "aluna@example.com",
            "DVC_NO_ANALYTICS": "1"}


def bloco(primeira_linha: str) -> list[str]:
    """Os comandos do bloco ```bash da página que começa com ``primeira_linha``."""
    texto = PAGINA.read_text(encoding="utf-8")
    for corpo in re.findall(r"^```bash\n(.*?)^```", texto, flags=re.S | re.M):
        linhas = corpo.splitlines()
        if linhas and linhas[0].strip() == primeira_linha:
            return [linha.split(" #")[0].strip() for linha in linhas[1:]
                    if linha.strip() and not linha.lstrip().startswith("#")]
    raise AssertionError(f"a página {PAGINA.name} não tem o bloco '{primeira_linha}'")


def sh(comandos, cwd: Path) -> None:
    """Roda os comandos em sequência num bash (um ``cd`` vale para os seguintes)."""
    import sys

    env = {**os.environ, **AMBIENTE}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
    script = "set -e\n" + "\n".join([comandos] if isinstance(comandos, str) else comandos)
    r = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, f"{script}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"


def completar(projeto: Path) -> None:
    """O que quem estuda escreve: cada seção do README e do cartão do modelo."""
    for nome in ("README.md", "MODEL_CARD.md"):
        arquivo = projeto / nome
        arquivo.write_text(re.sub(r"<!--.*?-->", TEXTO, arquivo.read_text(), flags=re.S))


def projeto_completo(tmp_path_factory, worker_id: str) -> Path:
    """O projeto do passo a passo do capítulo, completo e versionado (um por sessão)."""
    base = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # a pasta comum aos processos do xdist
        base = base.parent
    pasta = base / "passo-a-passo"
    with FileLock(str(base / "passo-a-passo.lock")):
        projeto = pasta / "meu-credito"
        if not (pasta / "pronto").exists():
            shutil.rmtree(pasta, ignore_errors=True)
            pasta.mkdir()
            sh(bloco(CRIAR), pasta)
            completar(projeto)
            sh([c for c in bloco(VERSIONAR) if not c.startswith("mlops-lab check-project")],
               projeto)
            (pasta / "pronto").touch()
    return projeto


def variante(projeto: Path, destino: Path, mudar) -> Path:
    """Cópia do projeto completo com a mudança ``mudar(pasta)``, versionada num commit."""
    shutil.copytree(projeto, destino, symlinks=True)
    mudar(destino)
    sh("git add -A && git commit -qm 'Variante'", destino)
    return destino
