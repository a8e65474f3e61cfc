#!/usr/bin/env bash
# `berth run --rm busybox true` on berthd against `ctr run --rm busybox true` on containerd, both with runc.
#   bench/cli-run.sh [rounds]     (root; after ./test.sh or scripts/publish.sh)
# The whole command each time, process start included: berth's create, attach, start, wait for the removal; ctr's
# container, snapshot, task, wait, delete. Rounds interleave the two. Both daemons run on private roots and sockets
# and get the same busybox image from a local registry (pulled by Debian's ctr into each).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
BIN=${BIN:-$PWD/artifacts/bin}
[[ -x $BIN/berthd && -x $BIN/berth-shim && -x $BIN/berth ]] || { echo "build first: scripts/publish.sh (or set BIN)" >&2; exit 1; }
scripts/deps.sh test >/dev/null
source bench/lib.sh
source bench/run-lib.sh
work=$(mktemp -d /tmp/berth-bench-XXXX)
declare -A sock
pids=()
cleanup() {
  [[ -n ${sock[containerd]:-} ]] && remove_all "${sock[containerd]}"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
  kill "$REGISTRY_PID" 2>/dev/null || true
  grep -o " $work[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_registry "$work/registry"
image=$REGISTRY/bench/busybox:v1
build_image "$work/build" "$image" busybox >/dev/null
printf '[plugins."io.containerd.runtime.v2.task"]\nrunc_shim = "%s"\n' "$BIN/berth-shim" >"$work/berthd.toml"
: >"$work/containerd.toml"
start_daemon berthd "$work/berthd" "$BIN/berthd" --config "$work/berthd.toml"
sock[berthd]=$SOCK; pids+=("$DAEMON_PID")
start_daemon containerd "$work/containerd" containerd --config "$work/containerd.toml"
sock[containerd]=$SOCK; pids+=("$DAEMON_PID")
for name in berthd containerd; do c "${sock[$name]}" images pull --plain-http "$image" >/dev/null; done

# berth_run_rm: one `berth run --rm IMAGE true`, in ms.
berth_run_rm() {
  local start end
  start=$(now_ms)
  "$BIN/berth" --address "${sock[berthd]}" --namespace bench run --rm "$image" true >/dev/null
  end=$(now_ms)
  echo $((end - start))
}

berth_run_rm >/dev/null
run_rm "${sock[containerd]}" "$image" warm >/dev/null
berth_ms=() ctr_ms=()
for ((i = 1; i <= rounds; i++)); do
  berth_ms+=("$(berth_run_rm)")
  ctr_ms+=("$(run_rm "${sock[containerd]}" "$image" r$i)")
done
left=$("$BIN/berth" --address "${sock[berthd]}" --namespace bench ps -a -q | wc -l)

b=$(printf '%s\n' "${berth_ms[@]}" | median); cdn=$(printf '%s\n' "${ctr_ms[@]}" | median)
printf '\n%-44s %10s %12s %8s\n' "" berth "ctr/containerd" ratio
printf '%-44s %10s %12s %8.2f\n' "run --rm busybox true (ms, median)" "$b" "$cdn" "$(echo "$b/$cdn" | bc -l)"
printf '%-44s %10s\n' "containers left after the rounds (--rm)" "$left"
printf '\n%d interleaved rounds; goal: ratio <= 0.8\n' "$rounds"
