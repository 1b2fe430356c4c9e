"""As cinco etapas do pipeline de dados: extrair, validar, transformar, validar e publicar."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mlops_lab.dataops.contracts import clean_schema, raw_schema, validate
from mlops_lab.dataops.publish import DataOpsResult, check_out, profile, publish
from mlops_lab.dataops.rules import raw_rules
from mlops_lab.dataops.transform import transform

__all__ = ["run_dataops"]


def run_dataops(data: str | Path | None = None, out: str | Path = "published",
                read_options: dict | None = None) -> DataOpsResult:
    """Extrai, valida, transforma, valida de novo e publica uma versão dos dados.

    Parameters
    ----------
    data : str, Path ou None
        CSV (também comprimido, como ``.csv.gz``) ou Parquet da remessa; ``None``
        usa os dados embutidos.
    out : str ou Path
        Pasta das publicações: ``versions/<versão>/`` e ``LATEST.json``.
    read_options : dict, opcional
        ``sep``, ``decimal`` e ``encoding`` repassados a
        :func:`~mlops_lab.data.read_table`.

    Raises
    ------
    MlopsLabError
        Se um contrato falhar; nada em ``out`` é alterado.

    Examples
    --------
    >>> import tempfile
    >>> r = run_dataops(out=tempfile.mkdtemp())
    >>> r.version.startswith("v-"), r.manifest["rows"]
    (True, 5982)
    """
    import pandas as pd
    import pandera

    from mlops_lab.data import example_path, file_hash, read_table

    out = Path(out)
    check_out(out)
    origem = Path(data) if data is not None else example_path()
    bruto = read_table(origem, **(read_options or {}))
    nome = f"a remessa '{origem.name}'"
    entrada = validate(bruto, raw_schema(), raw_rules(), "entrada", nome)
    limpo, transformacao = transform(bruto)
    saida = validate(limpo, clean_schema(), (), "saída", f"o resultado da limpeza de {nome}")
    checks = pd.concat([entrada.assign(contrato="entrada"), saida.assign(contrato="saída")],
                       ignore_index=True)[["contrato", "coluna", "verificação", "medido",
                                           "situação"]]
    manifest = {"created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "rows": len(limpo), "columns": limpo.shape[1],
                "raw_rows": len(bruto),
                "source": {"file": origem.name, "sha256": file_hash(origem)},
                "checks_passed": len(checks), "pandera": pandera.__version__}
    destino, ja_existia, manifest = publish(limpo, out, manifest,
                                            (checks, transformacao, profile(limpo)))
    relatorio = (destino / "quality_report.md").read_text(encoding="utf-8")
    return DataOpsResult(manifest["version"], destino, manifest, checks, relatorio, ja_existia)
