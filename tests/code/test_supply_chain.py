"""Cadeia de suprimentos: segredos, SBOM, modelos que não executam código e assinaturas."""

import json
import re
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from mlops_lab import supply_chain as sc
from mlops_lab.errors import MlopsLabError

ROOT = Path(__file__).resolve().parents[2]
SBOM = ROOT / "mlops_lab" / "datasets" / "sbom-binder.cdx.json"

# As chaves plantadas são montadas em partes: assim a busca no repositório (que lê
# este arquivo) não as acusa, e os testes as gravam inteiras numa pasta temporária.
CHAVE_AWS = "AKIA" + "Q3EGRBS7XQPLM2VN"
SEGREDO_AWS = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzEXAMPLEKEY"
CHAVE_PRIVADA = (
    "-----BEGIN " + "RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n"  # pragma: allowlist secret
    "-----END " + "RSA PRIVATE KEY-----\n"
)


def _planta(pasta: Path) -> list[Path]:
    codigo = pasta / "config.py"
    codigo.write_text(
        "import os\n\n"
        f'AWS_ACCESS_KEY_ID = "{CHAVE_AWS}"\n'
        "REGIAO = os.environ.get('AWS_REGION', 'sa-east-1')\n",
        encoding="utf-8")
    chave = pasta / "deploy_key.pem"
    chave.write_text(CHAVE_PRIVADA, encoding="utf-8")
    notebook = pasta / "analise.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["# Análise\n"]},
        {"cell_type": "code", "source": ["import boto3\n",
                                         f"segredo = '{SEGREDO_AWS}'\n"],
         "outputs": []},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return [codigo, chave, notebook]


def test_busca_acusa_chaves_plantadas_com_arquivo_linha_e_tipo(tmp_path):
    achados = sc.scan_secrets(_planta(tmp_path), root=tmp_path)
    linhas = set(map(tuple, achados[["arquivo", "onde", "linha", "tipo"]].values.tolist()))
    assert ("config.py", "", 3, "chave de acesso da AWS") in linhas
    assert ("deploy_key.pem", "", 1, "chave privada") in linhas
    # No notebook: a célula 2, linha 2 (contadas dentro da célula, como no Jupyter).
    assert any(a == "analise.ipynb" and o == "célula 2" and n == 2 for a, o, n, _ in linhas)
    assert not any(a == "config.py" and n == 4 for a, _, n, _ in linhas)


def test_pre_filtro_nao_perde_o_que_o_detect_secrets_acha(tmp_path):
    """Arquivo inteiro no detect-secrets puro x a busca do curso: os mesmos achados."""
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    arquivos = _planta(tmp_path)[:2]
    extra = tmp_path / "settings.yaml"
    # Segredos falsos, de propósito: partidos ou com "allowlist" (a busca do repositório
    # os aceita), mas inteiros no arquivo gravado.
    extra.write_text("db:\n  password: 'Tr0ub4dor&3-cavalo'\n"  # pragma: allowlist secret
                     "  url: postgres://admin:" + "Sup3rS3nh4@db.exemplo.com.br/prod\n"
                     "  token: 'ghp_" + "8fK2mQ9xLw3ZrT7vBn4YcD1sHj6PaE0uGi5N'\n",
                     encoding="utf-8")
    arquivos.append(extra)
    with default_settings():
        esperado = set()
        for arquivo in arquivos:
            colecao = SecretsCollection()
            colecao.scan_file(str(arquivo))
            esperado |= {(arquivo.name, s.line_number) for v in colecao.data.values() for s in v}
    achados = sc.scan_secrets(arquivos, root=tmp_path)
    assert set(zip(achados["arquivo"], achados["linha"], strict=True)) == esperado
    assert len(esperado) >= 4


def test_allowlist_na_linha_ou_na_anterior_e_aceito(tmp_path):
    arquivo = tmp_path / "exemplo.py"
    arquivo.write_text(f'CHAVE = "{CHAVE_AWS}"  # pragma: allowlist secret\n', encoding="utf-8")
    assert sc.scan_secrets([arquivo]).empty
    arquivo.write_text("x = 1\n# pragma: allowlist nextline secret\n"
                       f'CHAVE = "{CHAVE_AWS}"\n\nOUTRA = "{CHAVE_AWS}"\n', encoding="utf-8")
    assert sc.scan_secrets([arquivo])["linha"].tolist() == [5]


