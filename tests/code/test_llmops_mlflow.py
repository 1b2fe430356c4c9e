"""O assistente com o MLflow 3 de verdade: registro de prompts, rastros, avaliação e portão.

Um banco SQLite só para o arquivo (criar as tabelas do MLflow leva alguns segundos).
"""

import pytest

from mlops_lab.errors import MlopsLabError
from mlops_lab.llmops import PROMPT_V1, PROMPT_V2, eval_set


@pytest.fixture(scope="module")
def registro(tmp_path_factory):
    import mlflow
    import mlflow.genai

    from mlops_lab.llmops import tracking

    anterior = mlflow.get_tracking_uri()
    uri = tracking.open_store(tmp_path_factory.mktemp("llmops"))
    v1 = tracking.register_prompt(PROMPT_V1, "primeira versão")
    v2 = tracking.register_prompt(PROMPT_V2, "mais curta e mais barata")
    mlflow.genai.set_prompt_alias(tracking.PROMPT_NAME, alias="production", version=v1)
    yield tracking, uri, v1, v2
    mlflow.set_tracking_uri(anterior)


def test_registro_de_prompts_guarda_versoes_e_apelido(registro):
    tracking, uri, v1, v2 = registro
    assert uri.startswith("sqlite:///") and (v1, v2) == (1, 2)
    assert tracking.load_prompt("production") == (1, PROMPT_V1)
    assert tracking.load_prompt(2) == (2, PROMPT_V2)
    with pytest.raises(MlopsLabError, match="staging"):
        tracking.load_prompt("staging")


def test_rastro_tem_um_span_por_etapa_com_tokens_e_custo(registro):
    tracking = registro[0]
    saida = tracking.traced_predict(PROMPT_V1)("Qual a multa por pagar a fatura atrasada?")
    trechos = tracking.spans_table(max_traces=1).set_index("span")
    assert list(trechos.index) == ["atendimento", "guarda_entrada", "recuperacao", "geracao",
                                   "guarda_saida"]
    assert trechos.loc["recuperacao", "tipo"] == "RETRIEVER"
    assert trechos.loc["recuperacao", "passages"] == ",".join(saida["cited"])
    assert trechos.loc["geracao", "input_tokens"] == saida["input_tokens"]
    assert trechos.loc["geracao", "cost"] == pytest.approx(saida["cost"])
    assert (trechos["ms"] >= 0).all()
    assert trechos.loc["atendimento", "ms"] >= trechos.loc["geracao", "ms"]


def test_portao_recusa_a_v2_e_o_apelido_fica_na_v1(registro):
    tracking = registro[0]
    # A v2 perde o fato da 2ª e da 3ª linhas (estavam no segundo trecho) e não cita nada.
    linhas = [eval_set()[i] for i in (0, 1, 12)]
    decisao = tracking.promote_if_better(2, rows=linhas)
    assert decisao["metrics"][1] == {"cites_passage": 1.0, "mentions_fact": 1.0,
                                     "within_length": 1.0, "guardrail_respected": 1.0}
    assert decisao["metrics"][2] == {"cites_passage": 0.0, "mentions_fact": 0.333,
                                     "within_length": 1.0, "guardrail_respected": 1.0}
    assert not decisao["promoted"] and len(decisao["reasons"]) == 2
    assert tracking.load_prompt("production")[0] == 1
