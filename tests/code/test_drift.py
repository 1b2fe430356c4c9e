"""A medida de deriva: PSI e KS contra a referência gravada no treino."""

import json

import numpy as np
import pandas as pd
import pytest

from mlops_lab.drift import (
    PSI_ALERT,
    REFERENCE_FILE,
    build_reference,
    compare,
    psi,
    read_reference,
)
from mlops_lab.errors import MlopsLabError
from mlops_lab.package import load_model
from mlops_lab.stream import simulate


def test_psi_is_zero_for_equal_distributions_and_grows_with_the_shift():
    base = [0.25, 0.25, 0.25, 0.25]
    assert psi(base, base) == 0.0
    pequeno = psi(base, [0.3, 0.25, 0.25, 0.2])
    grande = psi(base, [0.7, 0.1, 0.1, 0.1])
    assert 0 < pequeno < 0.1 < PSI_ALERT < grande


def test_psi_stays_finite_when_a_bin_empties():
    assert np.isfinite(psi([0.5, 0.5], [1.0, 0.0]))


def test_run_writes_a_reference_that_matches_the_schema(model_dir):
    referencia = json.loads((model_dir / REFERENCE_FILE).read_text(encoding="utf-8"))
    _, metadata = load_model(model_dir)
    schema = metadata["schema"]
    assert set(referencia["features"]) == set(schema["numeric"]) | set(schema["categorical"])
    for nome in schema["numeric"]:
        perfil = referencia["features"][nome]
        assert perfil["kind"] == "numeric"
        assert sum(perfil["shares"]) == pytest.approx(1.0)
        assert len(perfil["shares"]) == len(perfil["edges"]) + 1
        assert 0 < len(perfil["sample"]) <= 1000
    assert "previsao" in referencia["predictions"]
    assert "prob_Sim" in referencia["predictions"]


def test_training_data_compared_with_itself_is_stable(model_dir, split):
    X_train = split[0]
    tabela = compare(read_reference(model_dir), X_train)
    assert (tabela["nivel"] == "estável").all(), tabela.head()


def test_simulated_customers_without_drift_look_like_training(model_dir):
    model, metadata = load_model(model_dir)
    from mlops_lab.predict import predict

    novos = simulate(3000, seed=3)
    tabela = compare(read_reference(model_dir), novos, predict(model, metadata, novos))
    assert tabela["psi"].max() < 0.1, tabela.head()


def test_simulated_drift_is_flagged_on_the_features_that_changed(model_dir):
    model, metadata = load_model(model_dir)
    from mlops_lab.predict import predict

    novos = simulate(3000, seed=3, drift=True)
    tabela = compare(read_reference(model_dir), novos, predict(model, metadata, novos))
    grandes = set(tabela.loc[tabela["psi"] >= PSI_ALERT, "atributo"])
    assert {"valor_mensal", "reclamacoes_12m"} <= grandes
    assert "uf" not in grandes and "idade" not in grandes  # o que não mudou, não alarma
    assert tabela.set_index("atributo").loc["valor_mensal", "ks_pvalue"] < 1e-6


def test_missing_values_do_not_inflate_psi_and_are_reported_apart(split, model_dir):
    X = split[0].copy()
    X.loc[X.sample(frac=0.5, random_state=0).index, "idade"] = np.nan
    linha = compare(read_reference(model_dir), X).set_index("atributo").loc["idade"]
    assert linha["psi"] < 0.1
    assert linha["ausentes_atual"] > 0.45 > linha["ausentes_ref"]


def test_unseen_categories_count_as_drift():
    referencia = {"features": {"plano": {"kind": "categorical", "missing": 0.0,
                                         "shares": {"a": 0.5, "b": 0.5}}}, "predictions": {}}
    dados = pd.DataFrame({"plano": ["c"] * 80 + ["a"] * 20})
    linha = compare(referencia, dados).iloc[0]
    assert linha["nivel"] == "grande"


def test_spellings_are_normalized_before_counting():
    referencia = {"features": {"plano": {"kind": "categorical", "missing": 0.0,
                                         "shares": {"pos pago": 0.5, "pre pago": 0.5}}},
                  "predictions": {}}
    dados = pd.DataFrame({"plano": ["Pós-pago", "PRE PAGO"] * 50})
    assert compare(referencia, dados).iloc[0]["psi"] == 0.0


def test_build_reference_needs_the_training_columns(model_dir, split):
    model, metadata = load_model(model_dir)
    with pytest.raises(MlopsLabError, match="faltam colunas"):
        build_reference(model, split[0].drop(columns=["valor_mensal"]), metadata["schema"])


def test_missing_reference_file_gets_a_clear_message(tmp_path):
    with pytest.raises(MlopsLabError, match="mlops-lab run"):
        read_reference(tmp_path)
