#!/usr/bin/env bash
# After `make images`: keep the newest KEEP (default 2) version tags of localhost/trivsel-gateway
# and -engine, plus `latest`, and untag older ones, so that each build does not leave ~3.4 GB
# behind. An image that a container still uses keeps its tag (podman refuses; said once).
# The build's cached stages (untagged) are kept: they make the next build minutes shorter.
set -euo pipefail
cd "$(dirname "$0")/../.."
podman=scripts/images/podman.sh
KEEP=${KEEP:-2}
for name in gateway engine; do
  # newest first; `latest` is never counted or removed
  old=$($podman images --sort created --format "{{.Tag}}" "localhost/trivsel-$name" \
    | grep -vx -e latest -e '<none>' | tail -n +$((KEEP + 1)))
  for tag in $old; do
    if $podman rmi "localhost/trivsel-$name:$tag" >/dev/null 2>&1; then
      echo "Removed the old image localhost/trivsel-$name:$tag"
    else
      echo "Kept localhost/trivsel-$name:$tag: a container uses it"
    fi
  done
done
