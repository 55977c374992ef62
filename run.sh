#!/usr/bin/env bash
# Run Schakel locally with the demo region: a private PostgreSQL under .data/ plus the host.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

usage() {
    cat <<EOF
Usage: ./run.sh [--reset] [--help]

Starts a private PostgreSQL cluster in .data/postgres (127.0.0.1:\${SCHAKEL_PG_PORT:-55432})
and the Schakel host with the demo region, then prints the demo logins.

  --reset   delete the local cluster and everything else under .data/ first
  --help    show this help

Environment:
  ConnectionStrings__Schakel  use this database instead; no local PostgreSQL is started
  SCHAKEL_PG_PORT             port of the local cluster (default 55432)
  ASPNETCORE_URLS             where the host listens (default http://127.0.0.1:5080)
  ASPNETCORE_ENVIRONMENT      host environment (default Production)
  SCHAKEL_DEMO_PASSWORD       password of every demo account (default Schakel-demo-2026!)
  SCHAKEL_RUN_SKIP_HOST=1     only prepare PostgreSQL and print the connection string
EOF
}

reset=0
for arg in "$@"; do
    case $arg in
    -h | --help)
        usage
        exit 0
        ;;
    --reset) reset=1 ;;
    *)
        echo "error: unknown argument: $arg" >&2
        usage >&2
        exit 2
        ;;
    esac
done

DATA_DIR="$ROOT/.data"
PG_DATA="$DATA_DIR/postgres"
PG_PASSWORD_FILE="$DATA_DIR/postgres.password"
PG_LOG="$DATA_DIR/postgres.log"
HOST_LOG="$DATA_DIR/host.log"
PROJECT="src/Host/Schakel.Host.csproj"
DEMO_ACCOUNTS="$DATA_DIR/demo-accounts.json"

started_pg=0
local_pg=0 # 1 when this script manages the cluster in .data/postgres
host_pid=""

# On exit: stop the host (its whole process group), then the cluster if this run started it.
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $host_pid ]] && kill -0 "$host_pid" 2>/dev/null; then
        echo "Stopping the host..."
        kill -TERM -- "-$host_pid" 2>/dev/null || kill -TERM "$host_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$host_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$host_pid" 2>/dev/null || true
    fi
    if [[ -n $mail_pid ]]; then
        kill -TERM -- "-$mail_pid" 2>/dev/null || kill -TERM "$mail_pid" 2>/dev/null || true
    fi
    if ((started_pg)); then
        echo "Stopping PostgreSQL..."
        pg_stop "$PG_DATA"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ((reset)); then
    if [[ -f $PG_DATA/PG_VERSION ]]; then
        pg_find_bin "$(cat "$PG_DATA/PG_VERSION")"
        pg_stop "$PG_DATA"
    fi
    echo "Reset: deleting $DATA_DIR (local cluster, password, logs)"
    rm -rf "$DATA_DIR"
    if [[ -n ${ConnectionStrings__Schakel:-} ]]; then
        echo "Note: ConnectionStrings__Schakel is set; that database is not reset."
    fi
fi

mkdir -p "$DATA_DIR"
chmod 755 "$DATA_DIR"

if [[ -n ${ConnectionStrings__Schakel:-} ]]; then
    echo "Using the database from ConnectionStrings__Schakel; no local PostgreSQL is started."
else
    local_pg=1
    # Keep using the server version that created an existing cluster.
    if [[ -f $PG_DATA/PG_VERSION ]]; then
        pg_find_bin "$(cat "$PG_DATA/PG_VERSION")"
    else
        pg_find_bin
    fi

    # One generated password for the superuser and the `schakel` role, kept across runs.
    if [[ ! -s $PG_PASSWORD_FILE ]]; then
        (umask 077 && pg_gen_password >"$PG_PASSWORD_FILE")
    fi
    chmod 600 "$PG_PASSWORD_FILE"
    pg_password=$(<"$PG_PASSWORD_FILE")
    port=${SCHAKEL_PG_PORT:-55432}

    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        rm -rf "$PG_DATA" # a half-made cluster from an interrupted run
        echo "Creating the PostgreSQL cluster in $PG_DATA"
        pg_init "$PG_DATA" "$port" "$pg_password"
    fi

    # A server left running by an earlier run is reused (and left running). If it was just
    # dying (killed run), it is started again below; a stale postmaster.pid is no problem.
    reused=0
    if pg_is_running "$PG_DATA"; then
        running_port=$(pg_port "$PG_DATA")
        if pg_wait_ready "$running_port" 10 2>/dev/null; then
            port=$running_port
            reused=1
            echo "Reusing the running PostgreSQL on 127.0.0.1:$port"
        fi
    fi
    if ((!reused)); then
        pg_stop "$PG_DATA"
        echo "Starting PostgreSQL on 127.0.0.1:$port (log: $PG_LOG)"
        started_pg=1
        pg_start "$PG_DATA" "$PG_LOG" "$port"
    fi
    pg_wait_ready "$port"
    pg_ensure_db "$port" "$pg_password" schakel "$pg_password" schakel
    pg_ensure_extensions "$port" "$pg_password" schakel
    export ConnectionStrings__Schakel="Host=127.0.0.1;Port=$port;Database=schakel;Username=schakel;Password=$pg_password"
fi

