"""Formas de resposta, erradas e certas, das questões de "Ambientes reprodutíveis e contêineres"."""

from tests.exercises.formas._comum import letras


def _sha():
    import tempfile

    from mlops_lab.environments import build_demo_wheel, sha256_file

    with tempfile.TemporaryDirectory() as pasta:
        return sha256_file(build_demo_wheel(pasta))


def _sha_de(**kwargs):
    import tempfile

    from mlops_lab.environments import build_demo_wheel, sha256_file

    with tempfile.TemporaryDirectory() as pasta:
        return sha256_file(build_demo_wheel(pasta, **kwargs))


BASE = "python:3.11-slim-bookworm@sha256:" + "a" * 64
BOM = f"""FROM {BASE} AS builder
RUN apt-get update && apt-get install -y --no-install-recommends gcc
RUN python -m venv /opt/venv
FROM {BASE}
RUN useradd --uid 10001 app
COPY --from=builder /opt/venv /opt/venv
USER app
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
"""
# O mesmo, com a imagem num ARG (como o Dockerfile do curso).
BOM_COM_ARG = "ARG IMAGEM=" + BASE + "\n" + BOM.replace(BASE, "${IMAGEM}")


def _container(**extra):
    from mlops_lab.exercises.environments import CONTAINER

    return {**CONTAINER, **extra}


SONDA = {"httpGet": {"path": "/health", "port": "http"}}
RECURSOS = {"requests": {"cpu": "250m", "memory": "512Mi"},
            "limits": {"cpu": "1", "memory": "1Gi"}}

FORMAS = {
    "q1": {
        "erradas": [lambda: 7, lambda: 5, lambda: 2.5, lambda: "dois"],
        "certas": [lambda: 2, lambda: "2", lambda: 2.0],
    },
    "q2": {
        "erradas": [lambda: (lambda f, t: sorted(t)),
                    lambda: (lambda f, t: sorted(k for k in t if f.get(k) != t[k])),
                    lambda: (lambda f, t: list(set(t) - set(f))[::-1] if len(t) > 2 else []),
                    lambda: (lambda f, t: sorted(set(t) ^ set(f)))],
        "certas": [lambda: (lambda f, t: sorted(set(t) - set(f))),
                   lambda: (lambda f, t: [k for k in sorted(t) if k not in f])],
    },
    "q3": {
        "erradas": [lambda: "demo_trava-1.0-py3-none-any.whl",
                    lambda: _sha_de(versao="2.0"),
                    lambda: "0" * 64,
                    lambda: _sha()[:16]],
        "certas": [_sha, lambda: "sha256:" + _sha(), lambda: _sha().upper()],
    },
    "q4": letras("b", ["a", "c", "d"]),
    "q5": {
        "erradas": [lambda: __import__("mlops_lab.exercises.environments",
                                       fromlist=["x"]).DOCKERFILE_RUIM,
                    lambda: BOM.replace("USER app", "USER root"),
                    lambda: BOM.replace(BASE, "python:3.11-slim-bookworm"),
                    lambda: BOM.replace("/health", "/"),
                    lambda: BOM.replace("COPY --from=builder",
                                        "RUN apt-get install -y gcc\nCOPY --from=builder")],
        "certas": [lambda: BOM, lambda: BOM_COM_ARG],
    },
    "q6": {
        "erradas": [lambda: _container(),
                    lambda: _container(readinessProbe=SONDA, livenessProbe=SONDA),
                    lambda: _container(readinessProbe={"httpGet": {"path": "/health",
                                                                   "port": 8080}},
                                       livenessProbe=SONDA, resources=RECURSOS),
                    lambda: _container(readinessProbe=SONDA, livenessProbe=SONDA,
                                       resources={"limits": RECURSOS["limits"]})],
        "certas": [lambda: _container(readinessProbe=SONDA, livenessProbe=SONDA,
                                      resources=RECURSOS),
                   lambda: _container(readinessProbe={"httpGet": {"path": "/health",
                                                                  "port": 8000}},
                                      livenessProbe={**SONDA, "periodSeconds": 10},
                                      resources=RECURSOS)],
    },
}
