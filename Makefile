# Everything a fresh machine needs, in two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CARGO  ?= cargo
NATIVE := native

.PHONY: demo test setup build lint native-test pytest bench clean

demo: build
	$(VENV)/bin/masa-zk demo

setup: $(VENV)/.deps node_modules/.installed

$(VENV)/.deps: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet 'maturin>=1.5,<2' 'cffi>=1.16'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Incremental: cargo rebuilds only what changed.
build: $(VENV)/.deps
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/maturin develop --release --extras test --quiet

lint: build
	cd $(NATIVE) && $(CARGO) fmt --check
	cd $(NATIVE) && $(CARGO) clippy --all-targets -- -D warnings
	$(VENV)/bin/ruff check src tests benches circuits
	$(VENV)/bin/ruff format --check src tests benches circuits
	$(VENV)/bin/mypy

native-test:
	cd $(NATIVE) && $(CARGO) test --profile fastbuild

pytest: build node_modules/.installed
	$(PY) -m pytest -q

test: lint native-test pytest

bench: build
	$(PY) -m pytest benches --benchmark-enable --benchmark-only

clean:
	rm -rf $(VENV) node_modules $(NATIVE)/target src/masa_zk/_native
