#!/bin/sh
# The slides' steps 2-4 on a real Docker engine, isolated in fresh namespaces, with the collector
# run at each step. Start it ONLY through unshare, as test/helpers/docker-engine.ts and
# test/scripts/capture-engine-samples.sh do:
#
#   unshare --net --mount --pid --fork --mount-proc --uts --kill-child sh engine-steps.sh OUT
#
# Everything Docker writes lands on tmpfs mounts of this mount namespace (/run, /etc/docker,
# /var/lib via an overlay), all interfaces and iptables rules live in this network namespace,
# and when this script (PID 1 of its own PID namespace) exits, every process it started dies.
# The only writes outside are the files in OUT and the cgroup folders that dockerd makes for the
# container (removed at the end).
#
# OUT receives:
#   engine-step2.tar.gz   Docker engine, no container
#   engine-step3.tar.gz   one container publishing 60000 -> 8080
#   engine-step4.tar.gz   after `docker swarm init`
#   engine-step3-procfs.tar.gz   step 3 again with --no-nsenter and the exec root auto-detected
#   truth/                what the engine and the kernel say, to check the bundles against
#   state-stepN-{before,after}.txt   the namespace's network state around the collector run
#   dockerd.log, steps.log
set -eu

OUT=${1:?usage: engine-steps.sh OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
COLLECTOR=${COLLECTOR:-$HERE/../../collector/dockernet-collect.sh}
COLLECT_SHELL=${COLLECT_SHELL:-dash}
D=/run/dockernet
SOCK=$D/docker.sock
EXEC=$D/exec
SCENARIO=engine-steps
# shellcheck source=test/scripts/sandbox-guard.sh
. "$(dirname "$0")/sandbox-guard.sh"

# shellcheck source=test/scripts/engine-lib.sh
. "$HERE/engine-lib.sh"

sandbox_guard
mkdir -p "$OUT/truth"
OUT=$(cd "$OUT" && pwd)
# The PATH this scenario always had: whatever docker CLI comes first, the engine is Debian's.
ENGINE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
engine_world
# The "uplink": both ends stay here, the gateway answers nobody, no packet can leave.
ip link add eth0 type veth peer name uplink0
ip addr add 10.99.0.2/24 dev eth0
ip link set eth0 up
ip link set uplink0 up
ip route add default via 10.99.0.1 dev eth0

CONTAINERS_TO_REMOVE=whoami
# shellcheck disable=SC2119 # no dockerd option here
engine_start
engine_image

# shellcheck disable=SC1091 # test/scripts/netstate.sh
. "$HERE/netstate.sh"

collect() { # step-name label [extra options]
  _name=$1
  _label=$2
  shift 2
  netstate_settle "$OUT/state-$_name-before.txt" "$EXEC/netns" || die "the network state does not settle"
  log "collector: $_label"
  $COLLECT_SHELL "$COLLECTOR" --step "$_label" -o "$OUT/engine-$_name.tar.gz" "$@" >"$OUT/collect-$_name.log" 2>&1 ||
    die "collector failed: $(cat "$OUT/collect-$_name.log")"
  (set +e; netstate_snapshot "$EXEC/netns") >"$OUT/state-$_name-after.txt" 2>&1
  cat "$OUT/collect-$_name.log" >&2
}

truth() { # step-name
  _t=$OUT/truth/$1
  mkdir -p "$_t"
  ip -j -d link show >"$_t/host-ip-j-link.json"
  ip -j addr show >"$_t/host-ip-j-addr.json"
  # shellcheck disable=SC2046
  docker network inspect $(docker network ls -q) >"$_t/docker-network-inspect.json"
  docker ps -aq --no-trunc >"$_t/container-ids.txt"
  for c in $(docker ps -q); do
    _n=$(docker inspect --format '{{.Name}}' "$c" | tr -d /)
    _p=$(docker inspect --format '{{.State.Pid}}' "$c")
    docker inspect "$c" >"$_t/container-$_n-inspect.json"
    nsenter -t "$_p" -n ip -j addr show >"$_t/container-$_n-ip-j-addr.json"
  done
  ls "$EXEC/netns" >"$_t/netns.txt" 2>/dev/null || : >"$_t/netns.txt"
  for f in "$EXEC"/netns/*; do
    [ -e "$f" ] || continue
    nsenter --net="$f" ip -j addr show >"$_t/netns-$(basename "$f")-ip-j-addr.json"
  done
}

# --- step 2: the engine, no container
truth step2
collect step2 "Step 2: Docker engine, no container" --docker-exec-root "$EXEC"

# --- step 3: one container publishing port 60000 to 8080
docker run -d --name whoami -p 60000:8080 local/busybox httpd -f -p 8080 -h /www >/dev/null
PID3=$(docker inspect --format '{{.State.Pid}}' whoami)
wait_for 20 "httpd listening on 8080 in the container" sh -c "nsenter -t $PID3 -n netstat -tln | grep -q ':8080 '"
wait_for 20 "docker-proxy listening on 60000" sh -c "netstat -tln | grep -q ':60000 '"
truth step3
collect step3 "Step 3: one container publishing port 60000" --docker-exec-root "$EXEC"
log "collector: step 3 through procfs, exec root auto-detected"
$COLLECT_SHELL "$COLLECTOR" --step "Step 3 (procfs)" --no-nsenter -o "$OUT/engine-step3-procfs.tar.gz" \
  >"$OUT/collect-step3-procfs.log" 2>&1 || die "collector (procfs) failed"

# --- step 4: swarm init
docker swarm init --advertise-addr 10.99.0.2 >/dev/null
wait_for 40 "the ingress sandbox" test -e "$EXEC/netns/ingress_sbox"
wait_for 20 "docker_gwbridge" sh -c "docker network ls --format '{{.Name}}' | grep -qx docker_gwbridge"
wait_for 20 "the ingress network" sh -c "docker network ls --format '{{.Name}}' | grep -qx ingress"
truth step4
collect step4 "Step 4: docker swarm init" --docker-exec-root "$EXEC"
log "all steps captured"
