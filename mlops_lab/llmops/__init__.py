"""LLMOps com um componente local que faz as vezes de um LLM.

* :mod:`~mlops_lab.llmops.assistant`: o assistente de atendimento determinístico
  (recuperação numa base de trechos e resposta por modelo), **não** um modelo de
  linguagem: nada é baixado e nenhuma API é chamada;
* :mod:`~mlops_lab.llmops.costs`: contagem de *tokens* e custo (preço por mil
  *tokens* como parâmetro);
* :mod:`~mlops_lab.llmops.guardrails`: guardas de entrada e de saída;
* :mod:`~mlops_lab.llmops.evaluation`: conjunto de avaliação, avaliadores
  (*scorers*) sem LLM juiz e o portão de promoção de um *prompt*;
* :mod:`~mlops_lab.llmops.tracking`: o mesmo, de verdade, com o MLflow 3
  (registro de *prompts*, rastreamento e ``mlflow.genai.evaluate``), num SQLite local;
* :mod:`~mlops_lab.llmops.triage`: a nota de triagem de um incidente do
  :mod:`mlops_lab.aiops`, escrita pelo mesmo tipo de componente.
"""

from mlops_lab.llmops.assistant import (
    PROMPT_V1,
    PROMPT_V2,
    Answer,
    PromptSpec,
    answer,
    knowledge_base,
    render,
    retrieve,
)
from mlops_lab.llmops.costs import Price, count_tokens
from mlops_lab.llmops.evaluation import (
    SCORERS,
    eval_set,
    evaluate_local,
    gate,
)
from mlops_lab.llmops.guardrails import check_input, check_output
from mlops_lab.llmops.triage import triage_note

__all__ = [
    "PromptSpec", "Answer", "PROMPT_V1", "PROMPT_V2", "answer", "knowledge_base", "render",
    "retrieve", "Price", "count_tokens", "check_input", "check_output", "SCORERS", "eval_set",
    "evaluate_local", "gate", "triage_note",
]
