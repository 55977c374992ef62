#!/usr/bin/env bash
# Run a benchmark against a throw-away PostgreSQL cluster and print its figures.
#   bench/run.sh [socialmap-search] [--locations 50000] [--rate 50] [--seconds 60] [--radius 25]
#   bench/run.sh indicators [--practices 60] [--questions 5000] [--repeats 20]
# Figures are printed, never asserted: targets live in docs/performance.md (issue 9).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

[[ -n $(_pg_newest_bin) ]] || pkg_install postgresql
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
pg_init "$pg_data" "$port" "$password"
pg_started=1
pg_start "$pg_data" "$work/postgres.log"
pg_wait_ready "$port"
pg_ensure_db "$port" "$password" schakel "$password" schakel_bench
pg_ensure_extensions "$port" "$password" schakel_bench

export SCHAKEL_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Database=schakel_bench;Username=schakel;Password=$password;Maximum Pool Size=50"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Schakel.Benchmarks -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $(date -u +%Y-%m-%dT%H:%MZ)"
dotnet bench/Schakel.Benchmarks/bin/Release/net10.0/Schakel.Benchmarks.dll "$@"
