#!/usr/bin/env bash
# Fresh-install check: do the README's two commands work on a brand-new Debian 12 machine?
#
# Builds a minimal Debian 12 root (debootstrap --variant=minbase bookworm, from the same Debian
# mirror as this machine's apt sources), copies this checkout into it and runs, inside a chroot as
# root with CI=true and no DISPLAY, the README's demo command and then its test command, exactly as
# written between the <!-- demo-command --> / <!-- test-command --> markers (extracted by
# installers/readme-command.sh, which .ci/run uses too). Whatever the commands need must come from
# installers/install-deps.sh: this script installs nothing into the root itself, so a package
# missing from that list fails here even when the host already has it.
#
# What is copied: the files git tracks (git ls-files), as they are in the working tree, so
# uncommitted edits to tracked files (say, a line added to install-deps.sh) are checked before you
# commit them; untracked files (build trees, scratch files) are not, and a new file must be
# `git add`ed first. --committed copies HEAD exactly instead (git archive).
#
# --only deb checks the runner's Debian package instead of the README's commands: it installs
# build/packages/streamcanvas-runner_*.deb (or --deb FILE; build it first with
# `cmake --build build --target deb-packages`) into the fresh root with apt, so every dependency
# comes from its Depends, checks that no Qt library came with it, and runs the installed demo
# (streamcanvas-run /usr/share/streamcanvas/examples/demo.json --duration 5s), which must print
# records. When the designer's package (streamcanvas_*.deb) lies beside it, it is installed the
# same way and must render the demo with `streamcanvas --export-image` (offscreen), which checks its
# Depends (Qt libraries, platform plugins). A few minutes: no build happens in the root.
#
# Usage: installers/check-fresh-install.sh [options]   (as root)
#   --only demo|test|deb  run only that README command (demo: the quick check, ~15 min on 2 cores),
#                     or only the Debian package check (deb, below)
#   --deb FILE        the runner package for --only deb (default: the newest
#                     build/packages/streamcanvas-runner_*.deb of this checkout)
#   --keep            keep the root (and logs) afterwards for inspection; it is unmounted either way
#   --root DIR        build the root in DIR (must be absent or empty) instead of a new
#                     /var/tmp/sc-fresh.XXXXXX; removed at the end unless --keep
#   --jobs N          build parallelism, exported as CMAKE_BUILD_PARALLEL_LEVEL (default: nproc)
#   --committed       copy HEAD (git archive) instead of the tracked files of the working tree
#   --quiet           write each step's output only to its log; print the tail of a failing one
#   --mirror URL      Debian mirror (default: the one in this machine's apt sources)
# Exit status: 0 PASS, 1 FAIL (a step failed), 2 usage or host problem.
#
# Host ccache is not shared into the root: the build there starts from nothing, like a new
# machine's (install-deps.sh installs ccache in the root, with an empty cache of its own).
set -euo pipefail

usage() { sed -n '/^# Usage:/,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

only=""
keep=0
root_arg=""
jobs=$(nproc 2>/dev/null || echo 2)
committed=0
quiet=0
mirror=""
deb=""
designer_deb=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=${2:-}; shift 2 || usage ;;
    --only=*) only=${1#--only=}; shift ;;
    --keep) keep=1; shift ;;
    --root) root_arg=${2:-}; shift 2 || usage ;;
    --root=*) root_arg=${1#--root=}; shift ;;
    --jobs) jobs=${2:-}; shift 2 || usage ;;
    --jobs=*) jobs=${1#--jobs=}; shift ;;
    --committed) committed=1; shift ;;
    --quiet) quiet=1; shift ;;
    --mirror) mirror=${2:-}; shift 2 || usage ;;
    --mirror=*) mirror=${1#--mirror=}; shift ;;
    --deb) deb=${2:-}; shift 2 || usage ;;
    --deb=*) deb=${1#--deb=}; shift ;;
    -h | --help) usage ;;
    *) echo "check-fresh-install.sh: unknown option $1" >&2; usage ;;
  esac
done
case "$only" in "" | demo | test | deb) ;; *) echo "check-fresh-install.sh: --only takes demo, test or deb" >&2; exit 2 ;; esac
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "check-fresh-install.sh: --jobs takes a positive number" >&2; exit 2; }
if [ "$(id -u)" -ne 0 ]; then
  echo "check-fresh-install.sh: run as root (debootstrap, mount and chroot need it)" >&2
  exit 2
fi

src=$(cd "$(dirname "$0")/.." && pwd)
git -C "$src" rev-parse --is-inside-work-tree > /dev/null 2>&1 || {
  echo "check-fresh-install.sh: $src is not a git checkout (the tracked files are what is copied)" >&2
  exit 2
}

