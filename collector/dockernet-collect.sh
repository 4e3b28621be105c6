#!/bin/sh
# dockernet-collect.sh - capture the networking of a Docker host into a dockernet bundle.
#
# Writes dockernet-<hostname>-<YYYYMMDDTHHMMSSZ>.tar.gz (bundle format v1, see
# docs/bundle-format.md in the dockernet package): the raw outputs of ip, bridge, ss/netstat,
# iptables-save, nft, docker ..., plus manifest.json saying what ran, how it went and where its
# output is. `dockernet report` reads it.
#
# It only reads. It mounts nothing, creates no namespace, loads no kernel module (ss and the
# firewall tools are only run when they cannot make the kernel autoload one), and writes nothing
# but its temporary folder and the bundle. Needs: a POSIX shell, core utilities, tar and gzip.
# Runs under bash, dash and BusyBox ash, as root (complete) or not (what it can, the rest is
# recorded as failed or skipped).
#
#   sh dockernet-collect.sh --step "after swarm init" -o /tmp/
#   sh dockernet-collect.sh --help

LC_ALL=C
export LC_ALL
# A newline, for parameter expansions.
NL='
'
umask 077

COLLECTOR_NAME=dockernet-collect
COLLECTOR_VERSION=0.1.0

usage() {
  cat <<'EOF'
Usage: sh dockernet-collect.sh [OPTIONS]

Capture a Docker host's networking (interfaces, bridges, routes, sockets, firewall, Docker
networks, containers' and Docker's own namespaces, processes) into a bundle .tar.gz for
`dockernet report`. Read-only; run it as root for a complete capture.

Options:
  -s, --step LABEL          name of this building step, e.g. "after swarm init"
  -o, --output PATH         bundle file, or a folder to put it in (ending in / or existing);
                            default: the current folder (or $TMPDIR, /tmp if not writable)
  -c, --comment TEXT        free text stored in the manifest
      --no-containers       do not enter the containers' network namespaces
      --no-netns            do not enter Docker's own namespaces (<exec-root>/netns)
      --no-docker           do not run the docker CLI at all
      --no-nsenter          read containers through /proc/PID/net and their sysfs instead
      --no-ss               do not run ss (read /proc/net/tcp, udp... instead)
      --allow-autoload      also run ss / iptables-save / nft when they could make the kernel
                            load a module (by default they are skipped, and the reason recorded)
      --docker-host URL     docker daemon socket (default: $DOCKER_HOST, else the CLI's default)
      --docker-exec-root DIR
                            dockerd's --exec-root (default: read from the running dockerd's
                            command line or /etc/docker/daemon.json, else /var/run/docker)
      --timeout SECONDS     time limit of each command, where `timeout` exists (default 20)
      --max-output BYTES    cut each output at this size (default 15728640)
  -h, --help                this help
  -V, --version             print the collector version

Prints the path of the bundle and a one-line summary. Exit status: 0 when the bundle was
written (even if some commands failed: see its manifest), 2 on bad options, 1 if it could not
write the bundle.
EOF
}

die() {
  printf '%s: %s\n' "$COLLECTOR_NAME" "$1" >&2
  exit "${2:-1}"
}

# ---------------------------------------------------------------- options

STEP=
OUTPUT=
COMMENT=
DO_CONTAINERS=1
DO_NETNS=1
DO_DOCKER=1
WANT_NSENTER=1
WANT_SS=1
ALLOW_AUTOLOAD=0
EXEC_ROOT=
EXEC_ROOT_FROM=
TIMEOUT_S=20
MAX_BYTES=15728640

need_value() {
  [ "$2" -ge 2 ] || die "option $1 needs a value" 2
}

is_number() {
  case $1 in '' | *[!0-9]*) return 1 ;; esac
  return 0
}

while [ $# -gt 0 ]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    -V | --version) printf '%s %s\n' "$COLLECTOR_NAME" "$COLLECTOR_VERSION"; exit 0 ;;
    -s | --step) need_value "$1" $#; STEP=$2; shift 2 ;;
    --step=*) STEP=${1#*=}; shift ;;
    -o | --output) need_value "$1" $#; OUTPUT=$2; shift 2 ;;
    --output=*) OUTPUT=${1#*=}; shift ;;
    -c | --comment) need_value "$1" $#; COMMENT=$2; shift 2 ;;
    --comment=*) COMMENT=${1#*=}; shift ;;
    --no-containers) DO_CONTAINERS=0; shift ;;
    --no-netns) DO_NETNS=0; shift ;;
    --no-docker) DO_DOCKER=0; shift ;;
    --no-nsenter) WANT_NSENTER=0; shift ;;
    --no-ss) WANT_SS=0; shift ;;
    --allow-autoload) ALLOW_AUTOLOAD=1; shift ;;
    --docker-host) need_value "$1" $#; DOCKER_HOST=$2; export DOCKER_HOST; shift 2 ;;
    --docker-host=*) DOCKER_HOST=${1#*=}; export DOCKER_HOST; shift ;;
    --docker-exec-root) need_value "$1" $#; EXEC_ROOT=$2; shift 2 ;;
    --docker-exec-root=*) EXEC_ROOT=${1#*=}; shift ;;
    --timeout) need_value "$1" $#; TIMEOUT_S=$2; shift 2 ;;
    --timeout=*) TIMEOUT_S=${1#*=}; shift ;;
    --max-output) need_value "$1" $#; MAX_BYTES=$2; shift 2 ;;
    --max-output=*) MAX_BYTES=${1#*=}; shift ;;
    --) shift; break ;;
    *) printf '%s: unknown option: %s\n' "$COLLECTOR_NAME" "$1" >&2; usage >&2; exit 2 ;;
  esac
done
[ $# -eq 0 ] || die "unexpected argument: $1 (see --help)" 2
if ! is_number "$TIMEOUT_S" || [ "$TIMEOUT_S" -eq 0 ]; then die "--timeout wants a whole number of seconds > 0" 2; fi
if ! is_number "$MAX_BYTES" || [ "$MAX_BYTES" -eq 0 ]; then die "--max-output wants a number of bytes > 0" 2; fi
[ -n "$EXEC_ROOT" ] && EXEC_ROOT_FROM=option

# Non-root shells often lack the sbin folders, where ip, bridge, iptables-save and nft live.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin ;; esac
case ":$PATH:" in *:/sbin:*) ;; *) PATH=$PATH:/sbin ;; esac
case ":$PATH:" in *:/usr/local/sbin:*) ;; *) PATH=$PATH:/usr/local/sbin ;; esac
export PATH

# ---------------------------------------------------------------- small helpers

# JSON string body of $1 (without the quotes) in $JSON: escapes backslash, quote and every
# control character. Bytes >= 0x80 pass through (names are expected to be UTF-8).
json_escape() {
  _je_in=$1
  _je_out=
  while :; do
    case $_je_in in
      *[\"\\[:cntrl:]]*) ;;
      *) break ;;
    esac
    _je_pre=${_je_in%%[\"\\[:cntrl:]]*}
    _je_rest=${_je_in#"$_je_pre"}
    _je_c=${_je_rest%"${_je_rest#?}"}
    _je_in=${_je_rest#?}
    case $_je_c in
      \") _je_out="$_je_out$_je_pre\\\"" ;;
      \\) _je_out="$_je_out$_je_pre\\\\" ;;
      *)
        _je_n=$(printf '%d' "'$_je_c")
        case $_je_n in
          8) _je_out="$_je_out$_je_pre\\b" ;;
          9) _je_out="$_je_out$_je_pre\\t" ;;
          10) _je_out="$_je_out$_je_pre\\n" ;;
          12) _je_out="$_je_out$_je_pre\\f" ;;
          13) _je_out="$_je_out$_je_pre\\r" ;;
          *) _je_out="$_je_out$_je_pre$(printf '\\u%04x' "$_je_n")" ;;
        esac
        ;;
    esac
  done
  JSON=$_je_out$_je_in
}

