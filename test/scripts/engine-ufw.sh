#!/bin/sh
# ufw on a Docker host, for real: Debian's ufw 0.36 (unpacked by scripts/fetch-hostfw.sh, run with
# its own --rootdir/--datadir options so that /etc/ufw and /lib/ufw of the machine are never read
# or written) enabled before the engine, as at boot, then a real engine, published ports, and the
# rule admins copy from ufw-docker. The collector's bundle, ground truth from the engine and the
# kernel, and real probes (probe.mjs). Start it ONLY through unshare (test/reach-ufw.test.ts):
#
#   DOCKERNET_ENGINE=28.5 unshare --net --mount --pid --fork --mount-proc --uts --kill-child \
#     sh engine-ufw.sh OUT
#
# DOCKERNET_ENGINE=28.5 (default here) | 20.10; DOCKERNET_HOSTFW: the unpacked tree (default
# /opt/dockernet/hostfw/root).
#
# The host: eth0 10.99.0.2/24 + fd99::2/64 to the namespace `lan` (10.99.0.1, fd99::1, routes
# 172.16.0.0/12 back to the host). Listeners: tcp 22 (ufw allow 22/tcp), tcp 8081 (not allowed),
# tcp 2222 (ufw limit 2222/tcp: -m recent), udp echo 5354 (not allowed).
# ufw: default deny incoming, allow 22/tcp, limit 2222/tcp, enable (IPv4 and IPv6).
# Containers (busybox httpd): whoami on the default bridge -p 60000:8080 -p 5353:5353/udp (UDP
# echo by probe.mjs in its namespace); orders on appnet (172.20.0.0/24) -p 8080:80.
# The admin, ufw-docker style: `iptables -I DOCKER-USER -j ufw-user-forward` and
# `ufw route deny proto tcp from any to <orders' address> port 80`: the LAN may not reach orders
# (IPv4; 8080 over IPv6 is docker-proxy, a local socket behind ufw's INPUT).
#
# OUT receives: ufw.tar.gz (the collector's bundle), collect.log, truth/, probes.json,
# ufw-status.txt (`ufw status verbose`), dockerd.log, timings.txt.
set -eu

