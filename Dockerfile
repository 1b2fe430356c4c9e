# syntax=docker/dockerfile:1
# A imagem do `mlops-lab serve` (capítulo "Ambientes reprodutíveis e contêineres").
#
#   docker build -t mlops-lab-serve:0.1.0 .
#   docker run --rm -p 8000:8000 -v "$PWD/artifacts:/modelo:ro" mlops-lab-serve:0.1.0
#
# A imagem base vem fixada pelo digest (o conteúdo exato), e não só pela etiqueta
# 3.11-slim-bookworm, que muda a cada correção do Debian ou do Python. ATENÇÃO: este
# digest foi copiado de uma fonte pública em dezembro de 2026 e NÃO foi conferido
# aqui (a máquina do curso não alcança registros de contêineres). Antes do primeiro
# build, confira e, se preciso, troque pelo de hoje:
#   docker buildx imagetools inspect python:3.11-slim-bookworm
# (a linha "Digest:" do topo é o índice multiplataforma) ou passe outro na hora:
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:<digest> .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:2e32f7d302adc1c37428355c1e646897c0c53f4fd60b6a551245fb90ee129f91

# --- Estágio 1: monta o ambiente virtual a partir da trava com hashes. ---------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Primeiro só a trava: a camada das dependências fica em cache enquanto ela não muda.
COPY deploy/requirements-serve.lock deploy/
# --require-hashes: um pacote cujo sha256 não bate com a trava derruba o build.
# --only-binary: só rodas prontas, nada compilado (e nenhum compilador na imagem).
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --require-hashes --only-binary=:all: \
        -r deploy/requirements-serve.lock
# Depois o pacote do curso, sem dependências (elas já vieram da trava).
COPY pyproject.toml README.md LICENSE ./
COPY mlops_lab/ mlops_lab/
RUN /opt/venv/bin/pip install --no-deps . && /opt/venv/bin/mlops-lab --help > /dev/null

# --- Estágio 2: a imagem final, só com o Python e o ambiente pronto. ------------
FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="mlops-lab serve" \
      org.opencontainers.image.description="API HTTP do modelo do curso (POST /predict, GET /health)"
# Usuário sem privilégios, com UID fixo (o Kubernetes confere runAsNonRoot por ele).
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app
COPY --from=builder /opt/venv /opt/venv
# HOME em /tmp: o usuário não tem pasta própria, e o sistema de arquivos pode ser só
# de leitura (no Kubernetes, /tmp é um volume gravável).
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 HOME=/tmp
USER 10001
WORKDIR /tmp
EXPOSE 8000
# A pasta do modelo (criada por `mlops-lab run`), montada só para leitura.
VOLUME ["/modelo"]
# O Docker marca o contêiner como unhealthy se /health não responder (sem curl na
# imagem slim: o próprio Python faz a requisição).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
ENTRYPOINT ["mlops-lab", "serve", "--host", "0.0.0.0", "--port", "8000"]
CMD ["--model", "/modelo"]
