#!/usr/bin/env bash
# Installs the Debian packages berth needs. Idempotent: apt runs only when something is missing.
#   scripts/deps.sh engine   what building and running berthd needs
#   scripts/deps.sh test     that, plus the peers the tests and benchmarks talk to
set -euo pipefail

engine=(
  golang-github-containerd-containerd-dev  # containerd's API definitions, compiled at build time
  golang-github-gogo-protobuf-dev          # the gogo options those definitions import
  golang-github-containerd-cgroups-dev     # the cgroup metrics messages a task's stats travel in
  clang zlib1g-dev                         # Native AOT publishing of berthd and berth
  runc                                     # the OCI runtime
  crun                                     # the other OCI runtime a container may ask for
  tini                                     # --init mounts its static build (docker-init) into the container
  ca-certificates
)
test_peers=(
  containerd       # the real ctr, containerd-shim-runc-v2 (interop), and containerd itself (the benchmarks' anchor)
  docker.io        # dockerd, the oracle of the container commands (tests start it on a private root and socket)
  docker-registry  # a local OCI registry
  skopeo           # an image tool nobody here wrote
  busybox-static   # the test images are built from it
  apache2-utils    # htpasswd (bcrypt) for the registry that tests authentication
  openssl          # the test CA and certificates for TLS registries
  zstd             # zstd-compressed test layers
  procps bc curl iproute2  # the benchmarks read /proc, do arithmetic, poll the registry, find free ports
)

want=("${engine[@]}")
[[ ${1:-engine} == test ]] && want+=("${test_peers[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Keep the packaged containerd and dockerd from starting daemons of their own: the tests and benchmarks start theirs.
  if [[ " ${missing[*]} " == *" containerd "* || " ${missing[*]} " == *" docker.io "* ]] && [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is not installed: install it (https://dot.net) and run this again" >&2
  exit 1
fi
