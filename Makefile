# Two commands build everything from a machine that has only python3, pip and make:
#   make run   build the dataset from raw/ and publish a release into outputs/
#   make test  run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DAGSTER_HOME_DIR := $(CURDIR)/.dagster_home

.PHONY: run test ui install install-test install-cluster cluster-test lock bench bench-build bench-workers clean site serve vendor explore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps record which lock the venv was installed from, so a changed lock reinstalls.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

# The cluster lock is the test lock plus the distributed engine and the production instance's storage.
$(VENV)/.installed-cluster: requirements-cluster.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-cluster.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $(VENV)/.installed-test $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-cluster: $(VENV)/.installed-cluster

# Runs are recorded in the project-local Dagster instance, so `make ui` shows them.
run: install | $(DAGSTER_HOME_DIR)/dagster.yaml
	DAGSTER_HOME=$(DAGSTER_HOME_DIR) $(BIN)/govmetrics build

test: install-test
	$(BIN)/python -m pytest

# Starts Redis, a throwaway Postgres and Celery workers on 127.0.0.1, builds the dev corpus through them
# and stops them again (tests/cluster). Debian's redis-server and postgresql are installed when missing.
cluster-test: install-cluster
	tests/cluster/install-services.sh
	$(BIN)/python -m pytest -m cluster tests/cluster

ui: install | $(DAGSTER_HOME_DIR)/dagster.yaml
	DAGSTER_HOME=$(DAGSTER_HOME_DIR) $(BIN)/dagster dev -m pipelines -h 127.0.0.1 -p 3000

# The embedded instance: local SQLite storage under the project-local DAGSTER_HOME, telemetry off.
$(DAGSTER_HOME_DIR)/dagster.yaml: deploy/local/dagster.yaml
	mkdir -p $(DAGSTER_HOME_DIR)
	cp deploy/local/dagster.yaml $@

bench: install
	$(BIN)/python benchmarks/bench_extract.py

# Build N synthetic reports: full build, no-change rebuild, one report added, one changed.
N ?= 1000
bench-build: install
	$(BIN)/python benchmarks/bench_build.py --n $(N)

# Build N synthetic reports with --workers 1 and --workers 2 (same shards): wall and CPU time, speedup, same bytes.
bench-workers: install
	$(BIN)/python benchmarks/bench_workers.py --n $(N)

# Re-resolve the locks after changing dependencies in pyproject.toml (needs network).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --no-header -q -o requirements.lock
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --no-header -q -o requirements-test.lock
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip compile pyproject.toml --extra test --extra cluster -c requirements-test.lock --universal --python-version 3.11 --no-header -q -o requirements-cluster.lock

# Render the latest release's site again. A release is never changed: if its site/ is byte-identical
# to the new rendering nothing is written, otherwise the rendering goes to build/site/<version>/.
site: install
	$(BIN)/govmetrics site

# Serve every release (and its site) at http://127.0.0.1:8000/<version>/site/ .
serve:
	@echo "http://127.0.0.1:8000/$$(cat outputs/LATEST 2>/dev/null)/site/index.html"
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory outputs

# Explore the latest release in Datasette: a SQLite copy in build/explore/ with the tables' and columns'
# descriptions, served at http://127.0.0.1:8001. Datasette lives in its own venv, apart from the
# locked dependencies the pipeline builds with.
DATASETTE := datasette==0.65.5
explore: install
	$(BIN)/govmetrics explore
	test -x .venv-explore/bin/datasette || ($(PYTHON) -m venv .venv-explore && .venv-explore/bin/pip install --quiet "$(DATASETTE)")
	.venv-explore/bin/datasette serve build/explore/govmetrics.db --metadata build/explore/metadata.json \
		-h 127.0.0.1 -p 8001

# Refresh the site's vendored browser libraries from npm (needs node and npm; building a release does not).
vendor:
	govmetrics/site/npm/vendor.sh

clean:
	rm -rf $(VENV) .venv-explore $(DAGSTER_HOME_DIR) .pytest_cache .hypothesis