# "$1" as a JSON string literal, in $JSON.
json_str() {
  json_escape "$1"
  JSON="\"$JSON\""
}

# $1 quoted for sh (only when needed), in $SQ.
sh_quote() {
  case $1 in
    '' | *[!A-Za-z0-9_./:=@%+,-]*) ;;
    *) SQ=$1; return ;;
  esac
  _sq_in=$1
  SQ=
  while :; do
    case $_sq_in in
      *\'*)
        SQ="$SQ${_sq_in%%\'*}'\\''"
        _sq_in=${_sq_in#*\'}
        ;;
      *) break ;;
    esac
  done
  SQ="'$SQ$_sq_in'"
}

# The arguments as one sh command line, in $CMDLINE.
cmdline() {
  CMDLINE=
  for _cl_a in "$@"; do
    sh_quote "$_cl_a"
    CMDLINE=${CMDLINE:+$CMDLINE }$SQ
  done
}

# A name made safe for a folder name, in $SAFE.
safe_name() {
  SAFE=$1
  while :; do
    case $SAFE in
      *[!A-Za-z0-9_.-]*) SAFE=${SAFE%%[!A-Za-z0-9_.-]*}_${SAFE#*[!A-Za-z0-9_.-]} ;;
      *) break ;;
    esac
  done
  case $SAFE in '' | . | ..) SAFE=_$SAFE ;; esac
}

HAVE_NANO=0
_d=$(date +%s%N 2>/dev/null)
case $_d in '' | *[!0-9]*) ;; *) HAVE_NANO=1 ;; esac

# Wall clock in milliseconds, in $NOW_MS (seconds x 1000 where date has no %N).
now_ms() {
  if [ "$HAVE_NANO" = 1 ]; then
    _nm=$(date +%s%N)
    NOW_MS=${_nm%??????}
  else
    NOW_MS=$(($(date +%s) * 1000))
  fi
}

# The first line of file $1, in $LINE. Not with `read`: dash and BusyBox read one byte per
# read(2), and procfs sysctl handlers answer a read at a non-zero offset with EOF, so
# `read` got "3" out of ip_local_port_range's "32768<TAB>60999". cat reads it in one go.
read_line() {
  LINE=$(cat "$1" 2>/dev/null) || LINE=
  LINE=${LINE%%"$NL"*}
  [ -n "$LINE" ]
}