# The key behind the patients' pseudonymous references: made once, kept with the data.
if [[ ! -s $DATA_DIR/pseudonym.key ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$DATA_DIR/pseudonym.key")
fi
export Schakel__Pseudonyms__Key=${Schakel__Pseudonyms__Key:-$(cat "$DATA_DIR/pseudonym.key")}
export Schakel__Demo__Seed=true
export Schakel__Demo__AccountsFile="$DEMO_ACCOUNTS"
export Schakel__Demo__Password=${SCHAKEL_DEMO_PASSWORD:-Schakel-demo-2026!}
# The local demo serves plain http on 127.0.0.1; production runs OpenID Connect over https only.
export Schakel__Identity__RequireHttps=${Schakel__Identity__RequireHttps:-false}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ ${SCHAKEL_RUN_SKIP_HOST:-} == 1 ]]; then
    echo
    echo "The database is ready. Connection string:"
    echo "  ConnectionStrings__Schakel=\"$ConnectionStrings__Schakel\""
    if ((local_pg)); then
        stop_cmd="$PG_BIN/pg_ctl -D $PG_DATA -m fast stop"
        if [[ $(id -u) -eq 0 ]]; then stop_cmd="runuser -u postgres -- $stop_cmd"; fi
        echo "The cluster keeps running. Stop it with:"
        echo "  $stop_cmd"
    fi
    started_pg=0 # leave it running
    exit 0
fi

# A local mail catcher, so that password resets and invitations can be read in .data/mail
# (no e-mail leaves the machine). Skipped when an SMTP server is configured.
if [[ -z ${Schakel__Smtp__Host:-} ]]; then
    if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
        pkg_install python3-aiosmtpd
    fi
    mkdir -p "$DATA_DIR/mail"
    setsid bash -c 'tail -f /dev/null | exec /usr/bin/python3 "$0" --directory "$1" --port 0' \
        "$ROOT/tests/Schakel.Testing/smtp_sink.py" "$DATA_DIR/mail" > "$DATA_DIR/mail.log" 2>&1 &
    mail_pid=$!
    for _ in $(seq 1 50); do
        grep -q '^listening' "$DATA_DIR/mail.log" 2>/dev/null && break
        sleep 0.1
    done
    mail_port=$(awk '/^listening/ {print $2; exit}' "$DATA_DIR/mail.log")
    if [[ -z $mail_port ]]; then
        echo "error: the local mail catcher did not start; see $DATA_DIR/mail.log" >&2
        exit 1
    fi
    export Schakel__Smtp__Host=127.0.0.1 Schakel__Smtp__Port="$mail_port" Schakel__Smtp__SslMode=None
    export Schakel__Smtp__FromAddress=${Schakel__Smtp__FromAddress:-schakel@demo.example.nl}
    # The demo portal lists the caught e-mail at /demo/e-mail.
    export Schakel__Demo__MailFolder="$DATA_DIR/mail"
fi

# The social map's map library (Leaflet, from npm) into the module's static files, before the build.
"$ROOT/scripts/map-assets.sh"

# Build in the foreground so compile errors show plainly and don't eat the readiness timeout.
echo "Building $PROJECT (Release)..."
dotnet build "$PROJECT" -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary"

# The host runs in its own session/process group so cleanup can stop it with all its children.
# --no-launch-profile: launchSettings.json would override the environment and URLs set above.
echo "Starting the host on $ASPNETCORE_URLS (log: $HOST_LOG)"
setsid dotnet run --project "$PROJECT" -c Release --no-build --no-launch-profile > >(tee "$HOST_LOG") 2>&1 &
host_pid=$!

# Poll the first URL; a wildcard host is reached through 127.0.0.1.
url=${ASPNETCORE_URLS%%;*}
url=$(sed -E 's#//(\*|\+|0\.0\.0\.0|\[::\])#//127.0.0.1#' <<<"$url")
url=${url%/}
deadline=$((SECONDS + 240))
until curl -fsS -o /dev/null --max-time 5 "$url/health/ready" 2>/dev/null; do
    if ! kill -0 "$host_pid" 2>/dev/null; then
        host_rc=0
        wait "$host_pid" || host_rc=$?
        host_pid=""
        echo "error: the host exited (code $host_rc) before it was ready; last lines:" >&2
        tail -n 40 "$HOST_LOG" >&2 || true
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "error: $url/health/ready did not answer 2xx within 240 s; last lines:" >&2
        tail -n 40 "$HOST_LOG" >&2 || true
        exit 1
    fi
    sleep 2
done

# The banner, with the demo logins the host wrote (demo mode only) to .data/demo-accounts.json.
echo
echo "=================================================================="
echo " Schakel is running at $url"
echo "=================================================================="
python3 - "$DEMO_ACCOUNTS" <<'PY' || echo " (could not list the demo logins)"
import json, sys

path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        demo = json.load(f)
except (OSError, ValueError) as e:
    print(f" Demo logins: not available ({path}: {e})")
    sys.exit(0)

accounts = demo.get("accounts") or []
print(" Demo logins (password, then the code from an authenticator app with the TOTP secret,")
print(" or: python3 scripts/totp.py SECRET):")
if accounts:
    w_role = max(len(a["role"]) for a in accounts)
    w_mail = max(len(a["userName"]) for a in accounts)
    for a in accounts:
        print(f"   {a['role']:<{w_role}}  {a['userName']:<{w_mail}}  {a['totpSecret']}  {a['name']} ({a['organisation']})")
    passwords = {a["password"] for a in accounts}
    if len(passwords) == 1:
        print(f" Password for every demo account: {passwords.pop()}")
for c in demo.get("clients") or []:
    print(f" GP information system client (client credentials): {c['clientId']} / {c['clientSecret']} for {c['organisation']}")
print(f" All of this is also in {path}")
PY
if [[ -n $mail_pid ]]; then
    echo " E-mail (password resets, invitations) is caught locally: $DATA_DIR/mail/*.eml (in the portal: /demo/e-mail)"
fi
echo "=================================================================="
echo " Press Ctrl-C to stop."
echo

host_rc=0
wait "$host_pid" || host_rc=$?
host_pid=""
exit "$host_rc"
