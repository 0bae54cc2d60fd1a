#!/usr/bin/env bash
# A cluster of IOC nodes on this machine (docs/cluster.md): PostgreSQL (the shared inbox), Redis (Orleans membership),
# N nodes (each the same IOC.Web process: a silo and the web front) and an nginx front with sticky sessions and
# WebSockets, all on 127.0.0.1, free ports, one folder. `stop` ends exactly the PIDs this script started.
#
#   scripts/cluster.sh start N [DIR]   Starts the stores and N nodes in DIR (default: a new temp folder), waits until
#                                      each answers /health, writes DIR/cluster.env and prints one line per node
#                                      (`node I http://127.0.0.1:PORT`) and, last, the front (`front http://...`).
#   scripts/cluster.sh stop [DIR]      Stops the nodes, nginx, Redis and PostgreSQL started in DIR (default: the last).
#   scripts/cluster.sh kill I [DIR]    kill -9 of node I (drills): no shutdown, as a machine that dies.
#   scripts/cluster.sh restart I [DIR] Starts node I again: same ports, same data folder.
#   scripts/cluster.sh status [DIR]    Each node's PID and whether it is alive.
#
# Settings in the environment (ASP.NET Core's Section__Key form, e.g. Simulator__Enabled=false or
# Ingestion__ApiKeys__0=<digest>) reach every node. The simulator runs on node 1 only unless Simulator__Enabled is set
# (N simulators would post N times the traffic). IOC_DLL names the IOC.Web.dll to run (default: the Release build).
set -euo pipefail

command="${1:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
last_file="${TMPDIR:-/tmp}/ioc-cluster-$(id -u).last"

# shellcheck source=lib/loopback.sh
. "$(dirname "$0")/lib/loopback.sh"

resolve_dir() {
  if [ -z "$dir" ]; then
    [ -f "$last_file" ] || die "no cluster started by this user; name its folder"
    dir="$(cat "$last_file")"
  fi
  [ -f "$dir/cluster.env" ] || die "$dir holds no cluster (cluster.env missing)"
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
}

# The PID in FILE, only if that process still runs the command line it was started with (a PID can be reused).
alive_pid() {
  local file="$1" pattern="$2" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$pattern" || return 1
  echo "$pid"
}

wait_health() {
  local url="$1" pid="$2" log="$3"
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2
      die "the node at $url exited while starting (log: $log)"
    fi
    if curl -fs -o /dev/null --max-time 2 "$url/health"; then
      return 0
    fi
    sleep 0.5
  done
  die "the node at $url did not answer /health within 120 s (log: $log)"
}

start_node() {
  local i="$1" port silo node_dir
  port="$(eval echo "\$NODE_${i}_PORT")"
  silo="$(eval echo "\$NODE_${i}_SILO")"
  node_dir="$dir/node-$i"
  mkdir -p "$node_dir"
  (
    # shellcheck disable=SC1091
    [ ! -f "$dir/settings.env" ] || . "$dir/settings.env"
    cd "$(dirname "$IOC_DLL")"
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
    export Storage__DataDir="$node_dir" Storage__Inbox=postgres ConnectionStrings__Inbox="$INBOX"
    export Silo__Clustering=redis ConnectionStrings__Cluster="$REDIS" Silo__SiloPort="$silo"
    # The history's rows and each unit's checkpoint in the inbox's database, unless the environment says otherwise.
    export History__Store="${History__Store:-postgres}" ConnectionStrings__History="${ConnectionStrings__History:-$INBOX}"
    # Accounts, devices, keys, tokens, audit, the cookies' key ring and the alerts in the same database, unless set.
    export Storage__Access="${Storage__Access:-postgres}" ConnectionStrings__Access="${ConnectionStrings__Access:-$INBOX}"
    export Storage__Alerts="${Storage__Alerts:-postgres}" ConnectionStrings__Alerts="${ConnectionStrings__Alerts:-$INBOX}"
    # A home folder per node, as on machines of their own: nothing is shared through the user's profile (ASP.NET
    # Core's default key ring lives there), so what must be shared has to be in the shared stores.
    export HOME="$node_dir/home"
    mkdir -p "$HOME"
    export SeedData__Directory="${SeedData__Directory:-$root/seed-data}"
    if [ "$i" != 1 ] && [ -z "$SIMULATOR_SET" ]; then export Simulator__Enabled=false; fi
    exec setsid dotnet "$IOC_DLL" --urls "http://127.0.0.1:$port" >> "$node_dir/out.log" 2>&1 < /dev/null
  ) &
  echo $! > "$node_dir/pid"
}

