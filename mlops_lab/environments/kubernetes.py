"""Os manifestos do Kubernetes: as regras do curso e o esquema oficial."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_lab.environments._common import text_of
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["manifest_checklist", "validate_manifests"]


def _containers(documento: dict) -> list[dict]:
    spec = documento.get("spec", {}).get("template", {}).get("spec", {})
    return spec.get("containers", []) or []


def _porta_da_sonda(sonda: Any, container: dict) -> bool:
    if not isinstance(sonda, dict) or "httpGet" not in sonda:
        return False
    porta = sonda["httpGet"].get("port")
    portas = {p.get("name") for p in container.get("ports", [])} | {
        p.get("containerPort") for p in container.get("ports", [])}
    return sonda["httpGet"].get("path") == "/health" and porta in portas


def manifest_checklist(documentos: list[dict]) -> pd.DataFrame:
    """As regras do curso para o ``Deployment`` de um serviço de modelo.

    Para cada contêiner: sondas de prontidão e de vida em ``/health`` numa porta
    declarada, recursos pedidos e limites, execução sem root, e um volume só de
    leitura para o modelo. O esquema completo do Kubernetes fica com
    :func:`validate_manifests`.

    Parameters
    ----------
    documentos : list of dict
        Manifestos já lidos (``yaml.safe_load_all``); só os ``Deployment`` contam.

    Returns
    -------
    pandas.DataFrame
        Colunas ``regra`` e ``ok`` (bool).

    Examples
    --------
    >>> deployment = {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [
    ...     {"name": "serve", "image": "mlops-lab-serve:0.1.0"}]}}}}
    >>> manifest_checklist([deployment])["ok"].tolist()
    [False, False, False, False, False]
    """
    import pandas as pd

    deployments = [d for d in documentos if isinstance(d, dict) and d.get("kind") == "Deployment"]
    if not deployments:
        raise MlopsLabError("nenhum manifesto com kind: Deployment. Leia os arquivos com "
                            "yaml.safe_load_all e passe a lista de documentos.")
    containers = [c for d in deployments for c in _containers(d)]
    spec = deployments[0].get("spec", {}).get("template", {}).get("spec", {})
    seguranca = spec.get("securityContext", {}) or {}

    def todos(teste) -> bool:
        return bool(containers) and all(teste(c) for c in containers)

    regras = {
        "readinessProbe em /health numa porta do contêiner":
            todos(lambda c: _porta_da_sonda(c.get("readinessProbe"), c)),
        "livenessProbe em /health numa porta do contêiner":
            todos(lambda c: _porta_da_sonda(c.get("livenessProbe"), c)),
        "resources com requests e limits de cpu e memória": todos(lambda c: all(
            k in (c.get("resources", {}) or {}).get(t, {}) for t in ("requests", "limits")
            for k in ("cpu", "memory"))),
        "roda sem root (runAsNonRoot: true)": seguranca.get("runAsNonRoot") is True
            or todos(lambda c: (c.get("securityContext") or {}).get("runAsNonRoot") is True),
        "modelo num volume montado só para leitura": todos(lambda c: any(
            m.get("readOnly") is True for m in c.get("volumeMounts", []) or [])),
    }
    return pd.DataFrame({"regra": list(regras), "ok": list(regras.values())})


def validate_manifests(caminhos: list[str | Path], versao: str | None = None) -> list[str]:
    """Valida manifestos do Kubernetes contra o esquema oficial, sem cluster nem rede.

    Usa o ``kubernetes-validate`` (os esquemas JSON de cada versão do Kubernetes
    vêm dentro do pacote), em modo estrito: um campo desconhecido (um erro de
    digitação como ``readinesProbe``) também reprova.

    Parameters
    ----------
    caminhos : list
        Arquivos YAML (um ou mais documentos cada).
    versao : str, optional
        Versão do Kubernetes (``"1.37.0"``); sem ela, a mais nova do pacote.

    Returns
    -------
    list of str
        Um problema por linha, em português, com o arquivo, o recurso e o campo.
        Lista vazia: todos os manifestos passaram.
    """
    import yaml

    from mlops_lab.errors import require

    kv = require("kubernetes_validate", "dev", "validate_manifests")
    versao = versao or kv.latest_version()
    problemas = []
    for caminho in map(Path, caminhos):
        documentos = list(yaml.safe_load_all(text_of(caminho)))
        for documento in filter(None, documentos):
            nome = (documento.get("metadata") or {}).get("name", "?")
            recurso = f"{documento.get('kind', '?')}/{nome}"
            try:
                kv.validate(documento, versao, strict=True)
            except kv.ValidationError as erro:
                campo = ".".join(str(p) for p in erro.path) or "(raiz)"
                problemas.append(f"{caminho.name}: {recurso}: campo {campo}: {erro.message}")
            except (kv.SchemaNotFoundError, kv.InvalidSchemaError) as erro:
                problemas.append(f"{caminho.name}: {recurso}: sem esquema para "
                                 f"apiVersion/kind nesta versão do Kubernetes ({erro}).")
    return problemas
