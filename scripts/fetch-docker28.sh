#!/bin/sh
# Unpack Docker 28.5 (Debian sid's docker.io and docker-cli) into a folder, without installing
# it, so that the real-engine scenarios can run a current engine beside Debian 12's docker.io 20.10.
# Uses the machine's configured Debian mirror through apt's own clients (no other network access),
# with private lists and cache folders: the machine's apt state is untouched.
#
#   sh scripts/fetch-docker28.sh [DIR]      default DIR: /opt/dockernet/docker28
#
# Prints DIR/root (put DIR/root/usr/sbin and DIR/root/usr/bin first on PATH: dockerd, docker-proxy, docker). Idempotent:
# an existing unpacked engine is kept.
set -eu
d=${1:-/opt/dockernet/docker28}
if [ -x "$d/root/usr/sbin/dockerd" ] && "$d/root/usr/sbin/dockerd" --version >/dev/null 2>&1; then
  echo "$d/root"
  exit 0
fi
mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
src=/etc/apt/sources.list.d/debian.sources
uri=$(awk '/^URIs:/{print $2; exit}' "$src" 2>/dev/null || true)
[ -n "$uri" ] || uri=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$uri" ] || { echo "fetch-docker28: no Debian mirror configured" >&2; exit 1; }
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri sid main" >"$d/sources.list"
set -- -o "Dir::Etc::sourcelist=$d/sources.list" -o Dir::Etc::sourceparts=- \
  -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache"
apt-get "$@" update -qq >&2
(cd "$d" && apt-get "$@" download docker.io docker-cli >&2)
rm -rf "$d/root"
for f in "$d"/*.deb; do dpkg-deb -x "$f" "$d/root"; done
"$d/root/usr/sbin/dockerd" --version >&2
echo "$d/root"