write_nginx() {
  local upstreams="" i
  for i in $(seq 1 "$NODES"); do
    upstreams+="    server 127.0.0.1:$(eval echo "\$NODE_${i}_PORT") max_fails=1 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$dir/nginx/tmp"
  # Sticky sessions without nginx Plus: a browser without the cookie gets one (the request's id) and is hashed by it,
  # so a Blazor circuit's negotiate and its WebSocket reach the same node. When that node is down, the request goes to
  # the next one (proxy_next_upstream) and the page reconnects there.
  cat > "$dir/nginx/nginx.conf" <<EOF
daemon on;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;
  client_max_body_size 20m;
  map \$cookie_ioc_node \$ioc_sticky { "" \$request_id; default \$cookie_ioc_node; }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  upstream ioc {
    hash \$ioc_sticky consistent;
$upstreams  }
  server {
    listen 127.0.0.1:$FRONT_PORT;
    location / {
      proxy_pass http://ioc;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503;
      add_header Set-Cookie "ioc_node=\$ioc_sticky; Path=/; HttpOnly; SameSite=Lax" always;
      add_header X-Ioc-Node \$upstream_addr always;
    }
  }
}
EOF
}

start() {
  local nodes="${1:-}"
  [[ "$nodes" =~ ^[1-9][0-9]*$ ]] || die "usage: cluster.sh start N [DIR] (N: how many nodes)"
  dir="${2:-$(mktemp -d -t ioc-cluster-XXXXXX)}"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  # As root, PostgreSQL runs as `postgres` and must reach its folder inside this one (mktemp makes it 0700).
  [ "$(id -u)" != 0 ] || chmod 755 "$dir"
  IOC_DLL="${IOC_DLL:-$root/src/IOC.Web/bin/Release/net10.0/IOC.Web.dll}"
  [ -f "$IOC_DLL" ] || die "$IOC_DLL is missing: build first (dotnet build IOC.sln -c Release)"
  command -v redis-server > /dev/null || die "redis-server is missing (apt-get install redis-server)"
  command -v nginx > /dev/null || die "nginx is missing (apt-get install nginx-light)"

  local inbox redis_port i
  # A start that fails halfway stops what it had started: nothing is left running for nobody.
  trap 'if [ -z "${started_ok:-}" ]; then echo "cluster.sh: start failed, stopping what it started" >&2; stop_started; fi' EXIT
  inbox="$("$root/scripts/postgres.sh" start "$dir/postgres" | tail -n 1)"
  # Connecting gives up after 3 s instead of Npgsql's 15 while PostgreSQL is down: ingestion answers 503 quickly.
  inbox="$inbox;Timeout=3;Command Timeout=30"

  redis_port="$(free_port)"
  mkdir -p "$dir/redis"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis/redis.pid" --dir "$dir/redis" --logfile "$dir/redis/redis.log" > /dev/null
  for _ in $(seq 1 50); do [ -s "$dir/redis/redis.pid" ] && break; sleep 0.1; done

  {
    echo "NODES=$nodes"
    echo "IOC_DLL='$IOC_DLL'"
    echo "INBOX='$inbox'"
    echo "REDIS='127.0.0.1:$redis_port'"
    echo "FRONT_PORT=$(free_port)"
    echo "SIMULATOR_SET='${Simulator__Enabled:-}'"
    for i in $(seq 1 "$nodes"); do
      echo "NODE_${i}_PORT=$(free_port)"
      echo "NODE_${i}_SILO=$(free_port)"
    done
  } > "$dir/cluster.env"
  echo "$dir" > "$last_file"
  # The settings of this start (Section__Key variables) are kept, so that a node restarted later gets them too.
  : > "$dir/settings.env"
  while IFS= read -r name; do
    printf 'export %s=%q\n' "$name" "${!name}" >> "$dir/settings.env"
  done < <(compgen -e | grep -E '^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+$' || true)
  # shellcheck disable=SC1091
  . "$dir/cluster.env"

  # The first node alone, then the others: the first creates the inbox tables and the membership table.
  for i in $(seq 1 "$nodes"); do
    start_node "$i"
    if [ "$i" = 1 ]; then wait_health "http://127.0.0.1:$NODE_1_PORT" "$(cat "$dir/node-1/pid")" "$dir/node-1/out.log"; fi
  done
  for i in $(seq 2 "$nodes"); do
    wait_health "http://127.0.0.1:$(eval echo "\$NODE_${i}_PORT")" "$(cat "$dir/node-$i/pid")" "$dir/node-$i/out.log"
  done

  write_nginx
  nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" 2> "$dir/nginx/start.log" || { cat "$dir/nginx/start.log" >&2; die "nginx did not start"; }

  started_ok=1
  echo "cluster in $dir"
  for i in $(seq 1 "$nodes"); do
    echo "node $i http://127.0.0.1:$(eval echo "\$NODE_${i}_PORT")"
  done
  echo "front http://127.0.0.1:$FRONT_PORT"
}

