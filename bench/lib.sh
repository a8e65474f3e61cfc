# Shared by the benchmarks: private daemons and a local registry with images built from this machine's files.
# Sourced, not run. Needs: ctr, containerd, docker-registry, skopeo, berthd/berth in $BIN (artifacts/bin).

now_ms() { date +%s%3N; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# start_registry DIR: docker-registry on a free loopback port; sets REGISTRY (host:port) and REGISTRY_PID.
start_registry() {
  local dir=$1 port
  port=$((20000 + RANDOM % 20000))
  while ss -Hltn "sport = :$port" | grep -q .; do port=$((20000 + RANDOM % 20000)); done
  mkdir -p "$dir"
  cat >"$dir/config.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YML
  docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  REGISTRY_PID=$!
  REGISTRY=127.0.0.1:$port
  until curl -sf "http://$REGISTRY/v2/" >/dev/null; do sleep 0.05; done
}

# build_image DIR REF PATH...: an OCI image whose layers are the given host paths (tar, gzip -6), pushed with skopeo.
# The first PATH may be "busybox" for a small base layer made from /bin/busybox.
build_image() {
  local dir=$1 ref=$2; shift 2
  local oci=$dir/oci layers="" diffs="" i=0
  rm -rf "$oci"; mkdir -p "$oci/blobs/sha256"
  for path in "$@"; do
    local tarfile=$dir/layer$i.tar
    if [[ $path == busybox ]]; then
      local root=$dir/busybox-root
      rm -rf "$root"; mkdir -p "$root/bin" "$root/etc" "$root/tmp"
      cp /bin/busybox "$root/bin/"; for n in sh ls cat true echo sleep; do ln -sf busybox "$root/bin/$n"; done
      tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$tarfile" .
    else
      tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C / -cf "$tarfile" "${path#/}"
    fi
    local diff size digest
    diff=$(sha256sum "$tarfile" | cut -d' ' -f1)
    gzip -6 -n -c "$tarfile" >"$tarfile.gz"
    digest=$(sha256sum "$tarfile.gz" | cut -d' ' -f1)
    size=$(stat -c %s "$tarfile.gz")
    mv "$tarfile.gz" "$oci/blobs/sha256/$digest"; rm -f "$tarfile"
    layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$digest\",\"size\":$size}"
    diffs+="${diffs:+,}\"sha256:$diff\""
    i=$((i + 1))
  done
  local config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diffs]}}"
  local cdigest csize
  printf '%s' "$config" >"$dir/config.json"
  cdigest=$(sha256sum "$dir/config.json" | cut -d' ' -f1); csize=$(stat -c %s "$dir/config.json")
  mv "$dir/config.json" "$oci/blobs/sha256/$cdigest"
  local manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cdigest\",\"size\":$csize},\"layers\":[$layers]}"
  printf '%s' "$manifest" >"$dir/manifest.json"
  local mdigest msize
  mdigest=$(sha256sum "$dir/manifest.json" | cut -d' ' -f1); msize=$(stat -c %s "$dir/manifest.json")
  mv "$dir/manifest.json" "$oci/blobs/sha256/$mdigest"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
    "$mdigest" "$msize" >"$oci/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$oci/oci-layout"
  skopeo copy --quiet --dest-tls-verify=false "oci:$oci:bench" "docker://$ref"
  du -sb "$oci/blobs" | cut -f1
}

# start_daemon NAME DIR CMD...: starts a daemon on DIR/{root,state,sock}; sets DAEMON_PID and SOCK, waits until ctr answers.
start_daemon() {
  local name=$1 dir=$2; shift 2
  mkdir -p "$dir"
  SOCK=$dir/state/d.sock
  "$@" --root "$dir/root" --state "$dir/state" --address "$SOCK" >"$dir/log" 2>&1 &
  DAEMON_PID=$!
  until ctr --address "$SOCK" version >/dev/null 2>&1; do
    kill -0 "$DAEMON_PID" 2>/dev/null || { echo "$name died: $(tail -5 "$dir/log")" >&2; return 1; }
    sleep 0.005
  done
}

stop_daemon() {
  kill -TERM "$DAEMON_PID" 2>/dev/null; wait "$DAEMON_PID" 2>/dev/null || true
  # A daemon may leave overlay mounts of its snapshots if killed; unmount what is under its folder.
  grep -o " $1[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$1"
}
