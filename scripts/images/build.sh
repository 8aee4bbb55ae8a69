#!/usr/bin/env bash
# `make images`: the gateway's and the engine's images, tagged <version> (git describe) and latest.
#   BASE=<image>   the Debian bookworm image both build on (default: localhost/trivsel-base:bookworm,
#                  made here from Debian's packages by scripts/images/base.sh when it is the default)
#   IMAGES="gateway engine"   which to build
#   KEEP=2    how many version tags of each image to keep (scripts/images/prune.sh); older ones go
# Files in the images carry the time of the last commit (SOURCE_DATE_EPOCH), not the build's.
set -euo pipefail
cd "$(dirname "$0")/../.."
podman=scripts/images/podman.sh
DEFAULT_BASE=localhost/trivsel-base:bookworm
BASE=${BASE:-$DEFAULT_BASE}
IMAGES=${IMAGES:-gateway engine}
VERSION=${VERSION:-$(git describe --always --dirty)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
scripts/images/setup.sh
[ "$BASE" = "$DEFAULT_BASE" ] && BASE_IMAGE=$BASE scripts/images/base.sh
# pip in the build reads the machine's own pip settings where it has them (pip config, PIP_*):
# its CA bundle (behind a TLS-inspecting proxy) and its local package folders, mounted read-only
# for the build's RUN steps only; nothing of them stays in the images.
pip_args=()
for key in cert find-links extra-index-url index-url; do
  var=PIP_$(echo "$key" | tr a-z- A-Z_)
  value=${!var:-$(python3 -m pip config get "global.$key" 2>/dev/null || true)}
  [ -n "$value" ] || continue
  if [ "$key" = cert ]; then  # mounted apart: Debian's ca-certificates package owns the usual place
    pip_args+=(--build-arg "$var=/run/pip-cert.pem" -v "$value:/run/pip-cert.pem:ro")
    continue
  fi
  pip_args+=(--build-arg "$var=$value")
  for item in $value; do
    path=${item#file://}
    path=${path%/}
    [ "$(basename "$path")" = simple ] && path=$(dirname "$path")  # a local index links to files beside simple/
    if [ -e "$path" ]; then pip_args+=(-v "$path:$path:ro"); fi
  done
done
for name in $IMAGES; do
  started=$(date +%s)
  echo "Building localhost/trivsel-$name:$VERSION on $BASE"
  # Docker's format: OCI images have no HEALTHCHECK.
  $podman build --quiet --format docker --layers --pull=never --network=host \
    --build-arg BASE="$BASE" "${pip_args[@]}" --timestamp "$SOURCE_DATE_EPOCH" \
    --label org.opencontainers.image.title="trivsel-$name" \
    --label org.opencontainers.image.version="$VERSION" \
    --label org.opencontainers.image.revision="$(git rev-parse HEAD)" \
    -f "deploy/images/$name.Containerfile" \
    -t "localhost/trivsel-$name:$VERSION" -t "localhost/trivsel-$name:latest" . 2>&1 >/dev/null \
    | { grep -vE "^WARNING: Location|missing .{0,2}PIP_|^debconf: delaying" || true; }
  echo "Built localhost/trivsel-$name:$VERSION in $(($(date +%s) - started))s"
done
scripts/images/prune.sh
$podman images --filter "reference=localhost/trivsel-*" --format "{{.Repository}}:{{.Tag}}  {{.Size}}"
