#!/usr/bin/env bash
# Every test, in both environments. Called by `make test` (after set-up and training).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
ENGINE=.venv/engine/bin
WEB=.venv/web/bin
export PYTHONPATH="$PWD"
export PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=3

step() { printf '\n=== %s\n' "$*"; }

step "domain is in sync with the content catalogue"
$ENGINE/python scripts/gen_domain.py | diff -q - domain/generated.yml

step "rasa data validate"
$ENGINE/rasa data validate --domain domain --data data --config config.yml > var/validate.log 2>&1 || { cat var/validate.log; exit 1; }

stories() {  # the end-to-end stories through Rasa as our server runs it (rasa_components.cli)
  rm -rf results/core
  TRIVSEL_LOG_PRIVACY=off $ENGINE/python -m rasa_components.cli test core --e2e --model models/trivsel.tar.gz --stories tests/stories \
    --out results/core --fail-on-prediction-errors > var/rasa-test.log 2>&1 \
    || { grep -B2 -A30 "predicted" var/rasa-test.log | head -80; exit 1; }
  grep -E "Correct:|Accuracy:" var/rasa-test.log | sed 's/.*rasa.core.test  - //'
}
step "rasa test: dialogue and NLU on end-to-end stories"
stories
step "the same stories with Rasa's own code (TRIVSEL_SPEEDUPS=off)"
TRIVSEL_SPEEDUPS=off stories

step "actions (engine env)"
$ENGINE/python -m pytest -c tests/actions/pytest.ini tests/actions -q -p no:cacheprovider

step "docs, renderer, gateway, end to end, browser, scale-out on PostgreSQL and Redis (web env)"
$WEB/python -m pytest tests/docs tests/renderer tests/gateway tests/e2e tests/browser tests/scaleout tests/deploy/test_manifests.py -q
