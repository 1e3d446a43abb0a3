# Two commands on a fresh machine: `make serve` and `make test`. Both are idempotent:
# the virtualenv, the converted model and the index are only (re)made when missing or stale.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT
INSTALLED := $(VENV)/.installed

.PHONY: install model index serve browser ocr servers test test-fast bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first, pinned to the CPU build, so no other package pulls a CUDA one
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The clients of the Qdrant backend and of Redis (replicas), for the tests only: `make serve`
# keeps the embedded store and one process's own state.
EXTRAS_INSTALLED := $(VENV)/.installed-extras
$(EXTRAS_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[test,qdrant,redis]'
	touch $@

install: $(INSTALLED)

model: $(INSTALLED)
	$(BIN)/qa model

index: model
	$(BIN)/qa index build --if-stale

serve: index
	$(BIN)/qa serve --host $(HOST) --port $(PORT)

# The widget's browser tests drive Debian's Chromium (Playwright's own browser download is
# not used). Installed once with apt; root, or sudo, is needed the first time.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Scanned PDFs are read by Tesseract with its Vietnamese model (Debian's tesseract-ocr and
# tesseract-ocr-vie); without them an upload of a scan gets a 422. Installed like Chromium.
ocr:
	@tesseract --list-langs 2>/dev/null | grep -qx vie || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-vie >/dev/null; }

# Replicas behind a balancer are tested with Debian's redis-server and nginx, started on loopback
# by the tests themselves (never the system's services). Installed like Chromium.
servers:
	@{ command -v redis-server && { command -v nginx || test -x /usr/sbin/nginx; }; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    redis-server nginx >/dev/null; }

test: model browser ocr servers $(EXTRAS_INSTALLED)
	$(BIN)/python -m pytest -q

test-fast: servers $(EXTRAS_INSTALLED)
	$(BIN)/python -m pytest -q -m "not slow"

clean:
	rm -rf var/index var/index.builds

# Build time, latency, throughput and memory, on the seed index and on a 100,000-passage
# synthetic one, ingestion time per page of PDF, DOCX, HTML and scans, and the deployment
# figures: 1 and 2 workers, memory per worker, the embedded store beside Qdrant's local mode
# (qdrant-client, from the extras); `python -m eval.bench --quick` is a smoke run,
# `--ingestion-only` and `--deployment-only` run one part. About an hour on 2 cores, 26 minutes
# of it Qdrant's local mode at 100,000 passages.
bench: index $(EXTRAS_INSTALLED)
	$(BIN)/python -m eval.bench --scale 100000
