#!/usr/bin/env bash
# Throwaway PostgreSQL 15 clusters for the pglogical integration tests.
#
#   .ci/pg-test-cluster.sh install   apt-get install postgresql-15-pglogical (idempotent; root only)
#   .ci/pg-test-cluster.sh start     start the clusters; prints `export ...` lines for the tests:
#                                        eval "$(.ci/pg-test-cluster.sh start)"
#   .ci/pg-test-cluster.sh stop      stop the clusters and delete their data
#   .ci/pg-test-cluster.sh env       print the `export ...` lines of running clusters again
#   .ci/pg-test-cluster.sh restart   stop, then start afresh (pglogical leaks a worker slot for some
#                                    dropped databases: after many test runs on one cluster its
#                                    supervisor logs "all background worker slots are already used")
#
# Two clusters, both on 127.0.0.1 with trust authentication and data under $OPS_PG_TEST_DIR
# (default /tmp/ops-pg-test):
#   main  port $OPS_PG_TEST_PORT (default 54329): shared_preload_libraries='pglogical',
#         wal_level=logical, room for replication slots, senders and workers (pglogical sizes
#         its own worker table by max_worker_processes: one manager per database with the extension).
#         -> OPS_PG_TEST_CONNECTION
#   bare  the next free port: no pglogical in shared_preload_libraries, wal_level=replica, for
#         the tests of the "server is not set up for pglogical" messages.
#         -> OPS_PG_TEST_BARE_CONNECTION
# PostgreSQL refuses to run as root: as root, the clusters run as the postgres user (runuser).
# All progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
BASE=${OPS_PG_TEST_DIR:-/tmp/ops-pg-test}
FIRST_PORT=${OPS_PG_TEST_PORT:-54329}

log() { printf 'pg-test-cluster: %s\n' "$*" >&2; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
    # bash's /dev/tcp: a successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

install() {
    if dpkg-query -W -f='${Status}' postgresql-15-pglogical 2>/dev/null | grep -q 'install ok installed'; then
        log "postgresql-15-pglogical is installed"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "postgresql-15-pglogical is missing: run 'sudo $0 install' (or apt-get install postgresql-15-pglogical)"
        return 1
    fi
    log "installing postgresql-15-pglogical"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-pglogical >&2
}

# The parameter exists only in newer 15.x builds, which refuse to let untrusted output plugins
# decode; older builds refuse to start when it is set.
# (The list is read whole before grep looks at it: `postgres ... | grep -q` under pipefail fails whenever grep stops
# reading before postgres has written everything, and the parameter was then left out at random.)
supports_output_plugin_libraries() {
    local names
    names=$(as_owner "$PG_BIN/postgres" --describe-config 2>/dev/null | awk '{print $1}') || true
    grep -qx output_plugin_libraries <<<"$names"
}

pick_port() {
    local p=$1
    while port_in_use "$p"; do p=$((p + 1)); done
    echo "$p"
}

start_one() { # name port with_pglogical
    local name=$1 port=$2 with_pglogical=$3 dir="$BASE/$1"
    if [ -f "$dir/port" ] && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "$name cluster already running on port $(cat "$dir/port")"
        return 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$BASE" "$dir"; fi
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; log "initdb failed for the $name cluster"; return 1; }
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$dir'"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_connections = 50"
        if [ "$with_pglogical" = yes ]; then
            echo "shared_preload_libraries = 'pglogical'"
            echo "wal_level = logical"
            echo "max_replication_slots = 20"
            echo "max_wal_senders = 20"
            echo "max_worker_processes = 128"
            echo "track_commit_timestamp = on"
            if supports_output_plugin_libraries; then
                echo "output_plugin_libraries = 'pgoutput, test_decoding, pglogical_output'"
            fi
        else
            echo "wal_level = replica"
        fi
    } >>"$dir/data/postgresql.conf"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2 \
        || { cat "$dir/server.log" >&2; log "the $name cluster did not start"; return 1; }
    echo "$port" >"$dir/port"
    log "$name cluster running on 127.0.0.1:$port (data $dir/data, log $dir/server.log)"
}

print_env() {
    local main_port bare_port
    main_port=$(cat "$BASE/main/port" 2>/dev/null || true)
    bare_port=$(cat "$BASE/bare/port" 2>/dev/null || true)
    [ -n "$main_port" ] && echo "export OPS_PG_TEST_CONNECTION='host=127.0.0.1 port=$main_port user=postgres dbname=postgres'"
    [ -n "$bare_port" ] && echo "export OPS_PG_TEST_BARE_CONNECTION='host=127.0.0.1 port=$bare_port user=postgres dbname=postgres'"
    return 0
}

start() {
    if [ ! -x "$PG_BIN/initdb" ]; then
        log "$PG_BIN/initdb not found: install postgresql-15 (and postgresql-15-pglogical): $0 install"
        return 1
    fi
    if [ ! -f /usr/share/postgresql/15/extension/pglogical.control ]; then
        log "the pglogical extension is not installed: $0 install"
        return 1
    fi
    mkdir -p "$BASE"
    local main_port bare_port
    if [ -f "$BASE/main/port" ]; then main_port=$(cat "$BASE/main/port"); else main_port=$(pick_port "$FIRST_PORT"); fi
    start_one main "$main_port" yes
    if [ -f "$BASE/bare/port" ]; then bare_port=$(cat "$BASE/bare/port"); else bare_port=$(pick_port $((main_port + 1))); fi
    start_one bare "$bare_port" no
    print_env
}

stop() {
    local name
    for name in main bare; do
        if [ -d "$BASE/$name/data" ]; then
            as_owner "$PG_BIN/pg_ctl" -D "$BASE/$name/data" -m immediate -w stop >/dev/null 2>&1 || true
            log "$name cluster stopped"
        fi
    done
    rm -rf "$BASE"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    env) print_env ;;
    *) echo "usage: $0 install|start|stop|restart|env" >&2; exit 2 ;;
esac
