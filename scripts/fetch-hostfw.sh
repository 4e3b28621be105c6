#!/bin/sh
# Unpack Debian's ufw (and firewalld with its Python parts) into a folder, without installing
# them: a package's postinst would run on the machine's own namespace. The host-firewall scenario
# (test/scripts/engine-ufw.sh) runs the unpacked ufw inside its sandbox with --rootdir/--datadir,
# ufw's own options for running from another tree. Uses apt's own client and the machine's
# configured Debian sources; the machine's apt state is untouched except the download cache.
#
#   sh scripts/fetch-hostfw.sh [DIR]      default DIR: /opt/dockernet/hostfw
#
# Prints DIR/root (ufw: DIR/root/usr/sbin/ufw, Python modules in DIR/root/usr/lib/python3/dist-packages).
# Idempotent: an existing unpacked tree is kept.
set -eu
d=${1:-/opt/dockernet/hostfw}
if [ -f "$d/root/usr/sbin/ufw" ] && [ -f "$d/root/usr/share/ufw/iptables/before.rules" ]; then
  echo "$d/root"
  exit 0
fi
mkdir -p "$d/debs"
rm -f "$d"/debs/*.deb
# -o APT::Sandbox::User=root: the folder is root's; _apt could not write into it.
fetch() { (cd "$d/debs" && apt-get -o APT::Sandbox::User=root download ufw firewalld python3-firewall python3-nftables >&2); }
# A machine whose package lists were never read (or are stale) needs `apt-get update` first.
fetch || { apt-get update -qq >&2 && fetch; }
rm -rf "$d/root"
for f in "$d"/debs/*.deb; do dpkg-deb -x "$f" "$d/root"; done
echo "$d/root"
