"""Ambientes reprodutíveis e contêineres: as travas, o Dockerfile e os manifestos.

Nada aqui usa rede nem Docker: as travas são conferidas contra as entradas, o
modo de hashes obrigatórios é exercitado com o pip e o uv de verdade numa roda
local, o Dockerfile passa pelo hadolint e os manifestos pelo esquema oficial do
Kubernetes (kubernetes-validate, com os esquemas dentro do pacote).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from mlops_lab import environments as env
from mlops_lab.errors import MlopsLabError
from tests.helpers import load_script

ROOT = Path(__file__).resolve().parents[2]
lock = load_script("lock")
MANIFESTOS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))


# ----- as travas -------------------------------------------------------------------

def test_travas_correspondem_as_entradas():
    """A primeira linha de cada trava é o sha256 das entradas de hoje (make lock em dia)."""
    assert lock.conferir() == []


def test_requisito_mudado_sem_make_lock_e_apontado(tmp_path):
    for trava, (_, entradas) in lock.LOCKS.items():
        for nome in (trava, *entradas):
            (tmp_path / nome).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / nome, tmp_path / nome)
    assert lock.conferir(tmp_path) == []
    requisitos = tmp_path / "requirements.txt"
    requisitos.write_text(requisitos.read_text().replace("tqdm==4.70.1", "tqdm==4.70.0"))
    problemas = lock.conferir(tmp_path)
    # As duas travas que incluem o requirements.txt; a da imagem não.
    assert len(problemas) == 2
    assert all("make lock" in p and "requirements.txt" in p for p in problemas)
    (tmp_path / "requirements.lock").unlink()
    assert any("não existe" in p for p in lock.conferir(tmp_path))


def test_clone_com_crlf_nao_acusa_trava_velha(tmp_path):
    """No Windows, o git pode trocar as quebras de linha: o resumo das entradas não muda."""
    for trava, (_, entradas) in lock.LOCKS.items():
        for nome in (trava, *entradas):
            (tmp_path / nome).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / nome).write_bytes((ROOT / nome).read_bytes().replace(b"\n", b"\r\n"))
    assert lock.conferir(tmp_path) == []


@pytest.mark.parametrize("trava, entradas", [
    ("requirements.lock", ["requirements.txt"]),
    ("requirements-dev.lock", ["requirements.txt", "requirements-dev.txt"]),
    ("deploy/requirements-serve.lock", ["deploy/requirements-serve.txt"]),
])
def test_trava_fixa_as_versoes_dos_requisitos_e_das_restricoes(trava, entradas):
    tabela = env.read_lock(ROOT / trava)
    pins = {}
    for entrada in entradas:
        pins |= env.read_pins(ROOT / entrada)
    comparacao = env.compare_pins(pins, tabela)
    divergentes = comparacao[comparacao["situacao"].isin(["diferente", "falta na trava"])]
    assert divergentes.empty, divergentes.to_string()
    restricoes = env.read_pins(ROOT / "constraints.txt")
    travado = dict(zip(tabela["pacote"], tabela["versao"], strict=True))
    fora = {p: (v, restricoes[p]) for p, v in travado.items()
            if p in restricoes and restricoes[p] != v}
    assert not fora, f"versões diferentes do constraints.txt: {fora}"
    assert (tabela["hashes"] >= 1).all()
    assert tabela["pacote"].is_unique


def test_trava_vale_em_outros_sistemas():
    """Universal: pacotes só do Windows/macOS aparecem, com condição, e o numpy traz
    os hashes das rodas de todas as plataformas (Linux, macOS, Windows, x86 e ARM)."""
    tabela = env.read_lock(ROOT / "requirements-dev.lock")
    condicoes = " ".join(tabela["condicao"])
    assert "sys_platform == 'win32'" in condicoes and "sys_platform == 'darwin'" in condicoes
    numpy = tabela.set_index("pacote").loc["numpy"]
    assert numpy["condicao"] == "" and numpy["hashes"] >= 20


def test_makefile_instala_das_travas_com_hashes_obrigatorios():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements-dev.lock" in makefile
    assert "--require-hashes -r requirements.lock" in makefile
    assert "scripts/lock.py --check" in makefile
    assert not re.search(r"-r requirements(-dev)?\.txt -c constraints\.txt", makefile.split(
        "$(AIRFLOW)/.instalado:")[0])


def test_imagem_usa_so_as_dependencias_do_pacote():
    projeto = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    nomes = {re.split(r"[<>=!;\[ ]", d)[0].lower() for d in projeto["project"]["dependencies"]}
    serve = env.read_pins(ROOT / "deploy" / "requirements-serve.txt")
    assert set(serve) == nomes
    binder = env.read_pins(ROOT / "requirements.txt")
    assert {n: binder[n] for n in serve} == serve


# ----- hashes: o que o pip e o uv fazem com um pacote adulterado ----------------------

@pytest.fixture()
def roda(tmp_path):
    return env.build_demo_wheel(tmp_path / "indice")


def test_roda_de_demonstracao_e_deterministica(roda, tmp_path):
    outra = env.build_demo_wheel(tmp_path / "outra")
    assert env.sha256_file(roda) == env.sha256_file(outra)


def test_pip_recusa_hash_adulterado_e_aceita_o_certo(roda, tmp_path):
    certo = env.sha256_file(roda)
    errado = ("0" if certo[0] != "0" else "1") + certo[1:]
    ok, mensagem = env.install_with_hash(roda, errado, tmp_path / "alvo-errado")
    assert not ok
    assert "THESE PACKAGES DO NOT MATCH THE HASHES" in mensagem and certo in mensagem
    assert not (tmp_path / "alvo-errado" / "demo_trava.py").exists()
    ok, mensagem = env.install_with_hash(roda, certo, tmp_path / "alvo-certo")
    assert ok, mensagem
    assert (tmp_path / "alvo-certo" / "demo_trava.py").read_text().endswith('"1.0"\n')


def test_uv_recusa_hash_adulterado(roda, tmp_path):
    """O mesmo com o uv, que é quem instala os ambientes no make."""
    uv = Path(sys.executable).parent / "uv"
    certo = env.sha256_file(roda)

    def instalar(sha: str, alvo: str) -> subprocess.CompletedProcess:
        req = tmp_path / f"{alvo}.txt"
        req.write_text(f"demo_trava==1.0 --hash=sha256:{sha}\n")
        return subprocess.run(
            [str(uv), "pip", "install", "--no-index", "--find-links", str(roda.parent),
             "--require-hashes", "--no-cache", "--target", str(tmp_path / alvo), "-r", str(req)],
            capture_output=True, text=True, check=False)

    falhou = instalar("f" * 64, "errado")
    assert falhou.returncode != 0 and "Hash mismatch" in falhou.stderr
    assert not (tmp_path / "errado" / "demo_trava.py").exists()
    assert instalar(certo, "certo").returncode == 0
    assert (tmp_path / "certo" / "demo_trava.py").exists()


def test_check_sha256_explica_em_portugues(roda):
    assert env.check_sha256(roda, env.sha256_file(roda)) == env.sha256_file(roda)
    with pytest.raises(MlopsLabError, match="não bate com o esperado"):
        env.check_sha256(roda, "a" * 64)
    with pytest.raises(MlopsLabError, match="64 dígitos hexadecimais"):
        env.check_sha256(roda, "xyz")


# ----- Dockerfile ------------------------------------------------------------------

def test_dockerfile_passa_no_hadolint():
    assert env.lint_dockerfile(ROOT / "Dockerfile", limite="info") == []
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    pronto = subprocess.run([hadolint, "--failure-threshold", "info", str(ROOT / "Dockerfile")],
                            capture_output=True, text=True, check=False)
    assert pronto.returncode == 0, pronto.stdout


RUIM = """FROM python:latest
RUN apt-get update && apt-get install -y gcc
COPY . /app
USER root
CMD ["mlops-lab", "serve"]
"""


def test_hadolint_pega_problemas_plantados(tmp_path):
    ruim = tmp_path / "Dockerfile"
    ruim.write_text(RUIM)
    regras = {a["regra"] for a in env.lint_dockerfile(ruim, limite="info")}
    # latest, apt-get sem versão, sem --no-install-recommends, root no fim.
    assert {"DL3007", "DL3008", "DL3015", "DL3002"} <= regras
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    pronto = subprocess.run([hadolint, "--failure-threshold", "warning", str(ruim)],
                            capture_output=True, text=True, check=False)
    assert pronto.returncode == 1 and "DL3002" in pronto.stdout


def test_lint_dockerfile_com_entrada_ruim():
    with pytest.raises(MlopsLabError, match="não existe"):
        env.lint_dockerfile("nao-existe/Dockerfile")
    with pytest.raises(MlopsLabError, match="limite 'grave'"):
        env.lint_dockerfile(ROOT / "Dockerfile", limite="grave")


def test_dockerfile_cumpre_as_regras_do_curso():
    tabela = env.dockerfile_checklist(ROOT / "Dockerfile")
    assert tabela["ok"].all(), tabela.to_string()
    texto = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes" in texto and "deploy/requirements-serve.lock" in texto


@pytest.mark.parametrize("troca, regra", [
    (("FROM ${PYTHON_IMAGE}\nLABEL", "FROM python:3.11-slim-bookworm\nLABEL"), "digest"),
    (("USER 10001", "USER root"), "usuário"),
    (("/health", "/"), "HEALTHCHECK"),
    (("USER 10001", "RUN apt-get install -y build-essential\nUSER 10001"), "compilador"),
])
def test_dockerfile_checklist_pega_cada_regra(troca, regra):
    texto = (ROOT / "Dockerfile").read_text().replace(*troca)
    tabela = env.dockerfile_checklist(texto)
    reprovadas = tabela.loc[~tabela["ok"], "regra"].tolist()
    assert len(reprovadas) == 1 and regra in reprovadas[0]


def test_dockerignore_deixa_passar_o_que_o_dockerfile_copia():
    permitidos = [linha[1:].rstrip("/") for linha in
                  (ROOT / ".dockerignore").read_text().splitlines() if linha.startswith("!")]
    assert (ROOT / ".dockerignore").read_text().splitlines()[3] == "*"
    copias = re.findall(r"^COPY (?!--from)(.+) \S+$", (ROOT / "Dockerfile").read_text(),
                        re.MULTILINE)
    fontes = [f.rstrip("/") for linha in copias for f in linha.split()]
    assert fontes and set(fontes) <= set(permitidos)
    assert all((ROOT / f).exists() for f in fontes)


# ----- Kubernetes ------------------------------------------------------------------

def test_manifestos_passam_no_esquema_do_kubernetes():
    assert {m.name for m in MANIFESTOS} == {"deployment.yaml", "service.yaml", "hpa.yaml",
                                            "pvc.yaml"}
    assert env.validate_manifests(MANIFESTOS) == []


@pytest.mark.parametrize("troca, campo", [
    (("containerPort: 8000", 'containerPort: "8000"'), "containerPort"),
    (("readinessProbe:", "readinesProbe:"), "readinesProbe"),
    (("cpu: 250m", "cpu: [250m]"), "cpu"),
])
def test_manifesto_quebrado_reprova(tmp_path, troca, campo):
    quebrado = tmp_path / "deployment.yaml"
    quebrado.write_text((ROOT / "deploy/k8s/deployment.yaml").read_text().replace(*troca))
    problemas = env.validate_manifests([quebrado])
    assert len(problemas) == 1 and campo in problemas[0]
    assert problemas[0].startswith("deployment.yaml: Deployment/mlops-lab-serve")


def test_hpa_usa_autoscaling_v2_e_aponta_para_o_deployment():
    hpa = yaml.safe_load((ROOT / "deploy/k8s/hpa.yaml").read_text())
    deployment = yaml.safe_load((ROOT / "deploy/k8s/deployment.yaml").read_text())
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] <= deployment["spec"]["replicas"]


def test_deployment_cumpre_as_regras_do_curso():
    documentos = [d for m in MANIFESTOS for d in yaml.safe_load_all(m.read_text())]
    tabela = env.manifest_checklist(documentos)
    assert tabela["ok"].all(), tabela.to_string()
    texto = (ROOT / "deploy/k8s/deployment.yaml").read_text().replace("path: /health",
                                                                       "path: /healthz", 1)
    tabela = env.manifest_checklist(list(yaml.safe_load_all(texto)))
    assert tabela.loc[~tabela["ok"], "regra"].tolist() == [
        "readinessProbe em /health numa porta do contêiner"]
    with pytest.raises(MlopsLabError, match="kind: Deployment"):
        env.manifest_checklist([{"kind": "Service"}])
