# Community Desk — the two commands of the README:
#   make run    set up (system packages, venv, translations) and open the window
#   make test   set up and run the tests headless
# `make demo` fills the default database with a demo community first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TS := resources/i18n/community_desk_zh_CN.ts
QM := $(TS:.ts=.qm)
SOURCES := $(shell find desktop -name '*.py') main.py

.PHONY: run demo test test-sqlite test-postgresql setup system-deps i18n lupdate screenshots lint bench clean

run: setup
	$(PY) main.py

demo: setup
	$(PY) main.py demo

# The suite runs twice: on SQLite files, then on PostgreSQL (a throwaway server that the tests
# start themselves with .ci/pg-server, or the one CD_TEST_PG_URL names).
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider --engine postgresql

test-sqlite: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

test-postgresql: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider --engine postgresql

setup: system-deps $(VENV)/.installed $(QM)

system-deps:
	@bash .ci/system-deps

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

# Compile the committed translation (the .qm is built, not committed).
i18n: $(QM)
$(QM): $(TS) $(VENV)/.installed
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

# After changing UI strings: refresh the .ts from the sources, then translate the new entries.
lupdate: $(VENV)/.installed
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $(SOURCES) -ts $(TS)

screenshots: setup
	rm -f /tmp/community-desk-demo.sqlite3*
	$(PY) main.py demo --db /tmp/community-desk-demo.sqlite3
	for tab in home members party-life attendance grid-workers mediation volunteers import; do \
	  $(PY) main.py screenshot --db /tmp/community-desk-demo.sqlite3 --tab $$tab --out docs/screenshot-$$tab.png; \
	done

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/bench_window.py

clean:
	rm -rf $(VENV) build *.egg-info $(QM)
