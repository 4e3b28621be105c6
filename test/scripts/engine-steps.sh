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
CGROUP_PARENT=dockernet-sandbox-$(date +%s)-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')

SCENARIO=engine-steps
# shellcheck source=test/scripts/sandbox-guard.sh
. "$(dirname "$0")/sandbox-guard.sh"

sandbox_guard
mkdir -p "$OUT/truth"
OUT=$(cd "$OUT" && pwd)

# --- a private world: /run, /etc/docker and /var/lib/docker on tmpfs, fresh sysfs
mount --make-rprivate /
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p $D
# Shadow a folder with an empty tmpfs; when it does not exist, overlay its parent (upper on
# tmpfs) so that it can be created without touching the machine's disk.
shadow() {
  if [ -d "$1" ]; then
    mount -t tmpfs -o mode=755 tmpfs "$1"
  else
    _p=$(dirname "$1")
    _t=$D/overlay$(printf '%s' "$_p" | tr / _)
    mkdir -p "$_t/upper" "$_t/work"
    mount -t overlay overlay -o "lowerdir=$_p,upperdir=$_t/upper,workdir=$_t/work" "$_p"
    mkdir -p "$1"
  fi
}
shadow /etc/docker
shadow /var/lib/docker
mkdir -p $D/cg
mount --rbind /sys/fs/cgroup $D/cg
mount -t sysfs sysfs /sys
mount --move $D/cg /sys/fs/cgroup

hostname dockernet-lab
# Neutral name service files, so that no address of the machine ends up in the bundles.
printf 'nameserver 192.0.2.53\n' >$D/resolv.conf
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.99.0.2\tdockernet-lab\n' >$D/hosts
mount --bind $D/resolv.conf /etc/resolv.conf
mount --bind $D/hosts /etc/hosts
# No DAD: addresses must not change state between two snapshots of the same step.
echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
ip link set lo up
# The "uplink": both ends stay here, the gateway answers nobody, no packet can leave.
ip link add eth0 type veth peer name uplink0
ip addr add 10.99.0.2/24 dev eth0
ip link set eth0 up
ip link set uplink0 up
ip route add default via 10.99.0.1 dev eth0

# --- the engine
mkdir -p $D/data $EXEC $D/cli
log "starting dockerd (cgroup parent $CGROUP_PARENT)"
env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=$D \
  dockerd --data-root $D/data --exec-root $EXEC --pidfile $D/dockerd.pid -H "unix://$SOCK" \
  --storage-driver vfs --cgroup-parent "$CGROUP_PARENT" --shutdown-timeout 3 \
  >"$OUT/dockerd.log" 2>&1 &
DPID=$!
export DOCKER_HOST="unix://$SOCK" DOCKER_CONFIG=$D/cli

cleanup() {
  _rc=$?
  set +e
  if kill -0 "$DPID" 2>/dev/null; then
    docker rm -f whoami >/dev/null 2>&1
    log "stopping dockerd (pid $DPID) with SIGTERM"
    kill -TERM "$DPID"
    _i=0
    while kill -0 "$DPID" 2>/dev/null && [ $_i -lt 200 ]; do
      sleep 0.1
      _i=$((_i + 1))
    done
    if kill -0 "$DPID" 2>/dev/null; then
      log "dockerd still running after 20 s: SIGKILL"
      kill -KILL "$DPID"
    fi
    wait "$DPID" 2>/dev/null
  fi
  # dockerd's cgroup folders are the only thing it made outside these namespaces.
  find /sys/fs/cgroup -depth -type d -name "$CGROUP_PARENT" 2>/dev/null | while read -r _cg; do
    find "$_cg" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  log "done (exit $_rc)"
  exit $_rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # seconds description command...
  _n=$(($1 * 10))
  _what=$2
  shift 2
  while ! "$@" >/dev/null 2>&1; do
    _n=$((_n - 1))
    [ $_n -gt 0 ] || die "timed out waiting for $_what"
    kill -0 "$DPID" 2>/dev/null || die "dockerd exited (see dockerd.log)"
    sleep 0.1
  done
}
wait_for 30 "the docker socket" docker version
log "engine ready: $(docker version --format '{{.Server.Version}}')"

# --- an image, offline: busybox-static with relative symlinks for its applets
R=$D/rootfs
mkdir -p $R/bin $R/etc $R/tmp $R/www
cp /bin/busybox $R/bin/busybox
for a in $($R/bin/busybox --list); do
  [ "$a" = busybox ] || ln -s busybox "$R/bin/$a"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >$R/etc/passwd
printf '<h1>whoami</h1>\n' >$R/www/index.html
tar -C $R -c . | docker import - local/busybox >/dev/null
log "image local/busybox imported"

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
