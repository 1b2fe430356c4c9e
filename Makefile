# Dois comandos para quem estuda: `make book` e `make test`.
# Ambos criam o ambiente virtual .venv na primeira vez.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.instalado
# Os ambientes são instalados com o uv (mesmas versões fixas do pip, em paralelo e
# com cache compartilhado entre os ambientes): minutos a menos a cada CI. O .venv e
# o .venv-binder vêm das travas com hashes (requirements-dev.lock, requirements.lock,
# geradas por `make lock`): --require-hashes recusa um pacote adulterado, e
# scripts/lock.py --check recusa uma trava mais velha que os requisitos.
UV_VERSION := 0.13.9
UV     := $(BIN)/uv pip install -q
# Em paralelo (scripts/build_book.py): as páginas com código executam uma por núcleo.
JB     := $(BIN)/python scripts/build_book.py . -W -n --keep-going
# Um fio por processo: os testes já rodam em paralelo (-n 2), e o OpenMP do
# gradient boosting disputando os mesmos núcleos deixa tudo dezenas de vezes mais lento.
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1
# Com PYTHONDONTWRITEBYTECODE (comum em contêineres de CI), cada processo recompila
# o MLflow, o scikit-learn e o pandas a cada import (o MLflow passa de 3 s para 7 s):
# os testes abrem centenas de processos (CLI, kernels, DVC). Os .pyc ficam nos .venv.
unexport PYTHONDONTWRITEBYTECODE
# Os notebooks rodam no ambiente do Binder: um .venv-binder só com o
# requirements.txt, como o repo2docker faz (sempre do zero: nada de pacote que
# saiu do requirements.txt ficar para trás), com um kernel próprio.
BINDER := .venv-binder
# Orçamento do ambiente do Binder, em MB, medido como o repo2docker o monta: o pip
# grava o bytecode (.pyc), e por isso o uv instala com --compile-bytecode. 1.300 é
# o teto de hoje (o ambiente tem ~1.270 MB): impede que ele volte a crescer.
BINDER_MAX_MB ?= 1300
KERNELS := $(CURDIR)/.kernels
BROWSER_TESTS := $(BIN)/python -m pytest tests/browser -n 2 -q
# Mede cada etapa do make test (scripts/etapa.py: relógio, CPU e núcleos em uso).
ETAPA  := $(PYTHON) scripts/etapa.py
NBVAL  := --nbval-lax --nbval-kernel-name mlops-lab-binder --nbval-sanitize-with notebooks/nbval_sanitize.cfg
# O make test roda os notebooks fingindo outro processador: o núcleo genérico do
# OpenBLAS (Prescott, x86-64 sem AVX; ARMV8 no ARM) e o NumPy sem as instruções
# AVX2/AVX-512. As saídas gravadas vêm do processador de quem as gerou; uma saída que
# mude com o processador falha aqui, e não no computador de quem estuda. Quem já fixa
# OPENBLAS_CORETYPE (há máquinas que precisam disso para dar resultados certos) fica
# com o seu, e os notebooks rodam no processador da máquina.
ARQUITETURA := $(shell uname -m)
OUTRA_CPU := $(if $(OPENBLAS_CORETYPE),,$(if $(filter x86_64,$(ARQUITETURA)),OPENBLAS_CORETYPE=Prescott NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4",$(if $(filter aarch64,$(ARQUITETURA)),OPENBLAS_CORETYPE=ARMV8,)))
# O Airflow 3 fixa fastapi<0.137 e não cabe no ambiente do curso: tem o seu
# .venv-airflow (requirements-airflow.txt), com o kernel mlops-lab-airflow, que
# roda o DAG do curso (tests/tools).
AIRFLOW := .venv-airflow
# O Feast 0.67 exige pandas<3 e prometheus-client<0.25: tem o seu .venv-feast, da
# trava requirements-feast.lock, com o pacote do curso sem dependências (tests/feast).
FEAST := .venv-feast

.PHONY: help check book test install lock sbom lint unit notebooks notebooks-aqui airflow feast feast-resultados etapa-navegador etapa-ambientes-proprios spellcheck browser system-deps bench clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "É preciso Python 3.11.5 ou mais novo (encontrado: " + sys.version.split()[0] + ").")'
	@$(PYTHON) scripts/lock.py --check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)
	$(UV) --python $(BIN)/python --require-hashes -r requirements-dev.lock
	$(UV) --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

