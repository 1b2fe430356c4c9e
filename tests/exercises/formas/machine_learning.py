"""Formas de resposta do capítulo 2 (veja ``__init__.py``)."""

from mlops_lab.exercises import _data, machine_learning


def _reclamam():
    limpo = _data.clean()
    return limpo[limpo["reclamacoes_12m"] >= 3]


def _fracao():
    return (_reclamam()["cancelou"] == "Sim").mean()


def _recall_7(conjunto=0, chave="recall"):
    return machine_learning._metricas_semente()[conjunto][chave]


def _regra_certa(reclamacoes, meses):
    return "Sim" if reclamacoes >= 3 or meses < 6 else "Não"


def _regra_negada(reclamacoes, meses):
    if reclamacoes < 3 and meses >= 6:
        return "Não"
    return "Sim"


def _metricas_regra(X, y, regra=_regra_certa):
    from sklearn.metrics import precision_score, recall_score

    previsto = [regra(r, m) for r, m in zip(X["reclamacoes_12m"], X["meses_de_contrato"])]
    return {"revocacao": recall_score(y, previsto, pos_label="Sim"),
            "precisao": precision_score(y, previsto, pos_label="Sim")}


def _teste():
    _, X_test, _, y_test = _data.split()
    return X_test, y_test


def _treino():
    X_train, _, y_train, _ = _data.split()
    return X_train, y_train


FORMAS = {
    "q1": {"erradas": [lambda: "a", lambda: "b", lambda: "d", lambda: "supervisionado"],
           "certas": [lambda: "c", lambda: " C) "]},
    "q2": {"erradas": [lambda: 0.204,  # a taxa de todos os clientes, a do notebook
                       lambda: 100 * _fracao(),  # porcentagem
                       lambda: int((_reclamam()["cancelou"] == "Sim").sum()),  # contagem
                       lambda: machine_learning._fracao_bruta(),  # dados brutos
                       lambda: round(_fracao(), 2),  # 0,65: arredondado demais
                       lambda: None],
           "certas": [_fracao, lambda: round(float(_fracao()), 3),
                      lambda: f"{_fracao():.3f}".replace(".", ","), lambda: str(_fracao())]},
    "q3": {"erradas": [lambda: _data.logistic_metrics()["recall"],  # seed=42, a do notebook
                       lambda: _recall_7(conjunto=1),  # no treino
                       lambda: _recall_7(chave="accuracy"),
                       lambda: 100 * _recall_7(),
                       lambda: round(_recall_7(), 2)],
           "certas": [_recall_7, lambda: round(_recall_7(), 3),
                      lambda: f"{_recall_7():.3f}".replace(".", ",")]},
    "q4": {"erradas": [lambda: "a", lambda: "b", lambda: "d"],
           "certas": [lambda: "c", lambda: "(c)"]},
    "q5": {"erradas": [lambda: lambda r, m: "Sim" if r == 3 or m < 6 else "Não",
                       lambda: lambda r, m: "Sim" if r > 3 or m < 6 else "Não",
                       lambda: lambda r, m: "Sim" if r >= 3 or m <= 6 else "Não",
                       lambda: lambda r, m: "Sim" if r >= 3 and m < 6 else "Não",
                       lambda: lambda r, m: print("Sim" if r >= 3 or m < 6 else "Não")],
           "certas": [lambda: _regra_certa, lambda: _regra_negada,
                      lambda: lambda r, m: ["Não", "Sim"][int(r >= 3 or m < 6)]]},
    "q6": {"erradas": [lambda: {**_metricas_regra(*_teste()), "melhor": "regra"},
                       lambda: {"revocacao": _metricas_regra(*_teste())["precisao"],
                                "precisao": _metricas_regra(*_teste())["revocacao"],
                                "melhor": "modelo"},
                       lambda: {**_metricas_regra(*_treino()), "melhor": "modelo"},
                       lambda: {"revocacao": 0.482, "precisao": 0.756, "melhor": "modelo"},
                       lambda: {},
                       lambda: [0.518, 0.425, "modelo"]],
           "certas": [lambda: {**_metricas_regra(*_teste()), "melhor": "modelo"},
                      lambda: {k: round(float(v), 3) for k, v in
                               _metricas_regra(*_teste()).items()} | {"melhor": "Modelo"},
                      lambda: {"melhor": " modelo", **{
                          k: f"{v:.3f}".replace(".", ",")
                          for k, v in _metricas_regra(*_teste()).items()}}]},
}
