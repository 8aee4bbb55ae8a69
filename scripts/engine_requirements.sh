#!/usr/bin/env bash
# The engine's requirements for Python 3.11, to stdout: the lock (requirements/engine.txt, and
# engine-test.txt with --tests) with each pin requirements/engine-py311.txt replaces swapped for
# its line there. Installed with --no-deps --ignore-requires-python (the reasons are in that file)
# by `make engine` and by the engine image (deploy/images/engine.Containerfile).
set -euo pipefail
cd "$(dirname "$0")/../requirements"
locks=(engine.txt)
[ "${1:-}" = "--tests" ] && locks+=(engine-test.txt)
cat "${locks[@]}" | grep -v -f <(grep -Eo '^[A-Za-z0-9._-]+==' engine-py311.txt | sed 's/^/^/')
grep -E '^[A-Za-z0-9]' engine-py311.txt
