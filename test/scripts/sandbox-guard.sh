# Sourced by the scenario scripts (netns-host.sh, engine-steps.sh) after setting SCENARIO:
# logging, and the guard that refuses to run anywhere but in fresh namespaces made by unshare.
# shellcheck shell=sh

log() { printf '[%s %s] %s\n' "$SCENARIO" "$(date +%T)" "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

# Never touch the machine's own namespaces: PID 1 of a new PID namespace, root, and a network
# namespace holding nothing but lo.
sandbox_guard() {
  [ "$$" = 1 ] || die "must be PID 1 of a fresh PID namespace (unshare --pid --fork)"
  [ "$(id -u)" = 0 ] || die "needs root"
  if ip -o link show | grep -v ': lo:' | grep -q .; then
    die "the network namespace is not empty: refusing to touch it"
  fi
}
