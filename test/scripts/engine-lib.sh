# shellcheck shell=sh
# Sourced by the real-engine scenarios (engine-steps.sh, engine-varied.sh) after sandbox-guard.sh:
# the private world (tmpfs /run, /etc/docker, /var/lib/docker, a fresh sysfs with the cgroup
# mounts kept), the engine (dockerd started, waited for, stopped by PID at exit), and an offline
# busybox image. Needs D (private state folder, under /run), OUT, SOCK, EXEC set by the caller.
#
# Engine choice: DOCKERNET_ENGINE=20.10 (Debian's docker.io, /usr/sbin/dockerd and /usr/bin/docker,
# never a newer docker CLI that may sit in /usr/local/bin) or 28.5 (the binaries unpacked under
# $DOCKERNET_DOCKER28/usr/{sbin,bin}, default /opt/dockernet/docker28/root, with their own CLI).

ENGINE_PATH=/usr/sbin:/usr/bin:/sbin:/bin
engine_select() {
  case ${DOCKERNET_ENGINE:-20.10} in
    20.10) ENGINE_PATH=/usr/sbin:/usr/bin:/sbin:/bin ;;
    28.5)
      _d28=${DOCKERNET_DOCKER28:-/opt/dockernet/docker28/root}
      [ -x "$_d28/usr/sbin/dockerd" ] || die "no Docker 28.5 in $_d28 (scripts/fetch-docker28.sh)"
      ENGINE_PATH=$_d28/usr/sbin:$_d28/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin
      ;;
    *) die "DOCKERNET_ENGINE must be 20.10 or 28.5, not ${DOCKERNET_ENGINE}" ;;
  esac
  PATH=$ENGINE_PATH:/usr/local/bin
  export PATH
}

# --- a private world: /run, /etc/docker and /var/lib/docker on tmpfs, fresh sysfs
engine_world() {
  mount --make-rprivate /
  mount -t tmpfs -o mode=755 tmpfs /run
  mkdir -p "$D"
  shadow /etc/docker
  shadow /var/lib/docker
  mkdir -p "$D/cg"
  mount --rbind /sys/fs/cgroup "$D/cg"
  mount -t sysfs sysfs /sys
  mount --move "$D/cg" /sys/fs/cgroup

  hostname dockernet-lab
  # Neutral name service files, so that no address of the machine ends up in the bundles.
  printf 'nameserver 192.0.2.53\n' >"$D/resolv.conf"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.99.0.2\tdockernet-lab\n' >"$D/hosts"
  mount --bind "$D/resolv.conf" /etc/resolv.conf
  mount --bind "$D/hosts" /etc/hosts
  # No DAD: addresses must not change state between two snapshots of the same step.
  echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
  echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
  ip link set lo up
}

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

# The uplink and a LAN: the host's eth0 (10.99.0.2, fd99::2) with its veth peer in a netns `lan`
# (10.99.0.1, fd99::1, the default gateway) that routes the Docker ranges back to the host, so the
# "LAN" can try container addresses directly. Everything stays inside the sandbox's namespaces.
engine_lan() {
  ip netns add lan
  ip link add eth0 type veth peer name lan0 netns lan
  ip addr add 10.99.0.2/24 dev eth0
  ip -6 addr add fd99::2/64 dev eth0 nodad
  ip link set eth0 up
  ip route add default via 10.99.0.1 dev eth0
  ip -6 route add default via fd99::1 dev eth0
  ip -n lan link set lo up
  ip -n lan addr add 10.99.0.1/24 dev lan0
  ip -n lan -6 addr add fd99::1/64 dev lan0 nodad
  ip -n lan link set lan0 up
  ip -n lan route add 172.16.0.0/12 via 10.99.0.2
  ip -n lan -6 route add fd00::/8 via fd99::2
}

