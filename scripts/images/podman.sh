#!/usr/bin/env bash
# podman with this repository's settings for the machine (deploy/images/containers.conf,
# storage.conf): every script and test that builds or runs the images calls podman through here.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../deploy/images" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}
export CONTAINERS_STORAGE_CONF=${CONTAINERS_STORAGE_CONF:-$here/storage.conf}
exec podman "$@"
