"""Critérios "Servido" e "Monitorado": o serviço HTTP de verdade e o drift num lote mudado."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError
from mlops_lab.project.results import NO_MODEL, CheckContext
from mlops_lab.project.runner import decimal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_served", "shifted", "check_monitored"]


def _sample(ctx: CheckContext):
    """Atributos do lote atual (``current`` do monitoring.yaml ou o teste preparado)."""
    import pandas as pd

    from mlops_lab.data import read_table
    from mlops_lab.package import read_metadata

    meta = read_metadata(ctx.model_dir())
    nome = ctx.yaml("monitoring.yaml").get("current") or "data/prepared/test.parquet"
    caminho = ctx.path(nome)
    if not caminho.is_file():
        raise MlopsLabError(f"não há o lote de dados '{nome}' no clone")
    df = pd.read_parquet(caminho) if caminho.suffix == ".parquet" else read_table(caminho)
    return df.drop(columns=[meta.get("target")], errors="ignore"), meta


def _records(df) -> list[dict]:
    return json.loads(df.to_json(orient="records", force_ascii=False))


def check_served(ctx: CheckContext) -> None:
    from mlops_lab.project.serving import probe

    c = "served"
    if not ctx.reproduced:
        for item in ("health", "predict", "invalid"):
            ctx.mark(c, item, False, NO_MODEL)
        return
    try:
        df, meta = _sample(ctx)
    except (MlopsLabError, OSError, ValueError) as erro:
        for item in ("health", "predict", "invalid"):
            ctx.mark(c, item, False, f"não há registros para testar o serviço ({erro})")
        return
    valido = _records(df.head(1))[0]
    usadas = meta["schema"]["numeric"] + meta["schema"]["categorical"]
    invalido = {k: v for k, v in valido.items() if k != usadas[0]}
    for item, (ok, achado) in probe(ctx.model_dir(), ctx.work, valido, invalido,
                                    min(ctx.timeout, 180)).items():
        ctx.mark(c, item, ok, achado)


def shifted(df: pd.DataFrame) -> pd.DataFrame:
    """Uma cópia de ``df`` com uma mudança forte: números deslocados, categorias trocadas.

    >>> import pandas as pd
    >>> shifted(pd.DataFrame({"x": [1.0, 2.0], "c": ["a", "b"]}))
         x  c
    0  3.0  b
    1  4.0  b
    """
    import pandas as pd

    novo = df.copy()
    for coluna in novo.columns:
        serie = novo[coluna]
        if pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie):
            novo[coluna] = serie + (serie.max() - serie.min() + 1)
        elif serie.notna().any():
            novo[coluna] = serie.dropna().astype(str).value_counts().sort_index().index[-1]
    return novo


def check_monitored(ctx: CheckContext) -> None:
    from mlops_lab.drift import compare

    c = "monitored"
    config = ctx.yaml("monitoring.yaml")
    limite = config.get("threshold")
    referencia = ctx.path(config.get("reference") or "model/reference.json")
    problema = None
    if not config:
        problema = "não há monitoring.yaml versionado (com reference, current e threshold)"
    elif not isinstance(limite, (int, float)) or isinstance(limite, bool) or limite <= 0:
        problema = f"o `threshold` do monitoring.yaml deveria ser um número > 0, mas é {limite!r}"
    elif not ctx.reproduced:
        problema = NO_MODEL
    elif not referencia.is_file():
        problema = f"a referência '{config.get('reference')}' não existe depois do dvc repro"
    if problema is None:
        try:
            ref = json.loads(referencia.read_text(encoding="utf-8"))
            df, _ = _sample(ctx)
            calmo = compare(ref, df)
            mudado = compare(ref, shifted(df))
        except (MlopsLabError, OSError, ValueError, KeyError) as erro:
            problema = f"o relatório de drift falhou ({erro})"
    if problema is not None:
        ctx.mark(c, "quiet", False, problema)
        ctx.mark(c, "alert", False, problema)
        return
    alertas = calmo[calmo["psi"] >= limite]["atributo"].tolist()
    ctx.mark(c, "quiet", not alertas,
             f"lote sem mudança: maior PSI {decimal(calmo['psi'].max())} < {decimal(limite)}"
             if not alertas else f"alerta sem mudança nos dados (PSI ≥ {decimal(limite)}): "
                                 f"{', '.join(alertas[:5])}")
    disparou = mudado[mudado["psi"] >= limite]["atributo"].tolist()
    ctx.mark(c, "alert", bool(disparou),
             f"lote com mudança: alerta em {len(disparou)} atributos (PSI ≥ {decimal(limite)})"
             if disparou else f"lote com mudança forte e nenhum alerta (maior PSI "
                              f"{decimal(mudado['psi'].max())} < {decimal(limite)})")
