# Two commands do everything: `make report` and `make test`.
# Both create the environment in .venv/ from uv.lock when it is missing.
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
UV := $(VENV)/bin/uv
RUN_DATE ?= $(shell date +%F)
CORPUS ?= seeds
# One folder of dated runs per corpus (reports/seeds/2026-11-29, reports/NAME/...):
# a run on your corpus never replaces the day's seed run.
OUT ?= reports/$(notdir $(abspath $(CORPUS)))/$(RUN_DATE)

.PHONY: report test bench env neural clean

env: $(VENV)/.synced

# Bytecode for the modules the toolkit imports (about 50 MB), written once
# here: where PYTHONDONTWRITEBYTECODE is set, every worker and notebook kernel
# would otherwise compile pandas, matplotlib, camel-tools ... again (seeds
# loaded and tagged in a new process: 4.6 s without, 1.9 s with).
export WARM_UP = import analysis, analysis.report, dask.dataframe, distributed, ipykernel.kernelapp, \
  matplotlib.pyplot; analysis.tag(analysis.load_corpus("seeds"))

# uv is bootstrapped into .venv with the interpreter's pip, then installs
# exactly the versions in uv.lock (uv itself is locked in the dev group, pip
# is removed). Reruns only when pyproject.toml or uv.lock change.
# A .venv whose interpreter or uv does not run (a set-up that was stopped, a
# removed Python) is built again from scratch, never reused.
$(VENV)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || { \
	  echo "make: '$(PYTHON)' is $$($(PYTHON) --version 2>&1 | head -1 || echo missing); this toolkit needs Python 3.11."; \
	  echo "      Install it (Debian: apt install python3.11 python3.11-venv) and run: make $(MAKECMDGOALS) PYTHON=python3.11"; \
	  exit 1; }
	@$(VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null && $(UV) --version >/dev/null 2>&1 || { \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && $(VENV)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"; }
	$(UV) sync --frozen --python $(VENV)/bin/python
	@$(UV) pip uninstall --quiet --python $(VENV)/bin/python pip 2>/dev/null || true
	@env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/python -W ignore -c "$$WARM_UP"
	@touch $@

report: env
	$(VENV)/bin/python -m analysis report --corpus $(CORPUS) --out $(OUT) --run-date $(RUN_DATE)

test: env
	$(VENV)/bin/python -m pytest

# Figures (printed, not asserted): the whole pipeline on 2,000 generated
# articles (throughput against camel-tools tokenization, time per layer,
# normalizations per article, the report run with and without the store);
# actor matching against naive str.count
# and camel-tools tokenization; temporal expressions against dateparser
# (quality on the annotations and speed, in the same run); one article of
# 1, 4 and 16 MB loaded and tagged (time per MB: linear in article size);
# 10,000 articles tagged into the store by 1 and 2 processes and 2 Dask
# workers, then 1 % more tagged incrementally; the report over stores of
# 2,000 and 10,000 articles (time per notebook, largest kernel, page sizes).
bench: env
	$(VENV)/bin/python tests/benchmark_pipeline.py 2000
	$(VENV)/bin/python tests/benchmark_actors.py
	$(VENV)/bin/python tests/benchmark_timexes.py
	$(VENV)/bin/python tests/benchmark_accuracy.py
	$(VENV)/bin/python tests/benchmark_sizes.py 1 4 16
	$(VENV)/bin/python tests/benchmark_scale.py 10000
	$(VENV)/bin/python tests/benchmark_report.py 2000 10000
	$(VENV)/bin/python tests/benchmark_explorer.py 10000 100000

# Optional: camel-tools' neural models (NER, sentiment, dialect id) need torch
# and transformers, which the default environment leaves out.
neural: env
	$(UV) pip install --python $(VENV)/bin/python "torch==2.13.0" "transformers>=4.44"

# Removes the environment only: past reports stay (delete reports/ yourself).
clean:
	rm -rf $(VENV)

# environment.yml for conda users: the same pinned versions as uv.lock.
# pip cannot leave out a declared dependency, so camel-tools and this
# package are installed afterwards with --no-deps (see the file's header).
environment.yml: uv.lock | env
	@{ echo "# Generated from uv.lock by 'make environment.yml'; do not edit."; \
	   echo "# conda env create -f environment.yml && conda activate arabic-news"; \
	   echo "# then: pip install --no-deps camel-tools==$$($(UV) export --frozen --no-hashes --no-header --no-annotate | sed -n 's/^camel-tools==//p') -e ."; \
	   echo "# (--no-deps keeps torch and transformers out; 'make neural' explains how to add them)"; \
	   echo "name: arabic-news"; echo "channels:"; echo "  - conda-forge"; echo "dependencies:"; \
	   echo "  - python=3.11"; echo "  - pip"; echo "  - pip:"; \
	   $(UV) export --frozen --no-hashes --no-emit-project --no-header --no-annotate --all-groups \
	     | grep -v -e '^camel-tools==' -e '^uv==' | sed 's/.*/      - "&"/'; } > $@
