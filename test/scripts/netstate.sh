# shellcheck shell=sh
# Sourced by the sandbox scripts: a snapshot of a network namespace's state (interfaces, routes,
# rules, firewall, sysctls, modules, mounts, and every namespace file in the folders given),
# without counters and timers that move on their own. Two equal snapshots taken around a
# collector run show that the collector changed nothing.

netstate_notimers() { sed -e 's/ tentative//' -e 's/\(_timer\) *[0-9.]*/\1 -/g'; }
netstate_nocounters() { grep -v '^#' | sed -e 's/\[[0-9]*:[0-9]*\]/[-]/' -e 's/counter packets [0-9]* bytes [0-9]*/counter/'; }

# netstate_snapshot NETNS_DIR...
netstate_snapshot() {
  echo "== links"
  ip -d link show | netstate_notimers
  echo "== addresses"
  ip -d addr show | netstate_notimers
  echo "== routes"
  ip route show table all
  ip -6 route show table all
  ip rule show
  ip -6 rule show
  echo "== firewall"
  iptables-save | netstate_nocounters
  ip6tables-save | netstate_nocounters
  nft list ruleset | netstate_nocounters
  echo "== sysctls"
  for _f in net/ipv4/ip_forward net/ipv6/bindv6only net/bridge/bridge-nf-call-iptables; do
    printf '%s = %s\n' "$_f" "$(cat "/proc/sys/$_f" 2>/dev/null)"
  done
  echo "== kernel modules"
  ls /sys/module
  cut -d' ' -f1 /proc/modules 2>/dev/null
  echo "== mounts"
  cut -d' ' -f5,9 /proc/self/mountinfo | sort
  echo "== namespaces"
  for _d in "$@"; do
    echo "-- folder $_d"
    ls -l "$_d" 2>&1
    for _f in "$_d"/*; do
      [ -e "$_f" ] || continue
      echo "-- $(basename "$_f") inode $(stat -L -c %i "$_f")"
      nsenter --net="$_f" ip -d addr show | netstate_notimers
      nsenter --net="$_f" ip route show table all
      nsenter --net="$_f" iptables-save | netstate_nocounters
    done
  done
}

# netstate_tentative NETNS_DIR...: prints the IPv6 addresses still in duplicate address detection,
# here and in every namespace file. While one is, the kernel has yet to add its `local fe80::...`
# route: two snapshots a second apart can agree and the route still appear later (seen in CI: the
# after-snapshot had a route the before-snapshot lacked, with the collector innocent).
netstate_tentative() {
  ip -6 addr show tentative 2>/dev/null | grep inet6
  for _d in "$@"; do
    for _f in "$_d"/*; do
      [ -e "$_f" ] || continue
      nsenter --net="$_f" ip -6 addr show tentative 2>/dev/null | grep inet6
    done
  done
}

# netstate_settle FILE NETNS_DIR...: snapshot until two in a row agree and no address is tentative
# (an engine or the kernel may still be settling), keep it in FILE. Fails after 15 tries.
netstate_settle() {
  _ns_file=$1
  shift
  _ns_i=0
  (set +e; netstate_snapshot "$@") >"$_ns_file" 2>&1
  while :; do
    sleep 1
    (set +e; netstate_snapshot "$@") >"$_ns_file.next" 2>&1
    if cmp -s "$_ns_file" "$_ns_file.next" && [ -z "$(netstate_tentative "$@")" ]; then
      rm -f "$_ns_file.next"
      return 0
    fi
    _ns_i=$((_ns_i + 1))
    if [ $_ns_i -ge 15 ]; then
      diff "$_ns_file" "$_ns_file.next" >&2
      netstate_tentative "$@" >&2
      return 1
    fi
    mv "$_ns_file.next" "$_ns_file"
  done
}
