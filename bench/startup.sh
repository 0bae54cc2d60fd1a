#!/usr/bin/env bash
# Start-up with days of simulated history on disk: seconds from process start to the first /health 200, and the
# server's resident memory then and 15 s later. The same script measures any build (pass its IOC.Web.dll), so two
# designs are compared in one invocation:
#   bench/startup.sh [runs] [days] path/to/IOC.Web.dll [another/IOC.Web.dll ...]
# Each build backfills its own data folder once (its own format), then starts from a fresh copy of it each run.
# Every server runs on 127.0.0.1 on a free port, in a temp folder, and is stopped by the PID this script started.
set -euo pipefail

runs=${1:-5}
days=${2:-30}
shift 2 || true
dlls=("$@")
[ ${#dlls[@]} -gt 0 ] || dlls=("$(cd "$(dirname "$0")/.." && pwd)/src/IOC.Web/bin/Release/net10.0/IOC.Web.dll")

work=$(mktemp -d /tmp/ioc-startup-XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# start DLL DIR PORT [settings...]: the server in the background; sets $pid.
start() {
  local dll=$1 dir=$2 port=$3
  shift 3
  (cd "$(dirname "$dll")" && exec dotnet "$(basename "$dll")" --urls "http://127.0.0.1:$port" --Storage:DataDir="$dir" "$@") >"$dir.log" 2>&1 &
  pid=$!
}

# wait_healthy PORT TIMEOUT: until /health answers 200.
wait_healthy() {
  local deadline=$(($(date +%s) + $2))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health" || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited; see its log" >&2; return 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no /health 200 within $2 s" >&2; return 1; }
    sleep 0.05
  done
}

stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "start-up with $days days of simulated history, $runs runs per build, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!dlls[@]}"; do
  dll=$(realpath "${dlls[$i]}")
  seed="$work/seed-$i"
  port=$(free_port)
  t0=$(now)
  start "$dll" "$seed" "$port" --Simulator:BackfillDays="$days"
  wait_healthy "$port" 1800
  # The backfill runs in the background and says when it is done; then a clean stop saves the checkpoints.
  until grep -q "Simulator added" "$seed.log"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited during the backfill; see $seed.log" >&2; exit 1; }
    sleep 1
  done
  sleep 5
  stop
  echo "build $dll: backfill of $days days took $(printf "%.0f" "$(echo "$(now) - $t0" | bc)") s; data folder $(du -sh "$seed" | cut -f1)"

  times=() rss=() rss15=()
  for run in $(seq "$runs"); do
    dir="$work/run-$i-$run"
    cp -a "$seed" "$dir"
    port=$(free_port)
    t0=$(now)
    start "$dll" "$dir" "$port"
    wait_healthy "$port" 600
    t=$(printf "%.2f" "$(echo "$(now) - $t0" | bc)")
    r=$(rss_mib "$pid")
    sleep 15
    r15=$(rss_mib "$pid")
    stop
    rm -rf "$dir" "$dir.log"
    times+=("$t") rss+=("$r") rss15+=("$r15")
    echo "  run $run: first /health 200 after ${t} s, resident ${r} MiB then, ${r15} MiB 15 s later"
  done
  echo "  median: $(printf '%s\n' "${times[@]}" | median) s to /health 200, $(printf '%s\n' "${rss[@]}" | median) MiB then, $(printf '%s\n' "${rss15[@]}" | median) MiB 15 s later"
done
