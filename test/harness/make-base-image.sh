#!/usr/bin/env bash
# Makes, without a container registry, the images the compose test needs from Docker Hub:
#   make-base-image.sh node TAG    what deploy/Dockerfile builds FROM (node:20-bookworm-slim):
#                                  a minimal Debian bookworm (debootstrap, Debian's own
#                                  packages) plus this machine's Node 20 and npm
#   make-base-image.sh redis TAG   redis:7-bookworm: the same Debian with its redis-server (7.0)
# and imports it with `docker import`. Only for machines that cannot pull from Docker Hub;
# test/harness/docker-engine.ts calls it when `docker pull` fails.
#
# The machine's CA bundle is copied in as well, so that `npm ci` inside `docker build` trusts
# whatever TLS proxy this machine's own npm trusts. (The official image needs none of this.)
set -euo pipefail
KIND="${1:?usage: make-base-image.sh node|redis TAG}"
TAG="${2:?usage: make-base-image.sh node|redis TAG}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ROOTFS="$(mktemp -d /tmp/sluice-base-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS" "$ROOTFS.log"' EXIT
# mktemp makes the directory 0700, and it becomes the image's "/": every non-root user in a
# container of it (the Sluice image runs as 10001) would be refused every path.
chmod 0755 "$ROOTFS"

slim() {
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* \
    "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/locale/*
}
bootstrap() {
  debootstrap --variant=minbase --include="$1" bookworm "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 \
    || { tail -20 "$ROOTFS.log" >&2; exit 1; }
}

if [ "$KIND" = redis ]; then
  bootstrap redis-server
  mkdir -p "$ROOTFS/data"
  slim
  tar -C "$ROOTFS" --numeric-owner -c . | docker import -c 'WORKDIR /data' -c 'EXPOSE 6379' -c 'CMD ["redis-server"]' - "$TAG" >/dev/null
  echo "make-base-image: imported $TAG (Debian bookworm minbase, $(chroot "$ROOTFS" redis-server --version | cut -d' ' -f1-3))"
  exit 0
fi
[ "$KIND" = node ] || { echo "make-base-image: unknown kind '$KIND' (node or redis)" >&2; exit 2; }
NODE_BIN="$(command -v node)"
NODE_MAJOR="$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" = 20 ] || { echo "make-base-image: this machine's node is $("$NODE_BIN" --version), not 20" >&2; exit 1; }
NPM_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
bootstrap ca-certificates

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
slim

tar -C "$ROOTFS" --numeric-owner -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV NODE_VERSION='"$("$NODE_BIN" -p process.versions.node)" \
  -c 'CMD ["node"]' - "$TAG" >/dev/null
echo "make-base-image: imported $TAG (Debian bookworm minbase, node $("$NODE_BIN" --version))"