$(BINDER)/.instalado: $(STAMP) requirements.txt constraints.txt requirements.lock pyproject.toml
	$(PYTHON) -m venv --clear $(BINDER)
	$(UV) --compile-bytecode --python $(BINDER)/bin/python --require-hashes -r requirements.lock
	$(UV) --compile-bytecode --python $(BINDER)/bin/python --no-deps -e .
	@du -sm $(BINDER) | awk -v max=$(BINDER_MAX_MB) '{ \
		print "Ambiente do Binder: " $$1 " MB, com bytecode (orçamento: " max " MB)"; fflush(); \
		if ($$1 > max) { \
			print "Erro: o ambiente do Binder passou do orçamento (" $$1 " MB > " max " MB). " \
				"Veja o que mais pesa com: du -sm $(BINDER)/lib/python*/site-packages/* | sort -n | tail -30; " \
				"tire do requirements.txt o que nenhum notebook usa." > "/dev/stderr"; \
			exit 1 } }'
	$(BINDER)/bin/python -m ipykernel install --prefix $(KERNELS) --name mlops-lab-binder \
		--display-name "Binder (requirements.txt)" > /dev/null
	@touch $@

$(AIRFLOW)/.instalado: $(STAMP) requirements-airflow.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(AIRFLOW)
	grep -vE '^(fastapi|starlette)==' constraints.txt > $(AIRFLOW)/constraints.txt
	$(UV) --python $(AIRFLOW)/bin/python -r requirements-airflow.txt -c $(AIRFLOW)/constraints.txt
	$(AIRFLOW)/bin/python -m ipykernel install --prefix $(KERNELS) --name mlops-lab-airflow \
		--display-name "Airflow (requirements-airflow.txt)" > /dev/null
	@du -sm $(AIRFLOW) | awk '{print "Ambiente do Airflow: " $$1 " MB"}'
	@touch $@

$(FEAST)/.instalado: $(STAMP) requirements-feast.lock pyproject.toml
	@$(PYTHON) scripts/lock.py --check
	$(PYTHON) -m venv --clear $(FEAST)
	$(UV) --python $(FEAST)/bin/python --require-hashes -r requirements-feast.lock
	$(UV) --python $(FEAST)/bin/python --no-deps -e .
	@du -sm $(FEAST) | awk '{print "Ambiente do Feast: " $$1 " MB"}'
	@touch $@

## Lista os alvos do make, com o que cada um faz.
help:
	@awk '/^## /{sub(/^## /, ""); texto = texto (texto ? " " : "") $$0; next} \
	     /^[a-z-]+:/ && texto {split($$1, a, ":"); printf "  make %-11s %s\n", a[1], texto} \
	     {texto = ""}' $(MAKEFILE_LIST)

## Ciclo rápido para quem contribui (uns 3 minutos): lint, testes que não sobem
## servidores nem kernels, e os notebooks ligados ao que você mudou (git status).
check: $(STAMP) $(BINDER)/.instalado
	$(BIN)/ruff check .
	$(BIN)/python scripts/build_notebooks.py --check
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not lento" --ignore=tests/browser \
		--ignore=tests/tools -q
	@mudados="$$($(BIN)/python scripts/changed_notebooks.py)"; \
	if [ -n "$$mudados" ]; then \
		echo "Notebooks ligados ao que mudou: $$mudados"; \
		JUPYTER_PATH=$(KERNELS)/share/jupyter $(BIN)/python -m pytest -n 2 $(NBVAL) -q $$mudados; \
	else echo "Nenhum notebook ligado ao que mudou: nbval pulado (o make test roda todos)."; fi
	@echo "make check: tudo certo (o make test roda o resto: servidores, notebooks, livro e navegador)."

## Cria o ambiente virtual .venv com tudo o que o curso usa.
install: $(STAMP)

## O SBOM (CycloneDX) do ambiente do Binder, que o notebook 10 lê:
## mlops_lab/datasets/sbom-binder.cdx.json. Rode depois de make lock.
sbom: $(STAMP) $(BINDER)/.instalado
	$(BIN)/python -c "from mlops_lab.supply_chain import generate_sbom; \
		generate_sbom('mlops_lab/datasets/sbom-binder.cdx.json', '$(BINDER)/bin/python')"

## Regenera as travas com hashes (requirements.lock, requirements-dev.lock e a da imagem)
## depois de mudar um requirements*.txt ou o constraints.txt (precisa do índice de pacotes).
lock:
	test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install -q uv==$(UV_VERSION); }
	$(PYTHON) scripts/lock.py --uv $(BIN)/uv

## Gera o site do curso, executando cada notebook e capítulo.
book: $(STAMP)
	$(JB)
	@echo ""
	@echo "Livro gerado. Abra no navegador: $(CURDIR)/_build/html/index.html"