# Where tool $1 is, in $TOOL: searched in PATH like any shell would, so that BusyBox ash (which
# prefers its own applets) still runs the host's iproute2, procps...; else a builtin or applet.
tool_path() {
  case $1 in
    */*)
      TOOL=$1
      [ -x "$1" ]
      return
      ;;
  esac
  _tp_key=$1
  while :; do
    case $_tp_key in
      *[!A-Za-z0-9_]*) _tp_key=${_tp_key%%[!A-Za-z0-9_]*}_${_tp_key#*[!A-Za-z0-9_]} ;;
      *) break ;;
    esac
  done
  eval "TOOL=\${TP_$_tp_key-}"
  if [ -n "$TOOL" ]; then
    [ "$TOOL" != - ]
    return
  fi
  TOOL=-
  _tp_ifs=$IFS
  IFS=:
  set -f
  for _tp_dir in $PATH; do
    [ -n "$_tp_dir" ] || _tp_dir=.
    if [ -f "$_tp_dir/$1" ] && [ -x "$_tp_dir/$1" ]; then
      TOOL=$_tp_dir/$1
      break
    fi
  done
  set +f
  IFS=$_tp_ifs
  if [ "$TOOL" = - ] && command -v "$1" >/dev/null 2>&1; then
    TOOL=$1
  fi
  eval "TP_$_tp_key=\$TOOL"
  [ "$TOOL" != - ]
}

# Namespace inode of a /proc/PID/ns/net link or a bind-mounted namespace file, in $INODE.
ns_inode() {
  INODE=
  if [ -h "$1" ]; then
    _ni=$(readlink "$1" 2>/dev/null)
    _ni=${_ni#*\[}
    INODE=${_ni%\]}
  fi
  if ! is_number "$INODE"; then
    INODE=$(stat -L -c %i "$1" 2>/dev/null)
  fi
  is_number "$INODE" || {
    INODE=
    return 1
  }
}

# ---------------------------------------------------------------- work folder and manifest state

TMPBASE=${TMPDIR:-/tmp}
WORK=$(mktemp -d "$TMPBASE/dockernet-collect.XXXXXX" 2>/dev/null) || {
  WORK=$TMPBASE/dockernet-collect.$$
  mkdir "$WORK" || die "cannot create a temporary folder in $TMPBASE (set TMPDIR)"
}
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

now_ms
START_MS=$NOW_MS
CAPTURED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
STAMP=$(printf '%s' "$CAPTURED_AT" | tr -d ':-')

HOSTNAME_=
if tool_path hostname; then HOSTNAME_=$("$TOOL" 2>/dev/null); fi
[ -n "$HOSTNAME_" ] || HOSTNAME_=$(uname -n 2>/dev/null)
if [ -z "$HOSTNAME_" ] && read_line /proc/sys/kernel/hostname; then HOSTNAME_=$LINE; fi
[ -n "$HOSTNAME_" ] || HOSTNAME_=unknown
safe_name "$HOSTNAME_"
NAME=dockernet-$SAFE-$STAMP
ROOT=$WORK/$NAME
META=$WORK/meta
mkdir -p "$ROOT" "$META" || die "cannot write in $WORK"
: >"$META/commands"
: >"$META/scopes"

USER_ID=$(id -u 2>/dev/null)
is_number "$USER_ID" || USER_ID=null
USER_NAME=$(id -un 2>/dev/null)

MADE_DIRS=
N_CMDS=0
N_OK=0
N_FAILED=0
N_NOTFOUND=0
N_TIMEOUT=0
N_SKIPPED=0
N_SCOPES=0
N_CONTAINERS=0
N_NETNS=0

# Current scope: SCOPE (manifest scope), SDIR (folder in the bundle), and how to enter its
# network namespace: NS_MODE "" (this one), pid (nsenter -t NS_TARGET -n) or file
# (nsenter --net=NS_TARGET).
set_scope() {
  SCOPE=$1
  SDIR=$2
  NS_MODE=${3-}
  NS_TARGET=${4-}
}

# A fresh output base path (bundle-relative, no extension) for id $1 in $SDIR, in $BASE.
new_base() {
  BASE=$SDIR/$1
  _nb_i=1
  while [ -e "$ROOT/$BASE.out" ] || [ -e "$ROOT/$BASE.err" ]; do
    _nb_i=$((_nb_i + 1))
    BASE=$SDIR/$1-$_nb_i
  done
  case " $MADE_DIRS " in
    *" $SDIR "*) ;;
    *)
      mkdir -p "$ROOT/$SDIR"
      MADE_DIRS="$MADE_DIRS $SDIR"
      ;;
  esac
}

# Append one command entry. Args: id command exitCode durationMs stdout stderr truncated skipped
add_command() {
  json_str "$1"
  _ac="{\"id\":$JSON"
  json_str "$SCOPE"
  _ac="$_ac,\"scope\":$JSON"
  json_str "$2"
  _ac="$_ac,\"command\":$JSON,\"exitCode\":$3,\"durationMs\":$4"
  if [ -n "$5" ]; then
    json_str "$5"
    _ac="$_ac,\"stdout\":$JSON"
  fi
  if [ -n "$6" ]; then
    json_str "$6"
    _ac="$_ac,\"stderr\":$JSON"
  fi
  [ "$7" = 1 ] && _ac="$_ac,\"truncated\":true"
  if [ -n "$8" ]; then
    json_str "$8"
    _ac="$_ac,\"skipped\":$JSON"
  fi
  if [ "$N_CMDS" -gt 0 ]; then
    printf ',\n    %s}' "$_ac" >>"$META/commands"
  else
    printf '    %s}' "$_ac" >>"$META/commands"
  fi
  N_CMDS=$((N_CMDS + 1))
}

# Append one scope entry: key, then its JSON object.
add_scope() {
  json_str "$1"
  if [ "$N_SCOPES" -gt 0 ]; then
    printf ',\n    %s: %s' "$JSON" "$2" >>"$META/scopes"
  else
    printf '    %s: %s' "$JSON" "$2" >>"$META/scopes"
  fi
  N_SCOPES=$((N_SCOPES + 1))
}

# Counters and the manifest entry of a finished command. An empty stderr file is left out of
# the manifest (and deleted at the end). Args: id command exitCode durationMs
finish() {
  _fi_err=$BASE.err
  [ -s "$ROOT/$BASE.err" ] || _fi_err=
  case $3 in
    0) N_OK=$((N_OK + 1)) ;;
    127) N_NOTFOUND=$((N_NOTFOUND + 1)) ;;
    124) N_TIMEOUT=$((N_TIMEOUT + 1)) ;;
    *) N_FAILED=$((N_FAILED + 1)) ;;
  esac
  add_command "$1" "$2" "$3" "$4" "$BASE.out" "$_fi_err" 0 ""
}

# Once at the end (one find instead of a wc per command): cut outputs over the size limit, mark
# their manifest entries "truncated", delete the empty stderr files.
finish_outputs() {
  find "$ROOT" -type f -name '*.err' -size 0 -exec rm -f {} + 2>/dev/null
  _fo_list=$(find "$ROOT" -type f -name '*.out' -size +"$MAX_BYTES"c 2>/dev/null)
  [ -n "$_fo_list" ] || return 0
  _fo_cut=
  _fo_ifs=$IFS
  IFS='
'
  for _fo_f in $_fo_list; do
    head -c "$MAX_BYTES" "$_fo_f" >"$_fo_f.cut" 2>/dev/null ||
      dd if="$_fo_f" of="$_fo_f.cut" bs=1 count="$MAX_BYTES" 2>/dev/null
    mv -f "$_fo_f.cut" "$_fo_f"
    _fo_cut="$_fo_cut
\"stdout\":\"${_fo_f#"$ROOT"/}\""
  done
  IFS=$_fo_ifs
  while IFS= read -r _fo_l || [ -n "$_fo_l" ]; do
    _fo_ifs=$IFS
    IFS='
'
    for _fo_k in $_fo_cut; do
      case $_fo_l in
        *"$_fo_k"*'},') _fo_l="${_fo_l%\},},\"truncated\":true}," ;;
        *"$_fo_k"*'}') _fo_l="${_fo_l%\}},\"truncated\":true}" ;;
      esac
    done
    IFS=$_fo_ifs
    printf '%s\n' "$_fo_l"
  done <"$META/commands" >"$META/commands.new"
  mv -f "$META/commands.new" "$META/commands"
}

# ---------------------------------------------------------------- running commands

TO_STYLE=none
TO_PATH=
if tool_path timeout; then
  TO_PATH=$TOOL
  if "$TO_PATH" -k 2 5 true </dev/null >/dev/null 2>&1; then
    TO_STYLE=k
  elif "$TO_PATH" 5 true </dev/null >/dev/null 2>&1; then
    TO_STYLE=plain
  elif "$TO_PATH" -t 5 true </dev/null >/dev/null 2>&1; then
    TO_STYLE=t
  fi
fi

NSENTER=
tool_path nsenter && NSENTER=$TOOL

# Run "$@" under the time limit, stdin from /dev/null, stdout to $1, stderr to $2.
exec_limited() {
  _el_out=$1
  _el_err=$2
  shift 2
  case $TO_STYLE in
    k) "$TO_PATH" -k 5 "$TIMEOUT_S" "$@" ;;
    plain) "$TO_PATH" "$TIMEOUT_S" "$@" ;;
    t) "$TO_PATH" -t "$TIMEOUT_S" "$@" ;;
    *) "$@" ;;
  esac </dev/null >"$_el_out" 2>"$_el_err"
}

# run ID TOOL ARGS...: run a command in the current scope and record it. Returns its status.
run() {
  _r_id=$1
  shift
  _r_tool=$1
  cmdline "$@"
  case $NS_MODE in
    pid) CMDLINE="nsenter -t $NS_TARGET -n $CMDLINE" ;;
    file)
      sh_quote "--net=$NS_TARGET"
      CMDLINE="nsenter $SQ $CMDLINE"
      ;;
  esac
  new_base "$_r_id"
  if ! tool_path "$_r_tool"; then
    printf '%s: command not found\n' "$_r_tool" >"$ROOT/$BASE.err"
    : >"$ROOT/$BASE.out"
    finish "$_r_id" "$CMDLINE" 127 0
    return 127
  fi
  shift
  set -- "$TOOL" "$@"
  now_ms
  _r_t0=$NOW_MS
  case $NS_MODE in
    pid) exec_limited "$ROOT/$BASE.out" "$ROOT/$BASE.err" "$NSENTER" -t "$NS_TARGET" -n "$@" ;;
    file) exec_limited "$ROOT/$BASE.out" "$ROOT/$BASE.err" "$NSENTER" "--net=$NS_TARGET" "$@" ;;
    *) exec_limited "$ROOT/$BASE.out" "$ROOT/$BASE.err" "$@" ;;
  esac
  _r_rc=$?
  now_ms
  finish "$_r_id" "$CMDLINE" "$_r_rc" $((NOW_MS - _r_t0))
  return "$_r_rc"
}

# run_fn ID DESCRIPTION FUNCTION ARGS...: run a shell function of this script (a sysfs or
# procfs listing) and record it with DESCRIPTION as its command.
run_fn() {
  _rf_id=$1
  _rf_desc=$2
  shift 2
  new_base "$_rf_id"
  now_ms
  _rf_t0=$NOW_MS
  ("$@") </dev/null >"$ROOT/$BASE.out" 2>"$ROOT/$BASE.err"
  _rf_rc=$?
  now_ms
  finish "$_rf_id" "$_rf_desc" "$_rf_rc" $((NOW_MS - _rf_t0))
  return "$_rf_rc"
}

# skip ID COMMAND REASON: record a command that was deliberately not run.
skip() {
  new_base "$1"
  printf 'not run: %s\n' "$3" >"$ROOT/$BASE.err"
  N_SKIPPED=$((N_SKIPPED + 1))
  add_command "$1" "$2" null 0 "" "$BASE.err" 0 "$3"
}

# ---------------------------------------------------------------- kernel module guard

# Would using kernel feature $1 (module name) with config symbol $2 load a module? Returns 0
# when it is safe (loaded, built in, or modules cannot be loaded at all); reason in $KMOD_WHY.
KCONFIG=
KCONFIG_READ=0
kmod_ready() {
  if [ -d "/sys/module/$1" ]; then
    KMOD_WHY="$1 is loaded"
    return 0
  fi
  if [ ! -e /proc/modules ]; then
    KMOD_WHY="the kernel cannot load modules (no /proc/modules)"
    return 0
  fi
  if read_line /proc/sys/kernel/modules_disabled && [ "$LINE" = 1 ]; then
    KMOD_WHY="module loading is disabled (kernel.modules_disabled=1)"
    return 0
  fi
  _km_rel=$(uname -r 2>/dev/null)
  if [ -r "/lib/modules/$_km_rel/modules.builtin" ] &&
    grep -q "/$1\\.ko" "/lib/modules/$_km_rel/modules.builtin" 2>/dev/null; then
    KMOD_WHY="$1 is built into the kernel"
    return 0
  fi
  if [ "$KCONFIG_READ" = 0 ]; then
    KCONFIG_READ=1
    if [ -r /proc/config.gz ]; then
      KCONFIG=$(gzip -dc /proc/config.gz 2>/dev/null | grep -E '^CONFIG_(INET|NF|IP)' 2>/dev/null)
    elif [ -r "/boot/config-$_km_rel" ]; then
      KCONFIG=$(grep -E '^CONFIG_(INET|NF|IP)' "/boot/config-$_km_rel" 2>/dev/null)
    fi
  fi
  case "
$KCONFIG
" in
    *"
$2=y
"*)
      KMOD_WHY="$1 is built into the kernel ($2=y)"
      return 0
      ;;
  esac
  KMOD_WHY="module $1 is not loaded and the tool could make the kernel load it"
  return 1
}

SS_OK=0
SS_WHY=
decide_ss() {
  if [ "$WANT_SS" = 0 ]; then
    SS_WHY="--no-ss given"
    return
  fi
  if [ "$ALLOW_AUTOLOAD" = 1 ]; then
    SS_OK=1
    return
  fi
  for _ds in inet_diag:CONFIG_INET_DIAG tcp_diag:CONFIG_INET_TCP_DIAG udp_diag:CONFIG_INET_UDP_DIAG; do
    if ! kmod_ready "${_ds%%:*}" "${_ds#*:}"; then
      SS_WHY="$KMOD_WHY (ss uses the sock_diag netlink modules); read /proc/net/* instead"
      return
    fi
  done
  SS_OK=1
}

# iptables-save / ip6tables-save / nft: which kernel part they talk to, and whether it is there.
IPT_OK=0
IPT_WHY=
IP6T_OK=0
IP6T_WHY=
NFT_OK=0
NFT_WHY=
decide_firewall() {
  _df_nft=0
  kmod_ready nf_tables CONFIG_NF_TABLES && _df_nft=1
  _df_nft_why=$KMOD_WHY
  if [ "$ALLOW_AUTOLOAD" = 1 ]; then
    IPT_OK=1
    IP6T_OK=1
    NFT_OK=1
    return
  fi
  [ "$_df_nft" = 1 ] && NFT_OK=1
  NFT_WHY=$_df_nft_why
  for _df_fam in 4 6; do
    if [ "$_df_fam" = 4 ]; then _df_tool=iptables-save _df_names=/proc/net/ip_tables_names; else _df_tool=ip6tables-save _df_names=/proc/net/ip6_tables_names; fi
    _df_ok=0
    _df_why=
    if tool_path "$_df_tool"; then
      _df_v=$("$TOOL" --version 2>/dev/null)
      case $_df_v in
        *nf_tables*)
          _df_ok=$_df_nft
          _df_why=$_df_nft_why
          ;;
        *)
          if [ -e "$_df_names" ]; then
            _df_ok=1
          else
            _df_why="the legacy x_tables modules are not loaded ($_df_names is missing) and $_df_tool could load them"
          fi
          ;;
      esac
    else
      _df_ok=1 # recorded as not found
    fi
    if [ "$_df_fam" = 4 ]; then IPT_OK=$_df_ok IPT_WHY=$_df_why; else IP6T_OK=$_df_ok IP6T_WHY=$_df_why; fi
  done
}

# ---------------------------------------------------------------- listings done in sh

# One line per interface of a sysfs class/net folder ($1), as key=value pairs.
# shellcheck disable=SC2317 # called through run_fn
fn_sys_class_net() {
  printf '# sys-class-net v1: one interface per line; - = unknown or none\n'
  _sc_n=0
  for _sc_p in "$1"/*; do
    [ -e "$_sc_p/ifindex" ] || continue
    _sc_n=$((_sc_n + 1))
    _sc_line="name=${_sc_p##*/}"
    for _sc_f in ifindex iflink operstate carrier mtu address type; do
      read_line "$_sc_p/$_sc_f" || LINE=-
      _sc_line="$_sc_line $_sc_f=$LINE"
    done
    _sc_m=-
    if [ -e "$_sc_p/master" ]; then
      _sc_m=$(readlink "$_sc_p/master" 2>/dev/null)
      _sc_m=${_sc_m##*/}
      [ -n "$_sc_m" ] || _sc_m=-
    fi
    _sc_dt=-
    if [ -r "$_sc_p/uevent" ]; then
      while IFS= read -r _sc_u; do
        case $_sc_u in DEVTYPE=*) _sc_dt=${_sc_u#DEVTYPE=} ;; esac
      done <"$_sc_p/uevent"
    fi
    _sc_role=-
    [ -d "$_sc_p/brport" ] && _sc_role=port
    [ -d "$_sc_p/bridge" ] && _sc_role=bridge
    _sc_dev=virtual
    [ -e "$_sc_p/device" ] && _sc_dev=device
    printf '%s master=%s devtype=%s role=%s backing=%s\n' "$_sc_line" "$_sc_m" "$_sc_dt" "$_sc_role" "$_sc_dev"
  done
  [ "$_sc_n" -gt 0 ] || {
    printf 'no interface found in %s\n' "$1" >&2
    return 1
  }
}

