"""As checagens estatísticas do contrato de entrada: cada medida e a sua tolerância."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mlops_lab.data import EXAMPLE_TARGET
from mlops_lab.datasets.vocabulary import TEXT_VOCABULARY

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COUNTS",
    "MAX_DUPLICATES",
    "MAX_MISSING",
    "MAX_OUT_OF_RANGE",
    "MEASURES",
    "MIN_ROWS",
    "RANGES",
    "TARGET_SHARE",
    "Rule",
    "canonical_keys",
    "percent",
    "raw_rules",
]

COUNTS = ["meses_de_contrato", "minutos_chamadas", "reclamacoes_12m", "chamados_suporte_90d"]
MEASURES = ["idade", "valor_mensal", "uso_dados_gb"]
RANGES = {"idade": (18, 100), "valor_mensal": (0.01, 2000), "uso_dados_gb": (0, 1000)}
MAX_MISSING = 0.05  # fração máxima de nulos por coluna na remessa bruta
MAX_OUT_OF_RANGE = 0.01  # fração máxima de valores impossíveis por coluna
MAX_DUPLICATES = 0.05
TARGET_SHARE = (0.10, 0.40)  # fração de "Sim" em cancelou
MIN_ROWS = 100


def canonical_keys(serie: pd.Series) -> pd.Series:
    """As chaves de :func:`mlops_lab.clean.canonical_key` dos valores presentes de uma coluna.

    Calculadas uma vez por valor distinto; os ausentes ficam de fora.

    Examples
    --------
    >>> import pandas as pd
    >>> canonical_keys(pd.Series(["Pós-pago", None, "S"])).tolist()
    ['pos pago', 'sim']
    """
    from mlops_lab.clean import canonical_key

    valores = serie.dropna().astype(str)
    mapa = {v: canonical_key(v) for v in valores.unique()}
    return valores.map(mapa)


def _fracao_fora(serie: pd.Series, minimo: float, maximo: float) -> float:
    import pandas as pd

    # Texto numa coluna numérica conta como fora da faixa (o tipo é checado à parte).
    preenchidos = pd.to_numeric(serie.dropna(), errors="coerce")
    return float((~preenchidos.between(minimo, maximo)).mean()) if len(preenchidos) else 0.0


def _fracao_fora_do_vocabulario(serie: pd.Series, vocabulario: tuple) -> float:
    from mlops_lab.clean import canonical_key

    chaves = {canonical_key(v) for v in vocabulario}
    preenchidos = canonical_keys(serie)
    return float((~preenchidos.isin(chaves)).mean()) if len(preenchidos) else 0.0


def _fracao_sim(serie: pd.Series) -> float:
    chaves = canonical_keys(serie)
    return float((chaves == "sim").mean()) if len(chaves) else 0.0


def percent(x: float) -> str:
    """Fração como porcentagem com vírgula decimal.

    Examples
    --------
    >>> percent(0.05)
    '5,0%'
    """
    return f"{100 * x:.1f}%".replace(".", ",")


@dataclass(frozen=True)
class Rule:
    """Checagem estatística: uma medida da coluna (ou da tabela) e a sua faixa aceita."""

    column: str | None
    description: str
    measure: Callable[[Any], float]  # Series (ou DataFrame) -> float
    low: float
    high: float
    fmt: Callable[[float], str] = percent

    def passes(self, valor: float) -> bool:
        """A medida está na faixa aceita?"""
        return self.low <= valor <= self.high

    def check(self) -> Any:
        """A regra como ``pandera.Check``."""
        import pandera.pandas as pa

        return pa.Check(lambda dados: self.passes(self.measure(dados)), ignore_na=False,
                        error=self.description)


def raw_rules() -> list[Rule]:
    """As checagens estatísticas do contrato de entrada, com as tolerâncias.

    Examples
    --------
    >>> [r.description for r in raw_rules()][:2]
    ['no máximo 5,0% de nulos em id_cliente', 'no máximo 5,0% de nulos em idade']
    """
    regras = [Rule(c, f"no máximo {percent(MAX_MISSING)} de nulos em {c}",
                   lambda s: float(s.isna().mean()), 0, MAX_MISSING)
              for c in ["id_cliente", *MEASURES, *TEXT_VOCABULARY]]
    for coluna, (minimo, maximo) in RANGES.items():
        regras.append(Rule(coluna, f"no máximo {percent(MAX_OUT_OF_RANGE)} de {coluna} fora de "
                                   f"{minimo} a {maximo}",
                           lambda s, a=minimo, b=maximo: _fracao_fora(s, a, b),
                           0, MAX_OUT_OF_RANGE))
    for coluna, vocabulario in TEXT_VOCABULARY.items():
        regras.append(Rule(coluna, f"no máximo {percent(MAX_OUT_OF_RANGE)} de {coluna} fora do "
                                   f"vocabulário ({', '.join(vocabulario)}, em qualquer grafia)",
                           lambda s, v=tuple(vocabulario): _fracao_fora_do_vocabulario(s, v),
                           0, MAX_OUT_OF_RANGE))
    regras += [
        Rule(EXAMPLE_TARGET, f"fração de 'Sim' em cancelou entre {percent(TARGET_SHARE[0])} e "
                             f"{percent(TARGET_SHARE[1])}", _fracao_sim, *TARGET_SHARE),
        Rule(None, f"no máximo {percent(MAX_DUPLICATES)} de linhas repetidas",
             lambda d: float(d.duplicated().mean()), 0, MAX_DUPLICATES),
        Rule(None, "id_cliente único entre as linhas distintas",
             lambda d: float(d.drop_duplicates()["id_cliente"].duplicated().sum()), 0, 0,
             fmt=lambda x: f"códigos repetidos: {x:.0f}"),
        Rule(None, f"pelo menos {MIN_ROWS} linhas", lambda d: float(len(d)), MIN_ROWS,
             float("inf"), fmt=lambda x: f"{x:.0f} linhas"),
    ]
    return regras
