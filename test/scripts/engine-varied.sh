#!/bin/sh
# A varied Docker host on a real engine, isolated in fresh namespaces: the collector's bundle,
# then ground truth from the engine and the kernel, then real packet probes. Start it ONLY
# through unshare, as test/helpers/docker-engine.ts (captureVaried) does:
#
#   DOCKERNET_ENGINE=28.5 DOCKERNET_USERLAND_PROXY=false \
#   unshare --net --mount --pid --fork --mount-proc --uts --kill-child sh engine-varied.sh OUT
#
# DOCKERNET_ENGINE=20.10 (Debian's docker.io, default) | 28.5 ($DOCKERNET_DOCKER28, default
# /opt/dockernet/docker28/root); DOCKERNET_USERLAND_PROXY=true (default) | false, written to
# /etc/docker/daemon.json (on a tmpfs of this mount namespace) as "userland-proxy".
#
# The host (this namespace): eth0 10.99.0.2/24 + fd99::2/64, default routes via the namespace
# `lan` (10.99.0.1, fd99::1, which routes 172.16.0.0/12 and fd00::/8 back to the host so the
# "LAN" can try container addresses directly); a ufw-like INPUT (policy DROP; lo, ESTABLISHED,
# tcp/22, ICMPv6 accepted) in iptables and ip6tables; host listeners on tcp 22 and 8081 (8081
# blocked by INPUT) and a UDP echo on 5354 (blocked by INPUT too; db echoes on udp 5353).
# Containers (all busybox httpd unless said):
#   default bridge  whoami -p 60000:8080 -p 5353:5353/udp (UDP echo: see probe.mjs udp-echo,
#                   run by nsenter in whoami's namespace: busybox has no UDP server)
#   appnet (IPv4 172.20.0.0/24 + IPv6 fd00:db8:1::/64)
#                   orders-api -p 8080:8080 (0.0.0.0 and ::), also on backend;
#                   sidecar --network container:orders-api (listener 9091);
#                   admin -p 127.0.0.1:9000:80
#   backend (--internal, 172.21.0.0/24)        db (listener 5432)
#   quiet (enable_icc=false, 172.22.0.0/24)    q1, q2 (listener 80)
#   lanmv (macvlan on eth0, 10.99.0.0/24 gw 10.99.0.1, range 10.99.0.128/25)   mv1 (listener 80)
#   hostnet --network host (listener 8088), nonet --network none, job (exited), pending (created)
#   swarm (advertise 10.99.0.2), attachable overlay ovl (10.50.0.0/24): ovl-client -p 8089:80
# DOCKER-USER: the "admin" drops the LAN (-i eth0) to orders-api's 8080 (IPv4 only).
# Stale namespace file: <exec-root>/netns/5ta1e0000000, made the way a lost bind mount leaves
# one: an empty file once bind-mounted over a namespace, then unmounted (nsfs gone, file kept).
#
# Engine differences (adapted, not hidden; measured on these runs):
# - 20.10 writes no ip6tables rules by default: IPv6 published ports are docker-proxy on [::]
#   (and the ufw-like ip6tables INPUT drops them); 28.5 writes ip6tables DNAT to the container's
#   IPv6 address (only orders-api has one). With userland-proxy=false 28.5 publishes on :: only
#   the containers that have an IPv6 address (6 bindings instead of 9).
# - 20.10 sometimes (a race in its cleanup, about one run in two) leaves the exited container's
#   (job's) sandbox file under netns/, unmounted, and keeps it as its SandboxKey: a second stale
#   file made by the engine itself. Not seen with 28.5.
# - 20.10 gives the --internal network's containers a default route (via its gateway); 28.5 none.
# - 20.10 lets the LAN reach container addresses directly (172.17.0.2:8080 connects); 28.5's raw
#   PREROUTING rules drop that.
# - The kernel here has no IPVS: swarm's routing mesh and lb_* load balancing exist but do not
#   forward, and ipvsadm is not run. Ports published by an overlay container (8089) go through
#   docker_gwbridge and work.
# Probe results "timeout" and "unreachable" both mean "not delivered": a destination whose ARP
# fails gives one or the other depending on the neighbour cache's state at that moment.
#
# OUT receives: varied.tar.gz (the collector's bundle), collect.log, truth/ (see below),
# probes.json (probe.mjs), dockerd.log, timings.txt.
set -eu

OUT=${1:?usage: engine-varied.sh OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
COLLECTOR=${COLLECTOR:-$HERE/../../collector/dockernet-collect.sh}
COLLECT_SHELL=${COLLECT_SHELL:-dash}
D=/run/dockernet
SOCK=$D/docker.sock
EXEC=$D/exec
UP=${DOCKERNET_USERLAND_PROXY:-true}
NODE=$(command -v node)

SCENARIO=engine-varied
# shellcheck source=test/scripts/sandbox-guard.sh
. "$HERE/sandbox-guard.sh"
# shellcheck source=test/scripts/engine-lib.sh
. "$HERE/engine-lib.sh"

sandbox_guard
case $UP in true | false) ;; *) die "DOCKERNET_USERLAND_PROXY must be true or false" ;; esac
mkdir -p "$OUT/truth"
OUT=$(cd "$OUT" && pwd)
START=$(date +%s%N)
lap() { printf '%s %s ms\n' "$1" $((($(date +%s%N) - START) / 1000000)) >>"$OUT/timings.txt"; }
: >"$OUT/timings.txt"

