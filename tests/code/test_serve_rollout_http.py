"""O canário pela linha de comando, com o servidor uvicorn de verdade.

``mlops-lab serve --candidate ... --mode canary`` com um candidato que falha:
quem chama recebe sempre as previsões do campeão, o canário é revertido, e
``mlops-lab rollout-report`` mostra o motivo.
"""

import json
import shutil

import httpx

from mlops_lab.cli import main
from mlops_lab.package import load_model
from mlops_lab.predict import predict
from mlops_lab.stream import simulate
from tests.helpers import serve_process


def test_canario_quebrado_e_revertido_no_servidor_de_verdade(model_dir, tmp_path, capsys):
    quebrado = tmp_path / "candidato"
    shutil.copytree(model_dir, quebrado)
    metadados = json.loads((quebrado / "metadata.json").read_text(encoding="utf-8"))
    metadados["schema"]["categorical"].remove("plano")
    metadados["schema"]["numeric"].append("plano")  # recusa todo 'plano' de produção
    (quebrado / "metadata.json").write_text(json.dumps(metadados), encoding="utf-8")

    clientes = simulate(12, seed=5).drop(columns=["cancelou"])
    linhas = clientes.astype(object).where(clientes.notna(), None).to_dict("records")
    opcoes = ["--candidate", quebrado, "--mode", "canary", "--share", "0,5",
              "--rollback-window", "3", "--log", tmp_path / "diario"]
    with serve_process(model_dir, tmp_path, extra=opcoes) as base, \
            httpx.Client(base_url=base, timeout=60, trust_env=False) as cliente:
        respostas = [cliente.post("/predict", json=linha) for linha in linhas]
        estado = cliente.get("/rollout").json()

    esperado = predict(*load_model(model_dir), clientes)
    assert [r.status_code for r in respostas] == [200] * len(linhas)
    assert [r.json()["previsoes"][0]["previsao"] for r in respostas] == \
        esperado["previsao"].tolist()
    assert estado["mode"] == "canary" and estado["share"] == 0.5
    assert estado["rolled_back"].startswith("taxa de erro do candidato 100%")

    assert main(["rollout-report", str(tmp_path / "diario")]) == 0
    relatorio = capsys.readouterr().out
    assert "Reversão: taxa de erro do candidato 100%" in relatorio
    assert "Candidato: 3 chamadas, 0 registros, 3 erros" in relatorio