def test_repositorio_sem_segredos_e_rapido():
    arquivos = sc.repository_files(ROOT)
    nomes = {p.relative_to(ROOT).as_posix() for p in arquivos}
    assert "mlops_lab/supply_chain/secret_scan.py" in nomes
    assert "notebooks/09-environments.ipynb" in nomes
    assert not any(n.startswith("_ext/_static/thebe/") or n.endswith(".png") for n in nomes)
    inicio = time.perf_counter()
    achados = sc.scan_secrets(arquivos, root=ROOT)
    duracao = time.perf_counter() - inicio
    assert achados.empty, "segredo no repositório:\n" + achados.to_string()
    assert duracao < 30, f"a busca levou {duracao:.1f} s"


def test_gitignore_ignora_o_env():
    saida = subprocess.run(["git", "check-ignore", ".env", "deploy/.env"], cwd=ROOT,
                           capture_output=True, text=True)
    assert saida.stdout.split() == [".env", "deploy/.env"]


def test_segredo_vem_do_ambiente_ou_do_env(tmp_path, monkeypatch):
    monkeypatch.delenv("MLOPS_LAB_TESTE", raising=False)
    env = tmp_path / ".env"
    env.write_text("# comentário\nexport MLOPS_LAB_TESTE='do-arquivo'\n", encoding="utf-8")
    assert sc.get_secret("MLOPS_LAB_TESTE", dotenv=env) == "do-arquivo"
    monkeypatch.setenv("MLOPS_LAB_TESTE", "do-ambiente")
    assert sc.get_secret("MLOPS_LAB_TESTE", dotenv=env) == "do-ambiente"
    monkeypatch.delenv("MLOPS_LAB_TESTE")
    with pytest.raises(MlopsLabError, match="não está definido.*export MLOPS_LAB_TESTE"):
        sc.get_secret("MLOPS_LAB_TESTE", dotenv=tmp_path / "nao-existe")


# ----- SBOM ------------------------------------------------------------------------------

def _nome(nome: str) -> str:
    """O nome normalizado de um pacote (PEP 503): Flufl.Lock e flufl_lock são flufl-lock."""
    return re.sub(r"[-_.]+", "-", nome).lower()


def _componentes(dados: dict) -> dict[str, dict]:
    return {_nome(c["name"]): c for c in dados["components"]}


def test_sbom_do_ambiente_e_cyclonedx_com_as_versoes_instaladas(tmp_path):
    inicio = time.perf_counter()
    arquivo = sc.generate_sbom(tmp_path / "sbom.json", sys.executable)
    duracao = time.perf_counter() - inicio
    dados = json.loads(arquivo.read_text(encoding="utf-8"))
    assert dados["bomFormat"] == "CycloneDX" and dados["specVersion"] == "1.6"
    assert dados["$schema"].endswith("bom-1.6.schema.json")
    componentes = _componentes(dados)
    for c in componentes.values():
        assert c["name"] and c["version"] and c["type"] == "library"
        if c["name"] != "mlops-lab":
            assert c["purl"].startswith("pkg:pypi/") and c["purl"].endswith(f"@{c['version']}")
    instalados = {_nome(d.metadata["Name"]): d.version
                  for d in metadata.distributions()}
    for nome in ("scikit-learn", "mlflow", "skops", "detect-secrets", "cyclonedx-bom"):
        assert componentes[nome]["version"] == instalados[nome], nome
    assert {n: c["version"] for n, c in componentes.items()} == {
        n: v for n, v in instalados.items() if n in componentes}
    assert len(componentes) >= 0.95 * len(instalados)
    assert "file:" not in arquivo.read_text(encoding="utf-8")
    assert duracao < 60, f"o SBOM levou {duracao:.1f} s"


def test_sbom_do_binder_no_repositorio_acompanha_a_trava():
    from mlops_lab import environments as env

    dados = json.loads(SBOM.read_text(encoding="utf-8"))
    assert dados["bomFormat"] == "CycloneDX" and dados["specVersion"] == "1.6"
    trava = env.read_lock(ROOT / "requirements.lock")
    travado = dict(zip(trava["pacote"].map(_nome), trava["versao"], strict=True))
    # O pip vem do python -m venv, não da trava; o mlops-lab é o pacote do curso (-e .).
    componentes = {n: c["version"] for n, c in _componentes(dados).items()
                   if n not in {"mlops-lab", "pip"}}
    diferentes = {n: (v, travado.get(n)) for n, v in componentes.items() if travado.get(n) != v}
    assert not diferentes, f"SBOM desatualizado (rode make sbom): {diferentes}"
    fixados = {_nome(n): v for n, v in env.read_pins(ROOT / "requirements.txt").items()}
    assert {n: componentes.get(n) for n in fixados} == fixados


