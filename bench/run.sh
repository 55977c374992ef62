#!/usr/bin/env bash
# Run a benchmark against a throw-away PostgreSQL cluster and print its figures.
#   bench/run.sh [http] [--quick] [--locations 50000] [--inbox 500] [--clients 2000]
#       the suite over HTTP and SignalR against the host as a process (the default; --quick: short phases)
#   bench/run.sh socialmap-search [--locations 50000] [--rate 50] [--seconds 60] [--radius 25]
#   bench/run.sh indicators [--practices 60] [--questions 5000] [--repeats 20]
# Figures are printed against the targets, never asserted in the test run: docs/performance.md (issue 9).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

# Debian's python3 (apt's python3-aiosmtpd lands there): the SMTP sink the host mails to in the suite over HTTP.
SYSTEM_PYTHON=/usr/bin/python3
[[ -x $SYSTEM_PYTHON ]] || SYSTEM_PYTHON=$(command -v python3)
missing=()
[[ -n $(_pg_newest_bin) ]] || missing+=(postgresql)
"$SYSTEM_PYTHON" -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
command -v npm >/dev/null 2>&1 || missing+=(npm) # the social map's map library, part of the host's build
if ((${#missing[@]})); then
    pkg_install "${missing[@]}"
fi
"$ROOT/scripts/map-assets.sh"
pg_find_bin ""

work=$(mktemp -d -t schakel-bench.XXXXXX)
pg_data="$work/postgres"
pg_started=0
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if ((pg_started)); then pg_stop "$pg_data"; fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chmod 755 "$work"
port=$(free_port)
password=$(pg_gen_password)
echo "Starting a benchmark PostgreSQL on 127.0.0.1:$port"
# Durable settings as in production (fsync on): the figures should mean something.
# pg_stat_statements and the write-ahead log's timing: PostgreSQL's own time per operation, measured in the same run.
pg_init "$pg_data" "$port" "$password" "shared_preload_libraries='pg_stat_statements'" "pg_stat_statements.track=all" \
    "pg_stat_statements.max=10000" "track_wal_io_timing=on"
pg_started=1
pg_start "$pg_data" "$work/postgres.log"
pg_wait_ready "$port"
pg_ensure_db "$port" "$password" schakel "$password" schakel_bench
pg_ensure_extensions "$port" "$password" schakel_bench
pg_psql "$port" "$password" -d schakel_bench -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null

export SCHAKEL_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Database=schakel_bench;Username=schakel;Password=$password;Maximum Pool Size=50"
export SCHAKEL_BENCH_PGDATA=$pg_data
export SCHAKEL_BENCH_POSTGRES_ADMIN="Host=127.0.0.1;Port=$port;Database=schakel_bench;Username=postgres;Password=$password"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export SCHAKEL_PYTHON=${SCHAKEL_PYTHON:-$SYSTEM_PYTHON}
# Builds the host too (the suite starts src/Host/bin/Release/net10.0/Schakel.Host.dll as a process).
dotnet build bench/Schakel.Benchmarks -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary"
echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $(date -u +%Y-%m-%dT%H:%MZ)"
dotnet bench/Schakel.Benchmarks/bin/Release/net10.0/Schakel.Benchmarks.dll "$@"
