#!/usr/bin/env bash
# Starts a PostgreSQL server from Debian's packages on loopback for the test suite's server run, installing it when
# missing, and prints the DATABASE_URL to use. Idempotent: a server already started by this script is reused.
set -euo pipefail
PORT="${ZG_PG_PORT:-55432}"
DIR="${ZG_PG_DIR:-/tmp/zg-pg}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
RUN=(runuser -u postgres --)
[ "$(id -u)" = 0 ] || RUN=()

if [ ! -s "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  "${RUN[@]}" "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -o "-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c max_connections=200" start >&2
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'zg'" | grep -q 1 ||
  "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "create database zg" >&2
echo "postgres://postgres@127.0.0.1:$PORT/zg"
