#!/usr/bin/env bash
# `zoo results` killed with kill -9 in the middle of a suite loses nothing finished: the next
# call reuses the finished run (its summary unchanged), resumes the killed one from its
# checkpoint instead of starting it again, and ends with the RESULTS.md of a suite never killed.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product zoo 2>&1 | tail -1
zoo="$PWD/.build/release/zoo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/killed/results" "$work/straight/results"
cat >"$work/killed/results/spec.json" <<'SPEC'
{"title": "Kill test", "tables": [{"id": "ring", "title": "Ring", "variants": ["gan"], "datasets": ["ring8"],
  "seeds": [0, 1], "steps": 4000, "metrics": ["modes-covered", "high-quality"]}]}
SPEC
cp "$work/killed/results/spec.json" "$work/straight/results/spec.json"
first=gan-ring8-non-saturating-steps4000-seed0
second=gan-ring8-non-saturating-steps4000-seed1

cd "$work/killed"
"$zoo" results >"$work/first.log" 2>&1 &
suite=$!
# Killed once the second run has written a checkpoint past its start.
for _ in $(seq 1 1200); do
  if [ -f "results/summaries/$first.json" ] && grep -q '"toStep" : [1-9]' "runs/results/$second/sessions.json" 2>/dev/null; then break; fi
  kill -0 "$suite" 2>/dev/null || break
  sleep 0.1
done
kill -9 "$suite" 2>/dev/null || { cat "$work/first.log"; echo "the suite ended before it could be killed"; exit 1; }
wait "$suite" 2>/dev/null || true
[ ! -f "results/summaries/$second.json" ] || { echo "the killed run has a summary"; exit 1; }
cp "results/summaries/$first.json" "$work/first-summary.json"
"$zoo" results >"$work/second.log" 2>&1 || { cat "$work/second.log"; exit 1; }
grep -q "0 trained, 1 resumed, 0 evaluated, 1 reused" "$work/second.log" || { cat "$work/second.log"; exit 1; }
cmp "results/summaries/$first.json" "$work/first-summary.json"
from=$(python3 -c "import json,sys; print([s['fromStep'] for s in json.load(open(sys.argv[1]))['sessions']])" "results/summaries/$second.json")
echo "the killed run's sessions started at steps $from"
case "$from" in "[0, "[1-9]*) ;; *) echo "expected a second session resuming past step 0"; exit 1 ;; esac

cd "$work/straight"
"$zoo" results >"$work/straight.log" 2>&1 || { cat "$work/straight.log"; exit 1; }
# The same figures as a suite never killed (wall times, sessions and dates aside).
python3 - "$work/killed" "$work/straight" "$second" <<'PY'
import json, sys
killed, straight, name = sys.argv[1:]
a = json.load(open("%s/results/summaries/%s.json" % (killed, name)))
b = json.load(open("%s/results/summaries/%s.json" % (straight, name)))
for key in ("configuration", "metrics", "shortfalls", "stepsTrained", "status"):
    if a.get(key) != b.get(key):
        sys.exit("%s differs between the killed and the straight suite: %s / %s" % (key, a.get(key), b.get(key)))
print("the resumed run's configuration and metrics equal the straight run's")
PY
echo "zoo results survives kill -9"