steps=()
if [ "$only" = deb ]; then
  steps=(runner-deb runner-demo)
  if [ -z "$deb" ]; then
    deb=$(ls -t "$src"/build/packages/streamcanvas-runner_*.deb 2> /dev/null | head -n 1 || true)
  fi
  if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "check-fresh-install.sh: no runner package${deb:+ at $deb}; build it with" \
      "'cmake --build build --target deb-packages' or pass --deb FILE" >&2
    exit 2
  fi
  deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
  designer_deb=$(ls -t "$(dirname "$deb")"/streamcanvas_*.deb 2> /dev/null | head -n 1 || true)
  [ -n "$designer_deb" ] && steps+=(designer-deb designer-png)
else
  [ "$only" != test ] && steps+=(demo)
  [ "$only" != demo ] && steps+=(test)
fi
# Extract the commands now, from the README being checked (the copy in the root is the same file).
declare -A command
for s in "${steps[@]}"; do
  case "$s" in
    demo | test) command[$s]=$(bash "$src/installers/readme-command.sh" "$s" "$src/README.md") ;;
  esac
done
# The runner package check: apt installs the .deb with what its Depends name (no recommends, as
# on a server), no Qt library may come with it, and the installed demo must print records.
command[runner-deb]='apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /root/'"$(basename "${deb:-none.deb}")"'
dpkg-query -W -f="\${Package} \${Version}\n" streamcanvas-runner
if dpkg-query -W -f="\${Package}\n" | grep -iE "^(libqt|qt6)"; then echo "FAIL: Qt packages were installed with the runner" >&2; exit 1; fi
echo "no Qt package installed; $(dpkg-query -W | wc -l) packages in the root"'
command[designer-deb]='DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /root/'"$(basename "${designer_deb:-none.deb}")"'
dpkg-query -W -f="\${Package} \${Version}\n" streamcanvas'
command[designer-png]='QT_QPA_PLATFORM=offscreen streamcanvas --export-image /tmp/demo.png /usr/share/streamcanvas/examples/demo.json
test -s /tmp/demo.png && echo "streamcanvas rendered the demo: $(wc -c < /tmp/demo.png) bytes of PNG"
grep -qx application/x-streamcanvas-pipeline /usr/share/mime/types && echo "the MIME database (dpkg trigger) knows application/x-streamcanvas-pipeline"'
command[runner-demo]='cd /tmp && streamcanvas-run /usr/share/streamcanvas/examples/demo.json --duration 5s > demo.out
echo "the demo printed $(wc -l < demo.out) records; the first:"; head -n 3 demo.out
test -s demo.out'

