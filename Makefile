# Two commands matter: `make run` (set up, train if needed, start everything)
# and `make test` (set up what is missing, then run every test).
# Everything a fresh machine needs is installed from here.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip on this machine warns about every package it looks for in local mirrors.
QUIET := 2>&1 | { grep -v "^WARNING: Location" || true; }
ENGINE := .venv/engine
WEB := .venv/web
# The engine's Python: 3.11 (3.10's security support ended in October 2026). Rasa 3.6 declares
# <3.11, so the lock goes in with the swaps and reasons in requirements/engine-py311.txt;
# `make ENGINE_PY=3.10` builds the lock as it is. Remove .venv/engine to change.
ENGINE_PY ?= 3.11
PY310 ?= $(shell ls $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10.*/bin/python3.10 2>/dev/null | tail -n1 || command -v python3.10)
PY311 ?= $(shell ls $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.11.*/bin/python3.11 2>/dev/null | tail -n1 || command -v python3.11)
ENGINE_PYTHON = $(if $(filter 3.10,$(ENGINE_PY)),$(PY310),$(PY311))
# The one line `pip check` reports on 3.11, explained in requirements/engine-py311.txt.
PIP_CHECK_KNOWN := rasa 3.6.21 has requirement matplotlib<3.6,>=3.1, but you have matplotlib 3.6.3.
# The web env wants Python >= 3.11; plain python3 is 3.11 on this kind of machine.
PY3 ?= python3
RASA := $(ENGINE)/bin/rasa
MODEL := models/trivsel.tar.gz
# The NLU guard trains its own classifiers: its code is an input of the model too.
TRAIN_INPUTS := $(shell find data domain content -type f 2>/dev/null) $(wildcard rasa_components/*.py) $(wildcard rasa_components/lexicon/*.yml) catalogue/intents.py config.yml

.PHONY: setup system engine web domain train run images images-test deploy-test test test-fast lint types bench bench-scaleout bench-room eval clean

setup: system engine web

# Debian packages: Chromium for browser tests, fonts for the PDFs, poppler for checks,
# nginx and openssl for the test behind a TLS reverse proxy, pg_dump and pg_restore for backups.
system: var/.system
var/.system:
	@mkdir -p var
	@if ! command -v chromium >/dev/null || ! fc-list | grep -q "Noto Sans CJK" || ! command -v pdftotext >/dev/null \
	  || ! test -x /usr/sbin/nginx || ! command -v openssl >/dev/null || ! command -v pg_dump >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils nginx-light openssl postgresql-client >/dev/null; fi
	@touch $@

engine: $(ENGINE)/.installed
# Runtime packages (what production installs) and the tools the tests add, each locked
# from requirements/*.in by scripts/lock.sh (on 3.10). On 3.11 the locked set goes in as it is,
# with --no-deps, except the pins requirements/engine-py311.txt replaces.
$(ENGINE)/.installed: requirements/engine.txt requirements/engine-test.txt requirements/engine-py311.txt
	@case "$(ENGINE_PY)" in 3.10|3.11) ;; *) echo "ENGINE_PY is 3.11 (default) or 3.10"; exit 1;; esac
	@test -x "$(ENGINE_PYTHON)" || { echo "Python $(ENGINE_PY) is needed for the engine (pyenv install $(ENGINE_PY))"; exit 1; }
	@test -x $(ENGINE)/bin/python || $(ENGINE_PYTHON) -m venv $(ENGINE)
	@$(ENGINE)/bin/python -c "import sys; v = '%d.%d' % sys.version_info[:2]; assert v == '$(ENGINE_PY)', \
	  '$(ENGINE) runs Python ' + v + ', not $(ENGINE_PY): remove it to rebuild'"
	$(ENGINE)/bin/pip install -q --upgrade "pip<24" $(QUIET)
ifeq ($(ENGINE_PY),3.10)
	$(ENGINE)/bin/pip install -q -r requirements/engine.txt -r requirements/engine-test.txt $(QUIET)
	$(ENGINE)/bin/pip check
else
	@scripts/engine_requirements.sh --tests > $(ENGINE)/requirements-py311.txt
	$(ENGINE)/bin/pip install -q --no-deps --ignore-requires-python -r $(ENGINE)/requirements-py311.txt $(QUIET)
	@out=$$($(ENGINE)/bin/pip check) && echo "$$out" || { \
	  rest=$$(echo "$$out" | grep -vxF '$(PIP_CHECK_KNOWN)'); test -z "$$rest" || { echo "$$rest"; exit 1; }; \
	  echo "pip check: only the known exception (requirements/engine-py311.txt): $$out"; }
endif
	@touch $@

web: $(WEB)/.installed
$(WEB)/.installed: requirements/web.txt requirements/web-test.txt
	@test -x $(WEB)/bin/python || $(PY3) -m venv $(WEB)
	@$(PY3) -c "import sys; assert sys.version_info >= (3, 11), 'the gateway needs Python 3.11 or newer'"
	$(WEB)/bin/pip install -q --upgrade pip $(QUIET)
	$(WEB)/bin/pip install -q -r requirements/web.txt -r requirements/web-test.txt $(QUIET)
	$(WEB)/bin/pip check
	@touch $@

# The form's slots and ask-actions come from the content catalogue (one source for texts).
domain: domain/generated.yml
domain/generated.yml: $(ENGINE)/.installed $(shell find content -type f) scripts/gen_domain.py $(wildcard catalogue/*.py catalogue/*.yml)
	$(ENGINE)/bin/python scripts/gen_domain.py > $@

train: $(MODEL)
$(MODEL): $(ENGINE)/.installed domain/generated.yml $(TRAIN_INPUTS)
	@mkdir -p var
	@echo "Training the model (log: var/train.log)"
	PYTHONPATH=. $(RASA) train --domain domain --data data --config config.yml --out models --fixed-model-name trivsel > var/train.log 2>&1 \
	  || { tail -40 var/train.log; exit 1; }
	@touch $@

run: setup train
	$(WEB)/bin/python -m launcher

test: setup train
	$(MAKE) --no-print-directory lint
	bash scripts/test_all.sh

# Style and types (pyproject.toml): ruff's lint and format check, mypy on the whole repository.
# `make test` runs it first, so a lint or type error fails CI.
lint: web types
	$(WEB)/bin/ruff check .
	$(WEB)/bin/ruff format --check .

# mypy twice: the web env's code against its packages (pyproject.toml's files), then the engine
# env's code against the engine's packages (Rasa's SQLAlchemy 1.4, numpy), with its own cache.
ENGINE_TYPED = actions rasa_components scripts/gen_domain.py bench/eval.py bench/tune.py \
  tests/fixtures/documents/make.py $(wildcard tests/actions/*.py)
types: web engine
	$(WEB)/bin/mypy
	$(WEB)/bin/mypy --python-executable $(ENGINE)/bin/python --cache-dir .mypy_cache/engine $(ENGINE_TYPED)

# Unit tests only: no servers started.
test-fast: setup train
	PYTHONPATH=. $(ENGINE)/bin/python -m pytest -c tests/actions/pytest.ini -q -p no:cacheprovider tests/actions
	$(WEB)/bin/python -m pytest -q tests/docs tests/renderer tests/gateway

bench: setup train
	PYTHONPATH=. $(WEB)/bin/python -m bench.run

# What the scale-out path costs: CPU per message of each process, the embedded default against PostgreSQL +
# Redis (one and two pairs) under the same load in one run (docs/operator.md, What the scale-out path costs).
bench-scaleout: setup train
	PYTHONPATH=. $(WEB)/bin/python -m bench.scaleout

# A conference hall's room: 1,000 participants join within a minute and answer within two more, on 20 screens.
bench-room: setup train
	PYTHONPATH=. $(WEB)/bin/python -m bench.room

# How well the bot understands messages it never trained on (eval/heldout/): writes bench/understanding.md.
eval: setup train
	PYTHONPATH=. PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=3 $(ENGINE)/bin/python -m bench.eval

# Container images (docs/operator.md, Images): localhost/trivsel-gateway and -engine, tagged with
# `git describe` and latest, on BASE= (default: a Debian bookworm base made here by debootstrap).
images: train
	scripts/images/build.sh

# The images started with podman against the machine's PostgreSQL and Redis (not part of `make test`).
images-test: images web
	PYTHONPATH=. $(WEB)/bin/python -m pytest -q -p no:cacheprovider tests/images

# The deployed shape (docs/operator.md, "Testing the deployed shape"): the images run from the
# Kubernetes manifests by `podman kube play` (two gateways and two engine pairs on PostgreSQL and
# Redis) behind nginx; the end-to-end suite through nginx, then a crash of a gateway, a Rasa
# server and an action server mid-conversation. Not part of `make test`: it needs podman and
# takes 5 to 8 minutes on 2 cores once the images are built (docs/operator.md).
DEPLOY_E2E := $(addprefix tests/e2e/,test_leader_tool.py test_other_tools.py test_texts_and_flow.py \
  test_texts_and_flow_round2.py test_flow_round3.py test_typed_answers.py test_when_dates.py test_care.py \
  test_openapi_and_rest_channel.py test_shared_screen.py)
deploy-test: images web
	CI=true PYTHONPATH=. $(WEB)/bin/python -m pytest -p tests.deploy.deployed -q -p no:cacheprovider \
	  tests/deploy/test_manifests.py tests/deploy/test_podman_play.py $(DEPLOY_E2E) tests/deploy/test_deployed.py

clean:
	rm -rf models var results test-artifacts
