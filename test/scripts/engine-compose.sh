#!/bin/sh
# Two Compose stacks on a real engine, isolated in fresh namespaces: what `docker compose up`
# leaves behind (containers labelled com.docker.compose.project/.service/.container-number on a
# `<project>_default` network), made with plain `docker run --label` (no compose binary), plus
# one container of no project. Start it ONLY through unshare, as test/compose.test.ts does:
#
#   unshare --net --mount --pid --fork --mount-proc --uts --kill-child sh engine-compose.sh OUT
#
# Containers (busybox httpd):
#   shop_default (172.30.0.0/24)  shop-web-1 (web, -p 8080:80), shop-web-2 (web), shop-db-1 (db)
#   blog_default (172.31.0.0/24)  blog-app-1 (app, -p 8081:80)
#   default bridge                loner (no labels)
# OUT receives: compose.tar.gz (the collector's bundle), collect.log, dockerd.log and
# truth-compose.txt: `name project service number` per container, as the engine reports them.
set -eu

OUT=${1:?usage: engine-compose.sh OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
COLLECT_SHELL=${COLLECT_SHELL:-dash}
D=/run/dockernet
SOCK=$D/docker.sock
EXEC=$D/exec

SCENARIO=engine-compose
# shellcheck source=test/scripts/sandbox-guard.sh
. "$HERE/sandbox-guard.sh"
# shellcheck source=test/scripts/engine-lib.sh
. "$HERE/engine-lib.sh"

sandbox_guard
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
engine_select
engine_world

ip netns add lan
ip link add eth0 type veth peer name lan0 netns lan
ip -n lan addr add 10.98.0.1/24 dev lan0
ip -n lan link set lan0 up
ip addr add 10.98.0.2/24 dev eth0
ip link set eth0 up
ip route add default via 10.98.0.1 dev eth0

CONTAINERS_TO_REMOVE="shop-web-1 shop-web-2 shop-db-1 blog-app-1 loner"
# shellcheck disable=SC2119 # no extra dockerd options
engine_start
engine_image

# service PROJECT SERVICE NUMBER [docker run options]: what compose would start.
service() {
  _p=$1 _s=$2 _n=$3
  shift 3
  docker run -d --name "$_p-$_s-$_n" --network "${_p}_default" \
    --label "com.docker.compose.project=$_p" --label "com.docker.compose.service=$_s" \
    --label "com.docker.compose.container-number=$_n" \
    --label "com.docker.compose.project.working_dir=/srv/$_p" \
    "$@" local/busybox httpd -f -h /www -p 80 >/dev/null
}
docker network create --subnet 172.30.0.0/24 --label com.docker.compose.project=shop shop_default >/dev/null
docker network create --subnet 172.31.0.0/24 --label com.docker.compose.project=blog blog_default >/dev/null
service shop web 1 -p 8080:80
service shop web 2
service shop db 1
service blog app 1 -p 8081:80
docker run -d --name loner local/busybox httpd -f -h /www -p 80 >/dev/null
log "containers started"

# Ground truth from the engine, before the collector runs.
for c in $CONTAINERS_TO_REMOVE; do
  docker inspect --format '{{.Name}} {{index .Config.Labels "com.docker.compose.project"}} {{index .Config.Labels "com.docker.compose.service"}} {{index .Config.Labels "com.docker.compose.container-number"}}' "$c"
done | sed 's|^/||' >"$OUT/truth-compose.txt"

log "collector ($COLLECT_SHELL)"
$COLLECT_SHELL "$HERE/../../collector/dockernet-collect.sh" --step "Two Compose stacks" \
  --docker-exec-root "$EXEC" -o "$OUT/compose.tar.gz" >"$OUT/collect.log" 2>&1 ||
  die "collector failed: $(cat "$OUT/collect.log")"
log "bundle written"
