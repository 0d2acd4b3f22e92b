#!/usr/bin/env bash
# The slow checks, on a release build: each script in this folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product zoo
passed=0
failed=0
for check in Tests/EndToEnd/*.sh; do
  [ "$(basename "$check")" = run-all.sh ] && continue
  echo "== $(basename "$check")"
  if bash "$check"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $check"; fi
done
echo "end-to-end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
