#!/usr/bin/env bash
# Daemon start-up and idle memory, berthd against Debian's containerd, interleaved on the same machine.
#   bench/daemon-startup.sh [rounds]     (run as root after ./test.sh or scripts/publish.sh)
# For each round and each daemon: a fresh private root, state and socket; the time from exec to the first
# `ctr version` that the daemon answers; then, after 3 s idle, the daemon's RSS (VmRSS) and PSS.
# containerd runs with the configuration Debian ships (CRI included) and again with the CRI plugin disabled.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
berthd=${BERTHD:-$PWD/artifacts/bin/berthd}
[[ -x $berthd ]] || { echo "build first: scripts/publish.sh (or set BERTHD)" >&2; exit 1; }
command -v containerd >/dev/null || scripts/deps.sh test
source bench/lib.sh
work=$(mktemp -d /tmp/berth-bench-XXXX)
trap 'rm -rf "$work"' EXIT

# run_one NAME CMD... : prints "ready_ms rss_kb pss_kb"
run_one() {
  local name=$1; shift
  local dir=$work/$name-$RANDOM start end rss pss
  start=$(now_ms)
  start_daemon "$name" "$dir" "$@"
  end=$(now_ms)
  sleep 3
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$DAEMON_PID/status")
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$DAEMON_PID/smaps_rollup")
  stop_daemon "$dir"
  echo "$((end - start)) $rss $pss"
}

containerd_nocri_config=$work/containerd-nocri.toml
printf 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n' >"$containerd_nocri_config"
containerd_default_config=$work/containerd-default.toml
: >"$containerd_default_config"

declare -A results
for ((i = 1; i <= rounds; i++)); do
  results[berthd]+="$(run_one berthd "$berthd")"$'\n'
  results[containerd]+="$(run_one containerd containerd --config "$containerd_default_config")"$'\n'
  results[containerd-nocri]+="$(run_one containerd-nocri containerd --config "$containerd_nocri_config")"$'\n'
done

printf '%-18s %12s %14s %14s\n' daemon "ready (ms)" "idle RSS (MiB)" "idle PSS (MiB)"
for name in berthd containerd containerd-nocri; do
  ready=$(printf '%s' "${results[$name]}" | awk 'NF {print $1}' | median)
  rss=$(printf '%s' "${results[$name]}" | awk 'NF {print $2}' | median)
  pss=$(printf '%s' "${results[$name]}" | awk 'NF {print $3}' | median)
  printf '%-18s %12s %14.1f %14.1f\n' "$name" "$ready" "$(echo "$rss/1024" | bc -l)" "$(echo "$pss/1024" | bc -l)"
  declare "ready_${name//-/_}=$ready" "rss_${name//-/_}=$rss"
done
printf '\nmedians of %d interleaved rounds\n' "$rounds"
printf 'berthd/containerd ready time: %.2f (goal <= 2)   idle RSS: %.2f (goal <= 1)\n' \
  "$(echo "$ready_berthd/$ready_containerd" | bc -l)" "$(echo "$rss_berthd/$rss_containerd" | bc -l)"
printf 'berthd/containerd without CRI: ready time %.2f, idle RSS %.2f\n' \
  "$(echo "$ready_berthd/$ready_containerd_nocri" | bc -l)" "$(echo "$rss_berthd/$rss_containerd_nocri" | bc -l)"
