#!/usr/bin/env bash
# A private PostgreSQL 15 (Debian's postgresql) for the cluster's shared inbox, development and tests: loopback only,
# a free port, everything (data, socket, log, PID) in one folder. Never the system service; `stop` ends the PID this
# script started, never a process found by name. Run as root it runs the server as the `postgres` user (initdb refuses
# root); the folder is then owned by that user.
#
#   scripts/postgres.sh start [DIR]   Creates a cluster in DIR (default: a new temp folder) with a database `ioc`, or
#                                     restarts the one already there (same port, same data). Waits until it accepts
#                                     connections, writes DIR/postgres.env (POSTGRES_PORT, POSTGRES_PID, POSTGRES_DIR,
#                                     POSTGRES_CONNECTION) and prints the Npgsql connection string as its last line.
#   scripts/postgres.sh stop [DIR]    Stops the server started in DIR (default: the last one this user started), fast
#                                     shutdown (sessions ended, data kept). The folder is left in place.
#
# Trust authentication on 127.0.0.1 only: the server is private to this machine's loopback. A real deployment uses
# its own server with passwords (docs/cluster.md).
set -euo pipefail

command="${1:-}"
dir="${2:-}"
last_file="${TMPDIR:-/tmp}/ioc-postgres-$(id -u).last"

# shellcheck source=lib/loopback.sh
. "$(dirname "$0")/lib/loopback.sh"

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/pg_ctl" ] && bin="$candidate"
done

# As root, the server's own commands run as `postgres`; otherwise as the caller.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running_pid() {
  # postmaster.pid's first line, only if that process is still the postgres of DIR's data folder (a PID can be reused).
  [ -f "$dir/data/postmaster.pid" ] || return 1
  local pid
  pid="$(head -n 1 "$dir/data/postmaster.pid")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "-D $dir/data" || return 1
  echo "$pid"
}

start() {
  [ -n "$bin" ] || die "PostgreSQL not found: apt-get install -y postgresql"
  if [ -z "$dir" ]; then
    dir="$(mktemp -d -t ioc-postgres-XXXXXX)"
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if pid="$(running_pid)"; then
    die "already running in $dir (PID $pid)"
  fi
  [ "$(id -u)" != 0 ] || chown postgres: "$dir"

  local fresh=0 port attempt pid connection
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    fresh=1
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 \
      || die "initdb failed; see $dir/initdb.log"
  fi
  for attempt in 1 2 3 4 5; do
    if [ "$fresh" = 1 ] || [ ! -f "$dir/port" ]; then
      free_port > "$dir/port"
    fi
    port="$(cat "$dir/port")"
    # The socket stays in DIR (never /var/run/postgresql); TCP on loopback only. 300 connections, not 100: three nodes
    # each pool the inbox, access, alert and history stores, and the tests start several such clusters on one server
    # (a loaded CI run met "53300: too many clients" while three nodes warmed up together).
    if as_owner "$bin/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-k $dir -h 127.0.0.1 -p $port -c fsync=on -c synchronous_commit=on -c max_connections=300" > /dev/null 2>&1; then
      pid="$(head -n 1 "$dir/data/postmaster.pid")"
      if [ "$fresh" = 1 ]; then
        as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE ioc" > /dev/null \
          || die "could not create the database ioc; see $dir/postgres.log"
      fi
      connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=ioc"
      printf 'POSTGRES_PORT=%s\nPOSTGRES_PID=%s\nPOSTGRES_DIR=%s\nPOSTGRES_CONNECTION=%s\n' "$port" "$pid" "$dir" "$connection" > "$dir/postgres.env"
      echo "$dir" > "$last_file"
      echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') in $dir (PID $pid, port $port)" >&2
      echo "$connection"
      return 0
    fi
    # Most likely the port was taken meanwhile: try another one.
    echo "postgres did not start on port $port (attempt $attempt); see $dir/postgres.log" >&2
    rm -f "$dir/port"
  done
  die "postgres failed to start 5 times; see $dir/postgres.log"
}

stop() {
  if [ -z "$dir" ]; then
    [ -f "$last_file" ] || die "no folder given and no server started before"
    dir="$(cat "$last_file")"
  fi
  dir="$(cd "$dir" && pwd)"
  local pid
  if ! pid="$(running_pid)"; then
    echo "postgres.sh: no server running in $dir" >&2
    return 0
  fi
  # SIGINT to the postmaster is PostgreSQL's "fast" shutdown: sessions ended, everything committed kept.
  kill -INT "$pid"
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2> /dev/null || { echo "stopped postgres (PID $pid) in $dir" >&2; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid"
  echo "postgres (PID $pid) did not stop within 20 s; killed" >&2
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) die "usage: scripts/postgres.sh start [DIR] | stop [DIR]" ;;
esac
