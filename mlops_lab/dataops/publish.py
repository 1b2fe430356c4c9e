"""A publicação versionada: a versão (hash do conteúdo), o manifesto, o relatório, o LATEST."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab import _fs
from mlops_lab.dataops.rules import percent
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LATEST", "DataOpsResult", "check_out", "load_latest", "profile", "publish",
           "quality_report"]

LATEST = "LATEST.json"


@dataclass
class DataOpsResult:
    """O que :func:`run_dataops` produziu."""

    version: str
    path: Path
    manifest: dict
    checks: Any  # DataFrame das verificações dos dois contratos
    report: str  # relatório de qualidade em Markdown
    already_published: bool

    def summary(self) -> str:
        """O resumo para a tela: versão, linhas, verificações e caminhos."""
        m = self.manifest
        estado = "já estava publicada (nada reescrito)" if self.already_published else "publicada"
        return (f"Versão {self.version} {estado}: {m['rows']} linhas, {m['columns']} colunas\n"
                f"Verificações: {len(self.checks)} passaram (entrada e saída)\n"
                f"Dados: {self.path / 'data.parquet'}\n"
                f"Relatório de qualidade: {self.path / 'quality_report.md'}")


def check_out(out: Path) -> None:
    """Recusa uma pasta de saída com arquivos que não são publicações do ``dataops``."""
    _fs.check_out(out, LATEST, message=lambda pasta, opcao, _: (
        f"a pasta '{pasta}' já tem arquivos que não são publicações do mlops-lab dataops. "
        f"Para não misturar nem apagar nada, escolha uma pasta nova ou vazia em {opcao}."))


def profile(df: pd.DataFrame) -> pd.DataFrame:
    """Perfil de cada coluna: nulos, distintos, mínimo e máximo."""
    import pandas as pd

    linhas = []
    for coluna in df.columns:
        s = df[coluna]
        numerica = pd.api.types.is_numeric_dtype(s)
        linhas.append({"coluna": coluna, "nulos": percent(s.isna().mean()),
                       "distintos": int(s.nunique()),
                       "mínimo": f"{s.min():g}" if numerica else "",
                       "máximo": f"{s.max():g}" if numerica else ""})
    return pd.DataFrame(linhas)


def _rotulo(chave: str) -> str:
    """Texto do relatório para cada chave do que a transformação fez."""
    fixos = {"linhas_iniciais": "linhas lidas",
             "linhas_duplicadas": "linhas duplicadas removidas",
             "linhas_sem_rotulo": "linhas sem rótulo removidas",
             "linhas_finais": "linhas publicadas",
             "ids_repetidos_removidos": "códigos de cliente repetidos removidos"}
    if chave in fixos:
        return fixos[chave]
    sufixos = {"_fora_do_vocabulario": "valores fora do vocabulário (viraram ausentes)",
               "_impossiveis_viraram_ausentes": "valores impossíveis (viraram ausentes)"}
    for sufixo, texto in sufixos.items():
        if chave.endswith(sufixo):
            return f"`{chave.removesuffix(sufixo)}`: {texto}"
    return chave


def quality_report(manifest: dict, checks: pd.DataFrame, transformacao: dict,
                   perfil: pd.DataFrame) -> str:
    """Relatório de qualidade em Markdown: origem, verificações, limpeza e perfil."""
    def tabela(df: pd.DataFrame) -> str:
        cab = "| " + " | ".join(df.columns) + " |\n|" + "---|" * len(df.columns) + "\n"
        return cab + "\n".join("| " + " | ".join(str(v).replace("|", "/") for v in linha)
                               + " |" for linha in df.itertuples(index=False))

    limpeza = "\n".join(f"- {_rotulo(k)}: {v}" for k, v in transformacao.items())
    return (f"# Relatório de qualidade: versão {manifest['version']}\n\n"
            f"- Origem: `{manifest['source']['file']}` (SHA-256 "
            f"`{manifest['source']['sha256'][:16]}…`)\n"
            f"- Publicado em: {manifest['created_at']}\n"
            f"- Linhas: {manifest['raw_rows']} brutas, {manifest['rows']} publicadas\n"
            f"- SHA-256 do Parquet: `{manifest['parquet_sha256']}`\n\n"
            f"## Verificações ({len(checks)}, todas aprovadas)\n\n{tabela(checks)}\n\n"
            f"## Transformação\n\n{limpeza}\n\n"
            f"## Perfil dos dados publicados\n\n{tabela(perfil)}\n")


def publish(df: pd.DataFrame, out: Path, manifest: dict,
            report_parts: tuple) -> tuple[Path, bool, dict]:
    """Grava a versão numa pasta temporária, renomeia e só então troca ``LATEST.json``.

    Um erro em qualquer ponto (inclusive Ctrl+C) desfaz o que foi criado: ``out``
    fica como estava, com a versão publicada antes ainda valendo.
    """
    from mlops_lab.data import file_hash, frame_hash, to_parquet

    versao = "v-" + frame_hash(df)[:12]
    destino = out / "versions" / versao
    ja_existia = (destino / "manifest.json").exists()
    with _fs.undo_on_error(out, out / "versions", destino):
        if ja_existia:
            manifest = json.loads((destino / "manifest.json").read_text(encoding="utf-8"))
        else:
            with _fs.staged_dir(destino) as tmp:
                to_parquet(df, tmp / "data.parquet")
                manifest = {"version": versao, **manifest,
                            "parquet_sha256": file_hash(tmp / "data.parquet"),
                            "content_sha256": frame_hash(df)}
                _fs.write_json(tmp / "manifest.json", manifest)
                _fs.write_text(tmp / "quality_report.md", quality_report(manifest, *report_parts))
        # O último passo: só aqui a nova versão passa a valer.
        _fs.write_json(out / LATEST, {"version": versao, "path": f"versions/{versao}"})
    return destino, ja_existia, manifest


def load_latest(out: str | Path) -> pd.DataFrame:
    """Lê a versão publicada mais recente (a que ``LATEST.json`` aponta)."""
    import pandas as pd

    out = Path(out)
    if not (out / LATEST).exists():
        raise MlopsLabError(f"'{out}' não tem {LATEST}: rode 'mlops-lab dataops --out {out}' "
                            "para publicar uma versão.")
    ponteiro = json.loads((out / LATEST).read_text(encoding="utf-8"))
    return pd.read_parquet(out / ponteiro["path"] / "data.parquet")
