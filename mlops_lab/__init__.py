"""mlops_lab: o pacote que executa tudo o que o curso ensina.

Os módulos seguem a ordem do livro:

==============================  =====================================================
**Cap. 3 — o pipeline**
``mlops_lab.data``              leitura de CSV (também comprimido) e Parquet, formato
``mlops_lab.schema``            esquema dos dados e validação das entradas
``mlops_lab.clean``             limpeza: duplicatas, categorias, ausentes, extremos
``mlops_lab.features``          engenharia de atributos, codificação e normalização
``mlops_lab.train``             escolha do algoritmo, divisão treino/teste, treino
``mlops_lab.tune``              busca de hiperparâmetros com validação cruzada
``mlops_lab.evaluate``          métricas, matriz de confusão, curva de aprendizado
``mlops_lab.package``           modelo empacotado com metadados (formato skops)
``mlops_lab.predict``           previsões com validação contra o esquema de treino
``mlops_lab.pipeline``          o pipeline completo, usado por ``mlops-lab run``
``mlops_lab.run_outputs``       o que a execução grava na pasta de saída, arquivo por arquivo
``mlops_lab.serve``             o modelo servido por HTTP (FastAPI)
``mlops_lab.drift``             *drift* de dados: PSI e KS contra o treino
``mlops_lab.stream``            pontuação em micro-lotes com monitoramento
**Cap. 4 e 5 — MLOps e a família Ops**
``mlops_lab.tracking``          rastreamento de experimentos com o MLflow
``mlops_lab.ml_test_score``     o ML Test Score aplicado ao próprio pacote
``mlops_lab.dataops``           pipeline de dados com contratos e publicação
``mlops_lab.aiops``             anomalias na telemetria, alertas e placar
**Cap. 6 — Big Data e Small Data**
``mlops_lab.bigdata``           a mesma agregação em cinco motores, medida
**Cap. 7 e 8 — ferramentas**
``mlops_lab.dvc_stages``        as etapas como comandos do DVC (``dvc.yaml``)
``mlops_lab.catalog``           o catálogo de ferramentas de MLOps e DataOps
``mlops_lab.jobs_api``          um balcão de *jobs* no espírito do Genie
``mlops_lab.shell``             comandos de terminal (``git``, ``dvc``) rodados do Python
**Em produção (além do programa)**
``mlops_lab.environments``      travas com hashes, Dockerfile e manifestos do Kubernetes
``mlops_lab.supply_chain``      segredos, SBOM, modelos que não executam código, assinaturas
``mlops_lab.slo``               SLIs, SLOs, orçamento de erro e alertas por taxa de queima
``mlops_lab.dask_search``       a busca de hiperparâmetros num cluster Dask
``mlops_lab.fast_predict``      o pipeline compilado em NumPy, conferido na carga
``mlops_lab.trust``             calibração, cartão do modelo, justiça entre grupos
``mlops_lab.lgpd``              pseudonimização com chave e linhagem por titular (LGPD)
``mlops_lab.timedata``          divisão fora do tempo, junção as-of (também no Feast), partial_fit
``mlops_lab.llmops``            assistente local (não é um LLM), guardas, prompts no MLflow
**Projeto final e apoio**
``mlops_lab.project``           ``new-project`` e ``check-project`` (a rubrica)
``mlops_lab.exercises``         exercícios com correção automática e o corretor
``mlops_lab.datasets``          os dados embutidos e o seu gerador
``mlops_lab.plot_style``        o estilo dos gráficos (cores, fonte, vírgula)
``mlops_lab.cli``               a linha de comando ``mlops-lab`` (a última camada)
``mlops_lab._fs``               gravação segura: pasta trocada no fim, arquivos atômicos
``mlops_lab.errors``            erros que quem usa pode corrigir sozinho
==============================  =====================================================

Os módulos grandes são pacotes, com um módulo por assunto e a mesma
interface de antes (``from mlops_lab.serve import create_app``):
``serve`` (``validation``, ``batching``, ``slot``: qual modelo responde, ``app``; o
lançamento de um candidato em ``rollout``, ``router``, ``rollout_log``, ``rollout_report``
e ``ab_stats``; ``local``: o servidor numa *thread*, para notebooks),
``stream`` (``sources``, ``window``, ``files``, ``loop``, ``report``),
``dataops`` (``rules``, ``contracts``, ``transform``, ``publish``, ``run``,
``batches``) e ``bigdata`` (``events``, ``aggregate``, ``engines``, ``cluster``).
O vocabulário dos dados (planos, formas de pagamento, canais, UFs e regiões)
tem uma fonte só, ``datasets/vocabulary.py``; os nomes das colunas de
previsão, outra, em ``predict`` (``PREDICTION_COLUMN``, ``probability_column``).

Importar o pacote é barato: nenhuma biblioteca pesada é carregada até que
uma função precise dela.
"""

__version__ = "0.1.0"

import warnings as _warnings

# Sem o ipywidgets (o Binder do curso não o instala), o tqdm.auto, que o MLflow importa,
# usa a barra de texto, que funciona, mas avisa num notebook com o caminho do
# site-packages de quem rodou. Só este aviso é calado.
_warnings.filterwarnings("ignore", message="IProgress not found", module="tqdm")
