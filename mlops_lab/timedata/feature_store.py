"""A *feature store* de verdade: o Feast, com as mesmas regras da junção *as-of*.

O Feast não cabe no ambiente do curso (exige ``pandas<3`` e ``prometheus-client<0.25``)
e roda no seu, o ``.venv-feast`` (``make feast``). Este módulo importa o Feast só dentro
das funções: no ambiente do curso, ele se importa sem erro, e quem chama uma função
que precisa do Feast recebe uma mensagem que diz como instalá-lo.

Com **uma** definição dos atributos (:func:`feature_definitions`), saem:

* a tabela de treino, correta no ponto do tempo (:func:`training_table`, a
  recuperação *offline*, ``get_historical_features``);
* o valor de cada cliente para o serviço (:func:`serving_values`, a recuperação
  *online*, depois de ``materialize`` num SQLite).

:func:`feast_results` confere as duas contra :func:`~mlops_lab.timedata.asof.asof_join_pandas`
e grava o que o capítulo mostra em ``benchmarks/results/feature_store.json``::

    .venv-feast/bin/python -m mlops_lab.timedata.feature_store

Duas regras do Feast 0.67 que a comparação revelou, e que este módulo trata:

* o Feast inclui o valor registrado **no** instante pedido (``<=``); a regra do curso
  o exclui (``<``). A tabela de treino pede cada retrato 1 µs antes do instante da
  previsão, e o serviço materializa até 1 s antes (os chamados têm resolução de segundos);
* o *offline store* de arquivos (``type: file``) **descarta** a linha do retrato quando
  o cliente só tem chamados depois do instante pedido, em vez de devolvê-la sem valor.
  :func:`training_table` devolve todas as linhas, na ordem dos retratos, e diz quantas
  o Feast descartou.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd
    from feast import FeatureStore

__all__ = ["RESULTS_FILE", "FEATURE_VIEW", "FEATURES", "write_feature_repo",
           "feature_definitions", "open_store", "training_table", "serving_values",
           "feast_results", "main"]

#: Onde o capítulo procura os resultados, a partir da raiz do repositório.
RESULTS_FILE = Path("benchmarks") / "results" / "feature_store.json"
#: O nome do grupo de atributos (*feature view*) no Feast.
FEATURE_VIEW = "ultimo_chamado"
#: Os atributos pedidos ao Feast: ``grupo:atributo``.
FEATURES = [f"{FEATURE_VIEW}:nota_satisfacao", f"{FEATURE_VIEW}:chamados_acumulados"]
#: O mês cujo instante de previsão o serviço reproduz (materializado até ali).
SERVING_MONTH = "2025-06"
# O Feast inclui o instante pedido (<=); a regra do curso, não (<). Os retratos são
# pedidos 1 µs antes; o materialize arredonda para o segundo, então vai até 1 s antes.
_ANTES_TREINO = timedelta(microseconds=1)
_ANTES_SERVICO = timedelta(seconds=1)

_CONFIG = """\
# Gerado por mlops_lab.timedata.feature_store.write_feature_repo.
project: mlops_lab
provider: local
registry: {pasta}/registry.db
online_store:
  type: sqlite
  path: {pasta}/online.db
offline_store:
  type: file