stop_node() {
  local i="$1" pid
  if pid="$(alive_pid "$dir/node-$i/pid" "$IOC_DLL")"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop() {
  resolve_dir
  stop_started
  echo "stopped the cluster in $dir"
}

# Whatever runs from DIR: nginx, every node with a PID file, Redis, PostgreSQL (also after a start that failed halfway).
stop_started() {
  local node pid
  if pid="$(alive_pid "$dir/nginx/nginx.pid" "nginx")"; then
    kill -QUIT "$pid" 2>/dev/null || true
  fi
  for node in "$dir"/node-*; do
    [ -d "$node" ] && stop_node "${node##*/node-}"
  done
  if pid="$(alive_pid "$dir/redis/redis.pid" "redis-server")"; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
  if [ -d "$dir/postgres" ]; then
    "$root/scripts/postgres.sh" stop "$dir/postgres" > /dev/null 2>&1 || true
  fi
}

node_arg() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || die "name a node by its number"
  echo "$1"
}

case "$command" in
  start) start "${2:-}" "${3:-}" ;;
  stop) dir="${2:-}"; stop ;;
  kill)
    i="$(node_arg "${2:-}")"; dir="${3:-}"; resolve_dir
    pid="$(alive_pid "$dir/node-$i/pid" "$IOC_DLL")" || die "node $i is not running"
    kill -KILL "$pid"
    echo "killed node $i (PID $pid)"
    ;;
  restart)
    i="$(node_arg "${2:-}")"; dir="${3:-}"; resolve_dir
    ! alive_pid "$dir/node-$i/pid" "$IOC_DLL" > /dev/null || die "node $i is running"
    # The node keeps its ports (the front's upstreams and the cluster's addresses name them); another process may have
    # taken one while it was down, and the node would then fail in its log only.
    for kind in PORT SILO; do
      p="$(eval echo "\$NODE_${i}_${kind}")"
      ! port_taken "$p" || die "node $i cannot restart: its $([ "$kind" = PORT ] && echo HTTP || echo silo) port $p on 127.0.0.1 is taken by another process"
    done
    start_node "$i"
    wait_health "http://127.0.0.1:$(eval echo "\$NODE_${i}_PORT")" "$(cat "$dir/node-$i/pid")" "$dir/node-$i/out.log"
    echo "node $i http://127.0.0.1:$(eval echo "\$NODE_${i}_PORT")"
    ;;
  status)
    dir="${2:-}"; resolve_dir
    for i in $(seq 1 "$NODES"); do
      if pid="$(alive_pid "$dir/node-$i/pid" "$IOC_DLL")"; then state="alive (PID $pid)"; else state="down"; fi
      echo "node $i http://127.0.0.1:$(eval echo "\$NODE_${i}_PORT") $state"
    done
    echo "front http://127.0.0.1:$FRONT_PORT"
    ;;
  *) die "usage: cluster.sh start N [DIR] | stop [DIR] | kill I [DIR] | restart I [DIR] | status [DIR]" ;;
esac
