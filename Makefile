# Two commands on a fresh clone: `make test` and `make figures`. Each sets up .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/.compiled
CORPUS ?= seeds
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

.PHONY: setup test lint figures lab bench train clean

setup: $(STAMP) $(COMPILED)

# Reinstall only when the project's metadata changes. The dask extra is installed too, so that
# the LocalCluster test runs in CI; users get Dask only with pip install ".[dask]".
$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	ANALYSIS_PURE_PYTHON=1 $(BIN)/python -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

# Compile the pipeline's modules (setup.py), and again whenever a module changes (setup.py
# recompiles only those whose source differs from the one their extension was compiled from). The installation above
# leaves them to this step (ANALYSIS_PURE_PYTHON=1), which compiles them once; without a C
# compiler it warns, and the modules run as plain Python.
$(COMPILED): $(STAMP) setup.py $(wildcard analysis/*.py analysis/*/*.py)
	$(BIN)/python setup.py --quiet build_ext --inplace
	touch $(COMPILED)

test: $(STAMP) $(COMPILED)
	$(BIN)/python -m ruff check analysis tests benchmarks setup.py conftest.py
	$(BIN)/python -m ruff format --check analysis tests benchmarks setup.py conftest.py
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m ruff check analysis tests benchmarks setup.py conftest.py
	$(BIN)/python -m ruff format --check analysis tests benchmarks setup.py conftest.py

# Executes every numbered notebook, in order, on CORPUS (default: seeds/) and writes figures/
# (FIGURES=dir writes them elsewhere). Parses are cached in notebooks/.analysis-cache/, keyed by
# the corpus and the code. Stops at the first failing cell.
FIGURES ?=
figures: $(STAMP) $(COMPILED)
ifeq ($(NOTEBOOKS),)
	@echo "no notebooks in notebooks/: nothing to regenerate" && exit 1
else
	@test -e "$(CORPUS)" || { echo "CORPUS=$(CORPUS) does not exist"; exit 2; }
	cd notebooks && for nb in $(notdir $(NOTEBOOKS)); do \
	  echo "== $$nb"; \
	  ANALYSIS_CORPUS="$(abspath $(CORPUS))" $(if $(FIGURES),ANALYSIS_FIGURES="$(abspath $(FIGURES))") \
	    ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=3600 --ExecutePreprocessor.record_timing=False \
	    --log-level=WARN "$$nb" || exit 1; \
	done
	@echo "figures written under $(if $(FIGURES),$(FIGURES),figures/)"
endif

lab: $(STAMP) $(COMPILED)
	$(BIN)/jupyter lab notebooks

# Every benchmark; each skips (saying so) when ../shared/data is absent.
bench: $(STAMP) $(COMPILED)
	for script in $(filter-out benchmarks/_%,$(sort $(wildcard benchmarks/*.py))); do \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

# Rebuilds the trained models in analysis/models/ from ../shared/data (or $ANALYSIS_SHARED_DATA),
# byte for byte the same on a rerun; without the data it says so and leaves them as they are.
# Installs the train extra (scikit-learn) first if missing. The model card is analysis/models/README.md.
train: $(STAMP) $(COMPILED)
	$(BIN)/python -c "import sklearn" 2>/dev/null || $(BIN)/python -m pip install --quiet -e ".[train]"
	$(BIN)/python -m analysis.train all

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	rm -f analysis/*.so analysis/*/*.so analysis/_compiled.json