entity_key_serialization_version: 3
"""


def _feast() -> ModuleType:
    try:
        import feast
    except ImportError as erro:
        raise MlopsLabError(
            "O Feast não está instalado neste ambiente: ele tem um ambiente próprio, o "
            ".venv-feast, porque exige pandas<3 e o curso usa o pandas 3. Crie-o e rode "
            "a demonstração com: make feast") from erro
    return feast


def write_feature_repo(folder: str | Path, events: pd.DataFrame) -> Path:
    """Cria em ``folder`` um repositório do Feast: os chamados em Parquet e a configuração.

    Provedor local: o registro e o *online store* em SQLite, o *offline store* em
    arquivos. Nada sai da máquina.

    Examples
    --------
    >>> import tempfile
    >>> from mlops_lab.timedata.asof import load_time_data
    >>> _, chamados = load_time_data()
    >>> pasta = write_feature_repo(tempfile.mkdtemp(), chamados)
    >>> sorted(p.name for p in pasta.iterdir())
    ['chamados.parquet', 'feature_store.yaml']
    >>> print((pasta / "feature_store.yaml").read_text().splitlines()[2])
    provider: local
    """
    pasta = Path(folder)
    pasta.mkdir(parents=True, exist_ok=True)
    colunas = ["id_cliente", "data_hora", "nota_satisfacao", "chamados_acumulados"]
    faltam = sorted(set(colunas) - set(events.columns))
    if faltam:
        raise MlopsLabError(f"faltam colunas nos chamados: {', '.join(faltam)}. Use os "
                            "chamados de load_time_data() ou as mesmas colunas.")
    events[colunas].to_parquet(pasta / "chamados.parquet", index=False)
    (pasta / "feature_store.yaml").write_text(_CONFIG.format(pasta=pasta.resolve().as_posix()),
                                              encoding="utf-8")
    return pasta


def feature_definitions(source: str | Path) -> list:
    """A entidade ``cliente`` e o grupo ``ultimo_chamado``, lidos dos chamados em ``source``.

    É a definição única de onde saem a tabela de treino e os valores do serviço.
    ``ttl=timedelta(0)``: um chamado vale até o próximo, sem prazo de validade, como
    na junção *as-of* do curso.
    """
    from feast import Entity, FeatureView, Field, FileSource, ValueType
    from feast.types import Int64

    cliente = Entity(name="cliente", join_keys=["id_cliente"], value_type=ValueType.STRING,
                     description="Um cliente da operadora (id_cliente).")
    chamados = FileSource(name="chamados_suporte", path=str(source),
                          timestamp_field="data_hora")
    ultimo_chamado = FeatureView(
        name=FEATURE_VIEW,
        entities=[cliente],
        ttl=timedelta(0),
        schema=[Field(name="nota_satisfacao", dtype=Int64),
                Field(name="chamados_acumulados", dtype=Int64)],
        source=chamados,
        online=True,
    )
    return [cliente, ultimo_chamado]


def open_store(folder: str | Path, events: pd.DataFrame) -> FeatureStore:
    """Cria o repositório em ``folder``, registra as definições (``apply``) e devolve a store."""
    feast = _feast()
    pasta = write_feature_repo(folder, events)
    store = feast.FeatureStore(repo_path=str(pasta))
    store.apply(feature_definitions(pasta / "chamados.parquet"))
    return store


def _check_snapshots(snapshots: pd.DataFrame) -> None:
    """Um retrato por cliente e mês: é a chave com que a resposta do Feast volta aos retratos.

    Examples
    --------
    >>> import pandas as pd
    >>> try:
    ...     _check_snapshots(pd.DataFrame({"id_cliente": ["A", "A"],
    ...                                    "mes_referencia": ["2025-01", "2025-01"]}))
    ... except MlopsLabError as erro:
    ...     print(str(erro).replace("2025-01. ", "2025-01.\\n"))
    há 1 retrato repetido (mesmo id_cliente e mes_referencia), por exemplo A em 2025-01.
    Deixe um retrato por cliente e mês.
    """
    faltam = sorted({"id_cliente", "mes_referencia"} - set(snapshots.columns))
    if faltam:
        raise MlopsLabError(f"faltam colunas nos retratos: {', '.join(faltam)}. Use os retratos "
                            "de load_time_data() ou as mesmas colunas.")
    repetidos = snapshots.duplicated(["id_cliente", "mes_referencia"])
    if repetidos.any():
        primeiro = snapshots[repetidos].iloc[0]
        n = int(repetidos.sum())
        raise MlopsLabError(
            f"há {n} retrato{'s' if n > 1 else ''} repetido{'s' if n > 1 else ''} (mesmo "
            f"id_cliente e mes_referencia), por exemplo {primeiro['id_cliente']} em "
            f"{primeiro['mes_referencia']}. Deixe um retrato por cliente e mês.")


def training_table(store: FeatureStore, snapshots: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A tabela de treino pelo Feast: cada retrato com o último chamado antes da previsão.

    Returns
    -------
    tuple
        A tabela (uma linha por retrato, na ordem dos retratos, com ``momento_previsao``,
        ``ultima_nota`` e ``chamados_acumulados``; sem chamado antes, nota vazia e 0
        chamados, como em :func:`~mlops_lab.timedata.asof.asof_join_pandas`) e quantos
        retratos o Feast descartou (os que ele devolve sem linha).
    """
    import pandas as pd

    from mlops_lab.timedata.asof import prediction_times

    _check_snapshots(snapshots)
    momento = prediction_times(snapshots["mes_referencia"])
    pedido = pd.DataFrame({"id_cliente": snapshots["id_cliente"].to_numpy(),
                           "event_timestamp": momento - _ANTES_TREINO})
    feast = store.get_historical_features(entity_df=pedido, features=FEATURES).to_df()
    feast["event_timestamp"] = feast["event_timestamp"].dt.tz_convert(None)
    juntos = pedido.merge(feast, on=["id_cliente", "event_timestamp"], how="left",
                          validate="one_to_one", indicator=True)
    descartados = int((juntos["_merge"] == "left_only").sum())
    tabela = snapshots.assign(
        momento_previsao=momento.to_numpy(),
        ultima_nota=juntos["nota_satisfacao"].astype(float).to_numpy(),
        chamados_acumulados=juntos["chamados_acumulados"].fillna(0).astype(int).to_numpy())
    return tabela, descartados


