#!/usr/bin/env bash
# Rebuilds the code-free placeholder packages in build/local-feed from build/placeholders.
# The packages are committed, so a normal restore never needs this; run it after changing a placeholder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for proj in "$root"/build/placeholders/*/*.csproj; do
  dotnet pack "$proj" --nologo -c Release -o "$root/build/local-feed" -p:ContinuousIntegrationBuild=true | grep -E "error|warn" || true
done
ls -1 "$root/build/local-feed"
