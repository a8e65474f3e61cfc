# Helpers of bench/run.sh. Sourced, not run.

# c SOCK ARGS...: ctr against the daemon at SOCK, in the bench namespace.
c() { local sock=$1; shift; ctr --address "$sock" -n bench "$@"; }

# run_rm SOCK IMAGE ID: one `ctr run --rm IMAGE ID true`, in ms.
run_rm() {
  local start end
  start=$(now_ms)
  c "$1" run --rm "$2" "$3" true >/dev/null
  end=$(now_ms)
  echo $((end - start))
}

# shim_pids SOCK: the serving shims of the daemon at SOCK: command lines with its address and a task id (the daemon's own
# has neither -id nor a single-dash -address), not a `delete`. berth-shim started by berthd serves in its `start` process.
shim_pids() {
  local sock=$1 p line
  for p in /proc/[0-9]*; do
    line=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
    [[ $line == *" -address $sock "* && $line == *" -id "* && $line != *" delete " ]] || continue
    echo "${p#/proc/}"
  done
}

# shim_memory SOCK: median RSS and PSS (KiB) of the daemon's shims.
shim_memory() {
  local pids rss pss
  pids=$(shim_pids "$1")
  rss=$(for p in $pids; do awk '/^VmRSS:/ {print $2}' "/proc/$p/status"; done | median)
  pss=$(for p in $pids; do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup"; done | median)
  echo "$rss $pss"
}

# remove_all SOCK: kills and deletes every task and container of the bench namespace.
remove_all() {
  local sock=$1 id
  for id in $(c "$sock" tasks ls -q 2>/dev/null); do c "$sock" tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
  for id in $(c "$sock" tasks ls -q 2>/dev/null); do
    for _ in $(seq 100); do c "$sock" tasks rm "$id" >/dev/null 2>&1 && break; sleep 0.05; done
  done
  for id in $(c "$sock" containers ls -q 2>/dev/null); do c "$sock" containers rm "$id" >/dev/null 2>&1 || true; done
}

# start_many SOCK IMAGE N DIR: N `ctr run -d` at once; prints "failures wall_ms".
start_many() {
  local sock=$1 image=$2 n=$3 dir=$4 start end failed=0 i
  mkdir -p "$dir"
  local -a jobs=()
  start=$(now_ms)
  for ((i = 1; i <= n; i++)); do
    c "$sock" run -d "$image" many$i sleep 600 >"$dir/$i.log" 2>&1 &
    jobs+=($!)
  done
  for i in "${!jobs[@]}"; do wait "${jobs[$i]}" || failed=$((failed + 1)); done
  end=$(now_ms)
  local running
  running=$(c "$sock" tasks ls | grep -c RUNNING || true)
  [[ $running == "$n" ]] || failed=$((failed > n - running ? failed : n - running))
  [[ $failed == 0 ]] || cat "$dir"/*.log | sort | uniq -c | sort -rn | head -3 >&2
  echo "$failed $((end - start))"
}

report() {
  local b cdn
  printf '\n%-34s %12s %12s %8s\n' "" berthd containerd ratio
  b=$(printf '%s\n' ${latency[berthd]} | median); cdn=$(printf '%s\n' ${latency[containerd]} | median)
  printf '%-34s %12s %12s %8.2f\n' "ctr run --rm true (ms, median)" "$b" "$cdn" "$(echo "$b/$cdn" | bc -l)"
  printf '%-34s %12.1f %12.1f %8.2f\n' "shim RSS (MiB, median of 10)" \
    "$(echo "${shim_rss[berthd]}/1024" | bc -l)" "$(echo "${shim_rss[containerd]}/1024" | bc -l)" \
    "$(echo "${shim_rss[berthd]}/${shim_rss[containerd]}" | bc -l)"
  printf '%-34s %12.1f %12.1f %8.2f\n' "shim PSS (MiB, median of 10)" \
    "$(echo "${shim_pss[berthd]}/1024" | bc -l)" "$(echo "${shim_pss[containerd]}/1024" | bc -l)" \
    "$(echo "${shim_pss[berthd]}/${shim_pss[containerd]}" | bc -l)"
  printf '%-34s %12.1f %12.1f %8.2f\n' "daemon RSS, 10 running (MiB)" \
    "$(echo "${daemon_rss[berthd]}/1024" | bc -l)" "$(echo "${daemon_rss[containerd]}/1024" | bc -l)" \
    "$(echo "${daemon_rss[berthd]}/${daemon_rss[containerd]}" | bc -l)"
  printf '%-34s %12s %12s\n' "$concurrent at once: failures" "${failures[berthd]}" "${failures[containerd]}"
  printf '%-34s %12s %12s %8.2f\n' "$concurrent at once: wall (ms)" "${wall[berthd]}" "${wall[containerd]}" \
    "$(echo "${wall[berthd]}/${wall[containerd]}" | bc -l)"
  printf '\n%d interleaved rounds; goals: run latency <= 0.8, shim memory <= 1, no failure\n' "$rounds"
}