engine_select
engine_world

# --- the uplink and the LAN
engine_lan

# --- a host firewall like ufw's, before the engine (as at boot)
for ipt in iptables ip6tables; do
  $ipt -P INPUT DROP
  $ipt -A INPUT -i lo -j ACCEPT
  $ipt -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  $ipt -A INPUT -p tcp --dport 22 -j ACCEPT
done
# ufw accepts the ICMPv6 that IPv6 needs to work at all (neighbour discovery).
ip6tables -A INPUT -p ipv6-icmp -j ACCEPT
mkdir -p "$D/www"
printf 'host\n' >"$D/www/index.html"
busybox httpd -f -p 22 -h "$D/www" &
busybox httpd -f -p 8081 -h "$D/www" &

# --- the engine
printf '{ "userland-proxy": %s, "log-level": "info" }\n' "$UP" >/etc/docker/daemon.json
CONTAINERS_TO_REMOVE="whoami orders-api sidecar admin db q1 q2 mv1 hostnet nonet job pending ovl-client"
# shellcheck disable=SC2119 # options come from daemon.json
engine_start
engine_image
lap engine
ENGINE=$(docker version --format '{{.Server.Version}}')

run() { docker run -d "$@" >/dev/null; }
# web NAME PORT [docker run options]: busybox httpd on PORT
web() {
  _n=$1 _port=$2
  shift 2
  run --name "$_n" "$@" local/busybox httpd -f -h /www -p "$_port"
}
web whoami 8080 -p 60000:8080 -p 5353:5353/udp
docker network create --ipv6 --subnet fd00:db8:1::/64 --subnet 172.20.0.0/24 appnet >/dev/null
docker network create --internal --subnet 172.21.0.0/24 backend >/dev/null
docker network create -o com.docker.network.bridge.enable_icc=false --subnet 172.22.0.0/24 quiet >/dev/null
docker network create -d macvlan -o parent=eth0 --subnet 10.99.0.0/24 --gateway 10.99.0.1 \
  --ip-range 10.99.0.128/25 lanmv >/dev/null
# Independent containers in parallel (the engine serialises what it must); then the sharer and
# the second network of orders-api, which need orders-api.
PIDS=
bg() {
  "$@" &
  PIDS="$PIDS $!"
}
bg web orders-api 8080 --network appnet -p 8080:8080
bg web admin 80 --network appnet -p 127.0.0.1:9000:80
bg web db 5432 --network backend
bg web q1 80 --network quiet
bg web q2 80 --network quiet
bg web mv1 80 --network lanmv
bg web hostnet 8088 --network host
bg run --name nonet --network none local/busybox sleep 100000
bg docker run --name job local/busybox true
bg docker create --name pending local/busybox sleep 1
for j in $PIDS; do wait "$j" || die "a docker run or create failed"; done
web sidecar 9091 --network container:orders-api
docker network connect backend orders-api
lap containers

# The "admin"'s rule: the LAN may not reach orders-api's 8080 (IPv4 only, as admins often forget).
ORDERS_IP=$(docker inspect --format '{{(index .NetworkSettings.Networks "appnet").IPAddress}}' orders-api)
iptables -I DOCKER-USER -i eth0 -d "$ORDERS_IP" -p tcp --dport 8080 -j DROP

docker swarm init --advertise-addr 10.99.0.2 >/dev/null
wait_for 40 "the ingress sandbox" test -e "$EXEC/netns/ingress_sbox"
docker network create -d overlay --attachable --subnet 10.50.0.0/24 ovl >/dev/null
web ovl-client 80 --network ovl -p 8089:80
lap swarm

# The UDP responder in whoami's namespace.
WPID=$(docker inspect --format '{{.State.Pid}}' whoami)
nsenter -t "$WPID" -n "$NODE" "$HERE/probe.mjs" udp-echo 5353 &
# More UDP responders (test/reach-probes.test.ts): a UDP probe without a reply is conclusive only
# when the service answers someone, so the host (5354, not accepted by the ufw-like INPUT) and
# db on the internal network (5353) echo too.
"$NODE" "$HERE/probe.mjs" udp-echo 5354 2>"$OUT/echo-host.log" &
DBPID=$(docker inspect --format '{{.State.Pid}}' db)
nsenter -t "$DBPID" -n "$NODE" "$HERE/probe.mjs" udp-echo 5353 2>"$OUT/echo-db.log" &

