#!/usr/bin/env bash
# Pull-and-unpack time, berth against containerd's ctr, both cold, from the same local registry, rounds interleaved.
#   bench/pull.sh [rounds]     (root; after ./test.sh or scripts/publish.sh)
# Images are built from this machine's files: "large" has 9 layers (~120 MB gzip: busybox, /usr/include, python,
# perl, locales…), "small" one busybox layer (~1 MB). Each round starts fresh daemons on empty roots.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
BIN=${BIN:-$PWD/artifacts/bin}
[[ -x $BIN/berthd && -x $BIN/berth ]] || { echo "build first: scripts/publish.sh (or set BIN)" >&2; exit 1; }
scripts/deps.sh test >/dev/null
source bench/lib.sh
work=$(mktemp -d /tmp/berth-bench-XXXX)
trap 'kill $REGISTRY_PID 2>/dev/null; rm -rf "$work"' EXIT

start_registry "$work/registry"
large=$REGISTRY/bench/large:v1
small=$REGISTRY/bench/small:v1
size_large=$(build_image "$work/build" "$large" busybox /usr/include /usr/lib/python3.11 /usr/share/perl /usr/share/i18n \
  /usr/share/zoneinfo /usr/share/X11 /usr/lib/x86_64-linux-gnu/perl-base /usr/share/locale)
size_small=$(build_image "$work/build" "$small" busybox)
printf 'images: large %d MB in 9 layers, small %.1f MB in 1 layer\n' $((size_large / 1000000)) "$(echo "$size_small/1000000" | bc -l)"

# time_pull NAME REF: one cold pull (fresh daemon, empty root) in ms.
time_pull() {
  local name=$1 ref=$2 dir=$work/$1-$RANDOM start end
  if [[ $name == berth ]]; then
    start_daemon berthd "$dir" "$BIN/berthd"
    start=$(now_ms); "$BIN/berth" --address "$SOCK" -n bench pull -q "$ref" >/dev/null; end=$(now_ms)
  else
    : >"$dir.toml"
    start_daemon containerd "$dir" containerd --config "$dir.toml"
    start=$(now_ms); ctr --address "$SOCK" -n bench images pull --plain-http "$ref" >/dev/null; end=$(now_ms)
  fi
  stop_daemon "$dir"; rm -f "$dir.toml"
  # ext4 without a journal (as here) skips inodes freed in the last 5 s when it allocates new ones, reading their
  # inode table blocks one by one: a pull right after the previous round's tree was deleted pays for that deletion.
  # Settling first makes every pull start from the same state, whichever engine went before.
  sync; sleep 6
  echo $((end - start))
}

declare -A times
for ((i = 1; i <= rounds; i++)); do
  for image in large small; do
    ref=$large; [[ $image == small ]] && ref=$small
    times[berth-$image]+="$(time_pull berth "$ref") "
    times[containerd-$image]+="$(time_pull containerd "$ref") "
  done
done

printf '\n%-8s %14s %14s %8s\n' image "berth (ms)" "ctr pull (ms)" ratio
for image in large small; do
  b=$(printf '%s\n' ${times[berth-$image]} | median)
  c=$(printf '%s\n' ${times[containerd-$image]} | median)
  printf '%-8s %14s %14s %8.2f\n' "$image" "$b" "$c" "$(echo "$b/$c" | bc -l)"
done
printf 'medians of %d interleaved cold rounds; goals: large <= 0.6, small <= 1.0\n' "$rounds"
