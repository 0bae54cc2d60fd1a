#!/usr/bin/env bash
# AFL++ over the producer contract (batch reader, parser, validator) with SharpFuzz instrumentation.
#   bench/fuzz-afl.sh [MINUTES]      (default 10)
# Needs Debian's afl++ (apt-get install afl++) and the sharpfuzz tool (installed into a temp folder from NuGet).
# Seeds: tests/IOC.Ingestion.Tests/FuzzCorpus; new queue entries are copied to FuzzCorpus/afl/, crashes to
# FuzzCorpus/crashes/ (the test command replays both through the API).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
command -v afl-fuzz > /dev/null || { echo "afl-fuzz not found: sudo apt-get install afl++" >&2; exit 2; }
work="$(mktemp -d -t ioc-afl-XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet tool install --tool-path "$work/tool" SharpFuzz.CommandLine --version 2.3.0 > /dev/null
dotnet build bench/IOC.Fuzz.Afl -c Release -o "$work/bin" -v quiet -clp:ErrorsOnly
"$work/tool/sharpfuzz" "$work/bin/IOC.Ingestion.dll"
mkdir -p "$work/in"
find tests/IOC.Ingestion.Tests/FuzzCorpus -maxdepth 1 -name '*json' -size -4k | head -200 | xargs -I{} cp {} "$work/in/"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
timeout --signal=INT "$((minutes * 60))" afl-fuzz -i "$work/in" -o "$work/out" -t 10000 -m none -- dotnet "$work/bin/IOC.Fuzz.Afl.dll" "$PWD/seed-data" || true
stats="$work/out/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|corpus_found|bitmap_cvg|saved_crashes|saved_hangs) ' "$stats"
mkdir -p tests/IOC.Ingestion.Tests/FuzzCorpus/afl
for f in "$work/out/default/queue/"id:*; do
  [ "$(stat -c %s "$f")" -le 4096 ] || continue
  case "$f" in *orig:*) continue ;; esac
  cp "$f" "tests/IOC.Ingestion.Tests/FuzzCorpus/afl/$(sha256sum "$f" | cut -c1-16).json"
done
crashes=$(find "$work/out/default/crashes" -name 'id:*' | wc -l)
if [ "$crashes" -gt 0 ]; then
  mkdir -p tests/IOC.Ingestion.Tests/FuzzCorpus/crashes
  for f in "$work/out/default/crashes/"id:*; do cp "$f" "tests/IOC.Ingestion.Tests/FuzzCorpus/crashes/afl-$(sha256sum "$f" | cut -c1-16).json"; done
  echo "$crashes crashes copied to tests/IOC.Ingestion.Tests/FuzzCorpus/crashes" >&2
  exit 1
fi
