#!/usr/bin/env bash
# Running containers, berthd (berth-shim) against containerd (containerd-shim-runc-v2), both with runc, same machine.
#   bench/run.sh [rounds] [concurrent]     (root; after ./test.sh or scripts/publish.sh)
# 1. `ctr run --rm <busybox> true` latency, rounds interleaved between the two daemons.
# 2. 10 containers running (`sleep`): each shim's RSS and PSS, and the daemon's RSS.
# 3. <concurrent> (default 50) `ctr run -d` started at once: failures and wall time.
# Both daemons run on private roots and sockets and pull the same busybox image from a local registry.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
concurrent=${2:-50}
BIN=${BIN:-$PWD/artifacts/bin}
[[ -x $BIN/berthd && -x $BIN/berth-shim ]] || { echo "build first: scripts/publish.sh (or set BIN)" >&2; exit 1; }
scripts/deps.sh test >/dev/null
source bench/lib.sh
source bench/run-lib.sh
work=$(mktemp -d /tmp/berth-bench-XXXX)
cleanup() {
  for name in berthd containerd; do [[ -n ${sock[$name]:-} ]] && remove_all "${sock[$name]}"; done
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
  kill "$REGISTRY_PID" 2>/dev/null || true
  grep -o " $work[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
declare -A sock pid_of
pids=()
trap cleanup EXIT

start_registry "$work/registry"
image=$REGISTRY/bench/busybox:v1
build_image "$work/build" "$image" busybox >/dev/null

# The berthd section names berth-shim for io.containerd.runc.v2; containerd uses containerd-shim-runc-v2 from PATH.
printf '[plugins."io.containerd.runtime.v2.task"]\nrunc_shim = "%s"\n' "$BIN/berth-shim" >"$work/berthd.toml"
: >"$work/containerd.toml"
start_daemon berthd "$work/berthd" "$BIN/berthd" --config "$work/berthd.toml"
sock[berthd]=$SOCK; pid_of[berthd]=$DAEMON_PID; pids+=("$DAEMON_PID")
start_daemon containerd "$work/containerd" containerd --config "$work/containerd.toml"
sock[containerd]=$SOCK; pid_of[containerd]=$DAEMON_PID; pids+=("$DAEMON_PID")
for name in berthd containerd; do c "${sock[$name]}" images pull --plain-http "$image" >/dev/null; done

# 1. Latency of a whole run: create, start, wait, delete.
declare -A latency
for name in berthd containerd; do run_rm "${sock[$name]}" "$image" warm-$name >/dev/null; done
for ((i = 1; i <= rounds; i++)); do
  for name in berthd containerd; do latency[$name]+="$(run_rm "${sock[$name]}" "$image" r$i-$name) "; done
done

# 2. Memory with 10 running containers.
declare -A shim_rss shim_pss daemon_rss
for name in berthd containerd; do
  for ((i = 1; i <= 10; i++)); do c "${sock[$name]}" run -d "$image" m$i-$name sleep 600 >/dev/null; done
  sleep 10  # steady state: a shim gives back its start-up memory once it has been quiet for a few seconds
  read -r shim_rss[$name] shim_pss[$name] < <(shim_memory "${sock[$name]}")
  daemon_rss[$name]=$(awk '/^VmRSS:/ {print $2}' "/proc/${pid_of[$name]}/status")
  remove_all "${sock[$name]}"
done

# 3. Many starts at once.
declare -A failures wall
for name in berthd containerd; do
  read -r failures[$name] wall[$name] < <(start_many "${sock[$name]}" "$image" "$concurrent" "$work/$name-many")
  remove_all "${sock[$name]}"
done

report