# The sysctls that decide how Docker traffic flows, read from /proc/sys like `sysctl` prints them.
# shellcheck disable=SC2317 # called through run_fn
fn_sysctls() {
  for _sy_k in net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv6.conf.all.forwarding \
    net.ipv6.bindv6only net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables \
    net.bridge.bridge-nf-call-arptables net.ipv4.conf.all.route_localnet net.ipv4.conf.all.rp_filter \
    net.ipv4.ip_local_port_range net.ipv4.ip_unprivileged_port_start net.ipv4.ping_group_range \
    net.ipv6.conf.all.disable_ipv6; do
    _sy_f=$_sy_k
    while :; do
      case $_sy_f in
        *.*) _sy_f=${_sy_f%%.*}/${_sy_f#*.} ;;
        *) break ;;
      esac
    done
    _sy_f=/proc/sys/$_sy_f
    if [ -r "$_sy_f" ]; then
      read_line "$_sy_f"
      printf '%s = %s\n' "$_sy_k" "$LINE"
    else
      printf '# %s: absent\n' "$_sy_k"
    fi
  done
}

# Tools the collector may use: name and path (- when missing; a bare name = shell builtin or
# BusyBox applet).
TOOL_LIST="ip ss netstat bridge brctl iptables iptables-save ip6tables-save iptables-legacy-save
nft nsenter docker dockerd docker-proxy containerd runc ps pstree timeout tar gzip stat readlink
hostname busybox ipvsadm"
# shellcheck disable=SC2317 # called through run_fn
fn_tools() {
  for _t in $TOOL_LIST; do
    if tool_path "$_t"; then printf '%s %s\n' "$_t" "$TOOL"; else printf '%s -\n' "$_t"; fi
  done
}

# First line of each present tool's version output.
# shellcheck disable=SC2317 # called through run_fn
fn_tool_versions() {
  # (docker version reports the engine, containerd, runc and docker-init versions itself.)
  for _tv in "ip -V" "ss -V" "bridge -V" "netstat --version" "brctl --version" "iptables --version" \
    "nft --version" "nsenter --version" "ps --version" "pstree --version" "busybox"; do
    # shellcheck disable=SC2086
    set -- $_tv
    tool_path "$1" || continue
    shift
    _tv_out=$(exec_limited /dev/stdout /dev/stdout "$TOOL" "$@" 2>&1 | head -n 1)
    printf '%s: %s\n' "${_tv%% *}" "$_tv_out"
  done
}

