#!/usr/bin/env bash
# The flake hunt: the whole test suite, several times in a row, on a machine kept busy on purpose.
# A test that passes on an idle laptop and fails under load (a time tie, a fixed port, a timeout
# too short, an order assumed from concurrency, a shared cache folder) fails here, so it can be
# fixed at its cause before CI meets it.
#
#   scripts/flake-hunt.sh [runs] [-- vitest options]      (pnpm test:stress)
#
# MDWX_HUNT_BUSY sets the number of busy loops (default: one per core). Each run's log is kept in
# a temporary folder, named at the end. Exit 1 when any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=5
if [[ $# -gt 0 && $1 != -- ]]; then runs=$1; shift; fi
[[ ${1-} == -- ]] && shift
busy=${MDWX_HUNT_BUSY:-$(node -p 'require("node:os").availableParallelism()')}
logs=$(mktemp -d "${TMPDIR:-/tmp}/mdwx-flake-hunt.XXXXXX")

npx -y pnpm@10.34.9 run build >/dev/null || exit 1

loops=()
stop_loops() { [[ ${#loops[@]} -gt 0 ]] && kill "${loops[@]}" 2>/dev/null; loops=(); }
trap stop_loops EXIT
trap 'stop_loops; exit 130' INT TERM
for _ in $(seq "$busy"); do node -e 'for (;;);' & loops+=($!); done
echo "flake hunt: $runs runs of the whole suite beside $busy busy loop(s); logs in $logs"

failed=0
for run in $(seq "$runs"); do
  log="$logs/run-$run.log"
  started=$SECONDS
  if npx vitest run "$@" >"$log" 2>&1; then
    echo "run $run: passed in $((SECONDS - started)) s"
  else
    failed=$((failed + 1))
    echo "run $run: FAILED in $((SECONDS - started)) s"
    grep -E '^ *(FAIL|×)|AssertionError|Error:' "$log" | head -40 | sed 's/^/    /'
  fi
done
stop_loops
echo "flake hunt: $runs runs, $failed failed (logs in $logs)"
[[ $failed -eq 0 ]]
