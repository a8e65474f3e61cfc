#!/usr/bin/env bash
# Publishes berthd and berth as Native AOT binaries into artifacts/bin (or the folder given).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/bin}
rid=linux-$(dpkg --print-architecture | sed 's/amd64/x64/')
for project in src/Berth.Daemon src/Berth.Cli; do
  dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -p:StripSymbols=true -o "$out" --nologo -v quiet
done
rm -f "$out"/*.dbg
echo "published to $out: $(cd "$out" && ls berthd berth | tr '\n' ' ')"