# --- the mirror: the same as this machine's apt sources -------------------------------------------
# deb822 files first (Debian 12's default), then one-line sources.list entries.
sources_uri() { # $1 = suite; prints the first URI that serves it (nothing if none does)
  local out f
  out=$(
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -r "$f" ] && awk -v suite="$1" '
        function flush() { if (uri != "" && found) print uri; uri = ""; found = 0 }
        /^[[:space:]]*$/ { flush(); next }
        /^URIs:/ { uri = $2 }
        /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) found = 1 }
        END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -r "$f" ] && awk -v suite="$1" '
        $1 == "deb" {
          i = 2
          if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }   # skip [ options ]
          if ($(i + 1) == suite) print $i
        }' "$f"
    done
  ) || true
  printf '%s' "${out%%$'\n'*}"
}
if [ -z "$mirror" ]; then
  mirror=$(sources_uri bookworm)
  mirror=${mirror:-http://deb.debian.org/debian}
fi
security=$(sources_uri bookworm-security)
security=${security:-${mirror%/debian}/debian-security}

# --- helpers ---------------------------------------------------------------------------------------
now() { date +%s; }
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
say() { printf '\n=== fresh-install check: %s\n' "$*"; }

declare -A took status
order=()
root=""
logs=""
created_root=0
mounts=()
step_pid=""
result=FAIL

kill_root_processes() { # anything still running inside the root (a test's broker, Xvfb, ...)
  [ -n "$root" ] && [ -d "$root" ] || return 0
  local sig p pids
  for sig in TERM KILL; do
    pids=()
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2> /dev/null)" = "$root" ] && pids+=("${p#/proc/}")
    done
    [ ${#pids[@]} -eq 0 ] && return 0
    echo "check-fresh-install.sh: stopping ${#pids[@]} process(es) left in the root (SIG$sig)" >&2
    kill -s "$sig" "${pids[@]}" 2> /dev/null || true
    sleep 2
  done
}

kill_tree() { # $1 = pid: it and its descendants, by pid
  local child
  for child in $(ps -o pid= --ppid "$1" 2> /dev/null); do kill_tree "$child"; done
  kill -TERM "$1" 2> /dev/null || true
}

do_mount() { # do_mount TARGET MOUNT-ARGS...: mount, remember for the cleanup, keep it private
  local target=$1
  shift
  mount "$@" "$target"
  mounts+=("$target")
  mount --make-private "$target"
}

unmount_all() { # ours in reverse order, then anything else left under the root (debootstrap's)
  local i m
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[$i]}" 2> /dev/null || umount -l "${mounts[$i]}" 2> /dev/null ||
      echo "check-fresh-install.sh: could not unmount ${mounts[$i]}" >&2
  done
  mounts=()
  [ -n "$root" ] || return 0
  for m in $(findmnt -rn -o TARGET | grep "^$root/" | sort -r); do
    umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null || true
  done
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM HUP
  [ -n "$step_pid" ] && kill_tree "$step_pid" && sleep 1
  kill_root_processes
  unmount_all
  if [ -n "$root" ] && [ -d "$root" ]; then
    if findmnt -rn -o TARGET | grep -q "^$root/"; then
      echo "check-fresh-install.sh: something is still mounted under $root; not deleting it" >&2
    elif [ "$keep" -eq 1 ]; then
      echo "check-fresh-install.sh: kept the root in $root (chroot $root /bin/bash; remove with rm -rf --one-file-system $root)"
    else
      # --one-file-system: never follow into a mount that somehow survived.
      local t0
      t0=$(now)
      echo "check-fresh-install.sh: removing the root $root"
      rm -rf --one-file-system "$root"
      echo "check-fresh-install.sh: removed in $(fmt $(($(now) - t0)))"
      [ "$created_root" -eq 1 ] || mkdir -p "$root"
    fi
  fi
  if [ -n "$logs" ] && [ -d "$logs" ]; then
    if [ "$keep" -eq 1 ] || [ "$result" != PASS ]; then
      echo "check-fresh-install.sh: logs of each step in $logs"
    else
      rm -rf "$logs"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

summary() {
  local s total=0
  printf '\n=== fresh-install check summary (mirror %s, bookworm minbase, %s build jobs)\n' "$mirror" "$jobs"
  for s in "${order[@]}"; do
    printf '  %-12s %9s  %s\n' "$s" "$(fmt "${took[$s]}")" "${status[$s]}"
    total=$((total + took[$s]))
  done
  printf '  %-12s %9s\n' total "$(fmt "$total")"
  if [ "$result" = PASS ]; then
    if [ "$only" = deb ]; then
      echo "PASS: $(basename "$deb") installs on a fresh Debian 12 root without Qt and runs the demo${designer_deb:+; $(basename "$designer_deb") installs and renders it}"
    else
      echo "PASS: the README's commands work on a fresh Debian 12 root ($(IFS=' '; echo "${steps[*]}"))"
    fi
  elif [ "$only" = deb ]; then
    echo "FAIL: step '$1' failed on a fresh Debian 12 root; a dependency missing from the package's Depends is the usual cause"
  else
    echo "FAIL: step '$1' failed on a fresh Debian 12 root; a package missing from installers/install-deps.sh is the usual cause"
  fi
}

# run_step NAME CMD...: runs CMD with its output in $logs/NAME.log (and on screen unless --quiet),
# times it, and on failure prints the summary and exits 1.
run_step() {
  local name=$1 t0 rc
  shift
  order+=("$name")
  say "$name"
  t0=$(now)
  # In the background and waited for, so a signal to this script stops it at once (the traps
  # then end the step's processes, unmount and clean up).
  if [ "$quiet" -eq 1 ]; then
    "$@" > "$logs/$name.log" 2>&1 &
  else
    (set -o pipefail; "$@" 2>&1 | tee "$logs/$name.log") &
  fi
  step_pid=$!
  rc=0
  wait "$step_pid" || rc=$?
  step_pid=""
  took[$name]=$(($(now) - t0))
  if [ "$rc" -eq 0 ]; then
    status[$name]=ok
    echo "--- $name: ok in $(fmt "${took[$name]}")"
  else
    status[$name]="FAILED (exit $rc)"
    if [ "$quiet" -eq 1 ]; then
      echo "--- last 60 lines of $logs/$name.log:"
      tail -n 60 "$logs/$name.log"
    fi
    summary "$name"
    exit 1
  fi
}

# --- the root --------------------------------------------------------------------------------------
if [ -n "$root_arg" ]; then
  mkdir -p "$root_arg"
  root=$(cd "$root_arg" && pwd -P)
  if [ -n "$(ls -A "$root")" ]; then
    root=""
    echo "check-fresh-install.sh: --root $root_arg is not empty" >&2
    exit 2
  fi
else
  root=$(mktemp -d /var/tmp/sc-fresh.XXXXXX)
  created_root=1
fi
case "$root" in / | /bin | /boot | /dev | /etc | /home | /proc | /root | /run | /sys | /usr | /var | /tmp | /var/tmp) root=""; echo "check-fresh-install.sh: refusing --root $root_arg" >&2; exit 2 ;; esac
chmod 755 "$root"
logs=$(mktemp -d /var/tmp/sc-fresh-logs.XXXXXX)

if ! command -v debootstrap > /dev/null; then
  say "installing debootstrap on the host"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q debootstrap || { apt-get update -q && apt-get install -y -q debootstrap; }
fi

say "root $root, mirror $mirror (security $security), steps: ${steps[*]}"

run_step debootstrap debootstrap --variant=minbase bookworm "$root" "$mirror"

configure_root() {
  # apt: the same mirror as the host, with bookworm-updates and security, as a Debian 12 install has.
  rm -f "$root/etc/apt/sources.list"
  cat > "$root/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  # How this machine reaches that mirror (a proxy, relaxed Release-date checks for a snapshot
  # mirror), so the root's apt reaches it the same way. Nothing that installs packages.
  local key val
  : > "$root/etc/apt/apt.conf.d/00host-mirror-access"
  for key in Acquire::http::Proxy Acquire::https::Proxy Acquire::Check-Valid-Until Acquire::Check-Date; do
    val=$(apt-config dump "$key" 2> /dev/null | awk -v k="$key" '$1 == k { print $2; exit }')
    [ -n "$val" ] && echo "$key $val" >> "$root/etc/apt/apt.conf.d/00host-mirror-access"
  done
  # Certificate authorities this machine trusts locally (/usr/local/share/ca-certificates, e.g.
  # for an HTTPS proxy in front of the registries such as Maven Central): a machine of this
  # workplace has them from its image, so the root gets them too. They take effect only when the
  # root's ca-certificates package is installed (by install-deps.sh's packages) and trusts them.
  if [ -d /usr/local/share/ca-certificates ]; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  fi
  # Network files a real machine has: DNS (resolv.conf copied, as asked) and a standard hosts file.
  rm -f "$root/etc/resolv.conf"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  if [ ! -s "$root/etc/hosts" ]; then
    printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
  fi
  # No init runs in a chroot: package scripts must not try to start services in it.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  # Kernel file systems, as a booted machine has them. Private, so nothing propagates to the host.
  do_mount "$root/proc" -t proc proc
  do_mount "$root/sys" --bind /sys
  do_mount "$root/dev" --bind /dev
  do_mount "$root/dev/pts" --bind /dev/pts
  # The host's /dev/shm is a mount of its own, not part of the /dev bind: a fresh tmpfs, as a
  # booted machine has.
  do_mount "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm
}

copy_checkout() {
  mkdir -p "$root/root/streamcanvas"
  if [ "$committed" -eq 1 ]; then
    echo "copying HEAD ($(git -C "$src" rev-parse --short HEAD)) with git archive"
    git -C "$src" archive --format=tar HEAD | tar -x -C "$root/root/streamcanvas"
  else
    local changed
    changed=$(git -C "$src" status --porcelain --untracked-files=no | wc -l)
    echo "copying the tracked files of $src as they are in the working tree ($changed with uncommitted changes)"
    # Tracked files deleted in the working tree are left out (as they would be after a commit).
    git -C "$src" ls-files -z --cached |
      (cd "$src" && while IFS= read -r -d '' f; do [ -e "$f" ] || [ -L "$f" ] && printf '%s\0' "$f"; done) |
      tar -C "$src" --null -T - -cf - | tar -x -C "$root/root/streamcanvas"
  fi
  echo "$(find "$root/root/streamcanvas" -type f | wc -l) files, $(du -sh "$root/root/streamcanvas" | cut -f1)"
}

# shellcheck disable=SC2016 # $1 expands in the inner bash, on purpose
in_root() { # runs one README command in the root: as root, CI=true, no DISPLAY, only this env
  local workdir=/root/streamcanvas
  [ "$only" = deb ] && workdir=/root # the package check copies no checkout
  chroot "$root" /usr/bin/env -i \
    HOME=/root USER=root LOGNAME=root SHELL=/bin/bash LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    CI=true CMAKE_BUILD_PARALLEL_LEVEL="$jobs" \
    /bin/bash -c 'cd "$2" && echo "+ $1" && exec bash -euo pipefail -c "$1"' bash "$1" "$workdir" < /dev/null
}

configure_root
if [ "$only" = deb ]; then
  run_step copy cp "$deb" ${designer_deb:+"$designer_deb"} "$root/root/"
else
  run_step copy copy_checkout
fi
for s in "${steps[@]}"; do
  run_step "$s" in_root "${command[$s]}"
  kill_root_processes
done
result=PASS
summary
