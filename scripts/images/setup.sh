#!/usr/bin/env bash
# Installs what building and running the images needs on a Debian bookworm machine:
# podman with the runc runtime (crun refuses to start containers on our CI machines) and
# debootstrap (the base image is made from Debian's packages: scripts/images/base.sh), and catatonit,
# the pause process of the pods `podman kube play` makes (make deploy-test).
set -euo pipefail
if command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null \
  && command -v catatonit >/dev/null; then
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends \
  podman runc conmon debootstrap catatonit >/dev/null