## Roda tudo o que a CI roda.
## Cada etapa mostra quanto levou (relógio e CPU) e, no fim, a tabela das etapas.
test:
	@$(PYTHON) scripts/etapa.py --inicio
	@$(ETAPA) "pacotes do sistema" $(MAKE) --no-print-directory system-deps
	@$(ETAPA) "ambiente .venv" $(MAKE) --no-print-directory install
	@$(ETAPA) "estilo (ruff)" $(MAKE) --no-print-directory lint
	@$(ETAPA) "testes do pacote" $(MAKE) --no-print-directory unit
	@$(ETAPA) "ambiente do Binder" $(MAKE) --no-print-directory $(BINDER)/.instalado
	@$(ETAPA) "notebooks (nbval)" $(MAKE) --no-print-directory notebooks
	@$(ETAPA) "livro" $(JB)
	@$(ETAPA) "ortografia e termos" $(MAKE) --no-print-directory spellcheck
	@$(MAKE) --no-print-directory -j2 -Oline etapa-navegador etapa-ambientes-proprios
	@$(PYTHON) scripts/etapa.py --resumo
	@echo "make test: tudo certo."

# O navegador espera mais do que calcula (menos de 1 núcleo em média): o Airflow e o
# Feast, cada um no seu ambiente, rodam ao lado dele, e não depois.
etapa-navegador:
	@$(ETAPA) "navegador" $(BROWSER_TESTS)

etapa-ambientes-proprios:
	@$(ETAPA) "Airflow (ao lado)" $(MAKE) --no-print-directory airflow
	@$(ETAPA) "Feast (ao lado)" $(MAKE) --no-print-directory feast

system-deps:
	@bash scripts/system-deps.sh

## Confere o estilo do código (ruff).
lint: $(STAMP)
	$(BIN)/ruff check .

## Todos os testes do pacote (menos os do navegador), com os lentos.
unit: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile --ignore=tests/browser --durations=25

## Os notebooks no ambiente do Binder (nbval), fingindo outro processador (OUTRA_CPU).
## As saídas gravadas vêm deste processador (scripts/build_notebooks.py): uma passada
## noutro núcleo do OpenBLAS confere os dois de uma vez. `make notebooks-aqui` roda
## no processador da máquina, sem fingir.
notebooks: $(STAMP) $(BINDER)/.instalado
	$(BIN)/python scripts/build_notebooks.py --check
ifneq ($(OUTRA_CPU),)
	@echo "Os notebooks como noutro processador ($(OUTRA_CPU)):"
else
	@echo "OPENBLAS_CORETYPE=$(OPENBLAS_CORETYPE) já vem da máquina (ou a arquitetura $(ARQUITETURA) não tem núcleo genérico conhecido): os notebooks rodam no processador desta máquina."
endif
	$(OUTRA_CPU) JUPYTER_PATH=$(KERNELS)/share/jupyter $(BIN)/python -m pytest -n 2 \
		--dist loadfile $(NBVAL) notebooks/*.ipynb --durations=10

## Os notebooks no processador desta máquina, sem fingir outro.
notebooks-aqui: $(STAMP) $(BINDER)/.instalado
	JUPYTER_PATH=$(KERNELS)/share/jupyter $(BIN)/python -m pytest -n 2 --dist loadfile \
		$(NBVAL) notebooks/*.ipynb -q

## O DAG do curso no Airflow real: dag.test() com SQLite, sem agendador nem servidor.
airflow: $(AIRFLOW)/.instalado
	$(AIRFLOW)/bin/python -m pytest -q tests/tools

## O Feast de verdade (feature store): treino e serviço das mesmas definições,
## conferidos contra a junção as-of do curso e contra benchmarks/results/feature_store.json.
feast: $(FEAST)/.instalado
	$(FEAST)/bin/python -m pytest -q --confcutdir=tests/feast tests/feast

## Regrava benchmarks/results/feature_store.json (o que o capítulo mostra do Feast).
feast-resultados: $(FEAST)/.instalado
	$(FEAST)/bin/python -m mlops_lab.timedata.feature_store

## Ortografia (hunspell pt_BR) e terminologia (book/termos-proibidos.txt) do livro gerado.
spellcheck: $(STAMP) system-deps
	$(BIN)/python scripts/spellcheck.py _build/html
	$(BIN)/python scripts/terminologia.py _build/html

## O livro já gerado (_build/html) no Chromium: páginas, busca, botões,
## acessibilidade (axe), links e peso. Capturas de tela em test-artifacts/browser/.
browser: $(STAMP) system-deps
	$(BROWSER_TESTS)

## Benchmarks (não fazem parte de `make test`).
bench: $(STAMP) $(BINDER)/.instalado
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_bigdata.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_fast_inference.py
	$(BIN)/python benchmarks/bench_workers.py
	$(BIN)/python benchmarks/bench_stream.py
	$(BIN)/python benchmarks/bench_grade.py
	$(BIN)/python scripts/readme_tables.py
	JUPYTER_PATH=$(KERNELS)/share/jupyter $(BIN)/python scripts/palavras.py --medir

## Apaga o livro gerado e os artefatos locais.
clean:
	rm -rf _build artifacts .kernels
