#!/usr/bin/env bash
# Sets berth up on this machine (Debian 12, as root), and can be run again at any time:
#   - installs the Debian packages the engine needs,
#   - publishes berthd, berth and berth-shim to /usr/local/bin,
#   - writes /etc/berth/config.toml if there is none,
#   - (re)starts berthd: a systemd unit where systemd runs, else a background daemon with a pid file.
set -euo pipefail
cd "$(dirname "$0")"
[[ $(id -u) == 0 ]] || { echo "error: run install.sh as root" >&2; exit 1; }

bin=/usr/local/bin
# berthd needs its SQLite library beside it; /usr/local/bin/berthd is a link into this folder.
lib=/usr/local/lib/berth
config=/etc/berth/config.toml
state=/run/berth
socket=$state/berthd.sock
log=/var/log/berthd.log

scripts/deps.sh engine
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
scripts/publish.sh "$staging"

stop_background() {
  local pid
  pid=$(cat "$state/berthd.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$lib/berthd" ]]; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    echo "error: berthd (pid $pid) did not stop within 10 s" >&2
    exit 1
  fi
}

use_systemd=false
[[ -d /run/systemd/system ]] && command -v systemctl >/dev/null && use_systemd=true

if $use_systemd; then systemctl stop berthd 2>/dev/null || true; else stop_background; fi
install -d "$lib"
# berth-shim beside berthd: berthd starts the shim it finds next to itself.
install -m 0755 "$staging/berthd" "$staging/libe_sqlite3.so" "$staging/berth-shim" "$lib/"
ln -sfn "$lib/berthd" "$bin/berthd"
ln -sfn "$lib/berth-shim" "$bin/berth-shim"
# A real containerd finds it by runtime name: ctr run --runtime io.containerd.berth.v2 …
ln -sfn "$lib/berth-shim" "$bin/containerd-shim-berth-v2"
install -m 0755 "$staging/berth" "$bin/"

mkdir -p /etc/berth
if [[ ! -f $config ]]; then
  "$bin/berthd" config default >"$config"
  echo "wrote $config"
fi

if $use_systemd; then
  cat >/etc/systemd/system/berthd.service <<UNIT
[Unit]
Description=berth container daemon
After=network.target local-fs.target

[Service]
ExecStart=$bin/berthd
Restart=always
RestartSec=2
# Containers' shims must outlive a restart of the daemon: stop only berthd itself.
KillMode=process
Delegate=yes
LimitNOFILE=infinity
LimitNPROC=infinity
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable --now berthd >/dev/null
  systemctl restart berthd
else
  mkdir -p "$state"
  nohup setsid "$bin/berthd" >>"$log" 2>&1 </dev/null &
fi

for _ in $(seq 100); do
  "$bin/berth" version >/dev/null 2>&1 && break
  sleep 0.1
done
if ! "$bin/berth" version >/dev/null 2>&1; then
  echo "error: berthd did not come up; see $($use_systemd && echo 'journalctl -u berthd' || echo "$log")" >&2
  exit 1
fi
echo "berthd is running ($($use_systemd && echo 'systemd unit berthd' || echo "pid $(cat $state/berthd.pid), log $log")), socket $socket"
"$bin/berth" version
