#!/usr/bin/env bash
# Shared helpers for run.sh and test.sh: a private PostgreSQL cluster on 127.0.0.1.
# Source this file; it defines functions only. Callers use `set -euo pipefail`.
#
# As root, PostgreSQL refuses to run, so the cluster belongs to the `postgres` OS user and
# every initdb/pg_ctl/psql call goes through `runuser -u postgres --`.

# Install Debian packages (apt-get update once per shell, then install). Uses sudo when not root.
# Installed services (postgresql, redis-server) are not started: our scripts run their own
# processes on 127.0.0.1 and stop them afterwards, so a policy-rc.d refuses service starts for
# the duration of the install (unless the machine already has one).
pkg_install() {
    local -a sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "error: need root or sudo to install: $*" >&2
            return 1
        fi
    fi
    echo "Installing: $*"
    if [[ -z ${_PKG_APT_UPDATED:-} ]]; then
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        _PKG_APT_UPDATED=1
    fi
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\n# Temporary (Schakel pkg_install): do not start services while installing.\nexit 101\n' \
            | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod 755 "$policy" && made_policy=1
    fi
    local rc=0
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" || rc=$?
    if ((made_policy)); then
        "${sudo[@]}" rm -f "$policy"
    fi
    return "$rc"
}

# Print the newest /usr/lib/postgresql/*/bin that has initdb and pg_ctl (or nothing).
# With a major version argument, prefer that version when present.
_pg_newest_bin() {
    local want=${1:-} dir best="" best_ver=0 ver
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x $dir/initdb && -x $dir/pg_ctl ]] || continue
        ver=${dir#/usr/lib/postgresql/}
        ver=${ver%%/*}
        if [[ -n $want && $ver == "$want" ]]; then
            printf '%s\n' "$dir"
            return 0
        fi
        # Versions are integers since PostgreSQL 10; compare the major part.
        if [[ ${ver%%.*} =~ ^[0-9]+$ ]] && ((${ver%%.*} > best_ver)); then
            best_ver=${ver%%.*}
            best=$dir
        fi
    done
    [[ -n $best ]] && printf '%s\n' "$best"
    return 0
}

# pg_find_bin [major] → sets PG_BIN; installs the `postgresql` package when none is present.
# (pkg_install keeps Debian from starting its own cluster on 5432.)
pg_find_bin() {
    PG_BIN=$(_pg_newest_bin "${1:-}")
    if [[ -z $PG_BIN ]]; then
        pkg_install postgresql
        PG_BIN=$(_pg_newest_bin "${1:-}")
    fi
    if [[ -z $PG_BIN ]]; then
        echo "error: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin" >&2
        return 1
    fi
    export PG_BIN
}

_pg_is_root() { [[ $(id -u) -eq 0 ]]; }

# Run a command as the cluster's owner, from / so an unreadable cwd causes no warnings.
_pg_as() {
    if _pg_is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Absolute path of a (possibly not yet existing) path.
_pg_abs() {
    local p=$1
    [[ $p == /* ]] || p="$PWD/$p"
    printf '%s\n' "$p"
}

# As root: make sure the `postgres` user exists and can reach <dir> (o+x on root-only ancestors).
_pg_prepare_owner() {
    _pg_is_root || return 0
    if ! id -u postgres >/dev/null 2>&1; then
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    local dir
    dir=$(dirname "$1")
    while [[ $dir != / ]]; do
        if ! runuser -u postgres -- test -x "$dir"; then
            echo "Allowing the postgres user to traverse $dir (chmod o+x)"
            chmod o+x "$dir"
        fi
        dir=$(dirname "$dir")
    done
}

# Print a generated password (hex: safe inside a connection string).
pg_gen_password() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 24
    else
        python3 -c 'import secrets; print(secrets.token_hex(24))'
    fi
}

# Print a free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_init <datadir> <port> <password> [setting=value ...]
# Creates the cluster: superuser `postgres` with <password>, scram-sha-256, TCP on 127.0.0.1 only.
pg_init() {
    local datadir port=$2 password=$3 pwfile locale=C.UTF-8 sockdir setting
    datadir=$(_pg_abs "$1")
    shift 3
    _pg_prepare_owner "$datadir"
    mkdir -p "$datadir"
    chmod 700 "$datadir"
    if _pg_is_root; then chown postgres: "$datadir"; fi

    # The password file must be readable by the cluster owner; remove it right after initdb.
    pwfile=$(mktemp)
    printf '%s\n' "$password" >"$pwfile"
    if _pg_is_root; then chown postgres: "$pwfile"; fi

    if ! locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale=C
    fi
    if ! _pg_as "$PG_BIN/initdb" -D "$datadir" --auth=scram-sha-256 --username=postgres \
        --pwfile="$pwfile" --encoding=UTF8 --locale="$locale" >/dev/null; then
        rm -f "$pwfile"
        echo "error: initdb failed for $datadir" >&2
        return 1
    fi
    rm -f "$pwfile"

    # Unix sockets live in the data dir (no /var/run needed); paths over ~100 bytes don't fit
    # in a socket address, so then there is no socket at all (we only use TCP anyway).
    sockdir=$datadir
    ((${#datadir} > 90)) && sockdir=""
    {
        echo ""
        echo "# Added by scripts/lib/postgres.sh"
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$sockdir'"
        echo "max_connections = 200"
        for setting in "$@"; do
            echo "${setting%%=*} = ${setting#*=}"
        done
    } >>"$datadir/postgresql.conf"
}

# pg_is_running <datadir>: true when a postmaster serves this data dir.
pg_is_running() {
    _pg_as "$PG_BIN/pg_ctl" status -D "$(_pg_abs "$1")" >/dev/null 2>&1
}

# pg_port <datadir>: the port of the running server (from postmaster.pid, line 4).
pg_port() {
    sed -n 4p "$(_pg_abs "$1")/postmaster.pid"
}

# pg_start <datadir> <logfile> [port]: start and wait (60 s). A stale postmaster.pid is fine.
pg_start() {
    local datadir logfile
    datadir=$(_pg_abs "$1")
    logfile=$(_pg_abs "$2")
    local -a opts=()
    [[ -n ${3:-} ]] && opts=(-o "-p $3")
    _pg_prepare_owner "$logfile"
    touch "$logfile"
    if _pg_is_root; then chown postgres: "$logfile"; fi
    if ! _pg_as "$PG_BIN/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 "${opts[@]}" start >/dev/null; then
        echo "error: PostgreSQL did not start; last lines of $logfile:" >&2
        tail -n 20 "$logfile" >&2 || true
        return 1
    fi
}

# pg_stop <datadir>: fast shutdown; does nothing when the server is not running.
pg_stop() {
    local datadir
    datadir=$(_pg_abs "$1")
    [[ -n ${PG_BIN:-} && -f $datadir/PG_VERSION ]] || return 0
    if pg_is_running "$datadir"; then
        _pg_as "$PG_BIN/pg_ctl" -D "$datadir" -m fast -w -t 60 stop >/dev/null ||
            echo "warning: could not stop PostgreSQL in $datadir" >&2
    fi
    return 0
}

# pg_wait_ready <port> [seconds=60]: wait until the server accepts TCP connections.
pg_wait_ready() {
    local port=$1 deadline=$((SECONDS + ${2:-60}))
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; do
        if ((SECONDS >= deadline)); then
            echo "error: PostgreSQL on 127.0.0.1:$port is not ready" >&2
            return 1
        fi
        sleep 0.5
    done
}

# pg_psql <port> <superuser password> [psql args ...]: psql as `postgres` over TCP.
pg_psql() {
    local port=$1
    PGPASSWORD=$2 _pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$port" -U postgres -d postgres "${@:3}"
}

# pg_ensure_db <port> <superuser password> <role> <role password> <database> [role options]
# Creates (or updates) a LOGIN role and a database it owns. Idempotent. Role options are
# plain keywords such as CREATEDB. The role password travels through the environment,
# not the command line.
pg_ensure_db() {
    local port=$1 su_password=$2
    if [[ ! ${6:-} =~ ^[A-Za-z\ ]*$ ]]; then
        echo "error: role options must be keywords: $6" >&2
        return 1
    fi
    SCHAKEL_PG_ROLE=$3 SCHAKEL_PG_ROLE_PASSWORD=$4 SCHAKEL_PG_DB=$5 SCHAKEL_PG_ROLE_OPTS=${6:-} \
        pg_psql "$port" "$su_password" <<'SQL'
\set role `printenv SCHAKEL_PG_ROLE`
\set pw `printenv SCHAKEL_PG_ROLE_PASSWORD`
\set db `printenv SCHAKEL_PG_DB`
\set opts `printenv SCHAKEL_PG_ROLE_OPTS`
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN %s PASSWORD %L', :'role', :'opts', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
}

# pg_ensure_extensions <port> <superuser password> <database>
# Installs the extensions Schakel needs that only a superuser may create: earthdistance (with
# cube) for the social map's distance search (docs/adr/0015). Idempotent.
pg_ensure_extensions() {
    local port=$1 su_password=$2 db=$3
    pg_psql "$port" "$su_password" -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS earthdistance CASCADE' >/dev/null
}
