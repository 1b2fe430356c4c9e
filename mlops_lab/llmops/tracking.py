"""O assistente com o MLflow 3: registro de *prompts*, rastreamento e avaliação.

Tudo roda sem rede, num banco SQLite local (:func:`open_store`):

* :func:`register_prompt` e :func:`load_prompt`: cada versão do *prompt* (as
  mensagens e os parâmetros, guardados em ``model_config``) vai para o registro
  de *prompts* do MLflow (``mlflow.genai.register_prompt``); um apelido
  (*alias*) como ``production`` diz qual versão o serviço usa;
* :func:`traced_predict`: o assistente com um *span* do MLflow em cada etapa, com
  *tokens*, custo e trechos da base citados como atributos; :func:`spans_table`
  lê de volta com ``mlflow.search_traces``;
* :func:`evaluate_prompt`: ``mlflow.genai.evaluate`` com os avaliadores de
  :mod:`mlops_lab.llmops.evaluation` (funções ``@scorer``, sem LLM juiz);
* :func:`promote_if_better`: o portão; o apelido só muda se o candidato passar.

O ``mlflow`` demora alguns segundos para importar: ele só é importado dentro
das funções.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab.errors import MlopsLabError
from mlops_lab.llmops.assistant import PromptSpec, answer
from mlops_lab.llmops.costs import Price
from mlops_lab.llmops.evaluation import SCORERS, eval_set, gate

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PROMPT_NAME", "EXPERIMENT", "open_store", "register_prompt", "load_prompt",
           "traced_predict", "spans_table", "evaluate_prompt", "promote_if_better"]

#: O nome do *prompt* no registro.
PROMPT_NAME = "atendimento"
#: O experimento do MLflow onde ficam os rastros e as avaliações.
EXPERIMENT = "llmops-atendimento"
# Sem telemetria de uso (nada sai da máquina), rastros gravados na hora (o SQLite
# não gosta de muitas gravações em paralelo) e poucas linhas avaliadas ao mesmo tempo.
_AMBIENTE = {"MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true",
             "MLFLOW_ENABLE_ASYNC_TRACE_LOGGING": "false", "MLFLOW_GENAI_EVAL_MAX_WORKERS": "2",
             # O assistente é local: sem o limite de chamadas por segundo feito para APIs.
             "MLFLOW_GENAI_EVAL_PREDICT_RATE_LIMIT": "0",
             "MLFLOW_GENAI_EVAL_SCORER_RATE_LIMIT": "0"}


def open_store(folder: str | Path) -> str:
    """Aponta o MLflow para ``folder/mlflow.db`` (SQLite) e escolhe o experimento.

    Returns
    -------
    str
        O endereço (*tracking URI*) ``sqlite:///...``.
    """
    pasta = Path(folder)
    if pasta.exists() and not pasta.is_dir():
        raise MlopsLabError(f"'{pasta}' é um arquivo; passe uma pasta para o banco do MLflow.")
    for nome, valor in _AMBIENTE.items():
        os.environ.setdefault(nome, valor)
    import mlflow

    from mlops_lab.tracking import quiet_logs

    quiet_logs()
    pasta.mkdir(parents=True, exist_ok=True)
    uri = f"sqlite:///{(pasta / 'mlflow.db').resolve()}"
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(EXPERIMENT)
    return uri


def register_prompt(spec: PromptSpec, message: str, name: str = PROMPT_NAME) -> int:
    """Registra uma nova versão do *prompt* e devolve o número dela."""
    import mlflow.genai

    versao = mlflow.genai.register_prompt(
        name=name, template=[dict(m) for m in spec.messages], commit_message=message,
        model_config={"extra_params": dict(spec.params)})
    return int(versao.version)


def load_prompt(ref: str | int, name: str = PROMPT_NAME) -> tuple[int, PromptSpec]:
    """Carrega uma versão (número) ou um apelido (texto) do registro.

    Returns
    -------
    tuple
        O número da versão e o :class:`~mlops_lab.llmops.PromptSpec` dela.
    """
    import mlflow.genai
    from mlflow.exceptions import MlflowException

    uri = f"prompts:/{name}@{ref}" if isinstance(ref, str) else f"prompts:/{name}/{ref}"
    try:
        p = mlflow.genai.load_prompt(uri, cache_ttl_seconds=0, link_to_model=False)
    except MlflowException as erro:
        raise MlopsLabError(f"Não achei '{uri}' no registro de prompts ({erro.message}). "
                            "Registre a versão ou crie o apelido antes.") from None
    config = p.model_config or {}
    return int(p.version), PromptSpec(tuple(p.template), dict(config.get("extra_params", {})))


def traced_predict(spec: PromptSpec, price: Price | None = None) -> Callable[[str], dict]:
    """O assistente com rastreamento: um rastro por pergunta, um *span* por etapa."""
    import mlflow

    @contextlib.contextmanager
    def abre_span(nome: str, tipo: str) -> Iterator[Any]:
        with mlflow.start_span(name=nome, span_type=tipo) as s:
            yield s

    def atendimento(question: str) -> dict:
        return answer(question, spec, price, abre_span).as_dict()

    return mlflow.trace(atendimento, name="atendimento", span_type="CHAIN")


def spans_table(max_traces: int = 100) -> pd.DataFrame:
    """Os *spans* dos rastros do experimento, um por linha, com latência e atributos."""
    import mlflow
    import pandas as pd

    mlflow.flush_trace_async_logging()  # se a gravação em segundo plano estiver ligada
    linhas = []
    # O MLflow devolve o rastro mais recente primeiro; a tabela vai do mais antigo ao mais novo.
    for rastro in reversed(mlflow.search_traces(return_type="list", max_results=max_traces)):
        for s in rastro.data.spans:
            linhas.append({
                "rastro": rastro.info.trace_id, "span": s.name, "tipo": s.span_type,
                "ms": (s.end_time_ns - s.start_time_ns) / 1e6,
                **{chave.removeprefix("llmops."): valor for chave, valor in s.attributes.items()
                   if chave.startswith("llmops.")}})
    tabela = pd.DataFrame(linhas)
    for coluna in ("input_tokens", "output_tokens"):
        if coluna in tabela:
            tabela[coluna] = tabela[coluna].astype("Int64")
    return tabela


def evaluate_prompt(spec: PromptSpec, rows: list[dict[str, Any]] | None = None,
                    run_name: str | None = None) -> dict[str, float]:
    """Avalia o *prompt* com ``mlflow.genai.evaluate``; devolve a média de cada avaliador."""
    import mlflow
    import mlflow.genai
    from mlflow.genai.scorers import scorer

    rows = eval_set() if rows is None else rows
    if not rows:
        raise MlopsLabError("O conjunto de avaliação está vazio; passe ao menos uma linha.")
    avaliadores = [scorer(name=nome)(funcao) for nome, funcao in SCORERS.items()]
    # A barra de progresso e o aviso final do MLflow ficam de fora da saída do notebook.
    with (mlflow.start_run(run_name=run_name), contextlib.redirect_stdout(io.StringIO()),
          contextlib.redirect_stderr(io.StringIO())):
        resultado = mlflow.genai.evaluate(data=rows, predict_fn=traced_predict(spec),
                                          scorers=avaliadores)
    return {nome: round(float(resultado.metrics[f"{nome}/mean"]), 3) for nome in SCORERS}


def promote_if_better(candidate: int, alias: str = "production", tolerance: float = 0.0,
                      rows: list[dict[str, Any]] | None = None,
                      name: str = PROMPT_NAME) -> dict[str, Any]:
    """Avalia a versão do apelido e a candidata; move o apelido só se o portão deixar.

    Returns
    -------
    dict
        ``current`` e ``candidate`` (versões), ``metrics`` (de cada uma), ``reasons``
        (motivos da recusa, vazio se promoveu) e ``promoted``.
    """
    import mlflow.genai

    atual, spec_atual = load_prompt(alias, name)
    _, spec_candidato = load_prompt(candidate, name)
    metricas = {atual: evaluate_prompt(spec_atual, rows, f"{name}-v{atual}"),
                candidate: evaluate_prompt(spec_candidato, rows, f"{name}-v{candidate}")}
    motivos = gate(metricas[atual], metricas[candidate], tolerance)
    if not motivos:
        mlflow.genai.set_prompt_alias(name, alias=alias, version=candidate)
    return {"current": atual, "candidate": candidate, "metrics": metricas,
            "reasons": motivos, "promoted": not motivos}
