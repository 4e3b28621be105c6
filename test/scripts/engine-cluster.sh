#!/bin/sh
# shellcheck disable=SC2154 # per-node values (_e, _op, _a...) are read back through eval
# A three-node swarm cluster on real engines, isolated in fresh namespaces: one manager and two
# workers, an attachable overlay with a container on every node, a replicated service; a real
# probe across the overlay first, then the collector on every node (one bundle per node, named by
# host and time, in one folder) and the engines' own view as truth. Start it ONLY through
# unshare, as test/helpers/docker-engine.ts (captureCluster) does:
#
#   DOCKERNET_CLUSTER_ENGINES="20.10 28.5 28.5" \
#   unshare --net --mount --pid --fork --mount-proc --uts --kill-child sh engine-cluster.sh OUT
#
# DOCKERNET_CLUSTER_ENGINES: the engine of node1 node2 node3 (20.10 | 28.5 each, see engine-lib.sh);
# default: DOCKERNET_ENGINE (default 20.10) on all three. DOCKERNET_CLUSTER_ANSIBLE=1: also run
# collector/ansible/collect.yml against the nodes (see the end). DOCKERNET_CLUSTER_HOLD=SECONDS:
# keep the cluster up that long before tearing it down (debugging).
#
# Layout (every namespace below is made here; nothing outside the sandbox is touched):
#   this namespace (PID 1 of the sandbox)  only drives: lo, and the nodes' init PIDs
#   netns `switch`     bridge br0 10.99.0.254/24 (the underlay's "switch"; it routes nowhere)
#   nodeN (N = 1..3)   its own network, mount, UTS and PID namespaces (`unshare`, this script
#                      with --node N as PID 1): eth0 10.99.0.1N/24 (a veth to swN on br0), default
#                      route via 10.99.0.254, hostname nodeN, private /run, /etc/docker,
#                      /var/lib/docker and sysfs (engine_world of engine-lib.sh), one dockerd
# Swarm: node1 `swarm init --advertise-addr 10.99.0.11`, node2 and node3 join as workers.
# Overlay `ov` (attachable, 10.60.0.0/24): c1 on node1, c2 on node2, c3 on node3 (busybox httpd
# on 80). Service `web`: 3 replicas of busybox httpd on `ov`, port 8080 published (ingress).
#
# Time (2 cores): 31-41 s per cluster on a quiet machine, about 60 s under a load of 20; the
# playbook adds 30-45 s (its own capture of every node).
#
# Kernel limit: this kernel has no IPVS (no /proc/net/ip_vs, no module to load). The routing mesh
# (ingress_sbox, lb_* namespaces) and the service VIPs are set up by the engines but forward
# nothing: only the containers' own overlay addresses carry traffic, which is what the probe uses.
#
# The overlay probe comes first and fails the scenario when c1 (node1) cannot reach c2 (node2):
# ping and an HTTP GET of c2's overlay address, retried for up to 30 s while the engines' gossip
# programs the VXLAN forwarding entries.
#
# OUT receives:
#   bundles/dockernet-nodeN-<UTC time>.tar.gz   the collector's bundle of each node (run in parallel)
#   truth/cluster.json     nodes (name, engine, underlay address, role), overlay, probes
#   truth/nodeN/           the engine's and kernel's own view on nodeN (see node_truth below)
#   probes.json            the overlay probes (also in truth/cluster.json)
#   logs/                  nodeN.log (the node's script), collect-nodeN.log, dockerd-nodeN.log
#   ansible/               with DOCKERNET_CLUSTER_ANSIBLE=1: inventory.ini, playbook.log, rc,
#                          nodeN-{before,after}.txt, bundles/<UTC time>/ (the playbook's bundles)
#   timings.txt
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/engine-cluster.sh
COLLECTOR=${COLLECTOR:-$HERE/../../collector/dockernet-collect.sh}
COLLECT_SHELL=${COLLECT_SHELL:-dash}
D=/run/dockernet
SOCK=$D/docker.sock
EXEC=$D/exec
NET=10.99.0
SWITCH_IP=$NET.254
OVERLAY=ov
OVERLAY_SUBNET=10.60.0.0/24

