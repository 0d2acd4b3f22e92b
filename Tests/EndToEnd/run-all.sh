#!/usr/bin/env bash
# The slow checks, on a release build: each script in this folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product zoo
# Each script runs under `set -e`; a command that fails without a message of its own is named
# by its script and line (bash reads $BASH_ENV before a script).
report=$(mktemp)
trap 'rm -f "$report"' EXIT
cat > "$report" << 'TRAP'
trap 'status=$?; echo "$(basename "$0"): the command on line $LINENO ended with status $status" >&2' ERR
TRAP
passed=0
failed=0
for check in Tests/EndToEnd/*.sh; do
  [ "$(basename "$check")" = run-all.sh ] && continue
  echo "== $(basename "$check")"
  if BASH_ENV=$report bash "$check"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $check"; fi
done
echo "end-to-end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
