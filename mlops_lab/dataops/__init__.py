"""DataOps: um pipeline de dados da extração à publicação, com contratos.

:func:`run_dataops` leva uma remessa de dados de clientes por cinco etapas:

1. **extrair**: lê o CSV (ou Parquet) bruto e registra o hash do arquivo;
2. **validar a entrada**: o contrato de entrada (:func:`raw_schema`, escrito
   com o pandera) confere o esquema (colunas, tipos, formatos) e checagens
   estatísticas com tolerância (nulos, faixas, vocabulário, unicidade,
   proporção do alvo). A bagunça conhecida passa; uma remessa quebrada, não;
3. **transformar**: a limpeza de :mod:`mlops_lab.clean` (duplicatas, rótulo)
   e a padronização de grafias, siglas e valores impossíveis;
4. **validar a saída**: o contrato de saída (:func:`clean_schema`), estrito,
   garante que a transformação entregou o que promete;
5. **publicar**: grava um conjunto **versionado** (``versions/<versão>/``
   com ``data.parquet``, ``manifest.json`` e ``quality_report.md``; a versão
   é o hash do conteúdo) e só então aponta ``LATEST.json`` para ela.

Uma checagem que falha interrompe o pipeline com :class:`MlopsLabError`,
em português, **antes** de qualquer escrita: a versão já publicada continua
valendo e nada a jusante é sobrescrito.

O pacote tem um módulo por assunto: :mod:`~mlops_lab.dataops.rules` (as
checagens estatísticas e as tolerâncias), :mod:`~mlops_lab.dataops.contracts`
(os contratos do pandera e a tabela de verificações),
:mod:`~mlops_lab.dataops.transform` (a limpeza), :mod:`~mlops_lab.dataops.publish`
(a versão publicada e o relatório de qualidade), :mod:`~mlops_lab.dataops.run`
(:func:`run_dataops`, as cinco etapas) e :mod:`~mlops_lab.dataops.batches`
(remessas de exemplo, com defeitos para os exercícios). O vocabulário das
colunas de texto vem de :mod:`mlops_lab.datasets.vocabulary`.
"""

from __future__ import annotations

from mlops_lab.dataops.batches import make_batch
from mlops_lab.dataops.contracts import check_table, clean_schema, raw_schema, validate
from mlops_lab.dataops.publish import LATEST, DataOpsResult, load_latest, publish, quality_report
from mlops_lab.dataops.rules import Rule, raw_rules
from mlops_lab.dataops.run import run_dataops
from mlops_lab.dataops.transform import transform

__all__ = [
    "LATEST",
    "DataOpsResult",
    "Rule",
    "check_table",
    "clean_schema",
    "load_latest",
    "make_batch",
    "publish",
    "quality_report",
    "raw_rules",
    "raw_schema",
    "run_dataops",
    "transform",
    "validate",
]