# A stale namespace file: bind-mount a namespace on an empty file, then lose the mount.
ip netns add stale-maker
touch "$EXEC/netns/5ta1e0000000"
mount --bind /run/netns/stale-maker "$EXEC/netns/5ta1e0000000"
umount "$EXEC/netns/5ta1e0000000"
ip netns delete stale-maker

# Every listener up before the capture.
listening() { # container port
  _p=$(docker inspect --format '{{.State.Pid}}' "$1")
  nsenter -t "$_p" -n ss -Hltnu | grep -q ":$2 "
}
for cp in whoami:8080 whoami:5353 orders-api:8080 orders-api:9091 admin:80 db:5432 q1:80 q2:80 \
  mv1:80 hostnet:8088 ovl-client:80; do
  wait_for 20 "$cp listening" listening "${cp%:*}" "${cp#*:}"
done
for p in 22 8081; do wait_for 10 "host listener $p" sh -c "ss -Hltn | grep -q ':$p '"; done
wait_for 20 "host udp echo 5354" sh -c "ss -Hlun | grep -q ':5354 '"
wait_for 20 "db udp echo 5353 (see echo-db.log)" listening db 5353
lap listeners

# --- the collector
log "collector ($COLLECT_SHELL)"
$COLLECT_SHELL "$HERE/../../collector/dockernet-collect.sh" --step "Varied host, Docker $ENGINE, userland-proxy $UP" \
  --docker-exec-root "$EXEC" -o "$OUT/varied.tar.gz" >"$OUT/collect.log" 2>&1 ||
  die "collector failed: $(cat "$OUT/collect.log")"
cat "$OUT/collect.log" >&2
lap collector

# --- ground truth, from the engine and the kernel, after the collector
T=$OUT/truth
mkdir -p "$T/ns"
docker version --format '{{json .}}' >"$T/docker-version.json"
docker info --format '{{json .}}' >"$T/docker-info.json"
# shellcheck disable=SC2046
docker inspect $(docker ps -aq) >"$T/docker-inspect.json"
# shellcheck disable=SC2046
docker network inspect --verbose $(docker network ls -q) >"$T/docker-network-inspect.json"
cp /etc/docker/daemon.json "$T/daemon.json"
HOST_INODE=$(stat -L -c %i /proc/self/ns/net)
printf '{ "engine": "%s", "userlandProxy": %s, "hostInode": %s, "execRoot": "%s" }\n' \
  "$ENGINE" "$UP" "$HOST_INODE" "$EXEC" >"$T/meta.json"

# Every namespace gets a name under this sandbox's /run/netns (once per inode), so that the
# kernel itself maps each link_netnsid to a namespace (`ip -n NAME netns list-id`).
: >"$T/netns.tsv"
: >"$T/members.tsv"
: >"$T/stale.tsv"
name_ns host /proc/self/ns/net host
name_ns lan /run/netns/lan lan
# Owners first, so that a shared namespace is named after the container that made it.
for pass in owners sharers; do
  # shellcheck disable=SC2046
  docker inspect --format '{{.Name}} {{.State.Pid}} {{.HostConfig.NetworkMode}}' $(docker ps -q) |
    while read -r n p mode; do
      case $mode in container:*) kind=sharers ;; *) kind=owners ;; esac
      [ "$kind" = "$pass" ] || continue
      n=${n#/}
      name_ns "c-$n" "/proc/$p/ns/net" "container:$n"
    done
done
for f in "$EXEC"/netns/*; do
  if [ "$(stat -f -c %T "$f")" != nsfs ]; then
    printf '%s\t%s\n' "$f" "$(stat -c '%F, %s bytes, on %m' "$f") $(stat -f -c '(%T)' "$f")" >>"$T/stale.tsv"
    continue
  fi
  name_ns "d-$(basename "$f")" "$f" "file:$f"
done
while IFS='	' read -r name inode path; do
  d=$T/ns/$name
  mkdir -p "$d"
  echo "$inode" >"$d/inode"
  ip -n "$name" -j -d link show >"$d/link.json"
  ip -n "$name" -j addr show >"$d/addr.json"
  ip -n "$name" -4 -j route show table all >"$d/route4.json"
  ip -n "$name" -j -6 route show table all >"$d/route6.json"
  ip -n "$name" -j neigh show >"$d/neigh.json"
  ip -n "$name" -j netns list-id >"$d/list-id.json"
  nsenter --net="$path" bridge -j fdb show >"$d/fdb.json" 2>/dev/null || echo '[]' >"$d/fdb.json"
  nsenter --net="$path" ss -Hltnu >"$d/ss.txt"
done <"$T/netns.tsv"
lap truth

# --- real probes, inside these namespaces only
"$NODE" "$HERE/probe.mjs" all "$T" "$OUT/probes.json" || die "probes failed"
lap probes
log "engine $ENGINE userland-proxy $UP: $(tr '\n' ' ' <"$OUT/timings.txt")"
