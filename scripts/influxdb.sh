#!/usr/bin/env bash
# A private InfluxDB 1.x (Debian's influxd) for development and tests: loopback only, free ports, everything
# (config, data, log, PID) in one folder. Never a system service; `stop` ends the PID this script started, never
# a process found by name.
#
#   scripts/influxdb.sh start [DIR]   Starts influxd in DIR (default: a new temp folder). A DIR that already holds a
#                                     server's config restarts that server: same ports, same data. Waits for /ping,
#                                     writes DIR/influxdb.env (INFLUXDB_URL, INFLUXDB_PID, INFLUXDB_DIR) and prints
#                                     the URL (http://127.0.0.1:<port>) as its last line.
#   scripts/influxdb.sh stop [DIR]    Stops the server started in DIR (default: the last one this user started).
#                                     The folder is left in place (delete it when done).
#
# Then run the app against it:
#   History__Store=influxdb History__InfluxUrl=<url> dotnet run --project src/IOC.Web
set -euo pipefail

command="${1:-}"
dir="${2:-}"
last_file="${TMPDIR:-/tmp}/ioc-influxdb-$(id -u).last"

# shellcheck source=lib/loopback.sh
. "$(dirname "$0")/lib/loopback.sh"

write_config() {
  local http_port="$1" rpc_port="$2"
  mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
  # Per docs/history.md and ../shared/DEPENDENCIES.md: loopback binds, no monitor store, no usage reporting,
  # no row limit on query results. Debian's build ignores unknown keys silently, so only known keys are used.
  cat > "$dir/influxdb.conf" <<EOF
reporting-enabled = false
bind-address = "127.0.0.1:$rpc_port"

[meta]
  dir = "$dir/meta"

[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$http_port"
  log-enabled = false
  max-row-limit = 0

[logging]
  level = "warn"
  suppress-logo = true
EOF
}

config_port() { sed -n "s/^  bind-address = \"127.0.0.1:\([0-9]*\)\"/\1/p" "$dir/influxdb.conf" | head -n 1; }

running_pid() {
  # The PID recorded in DIR, only if it is still the influxd run with DIR's config (a PID can be reused).
  [ -f "$dir/influxdb.env" ] || return 1
  local pid
  pid="$(sed -n 's/^INFLUXDB_PID=//p' "$dir/influxdb.env")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "-config $dir/influxdb.conf" || return 1
  echo "$pid"
}

start() {
  command -v influxd > /dev/null || die "influxd not found: apt-get install -y influxdb"
  if [ -z "$dir" ]; then
    dir="$(mktemp -d -t ioc-influxdb-XXXXXX)"
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if pid="$(running_pid)"; then
    die "already running in $dir (PID $pid)"
  fi

  local fresh=0 attempt pid port url
  [ -f "$dir/influxdb.conf" ] || fresh=1
  for attempt in 1 2 3 4 5; do
    if [ "$fresh" = 1 ]; then
      write_config "$(free_port)" "$(free_port)"
    fi
    port="$(config_port)"
    url="http://127.0.0.1:$port"
    # stdin and stdout away from the caller: a test runner reading this script's output must not wait for influxd.
    influxd run -config "$dir/influxdb.conf" < /dev/null >> "$dir/influxd.log" 2>&1 &
    pid=$!
    printf 'INFLUXDB_URL=%s\nINFLUXDB_PID=%s\nINFLUXDB_DIR=%s\n' "$url" "$pid" "$dir" > "$dir/influxdb.env"
    for _ in $(seq 1 300); do
      if curl -fsS -o /dev/null "$url/ping" 2> /dev/null; then
        echo "$dir" > "$last_file"
        echo "InfluxDB $(influxd version 2> /dev/null | head -n 1) in $dir (PID $pid)" >&2
        echo "$url"
        return 0
      fi
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2> /dev/null; then
      kill "$pid"
      die "influxd did not answer $url/ping within 30 s; see $dir/influxd.log"
    fi
    # Exited during start: most likely a port taken meanwhile. A fresh folder tries other ports; a restart keeps its
    # ports (its clients know them) and tries again a little later, when a short-lived holder has let go.
    if [ "$fresh" = 1 ]; then
      echo "influxd exited during start (attempt $attempt); trying other ports" >&2
    else
      echo "influxd exited during restart (attempt $attempt); trying again in 1 s" >&2
      sleep 1
    fi
  done
  die "influxd failed to start 5 times; see $dir/influxd.log"
}

stop() {
  if [ -z "$dir" ]; then
    [ -f "$last_file" ] || die "no folder given and no server started before"
    dir="$(cat "$last_file")"
  fi
  dir="$(cd "$dir" && pwd)"
  local pid
  if ! pid="$(running_pid)"; then
    echo "influxdb.sh: no server running in $dir" >&2
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2> /dev/null || { echo "stopped influxd (PID $pid) in $dir" >&2; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid"
  echo "influxd (PID $pid) did not stop within 10 s; killed" >&2
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) die "usage: scripts/influxdb.sh start [DIR] | stop [DIR]" ;;
esac
