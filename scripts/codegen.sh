#!/usr/bin/env bash
# Regenerate the Wolverine handler and endpoint code that production loads (TypeLoadMode.Static,
# docs/adr/0026) into src/Host/Internal/Generated. Run it after adding, removing or changing a
# message handler or an HTTP endpoint; the test TheGeneratedCode says when it is needed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT/src/Host"
# Stale code may not compile against changed handlers: build without it, then write it afresh.
rm -rf Internal/Generated
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary"
# Code generation reads the handler and endpoint model only; it never opens this database.
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Schakel="Host=127.0.0.1;Port=1;Database=codegen;Username=codegen" \
    dotnet bin/Release/net10.0/Schakel.Host.dll codegen write >/dev/null
echo "Wrote $(find Internal/Generated -name '*.cs' | wc -l) files to src/Host/Internal/Generated; rebuild to compile them in."
