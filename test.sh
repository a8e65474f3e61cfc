#!/usr/bin/env bash
# Builds berth and runs every test: the unit tests and the integration tests, which start their own berthd
# (the published binaries), a local registry, and drive them with berth and with Debian's ctr.
# Installs what the tests need first. Run as root (the tests mount filesystems).
set -euo pipefail
cd "$(dirname "$0")"
[[ $(id -u) == 0 ]] || { echo "error: run test.sh as root: the tests mount filesystems" >&2; exit 1; }

scripts/deps.sh test
scripts/publish.sh artifacts/bin
export BERTH_BIN_DIR=$PWD/artifacts/bin

dotnet build Berth.slnx -c Release --nologo -v quiet
dotnet test Berth.slnx -c Release --no-build --nologo --blame-hang-timeout 10m "$@"