# --- the engine. engine_start [dockerd options...]; /etc/docker/daemon.json (on tmpfs) may have
# been written by the caller. Sets DPID, DOCKER_HOST, and the EXIT trap that stops it.
DPID=
CONTAINERS_TO_REMOVE=
engine_start() {
  CGROUP_PARENT=dockernet-sandbox-$(date +%s)-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
  mkdir -p "$D/data" "$EXEC" "$D/cli"
  log "starting dockerd $(dockerd --version) (cgroup parent $CGROUP_PARENT)"
  env -i PATH="$ENGINE_PATH" HOME="$D" \
    dockerd --data-root "$D/data" --exec-root "$EXEC" --pidfile "$D/dockerd.pid" -H "unix://$SOCK" \
    --storage-driver vfs --cgroup-parent "$CGROUP_PARENT" --shutdown-timeout 3 "$@" \
    >"$OUT/dockerd.log" 2>&1 &
  DPID=$!
  DOCKER_HOST="unix://$SOCK"
  DOCKER_CONFIG=$D/cli
  export DOCKER_HOST DOCKER_CONFIG
  trap engine_cleanup EXIT
  trap 'exit 130' INT TERM
  wait_for 30 "the docker socket" docker version
  log "engine ready: $(docker version --format '{{.Server.Version}}')"
}

# Waits up to SECONDS for our child PID to exit, then SIGKILLs it (saying so), and reaps it.
wait_or_kill() { # pid seconds what
  _w=0
  while kill -0 "$1" 2>/dev/null && [ $_w -lt $(($2 * 10)) ]; do
    sleep 0.1
    _w=$((_w + 1))
  done
  if kill -0 "$1" 2>/dev/null; then
    log "$3 still running after $2 s: SIGKILL (pid $1)"
    kill -KILL "$1"
  fi
  wait "$1" 2>/dev/null
}

# Removes the cgroup folders named NAME (and the empty ones below them): the only thing an engine
# makes outside the sandbox's namespaces.
remove_cgroups() { # name
  [ -n "$1" ] || return 0
  find /sys/fs/cgroup -depth -type d -name "$1" 2>/dev/null | while read -r _cg; do
    find "$_cg" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
}

engine_cleanup() {
  _rc=$?
  set +e
  if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
    # shellcheck disable=SC2086
    [ -n "$CONTAINERS_TO_REMOVE" ] && docker rm -f $CONTAINERS_TO_REMOVE >/dev/null 2>&1
    log "stopping dockerd (pid $DPID) with SIGTERM"
    kill -TERM "$DPID"
    wait_or_kill "$DPID" 20 dockerd
  fi
  remove_cgroups "${CGROUP_PARENT-}"
  log "done (exit $_rc)"
  exit $_rc
}

wait_for() { # seconds description command...
  _n=$(($1 * 10))
  _what=$2
  shift 2
  while ! "$@" >/dev/null 2>&1; do
    _n=$((_n - 1))
    [ $_n -gt 0 ] || die "timed out waiting for $_what"
    if [ -n "$DPID" ]; then kill -0 "$DPID" 2>/dev/null || die "dockerd exited (see dockerd.log)"; fi
    sleep 0.1
  done
}

# --- an image, offline: busybox-static with relative symlinks for its applets
engine_image() {
  _R=$D/rootfs
  mkdir -p "$_R/bin" "$_R/etc" "$_R/tmp" "$_R/www"
  cp /bin/busybox "$_R/bin/busybox"
  for _a in $("$_R/bin/busybox" --list); do
    [ "$_a" = busybox ] || ln -s busybox "$_R/bin/$_a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$_R/etc/passwd"
  printf '<h1>whoami</h1>\n' >"$_R/www/index.html"
  tar -C "$_R" -c . | docker import - local/busybox >/dev/null
  log "image local/busybox imported"
}

# Ground truth: give a namespace a name under this sandbox's /run/netns (once per inode), so that
# the kernel itself maps each link_netnsid to a namespace (`ip -n NAME netns list-id`), and record
# who uses it. Writes $T/members.tsv (inode, who) and $T/netns.tsv (name, inode, path).
name_ns() { # name nsfile who
  _i=$(stat -L -c %i "$2")
  printf '%s\t%s\n' "$_i" "$3" >>"$T/members.tsv"
  grep -q "	$_i	" "$T/netns.tsv" && return 0
  if [ "$1" != lan ]; then
    touch "/run/netns/$1"
    mount --bind "$2" "/run/netns/$1"
  fi
  printf '%s\t%s\t%s\n' "$1" "$_i" "/run/netns/$1" >>"$T/netns.tsv"
}
