"""Pseudonimização com chave e a linhagem por titular (mlops_lab.lgpd)."""

import base64
import hashlib

import pytest

from mlops_lab import lgpd
from mlops_lab.cli import main
from mlops_lab.data import load_example
from mlops_lab.errors import MlopsLabError
from mlops_lab.pipeline import prepare_data, run_pipeline

CHAVE = b"chave-de-teste-com-mais-de-16-bytes"  # pragma: allowlist secret
RAPIDO = {"algorithms": ["knn"], "cv": 2, "plots": False, "progress": False}


@pytest.fixture(scope="module")
def versoes(tmp_path_factory):
    """Dois modelos em subconjuntos que se sobrepõem (linhas 0-299 e 150-449 dos dados)."""
    pasta = tmp_path_factory.mktemp("lgpd")
    arquivo_chave = pasta / "chave.txt"
    arquivo_chave.write_bytes(CHAVE + b"\n")
    dados = load_example()
    saida = {}
    for nome, (inicio, fim) in {"v1": (0, 300), "v2": (150, 450)}.items():
        csv = pasta / f"{nome}.csv"
        dados.iloc[inicio:fim].to_csv(csv, sep=";", decimal=",", index=False)
        run_pipeline(data=csv, target="cancelou", out=pasta / nome, seed=42,
                     pseudonymize="id_cliente", key_file=arquivo_chave, **RAPIDO)
        # A verdade, calculada sem pseudonimizar: a mesma divisão com os IDs originais.
        p = prepare_data(csv, "cancelou", seed=42, cv=2)
        saida[nome] = (pasta / nome, set(p.X_train["id_cliente"]), set(p.X_test["id_cliente"]))
    return pasta, arquivo_chave, saida


def test_pseudonimo_estavel_com_a_mesma_chave_e_outro_com_outra():
    a = lgpd.pseudonym("CLI-000123", CHAVE)
    assert a == lgpd.pseudonym("CLI-000123", CHAVE)
    assert a != lgpd.pseudonym("CLI-000123", CHAVE + b"x")
    assert a != lgpd.pseudonym("CLI-000124", CHAVE)
    assert len(a) == lgpd.PSEUDONYM_CHARS and int(a, 16) >= 0


def test_hash_sem_chave_se_reverte_por_enumeracao_e_o_pseudonimo_nao():
    """Os IDs têm formato conhecido: um sha256 sem chave cai por força bruta; o HMAC não."""
    possiveis = [f"CLI-{i:06d}" for i in range(10_000)]
    sem_chave = {hashlib.sha256(p.encode()).hexdigest(): p for p in possiveis}
    assert sem_chave[hashlib.sha256(b"CLI-000123").hexdigest()] == "CLI-000123"
    pseudonimo = lgpd.pseudonym("CLI-000123", CHAVE)
    truncados = {h[:lgpd.PSEUDONYM_CHARS] for h in sem_chave}
    assert pseudonimo not in truncados


def test_tabela_pseudonimizada_nao_muda_o_resto(example_df):
    saida = lgpd.pseudonymize_frame(example_df.head(50), "id_cliente", CHAVE)
    assert not saida["id_cliente"].str.startswith("CLI-").any()
    assert saida.drop(columns="id_cliente").equals(example_df.head(50).drop(columns="id_cliente"))
    with pytest.raises(MlopsLabError, match="não existe"):
        lgpd.pseudonymize_frame(example_df, "cpf", CHAVE)


def test_chave_ausente_curta_ou_arquivo_inexistente(tmp_path, monkeypatch):
    monkeypatch.delenv(lgpd.PSEUDO_KEY_ENV, raising=False)
    monkeypatch.chdir(tmp_path)  # sem .env
    with pytest.raises(MlopsLabError, match=lgpd.PSEUDO_KEY_ENV):
        lgpd.load_key()
    monkeypatch.setenv(lgpd.PSEUDO_KEY_ENV, "curta")
    with pytest.raises(MlopsLabError, match="curta demais"):
        lgpd.load_key()
    with pytest.raises(MlopsLabError, match="não existe"):
        lgpd.load_key(tmp_path / "nao-existe.key")
    (tmp_path / ".env").write_text(f"{lgpd.PSEUDO_KEY_ENV}={CHAVE.decode()}\n")
    monkeypatch.delenv(lgpd.PSEUDO_KEY_ENV)
    assert lgpd.load_key() == CHAVE


