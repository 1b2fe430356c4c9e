# Dois comandos para quem estuda: `make book` e `make test`.
# Ambos criam o ambiente virtual .venv na primeira vez.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.instalado
JB     := $(BIN)/jupyter-book build . -W -n --keep-going
NBVAL  := --nbval-lax --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg

.PHONY: book test install lint unit notebooks spellcheck system-deps bench clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "É preciso Python 3.11 ou mais novo (encontrado: " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt -c constraints.txt
	@touch $(STAMP)

install: $(STAMP)

## Gera o site do curso, executando cada notebook e capítulo.
book: $(STAMP)
	$(JB)
	@echo ""
	@echo "Livro gerado. Abra no navegador: $(CURDIR)/_build/html/index.html"

## Roda tudo o que a CI roda.
test: $(STAMP) system-deps lint unit notebooks
	$(JB)
	$(BIN)/python scripts/spellcheck.py _build/html
	@echo "make test: tudo certo."

system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .

unit: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

notebooks: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(NBVAL) notebooks

spellcheck: $(STAMP) system-deps
	$(BIN)/python scripts/spellcheck.py _build/html

## Benchmarks (não fazem parte de `make test`).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_import.py

clean:
	rm -rf _build artefatos
