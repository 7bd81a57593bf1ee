#!/usr/bin/env bash
# Makes the Docker base image deploy/Dockerfile builds FROM (node:20-bookworm-slim) without a
# container registry: a minimal Debian bookworm from Debian's own packages (debootstrap), plus
# this machine's Node 20 and npm, imported with `docker import`. Only for machines that cannot
# pull from Docker Hub; test/harness/docker-engine.ts calls it when `docker pull` fails.
#
# The machine's CA bundle is copied in as well, so that `npm ci` inside `docker build` trusts
# whatever TLS proxy this machine's own npm trusts. (The official image needs none of this.)
set -euo pipefail
TAG="${1:?usage: make-base-image.sh TAG}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_BIN="$(command -v node)"
NODE_MAJOR="$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" = 20 ] || { echo "make-base-image: this machine's node is $("$NODE_BIN" --version), not 20" >&2; exit 1; }
NPM_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"

ROOTFS="$(mktemp -d /tmp/sluice-base-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT
debootstrap --variant=minbase --include=ca-certificates bookworm "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 \
  || { tail -20 "$ROOTFS.log" >&2; exit 1; }
rm -f "$ROOTFS.log"

install -m 0755 "$NODE_BIN" "$ROOTFS/usr/local/bin/node"
mkdir -p "$ROOTFS/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$ROOTFS/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
mkdir -p "$ROOTFS/usr/local/etc"
echo 'cafile=/etc/ssl/certs/ca-certificates.crt' >"$ROOTFS/usr/local/etc/npmrc"
# The official image's user, so that a Dockerfile written for it works unchanged.
chroot "$ROOTFS" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
# What a slim image leaves out.
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* \
  "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/locale/*

tar -C "$ROOTFS" --numeric-owner -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV NODE_VERSION='"$("$NODE_BIN" -p process.versions.node)" \
  -c 'CMD ["node"]' - "$TAG" >/dev/null
echo "make-base-image: imported $TAG (Debian bookworm minbase, node $("$NODE_BIN" --version))"
