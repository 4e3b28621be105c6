#!/bin/sh
# A Docker-like host made with iproute2 only (no Docker), in fresh namespaces, and the collector
# run on it under several shells. Start it ONLY through unshare, as test/helpers/netns.ts does:
#
#   unshare --net --mount --pid --fork --mount-proc --uts --kill-child sh netns-host.sh OUT
#
# The host: docker0 (172.17.0.1/16) with two veth ports whose peers are eth0 in the named
# namespaces c1 (172.17.0.2, busybox httpd on 8080) and c2 (172.17.0.3); a listener on 60000 in
# the host namespace; a namespace with an awkward name; a stale namespace file (stale0). /run/netns plays Docker's
# <exec-root>/netns (--docker-exec-root /run); no Docker engine answers.
#
# OUT receives bundle-{dash,busybox,bash}.tar.gz, bundle-noss.tar.gz (--no-ss),
# bundle-nonroot.tar.gz (as nobody), state-{before,after}.txt and *.log.
set -eu

OUT=${1:?usage: netns-host.sh OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
COLLECTOR=${COLLECTOR:-$HERE/../../collector/dockernet-collect.sh}
STEP_LABEL=$(printf 'Step "odd" \\ label\twith tab \001 end')

SCENARIO=netns-host
# shellcheck source=test/scripts/sandbox-guard.sh
. "$(dirname "$0")/sandbox-guard.sh"

sandbox_guard
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

mount --make-rprivate /
mount -t tmpfs -o mode=755 tmpfs /run
mount -t sysfs sysfs /sys
hostname 'dockernet-netns'
echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad

ip link set lo up
ip link add docker0 type bridge
ip addr add 172.17.0.1/16 dev docker0
ip link set docker0 up
n=1
for ns in c1 c2; do
  ip netns add $ns
  ip link add "veth7f3a1b$n" type veth peer name eth0 netns $ns
  ip link set "veth7f3a1b$n" master docker0 up
  ip netns exec $ns sh -c "ip link set lo up; ip addr add 172.17.0.$((n + 1))/16 dev eth0; ip link set eth0 up; ip route add default via 172.17.0.1"
  n=$((n + 1))
done
ip netns add 'odd "name" x'
# A stale namespace file, as a lost bind mount leaves one: bound to a namespace, then unmounted.
ip netns add gone
touch /run/netns/stale0
mount --bind /run/netns/gone /run/netns/stale0
umount /run/netns/stale0
ip netns delete gone
mkdir -p /run/www
printf 'hello\n' >/run/www/index.html
ip netns exec c1 busybox httpd -f -p 8080 -h /run/www &
busybox httpd -f -p 60000 -h /run/www &
sleep 0.5
ip netns exec c1 netstat -tln | grep -q ':8080 ' || die "httpd in c1 is not listening"

export DOCKER_HOST=unix:///run/no-docker-here.sock

# shellcheck disable=SC1091 # test/scripts/netstate.sh
. "$HERE/netstate.sh"
netstate_settle "$OUT/state-before.txt" /run/netns || die "the network state does not settle"

collect() { # name shell [options]
  _name=$1
  _shell=$2
  shift 2
  log "collector under $_shell $*"
  # shellcheck disable=SC2086
  $_shell "$COLLECTOR" --step "$STEP_LABEL" --comment "line one
line two" --docker-exec-root /run -o "$OUT/bundle-$_name.tar.gz" "$@" >"$OUT/collect-$_name.log" 2>&1 ||
    die "collector under $_shell failed: $(cat "$OUT/collect-$_name.log")"
}
collect dash dash
collect busybox "busybox sh"
collect bash bash
collect noss dash --no-ss --no-netns

# As nobody: what it can, and a record of what it could not.
mkdir -m 1777 /run/nobody-out
log "collector as nobody"
setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
  env TMPDIR=/run/nobody-out dash "$COLLECTOR" --step "as nobody" -o /run/nobody-out/bundle.tar.gz \
  >"$OUT/collect-nonroot.log" 2>&1 || die "collector as nobody failed: $(cat "$OUT/collect-nonroot.log")"
cp /run/nobody-out/bundle.tar.gz "$OUT/bundle-nonroot.tar.gz"

(set +e; netstate_snapshot /run/netns) >"$OUT/state-after.txt" 2>&1
log "done"
