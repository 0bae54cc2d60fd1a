# Shared by the scripts that start private servers (influxdb.sh, postgres.sh, cluster.sh); sourced, not run.

# Stops the calling script with its own name in front of the message.
die() { echo "${0##*/}: $*" >&2; exit 1; }

# True when something listens on 127.0.0.1:PORT now (bash's /dev/tcp: a refused connection means free).
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nobody listens on now on 127.0.0.1 (bash's /dev/tcp: refused means free). A server may still lose the race
# for it; the callers retry their start.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! port_taken "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found on 127.0.0.1"
}
