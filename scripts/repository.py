"""O endereço do repositório vem de um lugar só: a seção ``repository`` do ``_config.yml``.

Os botões do Binder e do Colab, os selos do README, a célula de instalação no Colab de
cada notebook e o comando de clonagem de "Como usar" dependem desse endereço. Quem
publica o curso noutro endereço muda a linha ``url`` do ``_config.yml`` e roda:

    python scripts/repository.py            # reescreve o endereço em todos os arquivos
    python scripts/repository.py --check    # só confere (sai com 1 se algum destoar)

O ``make test`` roda a conferência (``tests/code/test_repository.py``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]

# Cada forma em que o endereço aparece: (regex com os grupos dono e nome, modelo novo).
FORMAS = [
    (r"mybinder\.org/v2/gh/(?P<dono>[\w.-]+)/(?P<nome>[\w.-]+)/(?P<ramo>[\w.-]+)",
     "mybinder.org/v2/gh/{dono}/{nome}/{ramo}"),
    (r"colab\.research\.google\.com/github/(?P<dono>[\w.-]+)/(?P<nome>[\w.-]+)/blob/"
     r"(?P<ramo>[\w.-]+)", "colab.research.google.com/github/{dono}/{nome}/blob/{ramo}"),
    (r"https://(?P<dono>[\w-]+)\.github\.io/(?P<nome>[\w.-]+)/", "https://{dono}.github.io/{nome}/"),
    (r"github\.com/(?P<dono>[\w.-]+)/(?P<nome>[\w-]+)/actions", "github.com/{dono}/{nome}/actions"),
    (r"git\+https://github\.com/(?P<dono>[\w.-]+)/(?P<nome>[\w-]+)",
     "git+https://github.com/{dono}/{nome}"),
    (r"git clone https://github\.com/(?P<dono>[\w.-]+)/(?P<nome>[\w-]+)\.git",
     "git clone https://github.com/{dono}/{nome}.git"),
    # O requirements.txt do projeto final instala o pacote do repositório do curso.
    (r'REPOSITORY = "https://github\.com/(?P<dono>[\w.-]+)/(?P<nome>[\w-]+)"',
     'REPOSITORY = "https://github.com/{dono}/{nome}"'),
]


def configurado(raiz: Path = RAIZ) -> dict:
    """Dono, nome e ramo do repositório, lidos do ``_config.yml``."""
    import yaml

    config = yaml.safe_load((raiz / "_config.yml").read_text(encoding="utf-8"))["repository"]
    achado = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)/?", config["url"])
    if not achado:
        raise SystemExit(f"_config.yml: repository.url deveria ser https://github.com/DONO/NOME, "
                         f"mas é {config['url']!r}.")
    return {"dono": achado[1], "nome": achado[2], "ramo": config.get("branch", "main")}


def arquivos(raiz: Path = RAIZ) -> list[Path]:
    """Onde o endereço aparece: README, livro, notebooks (mestres e do aluno) e o
    modelo do projeto final."""
    return sorted(p for p in [raiz / "README.md", raiz / "mlops_lab" / "project" / "new.py",
                   *(raiz / "book").rglob("*.md"),
                   *(raiz / "notebooks").rglob("*.ipynb")] if p.exists())


def reescrever(texto: str, repo: dict) -> str:
    """``texto`` com cada forma do endereço apontando para ``repo``."""
    for padrao, modelo in FORMAS:
        def trocar(achado, modelo=modelo):
            valores = {**achado.groupdict(), **repo}
            return modelo.format(**valores)
        texto = re.sub(padrao, trocar, texto)
    return texto


def main(argv: list[str] | None = None, raiz: Path = RAIZ) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="só confere, não grava")
    args = parser.parse_args(argv)
    repo = configurado(raiz)
    destoantes = []
    for arquivo in arquivos(raiz):
        texto = arquivo.read_text(encoding="utf-8")
        novo = reescrever(texto, repo)
        if novo != texto:
            destoantes.append(arquivo.relative_to(raiz))
            if not args.check:
                arquivo.write_text(novo, encoding="utf-8")
    endereco = f"https://github.com/{repo['dono']}/{repo['nome']}"
    if args.check and destoantes:
        print(f"Estes arquivos apontam para outro repositório que não {endereco} (o do "
              f"_config.yml): {', '.join(map(str, destoantes))}. Rode: "
              "python scripts/repository.py", file=sys.stderr)
        return 1
    print(f"Endereço do repositório em dia ({endereco})"
          + (f"; reescrito em {len(destoantes)} arquivos." if destoantes else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
