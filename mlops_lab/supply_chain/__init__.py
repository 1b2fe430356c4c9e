"""Cadeia de suprimentos segura: segredos, SBOM, modelos que não executam código e assinaturas.

O capítulo "Cadeia de suprimentos segura" (parte "Em produção") usa estas
funções, na ordem em que aparecem:

- :func:`get_secret` lê um segredo de uma variável de ambiente (ou de um
  ``.env`` que o git ignora), nunca do código;
- :func:`repository_files` e :func:`scan_secrets` procuram segredos esquecidos
  no repositório com o detect-secrets (do ambiente de desenvolvimento);
- :func:`generate_sbom` (cyclonedx-py, do ambiente de desenvolvimento),
  :func:`read_sbom` e :func:`sbom_licenses` geram e leem o SBOM CycloneDX de um
  ambiente Python;
- :func:`pickle_runs_code` mostra, numa pasta temporária, que abrir um *pickle*
  executa código; :func:`skops_refuses` mostra que o skops recusa o tipo estranho;
- :func:`generate_key`, :func:`sign_files` e :func:`verify_files` assinam e
  conferem o modelo e os metadados com Ed25519, sem rede.
"""

from mlops_lab.supply_chain.model_files import Desconhecido, pickle_runs_code, skops_refuses
from mlops_lab.supply_chain.sbom import SBOM_BINDER, generate_sbom, read_sbom, sbom_licenses
from mlops_lab.supply_chain.secret_scan import get_secret, repository_files, scan_secrets
from mlops_lab.supply_chain.signing import (
    SIGNATURE_FILE,
    generate_key,
    public_key_pem,
    sign_files,
    verify_files,
)

__all__ = [
    "SBOM_BINDER",
    "SIGNATURE_FILE",
    "Desconhecido",
    "generate_key",
    "generate_sbom",
    "get_secret",
    "pickle_runs_code",
    "public_key_pem",
    "read_sbom",
    "repository_files",
    "sbom_licenses",
    "scan_secrets",
    "sign_files",
    "skops_refuses",
    "verify_files",
]