# A `ps -o pid,ppid,user,args`-like listing of the processes of a container, with the PIDs it
# sees itself, read from its own procfs ($1 = /proc/PID/root/proc); users from its /etc/passwd ($2).
# shellcheck disable=SC2317 # called through run_fn
fn_container_ps() {
  _cp_proc=$1
  _cp_passwd=$2
  [ -d "$_cp_proc/1" ] || {
    printf 'no procfs at %s\n' "$_cp_proc" >&2
    return 1
  }
  printf '%7s %7s %-8s %s\n' PID PPID USER COMMAND
  for _cp in "$_cp_proc"/[0-9]*; do
    read_line "$_cp/stat" || continue
    _cp_pid=${LINE%% *}
    _cp_comm=${LINE#*\(}
    _cp_comm=${_cp_comm%\)*}
    _cp_rest=${LINE##*) }
    # shellcheck disable=SC2086
    set -- $_cp_rest
    _cp_ppid=${2:-0}
    _cp_uid='?'
    while IFS= read -r _cp_l; do
      case $_cp_l in
        Uid:*)
          # shellcheck disable=SC2086
          set -- $_cp_l
          _cp_uid=$2
          break
          ;;
      esac
    done <"$_cp/status"
    _cp_user=$_cp_uid
    if [ -r "$_cp_passwd" ]; then
      while IFS=: read -r _cp_pn _cp_px _cp_pu _cp_rest2; do
        [ "$_cp_pu" = "$_cp_uid" ] && {
          _cp_user=$_cp_pn
          break
        }
      done <"$_cp_passwd"
    fi
    _cp_args=$(tr '\000' ' ' <"$_cp/cmdline" 2>/dev/null)
    _cp_args=${_cp_args% }
    [ -n "$_cp_args" ] || _cp_args="[$_cp_comm]"
    printf '%7s %7s %-8s %s\n' "$_cp_pid" "$_cp_ppid" "$_cp_user" "$_cp_args"
  done
}

# ---------------------------------------------------------------- capture groups

IP_JSON=0
probe_ip() {
  if tool_path ip && "$TOOL" -j link show lo </dev/null >/dev/null 2>&1; then IP_JSON=1; fi
}

# Interfaces, routes and neighbours of the current scope's namespace. $1 = full (host) or ns.
capture_ip() {
  run ip-addr ip addr show
  run ip-d-addr ip -d addr show
  run ip-d-link ip -d link show
  if [ "$IP_JSON" = 1 ]; then
    run ip-j-addr ip -j addr show
    run ip-j-link ip -j -d link show
    run ip-j-route-all ip -j route show table all
    run ip-j-6-route-all ip -j -6 route show table all
    [ "$1" = full ] && run ip-j-rule ip -j rule show
    run ip-j-neigh ip -j neigh show
  else
    skip ip-j-addr "ip -j addr show" "this ip has no -j (JSON) output"
  fi
  run ip-route-all ip route show table all
  run ip-route-main ip route show table main
  run ip-route-local ip route show table local
  run ip-6-route ip -6 route show
  run ip-6-route-all ip -6 route show table all
  if [ "$1" = full ]; then
    run ip-rule ip rule show
    run ip-6-rule ip -6 rule show
  fi
  run ip-neigh ip neigh show
}

# Bridge ports and forwarding databases of the current scope's namespace: Docker's overlay
# namespaces hold their own bridge (br0) with the vxlan port, whose fdb entries name the remote
# VTEPs (dst ...) that `ip` alone does not show.
capture_bridge() {
  run bridge-link bridge link show
  run bridge-fdb bridge fdb show
}

# Sockets of the current scope's namespace.
capture_sockets() {
  if [ "$SS_OK" = 1 ]; then
    run ss ss -tulpan
  else
    skip ss "ss -tulpan" "$SS_WHY"
    for _cs in tcp tcp6 udp udp6 raw raw6; do
      run "proc-net-$_cs" cat "/proc/net/$_cs"
    done
  fi
  run netstat netstat -tulpan
}

# Firewall rules of the current scope's namespace.
capture_firewall() {
  if [ "$IPT_OK" = 1 ]; then run iptables-save iptables-save; else skip iptables-save iptables-save "$IPT_WHY"; fi
  if [ "$IP6T_OK" = 1 ]; then run ip6tables-save ip6tables-save; else skip ip6tables-save ip6tables-save "$IP6T_WHY"; fi
  # Docker may run on the legacy backend while the system's iptables is nft (or the reverse).
  if [ -e /proc/net/ip_tables_names ] && tool_path iptables-save; then
    case $("$TOOL" --version 2>/dev/null) in
      *nf_tables*) tool_path iptables-legacy-save && run iptables-legacy-save iptables-legacy-save ;;
    esac
  fi
  if tool_path nft; then
    if [ "$NFT_OK" = 1 ]; then run nft-ruleset nft list ruleset; else skip nft-ruleset "nft list ruleset" "$NFT_WHY"; fi
  else
    run nft-ruleset nft list ruleset
  fi
  # IPVS tables (swarm's lb_* and ingress namespaces); the file exists only where ip_vs is loaded.
  if [ -e /proc/net/ip_vs ]; then
    run proc-net-ip-vs cat /proc/net/ip_vs
    if tool_path ipvsadm; then
      run ipvsadm ipvsadm -Ln
    else
      skip ipvsadm "ipvsadm -Ln" "no ipvsadm on this host (the table is in proc-net-ip-vs)"
    fi
  fi
  return 0
}

# Swarm's routing mesh (ingress_sbox) and service load balancers (lb_*) forward through IPVS: say
# so where it cannot, instead of leaving the table silently absent.
capture_ipvs_absence() {
  [ -e /proc/net/ip_vs ] && return 0
  skip ipvsadm "ipvsadm -Ln" "no /proc/net/ip_vs: IPVS is not loaded in this kernel, so this load balancer forwards nothing"
}

capture_host() {
  set_scope host host
  run uname uname -a
  if [ -r /etc/os-release ]; then run os-release cat /etc/os-release; else run os-release cat /usr/lib/os-release; fi
  run_fn tools "PATH lookup of: $(printf '%s' "$TOOL_LIST" | tr '\n' ' ')" fn_tools
  run_fn tool-versions "first line of each present tool's --version" fn_tool_versions
  if [ -e /proc/modules ]; then run proc-modules cat /proc/modules; else skip proc-modules "cat /proc/modules" "the kernel has no loadable module support"; fi
  run_fn sysctl-net "read /proc/sys/net/{ipv4/ip_forward,bridge/bridge-nf-call-iptables,ipv6/bindv6only,...}" fn_sysctls
  capture_ip full
  run ip-netns ip netns list
  capture_bridge
  run brctl-show brctl show
  set_scope host sys
  run_fn sys-class-net "read /sys/class/net/*/{ifindex,iflink,operstate,carrier,mtu,address,type,master,uevent}" fn_sys_class_net /sys/class/net
  set_scope host host
  capture_sockets
  capture_firewall
  run resolv-conf cat /etc/resolv.conf
  run etc-hosts cat /etc/hosts
  if ! run ps ps -e -ww -o pid,ppid,user,args; then
    run ps ps -o pid,ppid,user,args || run ps ps
  fi
  if tool_path pstree; then
    run pstree pstree -p -l || run pstree pstree -p
  else
    run pstree pstree -p
  fi
}

