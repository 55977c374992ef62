#!/usr/bin/env bash
# Run the whole test suite against a throw-away PostgreSQL cluster.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~SocialMap").
# The last line printed is always: N passed, N failed, N skipped
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

# Debian's python3 (apt's python3-aiosmtpd lands there, not in a pyenv/venv python).
SYSTEM_PYTHON=/usr/bin/python3
[[ -x $SYSTEM_PYTHON ]] || SYSTEM_PYTHON=$(command -v python3)

# --- What the tests need from the machine; one apt-get run for whatever is missing.
missing=()
[[ -n $(_pg_newest_bin) ]] || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
"$SYSTEM_PYTHON" -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
command -v npm >/dev/null 2>&1 || missing+=(npm) # the social map's map library (scripts/map-assets.sh)
# The live channel's Redis backplane across two hosts; tests run their own redis-server process, never the service.
[[ -x /usr/bin/redis-server ]] || missing+=(redis-server)
if ((${#missing[@]})); then
    pkg_install "${missing[@]}"
fi
pg_find_bin "" # the newest version

# --- The social map's map library (Leaflet, from npm) into the module's static files, before the build.
"$ROOT/scripts/map-assets.sh"

# --- Throw-away cluster; removed on exit however the run ends.
work=$(mktemp -d -t schakel-test.XXXXXX)
pg_data="$work/postgres"
pg_started=0

# shellcheck disable=SC2317 # called by the trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if ((pg_started)); then
        pg_stop "$pg_data"
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chmod 755 "$work" # the postgres user (when we are root) must reach the cluster inside
port=$(free_port)
password=$(pg_gen_password)
echo "Starting a test PostgreSQL on 127.0.0.1:$port"
# Durability is pointless for a cluster that is deleted afterwards.
pg_init "$pg_data" "$port" "$password" fsync=off synchronous_commit=off full_page_writes=off
pg_started=1
pg_start "$pg_data" "$work/postgres.log"
pg_wait_ready "$port"
# The tests give each assembly its own database, so the role may create databases.
pg_ensure_db "$port" "$password" schakel "$password" schakel_tests CREATEDB
# Every test database is a copy of template1, so the superuser-only extensions go there once.
pg_ensure_extensions "$port" "$password" template1
pg_ensure_extensions "$port" "$password" schakel_tests

export SCHAKEL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=schakel_tests;Username=schakel;Password=$password;Include Error Detail=true"
export SCHAKEL_TEST_POSTGRES_ADMIN="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Password=$password;Include Error Detail=true"
export SCHAKEL_CHROMIUM=/usr/bin/chromium
export SCHAKEL_PYTHON=$SYSTEM_PYTHON
export SCHAKEL_REDIS_SERVER=/usr/bin/redis-server
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- The tests. A failing run must still reach the summary, so capture the exit code.
results="$work/results"
mkdir -p "$results"
test_rc=0
dotnet test Schakel.slnx -c Release --logger "trx" --results-directory "$results" "$@" || test_rc=$?

# --- Sum the <Counters> of every TRX file.
# passed  = passed
# failed  = failed + error + timeout + aborted
# skipped = total - passed - failed (not run, inconclusive, ...; never below 0)
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    try:
        root = ET.parse(trx).getroot()
    except (ET.ParseError, OSError) as e:
        print(f"warning: unreadable {trx}: {e}", file=sys.stderr)
        continue
    for c in root.iter():
        if c.tag.rsplit("}", 1)[-1] != "Counters":
            continue
        n = lambda name: int(c.get(name, "0") or 0)
        p = n("passed")
        f = n("failed") + n("error") + n("timeout") + n("aborted")
        passed += p
        failed += f
        skipped += max(n("total") - p - f, 0)
print(passed, failed, skipped)
PY
) || true
passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0}

# --- What the fault-injection tests counted (posts, kills, restarts, lost, doubled), from their output.
python3 - "$results" <<'PY' || true
import pathlib, sys
import xml.etree.ElementTree as ET

lines = []
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    try:
        root = ET.parse(trx).getroot()
    except (ET.ParseError, OSError):
        continue
    for result in root.iter():
        if result.tag.rsplit("}", 1)[-1] != "UnitTestResult" or not result.get("testName", "").startswith("Schakel.FaultTests."):
            continue
        name = result.get("testName").split(".")[2]
        out = next((e.text for e in result.iter() if e.tag.rsplit("}", 1)[-1] == "StdOut" and e.text), "")
        # Each test prints its counts; the hosts' start-up lines are left out.
        counts = [l.strip() for l in out.splitlines() if l.strip() and not l.lstrip().startswith("Host pid")]
        lines.append(f"  {name} ({result.get('outcome')}): " + (" | ".join(counts) if counts else "no counts printed"))
if lines:
    print("Fault injection:")
    print("\n".join(sorted(lines)))
PY

status=0
if ((test_rc != 0)); then
    echo "dotnet test failed (exit code $test_rc)."
    status=1
fi
if ((failed > 0)); then
    echo "$failed test(s) failed."
    status=1
fi
if ((passed == 0)); then
    echo "No test passed (no tests found, or none ran)."
    status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
