#!/usr/bin/env bash
# Makes localhost/trivsel-base:bookworm from Debian's packages (debootstrap --variant=minbase,
# then podman import), for machines that reach Debian's mirror but no container registry.
# Where a registry is reachable, build on a Debian bookworm slim image instead (make images
# BASE=docker.io/library/debian:bookworm-slim) and skip this.
# Cached: nothing happens while the image exists with this script's hash as its label;
# `scripts/images/base.sh --force` makes it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
podman=scripts/images/podman.sh
IMAGE=${BASE_IMAGE:-localhost/trivsel-base:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# The files' times in the image: fixed, so the same packages give the same layer.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
recipe=$(sha256sum "$0" | cut -c1-16)

if [ "${1:-}" != "--force" ] \
  && [ "$($podman image inspect --format '{{index .Labels "trivsel.base.recipe"}}' "$IMAGE" 2>/dev/null)" = "$recipe" ]; then
  echo "$IMAGE is up to date (made by this script; --force makes it again)"
  exit 0
fi
command -v debootstrap >/dev/null || scripts/images/setup.sh
root=$(mktemp -d /var/tmp/trivsel-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "Making $IMAGE with debootstrap from $MIRROR (a minute or two)"
debootstrap --variant=minbase bookworm "$root" "$MIRROR" > "$root.log" 2>&1 || { tail -20 "$root.log"; exit 1; }
rm -f "$root.log"
# The security updates too, as Debian's own images have them; apt then keeps no lists or caches.
cat > "$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
# As Debian's slim images: no docs, man pages or locales from packages installed later.
cat > "$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
SLIM
cat > "$root/etc/apt/apt.conf.d/docker-clean" <<'CLEAN'
APT::Install-Recommends "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
CLEAN
chroot "$root" apt-get -qq update
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -qq -y upgrade >/dev/null
rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
  "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/* "$root"/tmp/* "$root"/root/.bash_history
tar -C "$root" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --numeric-owner --xattrs -cf "$root.tar" .
$podman import --change "LABEL trivsel.base.recipe=$recipe" --change 'CMD ["/bin/bash"]' \
  --change "ENV LANG=C.UTF-8" "$root.tar" "$IMAGE" >/dev/null 2>&1
rm -f "$root.tar"
echo "Made $IMAGE"
