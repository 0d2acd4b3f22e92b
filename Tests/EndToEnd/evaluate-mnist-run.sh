#!/usr/bin/env bash
# zoo evaluate on a short MNIST run of gan, within a time budget: it writes every metric of the
# harness into metrics.json (the classifier's judgement; Fréchet and kernel distances,
# precision/recall and density/coverage beside their floors; memorisation; the data-copying
# test; the Parzen window; the nearest-neighbour grids; the latent walks) and the figures; and
# it stops on bad input with a message naming the problem and a non-zero exit, leaving the run's
# files as they were: too few samples for a metric, a missing classifier, a diverged generator
# (NaN weights), images outside [-1, 1]; zoo sample --noise refuses codes of the wrong shape or
# with NaN.
#
# Needs ../shared/datasets/mnist beside the repository. To stay within a few minutes on a shared
# 2-core machine it works on MNIST's first 6,000 training and 1,000 test digits (IDX files written
# into a temporary data root): the classifier is trained on them for one epoch, gan for 300
# steps. EVALUATE_BUDGET (seconds, default 150) bounds zoo evaluate's processor time.
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
mnist=../shared/datasets/mnist
budget=${EVALUATE_BUDGET:-150}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data/mnist"
python3 - "$mnist" "$work/data/mnist" <<'PYTHON'
import gzip, os, sys
source, target = sys.argv[1:]
for split, count in (("train", 6000), ("t10k", 1000)):
    for kind, header, size in (("images", 16, 28 * 28), ("labels", 8, 1)):
        name = f"{split}-{kind}-idx{3 if kind == 'images' else 1}-ubyte.gz"
        data = gzip.open(os.path.join(source, name)).read()
        head = bytearray(data[:header])
        head[4:8] = count.to_bytes(4, "big")
        with gzip.open(os.path.join(target, name), "wb", compresslevel=1) as file:
            file.write(bytes(head) + data[header:header + count * size])
PYTHON

"$zoo" classifier train --data-root "$work/data" --epochs 1 | tail -1
run=$work/gan
"$zoo" train gan --dataset mnist --data-root "$work/data" --steps 300 --out "$run" > "$work/train.log" 2>&1 || { tail -5 "$work/train.log"; exit 1; }

# The budget is processor time (user + system), which other jobs on a shared machine do not
# inflate as they do wall time.
TIMEFORMAT='%R %U %S'
{ time "$zoo" evaluate "$run" > "$work/evaluate.log" 2>&1; } 2> "$work/evaluate.time" || { cat "$work/evaluate.log"; exit 1; }
grep -v '%  ' "$work/evaluate.log" || true
read -r wall user system < "$work/evaluate.time"
processor=$(python3 -c "print(round($user + $system))")
echo "zoo evaluate took ${wall}s wall, ${processor}s of processor time (budget ${budget}s)"
[ "$processor" -le "$budget" ] || { echo "FAIL: zoo evaluate used ${processor}s of processor time, over its budget of ${budget}s"; exit 1; }

python3 - "$run" <<'PYTHON'
import json, os, sys
run = sys.argv[1]
metrics = json.load(open(os.path.join(run, "metrics.json")))["metrics"]
keys = ["classifier-judgement", "frechet-distance", "kernel-distance", "precision-recall", "density-coverage", "memorisation",
        "data-copying", "parzen-window", "nearest-neighbours", "latent-walks"]
missing = [key for key in keys if key not in metrics]
assert not missing, f"metrics.json lacks {missing}"
assert metrics["frechet-distance"]["floor"]["distance"] < metrics["frechet-distance"]["samples"]["distance"]
assert set(metrics["memorisation"]) == {"pixels", "classifier"}
assert metrics["parzen-window"]["samples"]["sampleCount"] == 10000
figures = ["neighbours-pixels.png", "neighbours-classifier.png", "walk-linear.png", "walk-spherical.png", "walk-traversal.png"]
absent = [f for f in figures if not os.path.isfile(os.path.join(run, "figures", f))]
assert not absent, f"figures missing: {absent}"
print("metrics.json holds", ", ".join(keys), "and figures/ holds", ", ".join(figures))
PYTHON

failures=0
fingerprint() { (cd "$run" && for file in metrics.json samples.png figures/*.png; do if [ -f "$file" ]; then sha256sum "$file"; fi; done | sha256sum); }
before=$(fingerprint)
# expect_failure "what the message must say" command…
expect_failure() {
  local phrase=$1
  shift
  local output status=0
  output=$("$@" 2>&1) || status=$?
  if [ "$status" -eq 0 ]; then
    echo "FAIL: $* exited 0"; failures=$((failures + 1))
  elif ! grep -qF -- "$phrase" <<< "$output"; then
    echo "FAIL: $*: the message lacks \"$phrase\":"; echo "$output" | tail -3; failures=$((failures + 1))
  elif [ "$(fingerprint)" != "$before" ]; then
    echo "FAIL: $* changed the run's files"; failures=$((failures + 1))
  else
    echo "ok (exit $status, run unchanged): $(grep -F -- "$phrase" <<< "$output" | head -1)"
  fi
}
expect_failure "Fréchet distance: the samples set has 50 samples, at least 129 are needed" "$zoo" evaluate "$run" --samples 50
mv "$work/data/classifiers" "$work/classifiers-away"
expect_failure "no reference classifier here" "$zoo" evaluate "$run" --classifier cached
mv "$work/classifiers-away" "$work/data/classifiers"

python3 - "$work" <<'PYTHON'
import json, struct, sys
import numpy as np
work = sys.argv[1]
np.save(f"{work}/z-wide.npy", np.zeros((4, 7), np.float32))
z = np.zeros((4, 100), np.float32); z[2, 5] = np.nan
np.save(f"{work}/z-nan.npy", z)
# A copy of the run whose generator's first weights are NaN, as a diverged run's would be.
import shutil
shutil.copytree(f"{work}/gan", f"{work}/diverged")
path = f"{work}/diverged/checkpoint.safetensors"
data = bytearray(open(path, "rb").read())
length = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + length])
entry = header["generator.model.0.weight"]
start, end = entry["data_offsets"]
data[8 + length + start:8 + length + end] = np.full((end - start) // 4, np.nan, np.float32).tobytes()
open(path, "wb").write(bytes(data))
PYTHON
expect_failure "latent codes of shape (4, 7); gan's generator takes noise (N, 100)" "$zoo" sample "$run" --noise "$work/z-wide.npy"
expect_failure "is not finite; latent codes must be numbers" "$zoo" sample "$run" --noise "$work/z-nan.npy"
run=$work/diverged
before=$(fingerprint)
expect_failure "NaN or infinite" "$zoo" evaluate "$run" --classifier cached
run=$work/unbounded
# A generator without its tanh whose last bias is 3: every pixel lands near 3.
"$zoo" train gan --dataset mnist --data-root "$work/data" --steps 5 --set tanhOutput=false --out "$run" > "$work/unbounded.log" 2>&1
python3 - "$run/checkpoint.safetensors" <<'PYTHON'
import json, struct, sys
import numpy as np
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
length = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + length])
last = max((name for name in header if name.startswith("generator.model.") and name.endswith(".bias")), key=lambda n: int(n.split(".")[2]))
start, end = header[last]["data_offsets"]
data[8 + length + start:8 + length + end] = np.full((end - start) // 4, 3, np.float32).tobytes()
open(path, "wb").write(bytes(data))
PYTHON
before=$(fingerprint)
expect_failure "outside [-1, 1], the scale of images" "$zoo" evaluate "$run" --classifier cached
[ "$failures" -eq 0 ]
