"""Exercícios do capítulo "Ambientes reprodutíveis e contêineres" (parte Em produção)."""

from mlops_lab.exercises.core import ChainedChecks, Checks, FunctionCases, MultipleChoice, Numeric


def _trava():
    from mlops_lab import environments

    return environments.read_lock(environments.example_lock())


q1 = Numeric(
    "q1", "resposta_1",
    "Leia a trava de exemplo (`read_lock(example_lock())`): quantos pacotes dela **não** "
    "valem em qualquer sistema, isto é, têm uma condição (`; sys_platform == ...`)?",
    expected=lambda: int((_trava()["condicao"] != "").sum()),
    integer=True,
    known=[(lambda: len(_trava()), "Esse é o total de pacotes da trava; conte só os que têm "
                                   "condição (coluna `condicao` não vazia)."),
           (lambda: int((_trava()["condicao"] == "").sum()),
            "Esses são os pacotes que valem em qualquer sistema (condição vazia): a pergunta "
            "pede o contrário.")],
    hints=["Um pacote só de um sistema entra na trava universal com uma condição depois do "
           "`;`; `read_lock` a guarda na coluna `condicao`.",
           "Compare a coluna `condicao` com o texto vazio e some os `True`."],
    solution="from mlops_lab.environments import example_lock, read_lock\n"
             "trava = read_lock(example_lock())\n"
             "resposta_1 = int((trava['condicao'] != '').sum())",
)

q2 = FunctionCases(
    "q2", "resposta_2",
    "Escreva `so_na_trava(fixados, travados)`: os dois argumentos são dicionários "
    "pacote -> versão (os requisitos escritos à mão e a trava). Devolva a lista, em ordem "
    "alfabética, dos pacotes que a trava fixa e os requisitos não (as dependências "
    "indiretas).",
    cases=[(({"pandas": "3.1.1"}, {"pandas": "3.1.1", "six": "1.17.0",
                                   "python-dateutil": "2.9.0.post0"}),
            ["python-dateutil", "six"], "duas indiretas, em ordem alfabética"),
           (({"tqdm": "4.70.1"}, {"tqdm": "4.70.1"}), [], "nenhuma indireta"),
           (({"numpy": "2.4.5"}, {"numpy": "2.4.6"}), [],
            "versão diferente não é 'só na trava': o pacote está nos dois"),
           (({}, {"b": "1", "a": "2"}), ["a", "b"], "requisitos vazios: todos da trava"),
           (({"x": "1", "y": "2"}, {"y": "2"}), [],
            "um requisito que falta na trava também não entra")],
    hints=["Pense em conjuntos: os nomes da trava menos os nomes dos requisitos.",
           "`set(travados) - set(fixados)` dá os nomes; `sorted` devolve a lista em ordem."],
    solution="def so_na_trava(fixados, travados):\n"
             "    return sorted(set(travados) - set(fixados))\n"
             "resposta_2 = so_na_trava",
)


def _sha_da_roda():
    import tempfile

    from mlops_lab import environments

    with tempfile.TemporaryDirectory() as pasta:
        return environments.sha256_file(environments.build_demo_wheel(pasta))


def _sha_certo(resposta):
    texto = str(resposta).strip().lower().removeprefix("sha256:")
    if len(texto) != 64:
        return (f"um sha256 tem 64 dígitos hexadecimais; recebi {len(texto)} caracteres. "
                "Use `sha256_file(roda)`, e não o nome do arquivo")
    return texto == _sha_da_roda() or (
        "o hash não é o da roda `build_demo_wheel(pasta)` (versão 1.0, nome padrão): "
        "confira se você mudou o nome ou a versão")


