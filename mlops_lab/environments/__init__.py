"""Ambientes reprodutíveis e contêineres: travas, hashes, Dockerfile e manifestos.

O capítulo "Ambientes reprodutíveis e contêineres" (parte "Em produção") usa
estas funções, na ordem em que aparecem:

- :func:`read_pins` e :func:`read_lock` leem um arquivo de requisitos com
  versões fixas e uma trava (*lock file*) com hashes;
- :func:`compare_pins` mostra o que a trava acrescenta aos requisitos e o que
  ficou diferente;
- :func:`sha256_file` e :func:`check_sha256` fazem o que o
  ``pip install --require-hashes`` faz com cada arquivo baixado;
- :func:`build_demo_wheel` e :func:`install_with_hash` montam uma roda mínima e
  a instalam em modo de hashes obrigatórios, com o pip de verdade e sem rede;
- :func:`dockerfile_checklist` e :func:`manifest_checklist` conferem as regras
  do curso para o ``Dockerfile`` e os manifestos do Kubernetes;
- :func:`lint_dockerfile` (hadolint) e :func:`validate_manifests` (esquema
  oficial do Kubernetes) chamam as ferramentas do ambiente de desenvolvimento.
"""

from mlops_lab.environments.containers import dockerfile_checklist, lint_dockerfile
from mlops_lab.environments.hashes import (
    build_demo_wheel,
    check_sha256,
    install_with_hash,
    sha256_file,
)
from mlops_lab.environments.kubernetes import manifest_checklist, validate_manifests
from mlops_lab.environments.locks import compare_pins, example_lock, read_lock, read_pins

__all__ = [
    "build_demo_wheel",
    "check_sha256",
    "compare_pins",
    "dockerfile_checklist",
    "example_lock",
    "install_with_hash",
    "lint_dockerfile",
    "manifest_checklist",
    "read_lock",
    "read_pins",
    "sha256_file",
    "validate_manifests",
]