# shellcheck source=test/scripts/sandbox-guard.sh
. "$HERE/sandbox-guard.sh"
# shellcheck source=test/scripts/engine-lib.sh
. "$HERE/engine-lib.sh"

node_ip() { printf '%s.1%s' "$NET" "$1"; }

# ---------------------------------------------------------------- one node (PID 1 of its namespaces)
# sh engine-cluster.sh --node N ENGINE NODE_DIR: the private world, the uplink (made by the
# driver, waited for here), the engine and the image; then it waits on dockerd until SIGTERM.
node_main() {
  N=$1
  DOCKERNET_ENGINE=$2
  OUT=$3
  _cluster=$4
  SCENARIO=cluster-node$N
  sandbox_guard
  engine_select
  : >"$OUT/started" # the driver adds eth0 only now: the guard saw an empty namespace
  engine_world
  # Private /tmp, /var/tmp and /root, as a real host has its own: whatever a run leaves on a
  # node (the playbook must leave nothing) can be listed. The cluster's output folder and this
  # repository (collector, scripts) stay visible at their own paths, even when under /tmp.
  _repo=$(cd "$HERE/../.." && pwd)
  _k=0
  for _keep in "$_cluster" "$_repo"; do
    mkdir -p "$D/keep/$_k"
    mount --bind "$_keep" "$D/keep/$_k"
    _k=$((_k + 1))
  done
  mount -t tmpfs -o mode=1777 tmpfs /tmp
  mount -t tmpfs -o mode=1777 tmpfs /var/tmp
  mount -t tmpfs -o mode=700 tmpfs /root
  _k=0
  for _keep in "$_cluster" "$_repo"; do
    mkdir -p "$_keep"
    mount --bind "$D/keep/$_k" "$_keep"
    _k=$((_k + 1))
  done
  hostname "node$N"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n%s\tnode%s\n' "$(node_ip "$N")" "$N" >"$D/hosts"
  wait_for 30 "the uplink eth0" ip link show eth0
  ip addr add "$(node_ip "$N")/24" dev eth0
  ip link set eth0 up
  ip route add default via "$SWITCH_IP" dev eth0
  # Also on the default socket, as on a real host: the playbook's collector finds it there.
  engine_start -H unix:///run/docker.sock
  printf '%s\n' "$CGROUP_PARENT" >"$OUT/cgroup"
  engine_image
  : >"$OUT/ready"
  wait "$DPID" || :
  die "dockerd exited"
}