# Where dockerd keeps its namespaces: option, the running dockerd's --exec-root, daemon.json.
detect_exec_root() {
  [ -n "$EXEC_ROOT" ] && return
  for _de_p in /proc/[0-9]*; do
    read_line "$_de_p/comm" || continue
    [ "$LINE" = dockerd ] || continue
    _de_prev=
    _de_args=$(tr '\000' '\n' <"$_de_p/cmdline" 2>/dev/null)
    _de_ifs=$IFS
    IFS='
'
    for _de_a in $_de_args; do
      case $_de_prev in --exec-root) EXEC_ROOT=$_de_a ;; esac
      case $_de_a in --exec-root=*) EXEC_ROOT=${_de_a#--exec-root=} ;; esac
      _de_prev=$_de_a
    done
    IFS=$_de_ifs
    if [ -n "$EXEC_ROOT" ]; then
      EXEC_ROOT_FROM="command line of dockerd (pid ${_de_p#/proc/})"
      return
    fi
  done
  if [ -r /etc/docker/daemon.json ]; then
    _de_j=$(cat /etc/docker/daemon.json 2>/dev/null)
    case $_de_j in
      *'"exec-root"'*)
        _de_j=${_de_j#*\"exec-root\"}
        _de_j=${_de_j#*:}
        _de_j=${_de_j#*\"}
        EXEC_ROOT=${_de_j%%\"*}
        EXEC_ROOT_FROM=/etc/docker/daemon.json
        return
        ;;
    esac
  fi
  EXEC_ROOT=/var/run/docker
  EXEC_ROOT_FROM=default
}

# Only networking fields: never Config.Env, Cmd, Mounts or label values (they carry secrets),
# except the values of three Compose labels (ComposeLabels: com.docker.compose.project, .service,
# .container-number): the project and service names Compose derives from the folder and the
# compose file, no secret, and what people group their stacks by. Other compose labels
# (config_files, working_dir: paths) stay keys only.
# `.Id` is no field of the CLI's typed struct (it is `.ID`), so the CLI always falls back to the
# raw JSON map with missingkey=error, and API >= 1.51 (Docker 28) omits empty keys such as
# Config.ExposedPorts: `.Config.ExposedPorts` then failed the whole command. `index` yields null
# for a missing key instead.
# shellcheck disable=SC2016
INSPECT_FORMAT='{"Id":{{json .Id}},"Name":{{json .Name}},"Created":{{json .Created}},"Image":{{json .Image}},"State":{"Status":{{json (index .State "Status")}},"Running":{{json (index .State "Running")}},"Pid":{{json (index .State "Pid")}},"StartedAt":{{json (index .State "StartedAt")}}},"Config":{"Image":{{json (index .Config "Image")}},"Hostname":{{json (index .Config "Hostname")}},"Domainname":{{json (index .Config "Domainname")}},"ExposedPorts":{{json (index .Config "ExposedPorts")}},"LabelKeys":[{{$first := true}}{{range $k, $v := (index .Config "Labels")}}{{if $first}}{{$first = false}}{{else}},{{end}}{{json $k}}{{end}}],"ComposeLabels":{ {{$cf := true}}{{range $k, $v := (index .Config "Labels")}}{{if eq $k "com.docker.compose.project" "com.docker.compose.service" "com.docker.compose.container-number"}}{{if $cf}}{{$cf = false}}{{else}},{{end}}{{json $k}}:{{json $v}}{{end}}{{end}}}},"HostConfig":{"NetworkMode":{{json (index .HostConfig "NetworkMode")}},"PortBindings":{{json (index .HostConfig "PortBindings")}},"PublishAllPorts":{{json (index .HostConfig "PublishAllPorts")}},"Dns":{{json (index .HostConfig "Dns")}},"ExtraHosts":{{json (index .HostConfig "ExtraHosts")}}},"NetworkSettings":{"SandboxID":{{json (index .NetworkSettings "SandboxID")}},"SandboxKey":{{json (index .NetworkSettings "SandboxKey")}},"Ports":{{json (index .NetworkSettings "Ports")}},"Networks":{{json (index .NetworkSettings "Networks")}}}}'
PS_FORMAT='{"ID":{{json .ID}},"Names":{{json .Names}},"Image":{{json .Image}},"Command":{{json .Command}},"CreatedAt":{{json .CreatedAt}},"RunningFor":{{json .RunningFor}},"Status":{{json .Status}},"Ports":{{json .Ports}},"Networks":{{json .Networks}}}'
PIDS_FORMAT='{{.Id}} {{.State.Pid}} {{.State.Running}} {{.HostConfig.NetworkMode}} {{.Name}} {{.NetworkSettings.SandboxKey}}'

# The cluster as a manager sees it (a worker's engine refuses these: "not a swarm manager").
# Nodes and services are read through templates limited to what joins nodes together: node
# addresses, roles, engine versions; service modes, endpoints, VIPs and networks. Never labels
# (their values are the admin's), never a service's container spec (its Env carries secrets).
# shellcheck disable=SC2016
NODE_FORMAT='{"ID":{{json .ID}},"Description":{"Hostname":{{json .Description.Hostname}},"Platform":{{json .Description.Platform}},"Engine":{"EngineVersion":{{json .Description.Engine.EngineVersion}}}},"Spec":{"Role":{{json .Spec.Role}},"Availability":{{json .Spec.Availability}}},"Status":{{json .Status}},"ManagerStatus":{{json .ManagerStatus}}}'
# shellcheck disable=SC2016
SERVICE_FORMAT='{"ID":{{json .ID}},"Spec":{"Name":{{json .Spec.Name}},"Mode":{{json .Spec.Mode}},"EndpointSpec":{{json .Spec.EndpointSpec}},"TaskTemplate":{"Networks":{{json .Spec.TaskTemplate.Networks}}}},"Endpoint":{{json .Endpoint}}}'
capture_swarm_manager() {
  run docker-node-ls docker node ls
  run docker-node-ids docker node ls -q
  _sm_ids=$(cat "$ROOT/$BASE.out" 2>/dev/null)
  set -f
  # shellcheck disable=SC2086
  set -- $_sm_ids
  set +f
  if [ $# -gt 0 ]; then
    run docker-node-inspect docker node inspect --format "$NODE_FORMAT" "$@"
  else
    skip docker-node-inspect "docker node inspect" "docker node ls listed no node"
  fi
  run docker-service-ls docker service ls
  run docker-service-ids docker service ls -q
  _sm_ids=$(cat "$ROOT/$BASE.out" 2>/dev/null)
  set -f
  # shellcheck disable=SC2086
  set -- $_sm_ids
  set +f
  if [ $# -gt 0 ]; then
    run docker-service-inspect docker service inspect --format "$SERVICE_FORMAT" "$@"
    run docker-service-ps docker service ps --no-trunc --format '{{json .}}' "$@"
  else
    skip docker-service-inspect "docker service inspect" "no service"
    skip docker-service-ps "docker service ps" "no service"
  fi
}

CONTAINER_IDS=
capture_docker() {
  set_scope host docker
  # The daemon's settings (userland-proxy, iptables, ip6tables, bip, exec-root...). It holds no
  # secret normally; registry credentials live in the client's config.json, not here.
  if [ -e /etc/docker/daemon.json ]; then
    run docker-daemon-json cat /etc/docker/daemon.json
  else
    skip docker-daemon-json "cat /etc/docker/daemon.json" "no /etc/docker/daemon.json (the daemon runs on its defaults and its command line, see ps)"
  fi
  run docker-version docker version
  _cd_rc=$?
  if [ "$_cd_rc" = 127 ]; then
    skip docker-engine "docker ..." "no docker CLI"
    return 1
  fi
  run docker-info docker info
  if [ "$_cd_rc" != 0 ]; then
    skip docker-engine "docker ..." "the engine did not answer (docker version exited $_cd_rc)"
    return 1
  fi
  run docker-version-json docker version --format '{{json .}}'
  run docker-info-json docker info --format '{{json .}}'
  run docker-swarm docker info --format '{{json .Swarm}}'
  case $(cat "$ROOT/$BASE.out" 2>/dev/null) in
    *'"ControlAvailable":true'*) capture_swarm_manager ;;
  esac
  run docker-network-ls docker network ls
  run docker-network-ls-json docker network ls --no-trunc --format '{{json .}}'
  run docker-network-ids docker network ls -q --no-trunc
  _cd_ids=$(cat "$ROOT/$BASE.out" 2>/dev/null)
  set -f
  # shellcheck disable=SC2086
  set -- $_cd_ids
  set +f
  if [ $# -gt 0 ]; then
    run docker-network-inspect docker network inspect "$@"
  else
    skip docker-network-inspect "docker network inspect" "docker network ls listed no network"
  fi
  # Swarm-scope networks in verbose form: their Services (VIPs, tasks) and Peers.
  run docker-network-swarm-ids docker network ls -q --no-trunc --filter scope=swarm
  _cd_ids=$(cat "$ROOT/$BASE.out" 2>/dev/null)
  set -f
  # shellcheck disable=SC2086
  set -- $_cd_ids
  set +f
  if [ $# -gt 0 ]; then
    run docker-network-inspect-verbose docker network inspect --verbose "$@"
  else
    skip docker-network-inspect-verbose "docker network inspect --verbose" "no swarm-scope network"
  fi
  run docker-ps docker ps -a
  run docker-ps-json docker ps -a --no-trunc --format "$PS_FORMAT"
  run docker-container-ids docker ps -aq --no-trunc
  CONTAINER_IDS=$(cat "$ROOT/$BASE.out" 2>/dev/null)
  set -f
  # shellcheck disable=SC2086
  set -- $CONTAINER_IDS
  set +f
  if [ $# -gt 0 ]; then
    run docker-container-inspect docker inspect --type container --format "$INSPECT_FORMAT" "$@"
    run docker-container-pids docker inspect --type container --format "$PIDS_FORMAT" "$@"
    PIDS_FILE=$ROOT/$BASE.out
  fi
  return 0
}

# Bundle-relative folder scopes already captured, by namespace inode: lines "INODE SCOPE".
SEEN_NS=
seen_ns() {
  SEEN_AS=
  case "
$SEEN_NS" in
    *"
$1 "*)
      SEEN_AS=${SEEN_NS#*"
$1 "}
      SEEN_AS=${SEEN_AS%%"
"*}
      return 0
      ;;
  esac
  return 1
}

ns_tools_usable() {
  [ "$WANT_NSENTER" = 1 ] && [ -n "$NSENTER" ] && [ "$USER_ID" = 0 ]
}

capture_container() {
  _cc_id=$1 _cc_pid=$2 _cc_mode=$3 _cc_key=$4 _cc_name=${5#/}
  _cc_scope=container:$_cc_name
  json_str "$_cc_name"
  _cc_json="{\"kind\":\"container\",\"name\":$JSON"
  json_str "$_cc_id"
  _cc_json="$_cc_json,\"id\":$JSON,\"pid\":$_cc_pid"
  json_str "$_cc_mode"
  _cc_json="$_cc_json,\"networkMode\":$JSON"
  if [ -n "$_cc_key" ]; then
    json_str "$_cc_key"
    _cc_json="$_cc_json,\"sandboxKey\":$JSON"
  fi
  if ns_inode "/proc/$_cc_pid/ns/net"; then
    _cc_json="$_cc_json,\"netnsInode\":$INODE"
    if seen_ns "$INODE"; then
      json_str "$SEEN_AS"
      add_scope "$_cc_scope" "$_cc_json,\"sameAs\":$JSON}"
      return
    fi
    SEEN_NS="$SEEN_NS
$INODE $_cc_scope"
  fi
  N_CONTAINERS=$((N_CONTAINERS + 1))
  safe_name "$_cc_name"
  _cc_dir=containers/$SAFE
  if ns_tools_usable; then
    add_scope "$_cc_scope" "$_cc_json,\"method\":\"nsenter\"}"
    set_scope "$_cc_scope" "$_cc_dir" pid "$_cc_pid"
    capture_ip ns
    capture_bridge
    capture_sockets
    capture_firewall
  else
    add_scope "$_cc_scope" "$_cc_json,\"method\":\"procfs\"}"
    set_scope "$_cc_scope" "$_cc_dir"
    if [ "$WANT_NSENTER" = 0 ]; then
      _cc_why="--no-nsenter given"
    elif [ -z "$NSENTER" ]; then
      _cc_why="no nsenter on this host"
    else
      _cc_why="entering a namespace needs root"
    fi
    skip ip-addr "nsenter -t $_cc_pid -n ip addr show" "$_cc_why; read /proc/$_cc_pid/net and the container's sysfs instead"
    for _cc_f in dev if_inet6 route ipv6_route fib_trie tcp tcp6 udp udp6 raw raw6 arp; do
      run "proc-net-$(printf '%s' "$_cc_f" | tr _ -)" cat "/proc/$_cc_pid/net/$_cc_f"
    done
  fi
  set_scope "$_cc_scope" "$_cc_dir"
  run_fn sys-class-net "read /proc/$_cc_pid/root/sys/class/net/*/{ifindex,iflink,...} (the container's sysfs)" \
    fn_sys_class_net "/proc/$_cc_pid/root/sys/class/net"
  run_fn ps "ps-like listing of /proc/$_cc_pid/root/proc (PIDs as the container sees them)" \
    fn_container_ps "/proc/$_cc_pid/root/proc" "/proc/$_cc_pid/root/etc/passwd"
  run docker-top docker top "$_cc_id" -eo pid,ppid,user,args
  run resolv-conf cat "/proc/$_cc_pid/root/etc/resolv.conf"
  run etc-hosts cat "/proc/$_cc_pid/root/etc/hosts"
}

capture_containers() {
  [ -n "${PIDS_FILE-}" ] && [ -r "$PIDS_FILE" ] || return
  while read -r _cs_id _cs_pid _cs_run _cs_mode _cs_name _cs_key; do
    [ "$_cs_run" = true ] || continue
    is_number "$_cs_pid" || continue
    [ "$_cs_pid" -gt 0 ] || continue
    capture_container "$_cs_id" "$_cs_pid" "$_cs_mode" "$_cs_key" "$_cs_name"
  done <"$PIDS_FILE"
}

# Is $1 a namespace (an nsfs bind mount)? Docker bind-mounts each sandbox's namespace on a file
# under <exec-root>/netns; when the mount is gone (a crash, a reboot with a kept exec root, a
# failed cleanup) the plain file stays, and stat would give the inode of that empty file, not of
# a namespace. Reason in $NSFS_WHY when it is not.
is_nsfs() {
  NSFS_WHY=
  _nf_t=
  tool_path stat && _nf_t=$("$TOOL" -f -c %T "$1" 2>/dev/null)
  [ "$_nf_t" = nsfs ] && return 0
  # BusyBox's stat says UNKNOWN for nsfs: the mount table says whether a nsfs is mounted there.
  NF_PATH=$(printf '%s' "$1" | sed 's/ /\\040/g')
  export NF_PATH
  if awk '$5 == ENVIRON["NF_PATH"] { for (i = 6; i < NF; i++) if ($i == "-") { print $(i + 1); exit } }' \
    /proc/self/mountinfo 2>/dev/null | grep -qx nsfs; then
    return 0
  fi
  _nf_sz=$(wc -c <"$1" 2>/dev/null | tr -d ' ')
  NSFS_WHY="not a namespace: no nsfs mounted on it, a plain file (${_nf_sz:-?} bytes, on ${_nf_t:-?}) where a namespace was once bind-mounted; the namespace is gone (a sandbox not cleaned up)"
  return 1
}

capture_docker_netns() {
  set_scope host docker
  if [ ! -d "$EXEC_ROOT/netns" ]; then
    skip docker-netns-ls "ls -la $EXEC_ROOT/netns" "no folder $EXEC_ROOT/netns (no sandbox yet, no access, or another --docker-exec-root)"
    return
  fi
  run docker-netns-ls ls -la "$EXEC_ROOT/netns"
  for _dn_f in "$EXEC_ROOT"/netns/*; do
    [ -e "$_dn_f" ] || continue
    _dn_name=${_dn_f##*/}
    _dn_scope=netns:$_dn_name
    json_str "$_dn_name"
    _dn_json="{\"kind\":\"netns\",\"name\":$JSON"
    json_str "$_dn_f"
    _dn_json="$_dn_json,\"path\":$JSON"
    if ! is_nsfs "$_dn_f"; then
      json_str "$NSFS_WHY"
      add_scope "$_dn_scope" "$_dn_json,\"stale\":true,\"staleWhy\":$JSON}"
      continue
    fi
    if ns_inode "$_dn_f"; then
      _dn_json="$_dn_json,\"netnsInode\":$INODE"
      if seen_ns "$INODE"; then
        json_str "$SEEN_AS"
        add_scope "$_dn_scope" "$_dn_json,\"sameAs\":$JSON}"
        continue
      fi
      SEEN_NS="$SEEN_NS
$INODE $_dn_scope"
    fi
    N_NETNS=$((N_NETNS + 1))
    add_scope "$_dn_scope" "$_dn_json}"
    safe_name "$_dn_name"
    if ns_tools_usable; then
      set_scope "$_dn_scope" "netns/$SAFE" file "$_dn_f"
      capture_ip ns
      capture_bridge
      capture_sockets
      capture_firewall
      case $_dn_name in ingress_sbox | lb_*) capture_ipvs_absence ;; esac
    else
      set_scope "$_dn_scope" "netns/$SAFE"
      skip ip-addr "nsenter --net=$_dn_f ip addr show" "entering a namespace file needs nsenter and root"
    fi
  done
}

# ---------------------------------------------------------------- main

# Where the bundle goes.
if [ -z "$OUTPUT" ]; then
  if [ -w . ]; then OUTPUT=./; else OUTPUT=$TMPBASE/; fi
fi
case $OUTPUT in
  */) OUT_FILE=$OUTPUT$NAME.tar.gz ;;
  *) if [ -d "$OUTPUT" ]; then OUT_FILE=$OUTPUT/$NAME.tar.gz; else OUT_FILE=$OUTPUT; fi ;;
esac
case $OUT_FILE in /*) ;; *) OUT_FILE=$(pwd)/${OUT_FILE#./} ;; esac
_out_dir=${OUT_FILE%/*}
[ -n "$_out_dir" ] || _out_dir=/
if [ ! -d "$_out_dir" ] || [ ! -w "$_out_dir" ]; then die "cannot write the bundle into $_out_dir"; fi

probe_ip
decide_ss
decide_firewall

if ns_inode "/proc/$$/ns/net"; then
  HOST_INODE=$INODE
  SEEN_NS="
$INODE host"
else
  HOST_INODE=null
fi

capture_host

if [ "$DO_DOCKER" = 1 ]; then
  if capture_docker; then
    [ "$DO_CONTAINERS" = 1 ] && capture_containers
  fi
  if [ "$DO_NETNS" = 1 ]; then
    detect_exec_root
    capture_docker_netns
  fi
fi

finish_outputs

now_ms
DURATION_MS=$((NOW_MS - START_MS))

# Options as given or found, for whoever reads the bundle.
json_str "${DOCKER_HOST-}"
_o="{\"dockerHost\":$JSON"
json_str "$EXEC_ROOT"
_o="$_o,\"dockerExecRoot\":$JSON"
json_str "$EXEC_ROOT_FROM"
_o="$_o,\"dockerExecRootFrom\":$JSON,\"containers\":$([ "$DO_CONTAINERS" = 1 ] && echo true || echo false)"
_o="$_o,\"netns\":$([ "$DO_NETNS" = 1 ] && echo true || echo false),\"docker\":$([ "$DO_DOCKER" = 1 ] && echo true || echo false)"
_o="$_o,\"nsenter\":$(ns_tools_usable && echo true || echo false),\"ss\":$([ "$SS_OK" = 1 ] && echo true || echo false)"
_o="$_o,\"allowAutoload\":$([ "$ALLOW_AUTOLOAD" = 1 ] && echo true || echo false),\"timeoutSeconds\":$TIMEOUT_S"
_o="$_o,\"timeoutTool\":$([ "$TO_STYLE" = none ] && echo false || echo true),\"maxOutputBytes\":$MAX_BYTES}"

{
  printf '{\n'
  printf '  "format": "dockernet-bundle",\n'
  printf '  "formatVersion": 1,\n'
  printf '  "collector": { "name": "%s", "version": "%s" },\n' "$COLLECTOR_NAME" "$COLLECTOR_VERSION"
  json_str "$HOSTNAME_"
  printf '  "hostname": %s,\n' "$JSON"
  printf '  "capturedAt": "%s",\n' "$CAPTURED_AT"
  json_str "$STEP"
  printf '  "step": %s,\n' "$JSON"
  json_str "$USER_NAME"
  printf '  "user": { "uid": %s, "name": %s },\n' "$USER_ID" "$JSON"
  if [ -n "$COMMENT" ]; then
    json_str "$COMMENT"
    printf '  "comment": %s,\n' "$JSON"
  fi
  printf '  "durationMs": %s,\n' "$DURATION_MS"
  printf '  "hostNetnsInode": %s,\n' "$HOST_INODE"
  printf '  "options": %s,\n' "$_o"
  printf '  "scopes": {\n'
  cat "$META/scopes"
  [ "$N_SCOPES" -gt 0 ] && printf '\n'
  printf '  },\n'
  printf '  "commands": [\n'
  cat "$META/commands"
  printf '\n  ]\n}\n'
} >"$ROOT/manifest.json" || die "cannot write the manifest"

(cd "$WORK" && tar -cf "$WORK/bundle.tar" "$NAME") || die "tar failed"
gzip -c "$WORK/bundle.tar" >"$OUT_FILE.partial" || {
  rm -f "$OUT_FILE.partial"
  die "cannot write $OUT_FILE"
}
mv -f "$OUT_FILE.partial" "$OUT_FILE" || die "cannot write $OUT_FILE"

# shellcheck disable=SC2046
set -- $(wc -c <"$OUT_FILE")
_kib=$((($1 + 1023) / 1024))
_secs=$((DURATION_MS / 1000)).$(((DURATION_MS % 1000) / 100))
printf '%s: %s commands (%s ok, %s failed, %s timed out, %s not found, %s skipped), %s container namespaces, %s docker namespaces, %s s\n' \
  "$COLLECTOR_NAME" "$N_CMDS" "$N_OK" "$N_FAILED" "$N_TIMEOUT" "$N_NOTFOUND" "$N_SKIPPED" "$N_CONTAINERS" "$N_NETNS" "$_secs"
printf 'bundle: %s (%s KiB)\n' "$OUT_FILE" "$_kib"
exit 0
