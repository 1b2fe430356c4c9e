"""Copia o Thebe (o "código ao vivo" das páginas) para ``_ext/_static/thebe/``, servido pelo site.

O sphinx-thebe 0.3.1 carrega o Thebe 0.8.2 do unpkg.com na hora do clique; o
livro não baixa nada de CDN, então o Thebe vem do npm uma vez (por este
script) e fica no repositório. Uso, com o ``npm`` instalado::

    python scripts/vendor_thebe.py

O que o script muda no pacote do npm, e por quê:

* os mapas de código (``*.map``) ficam de fora (só servem para depurar);
* o endereço do RequireJS (que o Thebe baixaria do cdnjs ao ligar os
  *widgets*) passa a ser a cópia ao lado, ``require.min.js``;
* o MathJax 2 do cdnjs (para fórmulas nas saídas ao vivo) fica desligado: as
  fórmulas das saídas aparecem como texto, e nada sai do site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

THEBE = "thebe@0.9.3"
REQUIREJS = "requirejs@2.3.6"
DESTINO = Path(__file__).resolve().parents[1] / "_ext" / "_static" / "thebe"

REQUIREJS_CDN = '"https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js"'
# O endereço ao lado do próprio index.js do Thebe, seja qual for a página.
REQUIREJS_LOCAL = ('document.querySelector(\'script[src$="thebe/index.js"]\')'
                   '.src.replace(/index\\.js$/,"require.min.js")')
MATHJAX_CDN = '"https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.5/MathJax.js"'


def _npm_pack(pacote: str, pasta: Path) -> Path:
    saida = subprocess.run(["npm", "pack", pacote, "--json"], cwd=pasta, check=True,
                           capture_output=True, text=True).stdout
    arquivo = pasta / json.loads(saida)[0]["filename"]
    extraido = pasta / arquivo.stem
    with tarfile.open(arquivo) as tar:
        tar.extractall(extraido, filter="data")
    return extraido / "package"


def main() -> int:
    if shutil.which("npm") is None:
        print("É preciso o npm (apt-get install npm) para baixar o Thebe.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        thebe = _npm_pack(THEBE, tmp)
        requirejs = _npm_pack(REQUIREJS, tmp)
        if DESTINO.exists():
            shutil.rmtree(DESTINO)
        DESTINO.mkdir(parents=True)
        for arquivo in (thebe / "lib").iterdir():
            if arquivo.suffix in {".js", ".css"} and arquivo.is_file():
                shutil.copyfile(arquivo, DESTINO / arquivo.name)
        indice = DESTINO / "index.js"
        codigo = indice.read_text(encoding="utf-8")
        for antigo, novo in ((REQUIREJS_CDN, REQUIREJS_LOCAL), (MATHJAX_CDN, '""')):
            if antigo not in codigo:
                print(f"Não achei {antigo} no Thebe: a versão mudou? Confira o script.",
                      file=sys.stderr)
                return 1
            codigo = codigo.replace(antigo, novo)
        indice.write_text(codigo, encoding="utf-8")
        shutil.copyfile(requirejs / "require.js", DESTINO / "require.min.js")
        versao = json.loads((thebe / "package.json").read_text(encoding="utf-8"))
        (DESTINO / "LEIA-ME.txt").write_text(
            f"Thebe {versao['version']} (licença {versao['license']}, "
            "https://github.com/jupyter-book/thebe) e RequireJS 2.3.6 (licença MIT,\n"
            "https://github.com/requirejs/requirejs), copiados do npm por "
            "scripts/vendor_thebe.py. Não edite à mão.\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in DESTINO.iterdir())
    print(f"Thebe em {DESTINO}: {len(list(DESTINO.iterdir()))} arquivos, {total / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
