"""Dados pessoais e a LGPD: pseudonimização com chave e linhagem por titular.

* :mod:`~mlops_lab.lgpd.pseudonyms`: o identificador vira um HMAC-SHA256 com uma
  chave guardada fora dos dados (``MLOPS_LAB_PSEUDO_KEY`` ou ``--key-file``);
  ``mlops-lab pseudonymize`` grava uma cópia pseudonimizada de um CSV, e
  ``mlops-lab run --pseudonymize COLUNA`` pseudonimiza na leitura.
* :mod:`~mlops_lab.lgpd.lineage`: cada ``run --pseudonymize`` grava ``lineage.json``
  (os pseudônimos do treino e do teste), e ``mlops-lab lineage`` responde "quais
  versões foram treinadas com o cliente X".
"""

from mlops_lab.lgpd.lineage import (
    LINEAGE_FILE,
    affected_models,
    find_customer,
    lineage_record,
    read_lineage,
)
from mlops_lab.lgpd.pseudonyms import (
    MIN_KEY_BYTES,
    PSEUDO_KEY_ENV,
    PSEUDONYM_CHARS,
    key_id,
    load_key,
    pseudonym,
    pseudonymize_file,
    pseudonymize_frame,
)

__all__ = ["LINEAGE_FILE", "affected_models", "find_customer", "lineage_record",
           "read_lineage", "MIN_KEY_BYTES", "PSEUDO_KEY_ENV", "PSEUDONYM_CHARS", "key_id",
           "load_key", "pseudonym", "pseudonymize_file", "pseudonymize_frame"]