q3 = ChainedChecks(
    "q3", "resposta_3",
    "Monte a roda de demonstração com `build_demo_wheel(pasta)` (nome e versão padrão) e "
    "guarde em `resposta_3` o sha256 dela, o valor que iria para `--hash=sha256:` na trava.",
    checks=[(_sha_certo, "é o sha256 da roda: a mesma roda dá sempre o mesmo hash",
             "o hash não confere")],
    hints=["A roda é montada com datas fixas: o mesmo conteúdo dá o mesmo hash em qualquer "
           "máquina.",
           "`sha256_file` lê o arquivo em blocos e devolve os 64 dígitos."],
    solution="import tempfile\n"
             "from mlops_lab.environments import build_demo_wheel, sha256_file\n"
             "roda = build_demo_wheel(tempfile.mkdtemp())\n"
             "resposta_3 = sha256_file(roda)",
    expects=str,
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "O que a trava com hashes do curso (`requirements-dev.lock`, instalada com "
    "`--require-hashes`) garante para quem roda `make install` num Mac com ARM?",
    {"a": "O mesmo ambiente byte a byte do Linux da CI, inclusive o Python e as bibliotecas "
          "do sistema.",
     "b": "Os mesmos pacotes nas mesmas versões, cada um de um arquivo cujo sha256 está na "
          "trava (a roda do macOS ARM, travada também), ou uma falha na instalação.",
     "c": "Que nenhum pacote tem vulnerabilidade conhecida.",
     "d": "Nada: a trava só vale no sistema em que foi gerada."},
    "b",
    "A trava universal registra o hash de cada roda publicada daquela versão; cada sistema "
    "instala a sua, conferida. O Python e o sistema ficam fora: é o papel do contêiner.",
    hints=["Releia \"O que a trava garante, e o que não\" no capítulo."],
    why_wrong={"a": "A trava não fixa o Python nem a libc, e a roda do macOS é outro arquivo "
                    "(travado, mas diferente do do Linux).",
               "c": "Hash confere integridade, não segurança do código: um pacote travado "
                    "pode ter uma falha conhecida. Isso é trabalho de um auditor "
                    "(pip-audit, por exemplo).",
               "d": "Com --universal, a trava vale em qualquer sistema: pacotes só de um "
                    "sistema entram com condição, e todas as rodas entram com hash."},
)

DOCKERFILE_RUIM = """FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gcc
COPY deploy/requirements-serve.lock /tmp/
RUN pip install --no-cache-dir --require-hashes -r /tmp/requirements-serve.lock
COPY . /src
RUN pip install --no-cache-dir --no-deps /src
ENTRYPOINT ["mlops-lab", "serve", "--host", "0.0.0.0", "--port", "8000"]
CMD ["--model", "/modelo"]
"""


def _regra(trecho):
    def verifica(texto):
        from mlops_lab.environments import dockerfile_checklist

        tabela = dockerfile_checklist(texto if "\n" in texto else texto + "\n")
        linha = tabela[tabela["regra"].str.contains(trecho, regex=False)]
        return bool(linha["ok"].iloc[0])
    return verifica


q5 = Checks(
    "q5", "resposta_5",
    "Reescreva `DOCKERFILE_RUIM` (texto, em `resposta_5`) para que passe em todas as regras "
    "de `dockerfile_checklist`: multiestágio, imagem base pelo digest, usuário sem "
    "privilégios no fim, `HEALTHCHECK` em `/health` e nenhum compilador no estágio final.",
    checks=[
        (_regra("multiestágio"), "tem dois estágios (FROM ... AS builder e o final)",
         "um estágio só: monte o ambiente num estágio `builder` e copie /opt/venv para o final"),
        (_regra("digest"), "toda imagem base vem pelo digest",
         "alguma imagem base vem só pela etiqueta: use `python:3.11-slim-bookworm@sha256:<64 "
         "dígitos>` (num ARG, se quiser reaproveitar)"),
        (_regra("usuário"), "termina com um usuário sem privilégios",
         "falta `USER` no estágio final (ou ele é root): crie um usuário e termine com USER"),
        (_regra("HEALTHCHECK"), "tem HEALTHCHECK que consulta /health",
         "falta `HEALTHCHECK ... /health` no estágio final"),
        (_regra("compilador"), "o estágio final não instala compiladores",
         "o estágio final instala um compilador: o gcc, se for preciso, fica no builder"),
    ],
    hints=["Comece pelo esqueleto do `Dockerfile` do curso: um estágio `builder` que "
           "instala, um final que só copia o ambiente pronto.",
           "No estágio final: a imagem pelo digest, o ambiente copiado do builder "
           "(`COPY --from=...`), um `USER` numérico diferente de 0 e um `HEALTHCHECK` que "
           "abre a URL de /health com o próprio Python (a imagem slim não tem curl)."],
    solution="BASE = 'python:3.11-slim-bookworm@sha256:' + 'a' * 64  # o digest de verdade\n"
             "resposta_5 = f'''FROM {BASE} AS builder\n"
             "COPY deploy/requirements-serve.lock /tmp/\n"
             "RUN python -m venv /opt/venv && /opt/venv/bin/pip install --require-hashes "
             "-r /tmp/requirements-serve.lock\n"
             "FROM {BASE}\n"
             "COPY --from=builder /opt/venv /opt/venv\n"
             "USER 10001\n"
             "HEALTHCHECK CMD [\"/opt/venv/bin/python\", \"-c\", \"import urllib.request; "
             "urllib.request.urlopen('http://127.0.0.1:8000/health')\"]\n"
             "ENTRYPOINT [\"/opt/venv/bin/mlops-lab\", \"serve\"]\n"
             "'''",
    expects=str,
)


