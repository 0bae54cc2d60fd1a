#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test project and prints one closing line:
#   N passed, N failed[, N skipped]
# Usage: scripts/test.sh            (CI calls exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

# --- what the tests need beyond the .NET SDK -------------------------------------------------
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is not reachable);
# the review PDF is printed by the same Chromium (headless --print-to-pdf).
# InfluxDB (Debian's influxdb, 1.6): the history tests start their own influxd through scripts/influxdb.sh
# (loopback, free port, temp folder) and fail, never skip, without it. Installed only when missing
# (apt-get update is slow).
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v influxd > /dev/null || need_apt+=(influxdb)
# PostgreSQL 15 (Debian's postgresql): the shared-inbox tests start their own server through scripts/postgres.sh
# (loopback, free port, temp folder, stopped by PID). No system cluster is created: the package's default "main"
# cluster would be a server nobody asked for.
if ! ls /usr/lib/postgresql/*/bin/pg_ctl > /dev/null 2>&1; then
  need_apt+=(postgresql)
  if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
fi
# Redis (membership of a cluster's silos) and nginx (the cluster's one address): the cluster drill starts its own
# through scripts/cluster.sh (loopback, free ports, temp folder, stopped by PID). Their packages would start system
# services on install (port 6379, port 80): a policy-rc.d that refuses keeps them stopped.
no_services=""
command -v redis-server > /dev/null || { need_apt+=(redis-server); no_services=1; }
command -v nginx > /dev/null || { need_apt+=(nginx-light); no_services=1; }
# poppler-utils: the printable-review tests read the PDFs back with pdftotext, pdffonts and pdfinfo.
command -v pdftotext > /dev/null || need_apt+=(poppler-utils)
# fonts-dejavu-core: the charts (ScottPlot/Skia) name DejaVu Sans; Skia sees only installed fonts.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
# LibreOffice Calc (headless, no GUI): the export tests open the CSV and Excel downloads in a real spreadsheet
# application and read back what it made of each cell (numbers, percentages, dates, text, never a formula).
# Without its recommends (a Java runtime, desktop integration): Calc converts files without them.
need_lo=()
command -v soffice > /dev/null || need_lo+=(libreoffice-calc-nogui)
if [ ${#need_apt[@]} -gt 0 ] || [ ${#need_lo[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  own_policy=""
  if [ -n "$no_services" ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  [ ${#need_apt[@]} -eq 0 ] || apt-get install -y -qq "${need_apt[@]}" || { [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d; exit 1; }
  [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ ${#need_lo[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${need_lo[@]}"
fi

# --- build once, then test without rebuilding -------------------------------------------------
results="$(mktemp -d -t ioc-test-results-XXXXXX)"
trap 'rm -rf "$results"' EXIT
dotnet build IOC.sln -c Release --nologo -v quiet -clp:ErrorsOnly

status=0
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "=== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# --- one summary line over all projects (read from the TRX files, not from console text) ------
passed=0; failed=0; skipped=0
for project in tests/*/*.Tests.csproj; do
  trx="$results/$(basename "$project" .csproj).trx"
  if [ ! -f "$trx" ]; then
    echo "no results from $project: counted as 1 failed" >&2
    failed=$((failed + 1)); continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit $status
