#!/usr/bin/env bash
# TensorBoard's own readers read the event files of TensorBoardEvents and of a real run:
# 1. a run interrupted and resumed, logged by two writers into one folder, shows every scalar and
#    sample grid at the expected steps and none of the interrupted session's stale ones;
# 2. a `zoo train gan` run killed with kill -9 between checkpoints and continued with
#    `zoo resume` shows exactly its loss log (every loss and diagnostic at every step), its
#    snapshots, its final samples and every number of metrics.json;
# both through the Python EventAccumulator and through the Rust data server behind
# `tensorboard --logdir`.
# TensorBoard is the `tensorboard` package from PyPI that .ci/setup installs into
# .build/tensorboard-python (the zoo does not depend on it); without it this check fails, it does
# not skip. The first log folder comes from the ResumedRunLogdirTests Swift test (a debug build,
# which CI's `swift test` has already made), the run from the release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
python="$PWD/.build/tensorboard-python"
PYTHONPATH="$python" python3 -c "import tensorboard" 2>/dev/null ||
  { echo "TensorBoard is not installed in $python: run .ci/setup"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/check"
TENSORBOARD_EVENTS_CHECK_DIR="$work/check" swift test --filter ResumedRunLogdirTests 2>&1 | tail -1
PYTHONPATH="$python" python3 Tests/EndToEnd/read-tensorboard-events.py "$work/check/logdir" "$work/check/expected.json"

swift build -c release --product zoo 2>&1 | tail -1
zoo=.build/release/zoo
run="$work/gan-run"
"$zoo" train gan --steps 3000 --checkpoint-every 400 --out "$run" >"$work/train.log" 2>&1 &
trainer=$!
# Killed once a checkpoint past the first is on disk and training has moved on from it.
for _ in $(seq 1 600); do
  rows=$(($(wc -l <"$run/losses.csv" 2>/dev/null || echo 1) - 1))
  [ "$rows" -ge 800 ] && { sleep 1.5; break; }
  kill -0 "$trainer" 2>/dev/null || break
  sleep 0.1
done
kill -9 "$trainer" 2>/dev/null || { echo "the run ended before it could be killed"; exit 1; }
wait "$trainer" 2>/dev/null || true
echo "killed $run after $(($(wc -l <"$run/losses.csv") - 1)) logged steps"
"$zoo" resume "$run" >"$work/resume.log" 2>&1 || { cat "$work/resume.log"; exit 1; }
echo "event files: $(ls "$run" | grep -c '^events.out.tfevents')"
python3 Tests/EndToEnd/tensorboard-expected-from-run.py "$run" "$work/run-expected.json"
PYTHONPATH="$python" python3 Tests/EndToEnd/read-tensorboard-events.py "$run" "$work/run-expected.json"