OUT=${1:?usage: engine-ufw.sh OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
COLLECT_SHELL=${COLLECT_SHELL:-dash}
D=/run/dockernet
SOCK=$D/docker.sock
EXEC=$D/exec
NODE=$(command -v node)
HOSTFW=${DOCKERNET_HOSTFW:-/opt/dockernet/hostfw/root}
DOCKERNET_ENGINE=${DOCKERNET_ENGINE:-28.5}

SCENARIO=engine-ufw
# shellcheck source=test/scripts/sandbox-guard.sh
. "$HERE/sandbox-guard.sh"
# shellcheck source=test/scripts/engine-lib.sh
. "$HERE/engine-lib.sh"

sandbox_guard
[ -f "$HOSTFW/usr/sbin/ufw" ] || die "no ufw in $HOSTFW (sh scripts/fetch-hostfw.sh)"
[ -x /usr/bin/python3 ] || die "ufw needs Debian's /usr/bin/python3"
mkdir -p "$OUT/truth"
OUT=$(cd "$OUT" && pwd)
START=$(date +%s%N)
lap() { printf '%s %s ms\n' "$1" $((($(date +%s%N) - START) / 1000000)) >>"$OUT/timings.txt"; }
: >"$OUT/timings.txt"

engine_select
engine_world

# --- the uplink and the LAN
engine_lan

# --- ufw, as its Debian package's postinst would lay it out, but in a private data dir.
# ufw --datadir=X reads X/etc/ufw, X/etc/default/ufw and keeps its locks in X/lib/ufw;
# --rootdir=Y finds ufw-init in Y/lib/ufw (which reads Y/etc/ufw/ufw.conf) and the templates in
# Y/usr/share/ufw: one private tree (on this namespace's tmpfs /run) is both.
U=$D/ufw-data
mkdir -p "$U/etc/ufw" "$U/etc/default" "$U/lib" "$U/usr/share"
cp -r "$HOSTFW/lib/ufw" "$U/lib/ufw"
cp -r "$HOSTFW/usr/share/ufw" "$U/usr/share/ufw"
cp -r "$HOSTFW/etc/ufw/." "$U/etc/ufw/"
cp "$HOSTFW/etc/default/ufw" "$U/etc/default/ufw"
for f in before.rules before6.rules after.rules after6.rules user.rules; do
  cp "$HOSTFW/usr/share/ufw/iptables/$f" "$U/etc/ufw/$f"
done
cp "$HOSTFW/usr/share/ufw/user6.rules" "$U/etc/ufw/user6.rules"
cp "$HOSTFW/usr/share/ufw/before.init" "$HOSTFW/usr/share/ufw/after.init" "$HOSTFW/usr/share/ufw/ufw.conf" "$U/etc/ufw/"
chmod 640 "$U"/etc/ufw/*.rules
ufw() {
  env PYTHONPATH="$HOSTFW/usr/lib/python3/dist-packages" /usr/bin/python3 "$HOSTFW/usr/sbin/ufw" \
    --rootdir="$U" --datadir="$U" "$@"
}
ufw default deny incoming >&2
ufw allow 22/tcp >&2
ufw limit 2222/tcp >&2
ufw --force enable >&2
lap ufw

mkdir -p "$D/www"
printf 'host\n' >"$D/www/index.html"
busybox httpd -f -p 22 -h "$D/www" &
busybox httpd -f -p 8081 -h "$D/www" &
busybox httpd -f -p 2222 -h "$D/www" &
"$NODE" "$HERE/probe.mjs" udp-echo 5354 2>"$OUT/echo-host.log" &

# --- the engine
printf '{ "log-level": "info" }\n' >/etc/docker/daemon.json
CONTAINERS_TO_REMOVE="whoami orders"
# shellcheck disable=SC2119 # options come from daemon.json
engine_start
engine_image
lap engine
ENGINE=$(docker version --format '{{.Server.Version}}')

docker network create --subnet 172.20.0.0/24 appnet >/dev/null
docker run -d --name whoami -p 60000:8080 -p 5353:5353/udp local/busybox httpd -f -h /www -p 8080 >/dev/null
docker run -d --name orders --network appnet -p 8080:80 local/busybox httpd -f -h /www -p 80 >/dev/null
WPID=$(docker inspect --format '{{.State.Pid}}' whoami)
nsenter -t "$WPID" -n "$NODE" "$HERE/probe.mjs" udp-echo 5353 2>"$OUT/echo-whoami.log" &

# The admin, as ufw-docker's README tells: Docker's traffic passes ufw's route rules first.
ORDERS_IP=$(docker inspect --format '{{(index .NetworkSettings.Networks "appnet").IPAddress}}' orders)
iptables -I DOCKER-USER -j ufw-user-forward
ufw route deny proto tcp from any to "$ORDERS_IP" port 80 >&2
ufw status verbose >"$OUT/ufw-status.txt"
lap containers

listening() { # container port
  _p=$(docker inspect --format '{{.State.Pid}}' "$1")
  nsenter -t "$_p" -n ss -Hltnu | grep -q ":$2 "
}
for cp in whoami:8080 whoami:5353 orders:80; do
  wait_for 20 "$cp listening" listening "${cp%:*}" "${cp#*:}"
done
for p in 22 8081 2222; do wait_for 10 "host listener $p" sh -c "ss -Hltn | grep -q ':$p '"; done
wait_for 20 "host udp echo 5354" sh -c "ss -Hlun | grep -q ':5354 '"

# --- the collector
log "collector ($COLLECT_SHELL)"
$COLLECT_SHELL "$HERE/../../collector/dockernet-collect.sh" --step "ufw on Docker $ENGINE" \
  --docker-exec-root "$EXEC" -o "$OUT/ufw.tar.gz" >"$OUT/collect.log" 2>&1 ||
  die "collector failed: $(cat "$OUT/collect.log")"
lap collector

# --- ground truth for probe.mjs, from the engine and the kernel
T=$OUT/truth
mkdir -p "$T/ns"
# shellcheck disable=SC2046
docker inspect $(docker ps -aq) >"$T/docker-inspect.json"
# shellcheck disable=SC2046
docker network inspect $(docker network ls -q) >"$T/docker-network-inspect.json"
HOST_INODE=$(stat -L -c %i /proc/self/ns/net)
printf '{ "engine": "%s", "userlandProxy": true, "hostInode": %s, "execRoot": "%s" }\n' \
  "$ENGINE" "$HOST_INODE" "$EXEC" >"$T/meta.json"
: >"$T/netns.tsv"
: >"$T/members.tsv"
name_ns host /proc/self/ns/net host
name_ns lan /run/netns/lan lan
for n in whoami orders; do
  name_ns "c-$n" "/proc/$(docker inspect --format '{{.State.Pid}}' "$n")/ns/net" "container:$n"
done
while IFS='	' read -r name inode path; do
  mkdir -p "$T/ns/$name"
  echo "$inode" >"$T/ns/$name/inode"
  ip -n "$name" -j addr show >"$T/ns/$name/addr.json"
  nsenter --net="$path" ss -Hltnu >"$T/ns/$name/ss.txt"
done <"$T/netns.tsv"
iptables-save >"$T/iptables-save.txt"
ip6tables-save >"$T/ip6tables-save.txt"
lap truth

# --- real probes, inside these namespaces only
"$NODE" "$HERE/probe.mjs" all "$T" "$OUT/probes.json" || die "probes failed"
lap probes
log "engine $ENGINE with ufw: $(tr '\n' ' ' <"$OUT/timings.txt")"