def _deployment(container):
    return [{"kind": "Deployment", "spec": {"template": {"spec": {
        "securityContext": {"runAsNonRoot": True}, "containers": [container]}}}}]


def _regra_k8s(trecho):
    def verifica(container):
        from mlops_lab.environments import manifest_checklist

        tabela = manifest_checklist(_deployment(container))
        linha = tabela[tabela["regra"].str.contains(trecho, regex=False)]
        return bool(linha["ok"].iloc[0])
    return verifica


q6 = Checks(
    "q6", "resposta_6",
    "Complete o dicionário do contêiner `CONTAINER` (o trecho `containers:` de um "
    "Deployment, já com `ports` e `volumeMounts`) com as duas sondas em `/health` na porta "
    "`http` e com `resources` (`requests` e `limits` de `cpu` e `memory`). Guarde o "
    "dicionário em `resposta_6`.",
    checks=[
        (_regra_k8s("readinessProbe"), "readinessProbe em /health numa porta do contêiner",
         "falta `readinessProbe` com `httpGet` em `path: /health` e `port: http` (o nome "
         "declarado em `ports`)"),
        (_regra_k8s("livenessProbe"), "livenessProbe em /health numa porta do contêiner",
         "falta `livenessProbe` com `httpGet` em `path: /health` e `port: http`"),
        (_regra_k8s("resources"), "requests e limits de cpu e memória",
         "`resources` precisa de `requests` e `limits`, cada um com `cpu` e `memory`"),
    ],
    hints=["As duas sondas têm o mesmo formato: `{'httpGet': {'path': ..., 'port': ...}}`; "
           "o que muda é o que o Kubernetes faz quando elas falham.",
           "`resources` tem duas chaves, `requests` e `limits`, e cada uma tem `cpu` (como "
           "'250m') e `memory` (como '512Mi')."],
    solution="resposta_6 = {**CONTAINER,\n"
             "    'readinessProbe': {'httpGet': {'path': '/health', 'port': 'http'}},\n"
             "    'livenessProbe': {'httpGet': {'path': '/health', 'port': 'http'},\n"
             "                      'initialDelaySeconds': 20},\n"
             "    'resources': {'requests': {'cpu': '250m', 'memory': '512Mi'},\n"
             "                  'limits': {'cpu': '1', 'memory': '1Gi'}}}",
    expects=dict,
)

CONTAINER = {
    "name": "serve",
    "image": "mlops-lab-serve:0.1.0",
    "args": ["--model", "/modelo"],
    "ports": [{"name": "http", "containerPort": 8000}],
    "volumeMounts": [{"name": "modelo", "mountPath": "/modelo", "readOnly": True}],
}

QUESTIONS = [q1, q2, q3, q4, q5, q6]
