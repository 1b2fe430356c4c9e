"""Exercícios do capítulo "Cadeia de suprimentos segura" (parte Em produção)."""

from mlops_lab.exercises.core import ChainedChecks, FunctionCases, MultipleChoice, Numeric


def _sbom():
    from mlops_lab import supply_chain

    return supply_chain.read_sbom(supply_chain.SBOM_BINDER)


def _sem_licenca():
    return int((_sbom()["licenca"] == "(não declarada)").sum())


q1 = Numeric(
    "q1", "resposta_1",
    "Leia o SBOM do ambiente do Binder (`read_sbom(SBOM_BINDER)`): quantos componentes "
    "**não declaram** licença nenhuma (licença `(não declarada)`)?",
    expected=_sem_licenca,
    integer=True,
    known=[(lambda: len(_sbom()), "Esse é o total de componentes do SBOM; conte só os da "
                                  "licença `(não declarada)`."),
           (lambda: len(_sbom()) - _sem_licenca(),
            "Esses são os que declaram alguma licença: a pergunta pede o contrário.")],
    hints=["`read_sbom` devolve uma linha por componente, com a coluna `licenca`.",
           "Compare a coluna `licenca` com o texto `(não declarada)` e some os `True` (ou use "
           "`sbom_licenses`)."],
    solution="tabela = read_sbom(SBOM_BINDER)\n"
             "resposta_1 = int((tabela['licenca'] == '(não declarada)').sum())",
)

# As chaves dos casos são montadas em partes: a busca de segredos do repositório não
# as acusa (uma chave inteira aqui seria, com razão, um achado).
_AWS = "AKIA" + "Q3EGRBS7XQPLM2VN"

q2 = FunctionCases(
    "q2", "resposta_2",
    "Escreva `parece_chave_aws(linha)`: devolve `True` se a linha tem uma chave de acesso "
    "da AWS, isto é, `AKIA` seguido de exatamente 16 letras maiúsculas ou dígitos (e nada "
    "dessas letras ou dígitos colado depois); `False` se não tem.",
    cases=[((f'aws = "{_AWS}"',), True, "a chave entre aspas"),
           ((f"export AWS_ACCESS_KEY_ID={_AWS}",), True, "a chave numa variável de ambiente"),
           (("aws = os.environ['AWS_ACCESS_KEY_ID']",), False, "lida do ambiente: sem chave"),
           ((f"x = '{_AWS[:-2]}'",), False, "só 14 caracteres depois de AKIA"),
           ((f"x = '{_AWS}ZZ'",), False, "18 caracteres depois de AKIA: não é o formato"),
           ((f"x = '{_AWS.lower()}'",), False, "minúsculas não são o formato da AWS")],
    hints=["Uma expressão regular resolve: `AKIA` e depois `[A-Z0-9]{16}`.",
           "Para recusar caracteres a mais, exija que o que vem depois não seja letra maiúscula "
           "nem dígito: `(?![A-Z0-9])`. Use `re.search` e devolva `bool(...)`."],
    solution="import re\n"
             "def parece_chave_aws(linha):\n"
             "    return bool(re.search(r'AKIA[A-Z0-9]{16}(?![A-Z0-9])', linha))\n"
             "resposta_2 = parece_chave_aws",
)

q3 = MultipleChoice(
    "q3", "resposta_3",
    "O notebook precisa da senha do servidor do MLflow da empresa. Onde ela deve ficar?",
    {"a": "Numa célula no começo do notebook, que você apaga antes de cada commit.",
     "b": "Num arquivo `config.py` do repositório, fora dos notebooks.",
     "c": "Numa variável de ambiente (ou num `.env` que o `.gitignore` ignora), lida com "
          "`get_secret`.",
     "d": "Nas saídas do notebook, que a busca de segredos não lê."},
    "c",
    "Fora do repositório: o código só sabe o nome da variável, e o `.env` nunca entra no git.",
    hints=["Releia \"Segredos fora do código\" no capítulo."],
    why_wrong={"a": "Basta esquecer uma vez: o commit fica no histórico do git para sempre, "
                    "mesmo que a célula seja apagada depois.",
               "b": "Um arquivo do repositório é código: vai para o git, para os clones e "
                    "para a busca de segredos.",
               "d": "As saídas também vão para o git (e para o Binder e o Colab); a busca do "
                    "curso pula as saídas por velocidade, não porque sejam um lugar seguro."},
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Na assinatura sem chaves do Sigstore (*keyless*), o que precisa de rede?",
    {"a": "Pedir a identidade OIDC, obter o certificado do Fulcio e registrar a assinatura "
          "no Rekor.",
     "b": "Só calcular o sha256 do modelo.",
     "c": "Nada: o cosign gera a chave e assina sem falar com ninguém.",
     "d": "Só a verificação; a assinatura é local."},
    "a",
    "A chave é efêmera, mas a identidade (OIDC), o certificado (Fulcio) e o registro "
    "público (Rekor) são serviços na rede; o sha256 é local.",
    hints=["Pense no que substitui a chave guardada: quem atesta a sua identidade e onde a "
           "assinatura fica registrada."],
    why_wrong={"b": "O sha256 é uma conta local; o que precisa de rede é provar quem assinou.",
               "c": "Sem chave guardada, alguém precisa atestar a identidade: é o Fulcio, "
                    "depois do login OIDC.",
               "d": "Assinar também usa a rede (Fulcio e Rekor); verificar pode ser feito "
                    "com o pacote (bundle) e a raiz de confiança já baixados."},
)


def _problemas_certos(resposta):
    if not isinstance(resposta, list) or not all(isinstance(p, str) for p in resposta):
        return "esperava a lista de textos devolvida por `verify_files`"
    if not resposta:
        return ("a lista está vazia: tudo confere. Mude o `metadata.json` **depois** de "
                "assinar, e só então chame `verify_files`")
    return any(str(p).startswith("metadata.json mudou") for p in resposta) or (
        "nenhum problema fala do metadata.json: adultere esse arquivo")


q5 = ChainedChecks(
    "q5", "resposta_5",
    "Em `pasta`, assine `model.skops` e `metadata.json` com `sign_files` e a chave "
    "`generate_key(5)`; depois mude o `metadata.json` (troque a versão, por exemplo) e guarde "
    "em `resposta_5` a lista que `verify_files(pasta, public_key_pem(chave))` devolve.",
    checks=[(_problemas_certos, "a verificação acusou o metadata.json adulterado",
             "a verificação não acusou o metadata.json")],
    hints=["Primeiro `chave = generate_key(5)` e `sign_files(pasta, [...], chave)`; a "
           "assinatura grava `assinatura.json` na pasta.",
           "Depois de assinar, reescreva o `metadata.json` com `write_text` e chame "
           "`verify_files` com a chave **pública**, `public_key_pem(chave)`."],
    solution="chave = generate_key(5)\n"
             "sign_files(pasta, ['model.skops', 'metadata.json'], chave)\n"
             "(pasta / 'metadata.json').write_text('{\"versao\": 2}')\n"
             "resposta_5 = verify_files(pasta, public_key_pem(chave))",
    expects=list,
)

QUESTIONS = [q1, q2, q3, q4, q5]
