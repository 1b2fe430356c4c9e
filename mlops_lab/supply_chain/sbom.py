"""SBOM: a lista de materiais (CycloneDX) de um ambiente Python."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SBOM_BINDER", "generate_sbom", "read_sbom", "sbom_licenses"]

# O SBOM do ambiente do Binder (requirements.lock), gerado por `make sbom`: o notebook
# 10 o lê sem precisar do cyclonedx-bom, que fica só no ambiente de desenvolvimento.
SBOM_BINDER = Path(__file__).resolve().parents[1] / "datasets" / "sbom-binder.cdx.json"


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
