#!/usr/bin/env bash
# One writer per run: two `zoo train --out <same>` started together, one trains and the other is
# refused with a message naming the first's process id, exiting non-zero; while the first trains,
# `zoo resume` of the run is refused too and `zoo sample` reads it; the run the first leaves is
# whole (its own configuration, the checkpoint at its last step, a loss-log row per step).
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
steps=20000
args=(train gan --dataset ring8 --steps $steps --batch-size 128 --checkpoint-every 500 --sample-every $steps --out "$work/run")

"$zoo" "${args[@]}" --seed 1 > "$work/seed1.log" 2>&1 & pid1=$!
"$zoo" "${args[@]}" --seed 2 > "$work/seed2.log" 2>&1 & pid2=$!
status1=0 status2=0
# The refused one ends at once; find it, and so the writer.
while kill -0 "$pid1" 2>/dev/null && kill -0 "$pid2" 2>/dev/null; do sleep 0.05; done
if ! kill -0 "$pid1" 2>/dev/null; then
  wait "$pid1" || status1=$?; writer=$pid2 seed=2 refused=$status1 refusedLog="$work/seed1.log"
else
  wait "$pid2" || status2=$?; writer=$pid1 seed=1 refused=$status2 refusedLog="$work/seed2.log"
fi
if [ "$refused" -eq 0 ] || ! grep -q "is being written by process $writer" "$refusedLog"; then
  echo "one-writer-per-run: the second writer was not refused naming process $writer (exit $refused):"; cat "$refusedLog"; exit 1
fi
echo "second writer refused: $(grep -o "is being written by process [0-9]*" "$refusedLog")"

while [ ! -f "$work/run/checkpoint.safetensors" ]; do sleep 0.05; done
if "$zoo" resume "$work/run" > "$work/resume.log" 2>&1 || ! grep -q "process $writer" "$work/resume.log"; then
  echo "one-writer-per-run: zoo resume was not refused while the run trained:"; cat "$work/resume.log"; exit 1
fi
"$zoo" sample "$work/run" --count 16 --format npy --out "$work/sample.npy" > /dev/null
kill -0 "$writer" 2>/dev/null || { echo "one-writer-per-run: the run finished before resume and sample were tried; nothing was tested" >&2; exit 1; }
echo "while it trained: zoo resume refused, zoo sample read it"

wait "$writer"
python3 - "$work/run" "$seed" "$steps" <<'PY'
import json, struct, sys
run, seed, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
config = json.load(open(run + "/config.json"))
data = open(run + "/checkpoint.safetensors", "rb").read()
n = struct.unpack("<Q", data[:8])[0]
state = json.loads(json.loads(data[8:8 + n])["__metadata__"]["training_state"])
rows = open(run + "/losses.csv").read().split("\n")[1:]
rows = [r for r in rows if r]
ok = config["seed"] == seed and state["step"] == steps and len(rows) == steps and int(rows[-1].split(",")[0]) == steps
print("one-writer-per-run: %s (seed %d in config.json, checkpoint at step %d, %d loss rows)" % ("passed" if ok else "FAILED", config["seed"], state["step"], len(rows)))
sys.exit(0 if ok else 1)
PY
