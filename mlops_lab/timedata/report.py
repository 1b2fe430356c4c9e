"""Os números do capítulo "Dados no tempo certo", calculados pelo pacote e gravados em JSON.

O capítulo lê ``benchmarks/results/time_data.json`` (as células do livro têm poucos
segundos para rodar); um teste recalcula tudo com :func:`chapter_results` e confere
que o arquivo está em dia. Para regravar::

    python -m mlops_lab.timedata.report benchmarks/results/time_data.json
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["RESULTS_FILE", "chapter_results", "main"]

#: Onde o capítulo procura os resultados, a partir da raiz do repositório.
RESULTS_FILE = Path("benchmarks") / "results" / "time_data.json"


def chapter_results(seed: int = 42) -> dict:
    """A divisão aleatória contra a fora do tempo, as três junções e a AUC de cada mês.

    Returns
    -------
    dict
        ``"split"`` (:func:`~mlops_lab.timedata.compare.split_comparison`), ``"join"``
        (:func:`~mlops_lab.timedata.compare.join_comparison`), ``"online"`` (a tabela de
        :func:`~mlops_lab.timedata.online.online_vs_retraining`, uma linha por mês) e
        ``"data"`` (tamanho dos dados e quantos retratos a junção com vazamento contamina).
    """
    from mlops_lab.timedata.asof import leaky_join, load_time_data
    from mlops_lab.timedata.compare import join_comparison, split_comparison
    from mlops_lab.timedata.online import online_vs_retraining

    retratos, chamados = load_time_data()
    vazada = leaky_join(retratos, chamados)
    futuro = vazada["data_ultimo_chamado"] >= vazada["momento_previsao"]
    return {
        "data": {"snapshots": len(retratos), "customers": int(retratos["id_cliente"].nunique()),
                 "events": len(chamados), "leaky_future_rows": int(futuro.sum())},
        "split": split_comparison(retratos, seed=seed),
        "join": join_comparison(retratos, chamados, seed=seed),
        "online": online_vs_retraining(retratos, seed=seed).to_dict(orient="records"),
    }


def main(argv: list[str] | None = None) -> int:
    """Grava :func:`chapter_results` no arquivo dado (padrão: :data:`RESULTS_FILE`)."""
    from mlops_lab import _fs

    argumentos = sys.argv[1:] if argv is None else argv
    destino = Path(argumentos[0]) if argumentos else RESULTS_FILE
    _fs.write_json(destino, chapter_results())
    print(f"Resultados gravados em {destino}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
