"""Dados no tempo certo: divisão fora do tempo, junção no instante da previsão e
aprendizado contínuo.

* :mod:`~mlops_lab.timedata.split`: ``mlops-lab run --time-column COLUNA --gap N``
  treina no passado e testa no futuro;
* :mod:`~mlops_lab.timedata.asof`: junta os chamados ao suporte aos retratos mensais
  como eram no instante da previsão (pandas ``merge_asof`` e DuckDB ``ASOF JOIN``) e,
  para comparar, a junção com vazamento (o último valor de cada cliente);
* :mod:`~mlops_lab.timedata.compare`: quanto a divisão aleatória e a junção com
  vazamento inflam a métrica;
* :mod:`~mlops_lab.timedata.online`: aprendizado contínuo (``partial_fit``) contra
  o retreino periódico, mês a mês;
* :mod:`~mlops_lab.timedata.feature_store`: a mesma junção por uma *feature store*
  de verdade, o Feast, no ambiente próprio dele (``make feast``).
"""

from mlops_lab.timedata.split import parse_periods, time_options, time_split

__all__ = ["parse_periods", "time_options", "time_split"]