# ---------------------------------------------------------------- truth, run inside node N
# sh engine-cluster.sh --truth N DIR: what the engine and the kernel of this node say.
node_truth() {
  N=$1
  T=$2
  mkdir -p "$T/ns"
  docker version --format '{{json .}}' >"$T/docker-version.json"
  docker info --format '{{json .}}' >"$T/docker-info.json"
  ip -j addr show dev eth0 >"$T/underlay-addr.json"
  node_ip "$N" >"$T/underlay-ip.txt"
  # Manager-only listings: on a worker the engine's refusal is the truth ("not a swarm manager").
  if docker node ls --format '{{json .}}' >"$T/node-ls.json" 2>"$T/node-ls.err"; then
    # shellcheck disable=SC2046
    docker node inspect $(docker node ls -q) >"$T/node-inspect.json"
    docker service ls --format '{{json .}}' >"$T/service-ls.json"
    # shellcheck disable=SC2046
    docker service ps --no-trunc --format '{{json .}}' $(docker service ls -q) >"$T/service-ps.json"
    # shellcheck disable=SC2046
    docker service inspect $(docker service ls -q) >"$T/service-inspect.json"
    rm -f "$T/node-ls.err"
  else
    rm -f "$T/node-ls.json"
  fi
  # shellcheck disable=SC2046
  docker network inspect --verbose $(docker network ls -q --filter driver=overlay) >"$T/network-inspect-verbose.json"
  # shellcheck disable=SC2046
  docker network inspect $(docker network ls -q) >"$T/network-inspect.json"
  _ids=$(docker ps -aq)
  # shellcheck disable=SC2086
  if [ -n "$_ids" ]; then docker inspect $_ids >"$T/container-inspect.json"; else echo '[]' >"$T/container-inspect.json"; fi
  ip -d -j link show >"$T/ip-link.json"
  bridge -j fdb show >"$T/fdb.json"
  # Docker's own namespaces: the overlays' (1-<network id>), ingress_sbox, lb_<network id>.
  for f in "$EXEC"/netns/*; do
    [ -e "$f" ] || continue
    [ "$(stat -f -c %T "$f")" = nsfs ] || continue
    d=$T/ns/$(basename "$f")
    mkdir -p "$d"
    stat -L -c %i "$f" >"$d/inode"
    nsenter --net="$f" ip -d -j link show >"$d/link.json"
    nsenter --net="$f" ip -j addr show >"$d/addr.json"
    nsenter --net="$f" ip -j neigh show >"$d/neigh.json"
    nsenter --net="$f" bridge -j fdb show >"$d/fdb.json"
  done
}

case ${1-} in
  --node)
    shift
    node_main "$@" # never returns: it waits on dockerd, then dies
    ;;
  --truth)
    shift
    node_truth "$@"
    exit 0
    ;;
esac

# ---------------------------------------------------------------- the driver (PID 1 of the sandbox)
OUT=${1:?usage: engine-cluster.sh OUT_DIR}
SCENARIO=engine-cluster
sandbox_guard
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
mkdir -p "$OUT/bundles" "$OUT/truth" "$OUT/logs" "$OUT/nodes"
START=$(date +%s%N)
lap() { printf '%s %s ms\n' "$1" $((($(date +%s%N) - START) / 1000000)) >>"$OUT/timings.txt"; }
: >"$OUT/timings.txt"

ENGINES=${DOCKERNET_CLUSTER_ENGINES:-"${DOCKERNET_ENGINE:-20.10} ${DOCKERNET_ENGINE:-20.10} ${DOCKERNET_ENGINE:-20.10}"}
# shellcheck disable=SC2086
set -- $ENGINES
[ $# = 3 ] || die "DOCKERNET_CLUSTER_ENGINES must name 3 engines, not '$ENGINES'"
NODES="1 2 3"
for N in $NODES; do
  eval "_e=\$$N"
  # The node's PATH (its own engine's CLI first), from engine-lib's choice.
  _p=$(DOCKERNET_ENGINE=$_e && engine_select && printf '%s' "$ENGINE_PATH")
  eval "ENGINE$N=\$_e NPATH$N=\$_p"
done

mount --make-rprivate /
mount -t tmpfs -o mode=755 tmpfs /run
ip link set lo up
ip netns add switch
ip -n switch link set lo up
ip -n switch link add br0 type bridge
ip -n switch addr add "$SWITCH_IP/24" dev br0
ip -n switch link set br0 up
# The nodes' resolver (engine_world's neutral 192.0.2.53) answers from the switch with "port
# unreachable": a worker's task pulls its image from the registry first, and a lookup that
# times out instead would hold every task for 20 s. Nothing leaves the sandbox either way.
ip -n switch addr add 192.0.2.53/32 dev lo

# on N COMMAND...: run a command inside node N's namespaces with its engine's CLI.
on() {
  eval "_op=\$INIT$1 _oe=\$NPATH$1"
  shift
  nsenter -t "$_op" -n -m -u -p env -i PATH="$_oe" HOME="$D" DOCKER_HOST="unix://$SOCK" \
    DOCKER_CONFIG="$D/cli" "$@"
}

cluster_cleanup() {
  _rc=$?
  set +e
  trap - EXIT
  # For a person debugging a run: keep the cluster up this many seconds before tearing it down
  # (enter a node from outside with nsenter -t <pid of `sh ... --node N`> -n -m -u -p).
  if [ -n "${DOCKERNET_CLUSTER_HOLD-}" ]; then
    log "holding the cluster for $DOCKERNET_CLUSTER_HOLD s (DOCKERNET_CLUSTER_HOLD)"
    sleep "$DOCKERNET_CLUSTER_HOLD"
  fi
  for N in $NODES; do
    eval "_i=\${INIT$N-}"
    if [ -z "$_i" ] || ! kill -0 "$_i" 2>/dev/null; then continue; fi
    # Containers first (busybox httpd ignores SIGTERM as PID 1: dockerd would wait for each).
    (
      [ "$N" = 1 ] && on 1 docker service rm web >/dev/null 2>&1
      _ids=$(on "$N" docker ps -aq)
      # shellcheck disable=SC2086
      [ -n "$_ids" ] && on "$N" docker rm -f $_ids >/dev/null 2>&1
      log "node$N: SIGTERM to its init (pid $_i)"
      kill -TERM "$_i"
    ) &
    _jobs="${_jobs-} $!"
  done
  # Only these jobs: a bare `wait` would also wait for the nodes' unshare processes.
  for _j in ${_jobs-}; do wait "$_j"; done
  for N in $NODES; do
    eval "_u=\${UNSHARE$N-}"
    [ -n "$_u" ] || continue
    wait_or_kill "$_u" 25 "node$N's unshare"
    # A node killed hard leaves its cgroup folders.
    remove_cgroups "$(cat "$OUT/nodes/node$N/cgroup" 2>/dev/null)"
  done
  log "done (exit $_rc)"
  exit "$_rc"
}
trap cluster_cleanup EXIT
trap 'exit 130' INT TERM

# --- the nodes: each its own namespaces, a veth to the switch
for N in $NODES; do
  eval "_e=\$ENGINE$N"
  mkdir -p "$OUT/nodes/node$N"
  unshare --net --mount --uts --pid --fork --mount-proc --kill-child \
    sh "$SELF" --node "$N" "$_e" "$OUT/nodes/node$N" "$OUT" 2>"$OUT/logs/node$N.log" &
  eval "UNSHARE$N=\$!"
done
# Waits for a node to write its marker file, failing at once if the node's unshare exited.
await_node() { # N marker seconds what
  eval "_u=\$UNSHARE$1"
  _n=0
  until [ -e "$OUT/nodes/node$1/$2" ]; do
    kill -0 "$_u" 2>/dev/null || die "node$1 exited: $(tail -n 5 "$OUT/logs/node$1.log")"
    _n=$((_n + 1))
    [ $_n -lt $(($3 * 10)) ] || die "node$1 $4 in $3 s"
    sleep 0.1
  done
}
for N in $NODES; do
  await_node "$N" started 30 "did not start"
  # The node's init, as this namespace sees it: unshare's only child.
  _i=$(cat "/proc/$_u/task/$_u/children")
  _i=${_i%% *}
  [ -n "$_i" ] || die "no init process under node$N's unshare ($_u)"
  eval "INIT$N=\$_i"
  ip link add "sw$N" type veth peer name eth0 netns "$_i"
  ip link set "sw$N" netns switch
  ip -n switch link set "sw$N" master br0 up
done
for N in $NODES; do
  await_node "$N" ready 90 "engine was not ready"
  log "node$N ready: Docker $(on "$N" docker version --format '{{.Server.Version}}') at $(node_ip "$N")"
done
lap engines

# --- the swarm: node1 manager, node2 and node3 workers
on 1 docker swarm init --advertise-addr "$(node_ip 1)" >/dev/null
TOKEN=$(on 1 docker swarm join-token -q worker)
# bg COMMAND...: in the background, its PID kept in JOBS; waitjobs waits for those only (a bare
# `wait` would wait for the nodes' unshare processes too).
JOBS=
bg() {
  "$@" &
  JOBS="$JOBS $!"
}
waitjobs() {
  for _j in $JOBS; do wait "$_j" || die "$1"; done
  JOBS=
}
for N in 2 3; do
  bg on "$N" docker swarm join --token "$TOKEN" --advertise-addr "$(node_ip "$N")" "$(node_ip 1):2377" >/dev/null
done
waitjobs "a swarm join failed"
all_ready() { [ "$(on 1 docker node ls --format '{{.Status}}' | grep -c '^Ready$')" = 3 ]; }
wait_for 60 "three Ready nodes" all_ready
lap swarm

# --- the overlay, one container on each node
on 1 docker network create -d overlay --attachable --subnet "$OVERLAY_SUBNET" "$OVERLAY" >/dev/null
for N in $NODES; do
  bg on "$N" docker run -d --name "c$N" --network "$OVERLAY" local/busybox httpd -f -h /www -p 80 >/dev/null
done
waitjobs "a docker run on the overlay failed"
for N in $NODES; do
  on "$N" docker inspect --format '{{.State.Running}}' "c$N" | grep -qx true || die "c$N is not running on node$N"
done
ov_ip() { on "$1" docker inspect --format "{{(index .NetworkSettings.Networks \"$OVERLAY\").IPAddress}}" "c$1"; }
for N in $NODES; do eval "CIP$N=\$(ov_ip $N)"; done
lap containers

# --- the probes across the overlay: c1 -> c2 must work (else nothing after this is worth reading)
# probe FROM TO KIND: ping | http (GET of c<TO>'s overlay address) | dns (GET of http://c<TO>/,
# the name resolved by the engine's embedded DNS). busybox-static's `wget -T` segfaults (exit
# 139): its own `timeout` bounds it instead.
probe() {
  eval "_a=\$CIP$2"
  case $3 in
    ping) on "$1" docker exec "c$1" ping -c 1 -W 2 "$_a" >/dev/null 2>&1 ;;
    http) on "$1" docker exec "c$1" timeout 5 wget -q -O - "http://$_a/" 2>/dev/null | grep -q whoami ;;
    dns) on "$1" docker exec "c$1" timeout 5 wget -q -O - "http://c$2/" 2>/dev/null | grep -q whoami ;;
  esac
}
PROBES=
record() { # from to kind result tries
  eval "_a=\$CIP$2"
  PROBES="$PROBES${PROBES:+,}
    { \"from\": \"c$1\", \"fromNode\": \"node$1\", \"to\": \"c$2\", \"toNode\": \"node$2\", \"address\": \"$_a\", \"kind\": \"$3\", \"result\": \"$4\", \"tries\": $5 }"
}
for kind in ping http; do
  _t=0
  until probe 1 2 $kind; do
    _t=$((_t + 1))
    [ $_t -lt 30 ] || {
      record 1 2 $kind fail $_t
      printf '[%s\n]\n' "$PROBES" >"$OUT/probes.json"
      die "no $kind from c1 (node1) to c2 (node2, $CIP2) over the overlay after $_t tries"
    }
    sleep 1
  done
  record 1 2 $kind ok $((_t + 1))
done
log "overlay probe c1 (node1) -> c2 (node2) $CIP2: ping and http ok"
# The other pairs: recorded, not required (the test reads them).
for pair in 1:2:dns 1:3:http 2:1:http 2:3:http 3:1:http 3:2:http; do
  f=${pair%%:*} t=${pair#*:} k=${pair##*:}
  t=${t%%:*}
  if probe "$f" "$t" "$k"; then record "$f" "$t" "$k" ok 1; else record "$f" "$t" "$k" fail 1; fi
done
printf '[%s\n]\n' "$PROBES" >"$OUT/probes.json"
lap probes

# --- a replicated service with a published port (the routing mesh's namespaces; no IPVS to forward)
on 1 docker service create --detach --no-resolve-image --name web --replicas 3 \
  --network "$OVERLAY" --publish published=8080,target=80 local/busybox httpd -f -h /www -p 80 >/dev/null
tasks_running() { [ "$(on 1 docker service ps web --filter desired-state=running --format '{{.CurrentState}}' | grep -c '^Running')" = 3 ]; }
# Not fatal: what the engines made of it is recorded either way.
_n=0
until tasks_running || [ $_n -ge 60 ]; do
  sleep 1
  _n=$((_n + 1))
done
SERVICE_STATE=$(on 1 docker service ps web --format '{{.Node}} {{.CurrentState}} {{.Error}}' | tr '\n' ';')
log "service web: $SERVICE_STATE"
lap service

# --- the story the reachability tests read (test/cluster-reach-probes.test.ts), set up before the
# capture so that the bundles hold it: node3's host firewall drops VXLAN (udp/4789) from node2
# only, so every connection between a container on node2 and one on node3 times out (either
# way: the answer crosses the tunnel too) while node1 reaches both; and c1's own firewall drops
# tcp/80 from c3's overlay address. Recorded in truth/cluster.json (`story`).
on 3 iptables -I INPUT -s "$(node_ip 2)" -p udp --dport 4789 -j DROP
C1PID=$(on 1 docker inspect --format '{{.State.Pid}}' c1)
on 1 nsenter -t "$C1PID" -n iptables -I INPUT -s "$CIP3" -p tcp --dport 80 -j DROP
STORY="
    { \"node\": \"node3\", \"namespace\": \"host\", \"rule\": \"-I INPUT -s $(node_ip 2) -p udp --dport 4789 -j DROP\" },
    { \"node\": \"node1\", \"namespace\": \"container:c1\", \"rule\": \"-I INPUT -s $CIP3 -p tcp --dport 80 -j DROP\" }"
lap story

# --- the collector on every node, in parallel, into one folder
for N in $NODES; do
  eval "_e=\$ENGINE$N"
  on "$N" "$COLLECT_SHELL" "$COLLECTOR" --step "Cluster node$N (Docker $_e)" --docker-exec-root "$EXEC" \
    -o "$OUT/bundles/" >"$OUT/logs/collect-node$N.log" 2>&1 &
  eval "CPID$N=\$!"
done
for N in $NODES; do
  eval "_c=\$CPID$N"
  wait "$_c" || die "collector failed on node$N: $(cat "$OUT/logs/collect-node$N.log")"
  log "node$N: $(head -n 1 "$OUT/logs/collect-node$N.log")"
done
[ "$(find "$OUT/bundles" -name 'dockernet-node*.tar.gz' | wc -l)" = 3 ] || die "expected 3 bundles in $OUT/bundles"
lap collector

# --- truth, after the collector
for N in $NODES; do
  on "$N" sh "$SELF" --truth "$N" "$OUT/truth/node$N"
done
{
  printf '{\n  "overlay": { "name": "%s", "subnet": "%s" },\n  "service": { "name": "web", "state": "%s" },\n  "nodes": [' \
    "$OVERLAY" "$OVERLAY_SUBNET" "$SERVICE_STATE"
  _sep=
  for N in $NODES; do
    eval "_e=\$ENGINE$N _c=\$CIP$N"
    _role=worker
    [ "$N" = 1 ] && _role=manager
    _v=$(on "$N" docker version --format '{{.Server.Version}}')
    printf '%s\n    { "name": "node%s", "engine": "%s", "version": "%s", "role": "%s", "underlay": "%s", "container": "c%s", "containerOverlayIp": "%s" }' \
      "$_sep" "$N" "$_e" "$_v" "$_role" "$(node_ip "$N")" "$N" "$_c"
    _sep=,
  done
  printf '\n  ],\n  "story": [%s\n  ],\n  "probes": ' "$STORY"
  cat "$OUT/probes.json"
  printf '}\n'
} >"$OUT/truth/cluster.json"
lap truth

# --- real probes after the capture, from every container on the overlay (c1..c3 and the web
# tasks) to every other one's overlay address: tcp/80 (busybox httpd) and tcp/81 (closed), with
# probe.mjs inside each container's network namespace (connect() with a 400 ms limit, a timeout
# confirmed by a second 1 s try). reach-probes.json has the shape of src/cluster/reach-probes.ts.
NODE=$(command -v node)
P=$OUT/reach-probes
mkdir -p "$P"
: >"$P/endpoints"
for N in $NODES; do
  for _c in $(on "$N" docker ps --filter "network=$OVERLAY" --format '{{.Names}}'); do
    _ip=$(on "$N" docker inspect --format "{{(index .NetworkSettings.Networks \"$OVERLAY\").IPAddress}}" "$_c")
    _pid=$(on "$N" docker inspect --format '{{.State.Pid}}' "$_c")
    printf '%s %s %s %s\n' "$N" "$_c" "$_ip" "$_pid" >>"$P/endpoints"
  done
done
while read -r N _c _ip _pid; do
  _t=
  while read -r _n2 _c2 _ip2 _p2; do
    [ "$_c2" = "$_c" ] && continue
    _t="$_t${_t:+,}{\"address\":\"$_ip2\",\"port\":80,\"proto\":\"tcp\",\"node\":\"node$_n2\",\"container\":\"$_c2\"}"
    _t="$_t,{\"address\":\"$_ip2\",\"port\":81,\"proto\":\"tcp\",\"node\":\"node$_n2\",\"container\":\"$_c2\"}"
  done <"$P/endpoints"
  printf '[%s]\n' "$_t" >"$P/$_c.targets.json"
  printf '{"kind":"container","name":"%s","node":"node%s"}\n' "$_c" "$N" >"$P/$_c.from.json"
  on "$N" nsenter -t "$_pid" -n "$NODE" "$HERE/probe.mjs" run <"$P/$_c.targets.json" >"$P/$_c.results.json" ||
    die "probes from $_c (node$N) failed"
done <"$P/endpoints"
"$NODE" "$HERE/probe.mjs" combine "$P" "$ENGINES" "$OUT/reach-probes.json" || die "combining the probes failed"
lap reach-probes

# --- the Ansible playbook (collector/ansible/collect.yml), run by Debian's ansible-playbook from
# this namespace against the three nodes through test/ansible/connection_plugins/nsenter.py:
# nothing but nsenter, no sshd, no traffic. What the nodes' private /tmp, /var/tmp and /root hold
# is listed before and after (ansible/nodeN-{before,after}.txt); the playbook's exit status is in
# ansible/rc (the test reads both: a failed playbook does not fail the cluster scenario).
if [ "${DOCKERNET_CLUSTER_ANSIBLE:-0}" = 1 ]; then
  command -v ansible-playbook >/dev/null 2>&1 || die "DOCKERNET_CLUSTER_ANSIBLE=1 but no ansible-playbook"
  A=$OUT/ansible
  REPO=$(cd "$HERE/../.." && pwd)
  mkdir -p "$A/home" "$A/bundles"
  {
    echo '[nodes]'
    for N in $NODES; do
      eval "_i=\$INIT$N"
      eval "_p=\$NPATH$N"
      echo "node$N ansible_nsenter_pid=$_i ansible_nsenter_path=$_p"
    done
    echo '[nodes:vars]'
    echo 'ansible_connection=nsenter'
    echo 'ansible_python_interpreter=/usr/bin/python3'
    # Root already: su from root to root asks for no password (there is no sudo here).
    echo 'ansible_become_method=su'
  } >"$A/inventory.ini"
  leftovers() { on "$1" find /tmp /var/tmp /root -xdev -mindepth 1 | sort; }
  for N in $NODES; do leftovers "$N" >"$A/node$N-before.txt"; done
  set +e
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$A/home" LANG=C.UTF-8 \
    ANSIBLE_CONNECTION_PLUGINS="$REPO/test/ansible/connection_plugins" ANSIBLE_LOCAL_TEMP="$A/home/tmp" \
    ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_PIPELINING=1 \
    ansible-playbook -i "$A/inventory.ini" "$REPO/collector/ansible/collect.yml" --forks 3 \
    -e "{\"dockernet_dest\": \"$A/bundles\", \"dockernet_timeout\": 120, \"dockernet_step\": \"Cluster, via Ansible\"}" \
    >"$A/playbook.log" 2>&1
  echo $? >"$A/rc"
  set -e
  for N in $NODES; do leftovers "$N" >"$A/node$N-after.txt"; done
  log "ansible-playbook exit $(cat "$A/rc"): $(find "$A/bundles" -name '*.tar.gz' | wc -l) bundles"
  lap ansible
fi
for N in $NODES; do cp "$OUT/nodes/node$N/dockerd.log" "$OUT/logs/dockerd-node$N.log" 2>/dev/null || :; done
log "cluster ($ENGINES): $(tr '\n' ' ' <"$OUT/timings.txt")"