def serving_values(store: FeatureStore, customer_ids: list[str],
                   month: str = SERVING_MONTH) -> pd.DataFrame:
    """Os valores que o serviço leria no instante da previsão do mês ``month``.

    Materializa no *online store* (SQLite) os chamados até 1 s antes desse instante e
    pede ao Feast, cliente a cliente, o valor mais recente: ``get_online_features``.
    """
    import pandas as pd

    from mlops_lab.timedata.asof import prediction_times

    instante = prediction_times(pd.Series([month]))[0].tz_localize("UTC")
    store.materialize(start_date=(instante - pd.DateOffset(years=10)).to_pydatetime(),
                      end_date=(instante - _ANTES_SERVICO).to_pydatetime())
    linhas = [{"id_cliente": cliente} for cliente in customer_ids]
    online = store.get_online_features(features=FEATURES, entity_rows=linhas).to_df()
    return pd.DataFrame({
        "id_cliente": online["id_cliente"].to_numpy(),
        "ultima_nota": online["nota_satisfacao"].astype(float).to_numpy(),
        "chamados_acumulados": online["chamados_acumulados"].fillna(0).astype(int).to_numpy(),
    })


def _diferentes(a: pd.DataFrame, b: pd.DataFrame) -> int:
    """Quantas linhas diferem em ``ultima_nota`` ou ``chamados_acumulados`` (vazio = vazio)."""
    nota_a, nota_b = a["ultima_nota"].to_numpy(), b["ultima_nota"].to_numpy()
    mesma_nota = (nota_a == nota_b) | (a["ultima_nota"].isna().to_numpy()
                                        & b["ultima_nota"].isna().to_numpy())
    mesmos_chamados = a["chamados_acumulados"].to_numpy() == b["chamados_acumulados"].to_numpy()
    return int((~(mesma_nota & mesmos_chamados)).sum())


def _latencia_online_ms(store: FeatureStore, customer_ids: list[str]) -> float:
    """A mediana, em ms, de uma consulta online de um cliente (medida, não comparada)."""
    tempos = []
    for cliente in customer_ids:
        inicio = time.perf_counter()
        store.get_online_features(features=FEATURES, entity_rows=[{"id_cliente": cliente}])
        tempos.append(time.perf_counter() - inicio)
    tempos.sort()
    return round(1000 * tempos[len(tempos) // 2], 2)


def feast_results(folder: str | Path | None = None) -> dict:
    """Treino e serviço pelo Feast, conferidos contra a junção *as-of* do curso.

    Returns
    -------
    dict
        ``"feast"`` (versão), ``"offline"`` (retratos, descartados pelo Feast e
        diferenças para :func:`~mlops_lab.timedata.asof.asof_join_pandas`), ``"online"``
        (mês, clientes, diferenças para a junção *as-of* naquele instante e para a
        tabela de treino do mesmo mês, e três clientes de exemplo) e ``"medido"``
        (segundos da recuperação *offline* e mediana de uma consulta *online*; variam
        de uma execução para outra).
    """
    feast = _feast()
    import pandas as pd

    from mlops_lab.timedata.asof import asof_join_pandas, load_time_data

    retratos, chamados = load_time_data()
    with tempfile.TemporaryDirectory(prefix="feast-") as tmp:
        store = open_store(folder or Path(tmp) / "repo", chamados)
        inicio = time.perf_counter()
        treino, descartados = training_table(store, retratos)
        segundos_offline = time.perf_counter() - inicio
        curso = asof_join_pandas(retratos, chamados)

        clientes = sorted(retratos["id_cliente"].unique())
        servico = serving_values(store, clientes)
        no_instante = asof_join_pandas(
            pd.DataFrame({"id_cliente": clientes, "mes_referencia": SERVING_MONTH}), chamados)
        do_mes = retratos["mes_referencia"] == SERVING_MONTH
        treino_mes = treino[do_mes].set_index("id_cliente")
        servico_mes = servico.set_index("id_cliente").loc[treino_mes.index]
        latencia = _latencia_online_ms(store, clientes[:200])

    exemplos = servico[servico["chamados_acumulados"] > 0].head(3)
    return {
        "feast": feast.__version__,
        "offline": {"snapshots": len(retratos), "dropped_by_feast": descartados,
                    "differences_vs_asof": _diferentes(treino, curso)},
        "online": {
            "month": SERVING_MONTH, "customers": len(clientes),
            "with_value": int((servico["chamados_acumulados"] > 0).sum()),
            "differences_vs_asof": _diferentes(servico, no_instante),
            "snapshots_in_month": int(do_mes.sum()),
            "differences_vs_training": _diferentes(servico_mes, treino_mes),
            "examples": [{"id_cliente": linha.id_cliente, "ultima_nota": int(linha.ultima_nota),
                          "chamados_acumulados": int(linha.chamados_acumulados)}
                         for linha in exemplos.itertuples()],
        },
        "medido": {"offline_seconds": round(segundos_offline, 2),
                   "online_p50_ms": latencia},
    }


def main(argv: list[str] | None = None) -> int:
    """Grava :func:`feast_results` no arquivo dado (padrão: :data:`RESULTS_FILE`)."""
    from mlops_lab import _fs

    argumentos = sys.argv[1:] if argv is None else argv
    destino = Path(argumentos[0]) if argumentos else RESULTS_FILE
    try:
        resultados = feast_results()
    except MlopsLabError as erro:
        print(f"Erro: {erro}", file=sys.stderr)
        return 2
    _fs.write_json(destino, resultados)
    print(f"Resultados gravados em {destino}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