def test_le_o_sbom_e_resume_licencas():
    tabela = sc.read_sbom(SBOM)
    assert list(tabela.columns) == ["nome", "versao", "purl", "licenca"]
    linha = tabela.set_index("nome").loc["scikit-learn"]
    assert linha["versao"] == "1.9.1" and linha["purl"] == "pkg:pypi/scikit-learn@1.9.1"
    licencas = sc.sbom_licenses(tabela)
    assert licencas["componentes"].sum() == len(tabela)
    assert licencas["componentes"].is_monotonic_decreasing


def test_sbom_invalido_da_mensagem_clara(tmp_path):
    ruim = tmp_path / "sbom.json"
    ruim.write_text('{"components": []}', encoding="utf-8")
    with pytest.raises(MlopsLabError, match="não é um SBOM CycloneDX"):
        sc.read_sbom(ruim)
    ruim.write_text("{", encoding="utf-8")
    with pytest.raises(MlopsLabError, match="make sbom"):
        sc.read_sbom(ruim)


# ----- modelos que não executam código ---------------------------------------------------

def test_pickle_executa_codigo_e_skops_recusa(tmp_path):
    assert sc.pickle_runs_code(tmp_path) is True
    assert (tmp_path / "invadido.txt").read_text(encoding="utf-8").startswith("código")
    assert sc.skops_refuses(tmp_path) == ["mlops_lab.supply_chain.Desconhecido"]


# ----- assinatura -------------------------------------------------------------------------

@pytest.fixture
def modelo_assinado(tmp_path):
    (tmp_path / "model.skops").write_bytes(b"\x00pesos do modelo" * 100)
    (tmp_path / "metadata.json").write_text('{"versao": 3}', encoding="utf-8")
    chave = sc.generate_key(7)
    sc.sign_files(tmp_path, ["model.skops", "metadata.json"], chave)
    return tmp_path, chave


def test_assinatura_confere_e_e_deterministica(modelo_assinado):
    pasta, chave = modelo_assinado
    assert sc.verify_files(pasta, sc.public_key_pem(chave)) == []
    dados = json.loads((pasta / sc.SIGNATURE_FILE).read_text(encoding="utf-8"))
    assert dados["algoritmo"] == "Ed25519"
    assert set(dados["manifesto"]["arquivos"]) == {"model.skops", "metadata.json"}
    primeira = dados["assinatura"]
    sc.sign_files(pasta, ["model.skops", "metadata.json"], sc.generate_key(7))
    assert json.loads((pasta / sc.SIGNATURE_FILE).read_text())["assinatura"] == primeira


def test_modelo_adulterado_nao_confere(modelo_assinado):
    pasta, chave = modelo_assinado
    modelo = pasta / "model.skops"
    dados = bytearray(modelo.read_bytes())
    dados[10] ^= 1  # um bit
    modelo.write_bytes(bytes(dados))
    problemas = sc.verify_files(pasta, sc.public_key_pem(chave))
    assert problemas == ["model.skops mudou depois da assinatura (sha256 diferente do assinado)"]


def test_manifesto_trocado_ou_outra_chave_nao_confere(modelo_assinado):
    pasta, chave = modelo_assinado
    # Quem adultera o modelo e também o manifesto (com os novos hashes) não tem a chave.
    (pasta / "metadata.json").write_text('{"versao": 4}', encoding="utf-8")
    arquivo = pasta / sc.SIGNATURE_FILE
    dados = json.loads(arquivo.read_text(encoding="utf-8"))
    dados["manifesto"]["arquivos"]["metadata.json"] = sc.signing._sha256(pasta / "metadata.json")
    arquivo.write_text(json.dumps(dados), encoding="utf-8")
    problemas = sc.verify_files(pasta, sc.public_key_pem(chave))
    assert len(problemas) == 1 and "assinatura não confere" in problemas[0]
    # Assinado de novo por outra chave: a chave pública que você tinha recusa.
    sc.sign_files(pasta, ["model.skops", "metadata.json"], sc.generate_key(8))
    assert "assinatura não confere" in sc.verify_files(pasta, sc.public_key_pem(chave))[0]


def test_assinatura_erros_de_entrada(tmp_path):
    with pytest.raises(MlopsLabError, match="não encontrei model.skops"):
        sc.sign_files(tmp_path, ["model.skops"], sc.generate_key(1))
    assert "não está assinado" in sc.verify_files(tmp_path, sc.public_key_pem(
        sc.generate_key(1)))[0]
    (tmp_path / "model.skops").write_bytes(b"x")
    sc.sign_files(tmp_path, ["model.skops"], sc.generate_key(1))
    with pytest.raises(MlopsLabError, match="PEM válido"):
        sc.verify_files(tmp_path, "não é uma chave")
    assert re.match(r"-----BEGIN PUBLIC KEY-----", sc.public_key_pem(sc.generate_key()))