def test_run_com_key_file_sem_pseudonymize_sai_com_2(tmp_path, capsys):
    assert main(["run", "--key-file", str(tmp_path / "k"), "--out", str(tmp_path / "s")]) == 2
    assert "só vale com --pseudonymize" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("comando", [
    ["run", "--pseudonymize", "id_cliente", "--out", "saida", "--quiet"],
    ["pseudonymize", "--data", "dados.csv", "--column", "id_cliente", "--out", "saida"],
])
def test_cli_sem_chave_sai_com_2_e_nao_grava_nada(tmp_path, monkeypatch, capsys, comando):
    monkeypatch.delenv(lgpd.PSEUDO_KEY_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    load_example().head(20).to_csv("dados.csv", sep=";", index=False)
    assert main(comando) == 2
    erro = capsys.readouterr().err
    assert "precisa de uma chave" in erro and "Traceback" not in erro
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dados.csv"]


def test_pseudonymize_grava_copia_so_com_o_id_trocado(tmp_path, monkeypatch, capsys):
    entrada = tmp_path / "dados.csv"
    entrada.write_text("id_cliente;idade;valor\nCLI-000001;43;64,65\n;51;10,00\n",
                       encoding="utf-8")
    monkeypatch.setenv(lgpd.PSEUDO_KEY_ENV, CHAVE.decode())
    assert main(["pseudonymize", "--data", str(entrada), "--column", "id_cliente",
                 "--out", str(tmp_path / "pseudo.csv")]) == 0
    linhas = (tmp_path / "pseudo.csv").read_text(encoding="utf-8").splitlines()
    assert linhas == ["id_cliente;idade;valor",
                      f"{lgpd.pseudonym('CLI-000001', CHAVE)};43;64,65", ";51;10,00"]
    assert main(["pseudonymize", "--data", str(entrada), "--column", "id_cliente",
                 "--out", str(entrada)]) == 2
    assert "próprio arquivo de entrada" in capsys.readouterr().err
    assert entrada.read_text(encoding="utf-8").startswith("id_cliente;idade;valor\nCLI-000001")


def test_linhagem_acha_exatamente_as_versoes_com_o_cliente(versoes):
    _, _, saida = versoes
    (v1, treino1, teste1), (v2, treino2, teste2) = saida["v1"], saida["v2"]
    so_v1 = sorted(treino1 - treino2 - teste2)[0]
    nas_duas = sorted(treino1 & treino2)[0]
    so_teste_v2 = sorted(teste2 - treino1 - teste1)[0]
    modelos = [v1, v2]
    assert lgpd.affected_models(so_v1, modelos, CHAVE) == [str(v1)]
    assert lgpd.affected_models(nas_duas, modelos, CHAVE) == [str(v1), str(v2)]
    assert lgpd.affected_models("CLI-999999", modelos, CHAVE) == []
    tabela = lgpd.find_customer(so_teste_v2, modelos, CHAVE)
    assert tabela["papel"].tolist() == ["ausente", "teste"]
    assert not tabela["retreinar"].any()
    # Cada versão guarda todos os clientes do seu treino, e só eles.
    for pasta, treino, teste in (saida["v1"], saida["v2"]):
        registro = lgpd.read_lineage(pasta)
        assert registro["train"] == sorted(lgpd.pseudonym(c, CHAVE) for c in treino)
        assert registro["test"] == sorted(lgpd.pseudonym(c, CHAVE) for c in teste)


def test_chave_e_ids_originais_nunca_vao_para_os_artefatos(versoes):
    pasta, _, saida = versoes
    proibidos = [CHAVE, CHAVE.hex().encode(), base64.b64encode(CHAVE), b"CLI-0"]
    for modelo, _, _ in saida.values():
        arquivos = [a for a in modelo.rglob("*") if a.is_file()]
        assert {a.name for a in arquivos} >= {"lineage.json", "metadata.json", "model.skops"}
        for arquivo in arquivos:
            conteudo = arquivo.read_bytes()
            for proibido in proibidos:
                assert proibido not in conteudo, (arquivo.name, proibido)


def test_cli_lineage_e_a_chave_errada(versoes, monkeypatch, capsys):
    pasta, arquivo_chave, saida = versoes
    (v1, treino1, _), (v2, treino2, teste2) = saida["v1"], saida["v2"]
    cliente = sorted(treino1 - treino2 - teste2)[0]
    assert main(["lineage", "--customer", cliente, "--models", str(v1), str(v2),
                 "--key-file", str(arquivo_chave)]) == 0
    saida_texto = capsys.readouterr().out
    assert f"{v1}: treino\n{v2}: ausente\n1 de 2 versões" in saida_texto
    monkeypatch.setenv(lgpd.PSEUDO_KEY_ENV, "outra-chave-com-mais-de-16-bytes")
    assert main(["lineage", "--customer", cliente, "--models", str(v1)]) == 2
    assert "outra chave" in capsys.readouterr().err
