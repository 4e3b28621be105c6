#!/bin/sh
# Writes samples/engine-step2.tar.gz, engine-step3.tar.gz and engine-step4.tar.gz: collector
# bundles of a real Docker engine (Debian docker.io) at the slides' steps 2-4, made in fresh
# namespaces by test/scripts/engine-steps.sh (nothing of the machine's networking is touched).
# Needs root, unshare (util-linux), docker.io and busybox-static. About a minute.
#
#   sh test/scripts/capture-engine-samples.sh [DEST_DIR]      (default: samples/)
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${1:-$ROOT/samples}
[ "$(id -u)" = 0 ] || {
  echo "capture-engine-samples: needs root (unshare, dockerd)" >&2
  exit 1
}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dockernet-samples.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

unshare --net --mount --pid --fork --mount-proc --uts --kill-child \
  sh "$ROOT/test/scripts/engine-steps.sh" "$TMP"

mkdir -p "$DEST"
for s in 2 3 4; do
  cp "$TMP/engine-step$s.tar.gz" "$DEST/engine-step$s.tar.gz"
  chmod 644 "$DEST/engine-step$s.tar.gz"
  echo "capture-engine-samples: wrote $DEST/engine-step$s.tar.gz"
done
