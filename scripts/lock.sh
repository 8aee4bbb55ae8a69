#!/usr/bin/env bash
# Locks requirements/*.in into the pinned requirements/*.txt that `make setup` installs.
# Run it after changing an .in file; it keeps every version already pinned unless an .in
# file asks otherwise (delete a line from the .txt to let that package move).
# Two environments: the engine locked on 3.10 (pip resolves Rasa 3.6 only there; `make engine` installs
# the lock on 3.11 with requirements/engine-py311.txt), the gateway on 3.11+.
set -euo pipefail
cd "$(dirname "$0")/../requirements"
PY310=${PY310:-$(ls ${PYENV_ROOT:-$HOME/.pyenv}/versions/3.10.*/bin/python3.10 2>/dev/null | tail -n1)}
PY3=${PY3:-python3}
lock() {  # lock <python> <in-file> <txt-file>
  local tools=../.venv/lock-$(basename "$1")
  test -x "$tools/bin/pip-compile" || { "$1" -m venv "$tools" && "$tools/bin/pip" install -q "pip<24" "pip-tools==7.4.1"; }
  local keep=$(mktemp); cp "$3" "$keep" 2>/dev/null || : > "$keep"
  "$tools/bin/pip-compile" -q --no-header --no-annotate --strip-extras --no-emit-index-url --no-emit-find-links \
    -c "$keep" "$2" -o "$3"
  rm -f "$keep"
}
lock "$PY310" engine.in engine.txt
lock "$PY310" engine-test.in engine-test.txt
lock "$PY3" web.in web.txt
lock "$PY3" web-test.in web-test.txt
