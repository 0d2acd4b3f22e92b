#!/usr/bin/env bash
# zoo score stops on bad input with a message naming the problem and a non-zero exit: NaN,
# values outside the declared scale, sets of different shapes, float64 arrays, an unknown
# dataset, classifier features without a dataset, too few samples for a metric, requested labels
# without the classifier or not one per sample.
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PYTHON'
import sys
import numpy as np
folder = sys.argv[1]
generator = np.random.default_rng(0)
good = generator.random((100, 1, 4, 4)).astype(np.float32)
np.save(f"{folder}/good.npy", good)
nan = good.copy(); nan[7, 0, 1, 2] = np.nan
np.save(f"{folder}/nan.npy", nan)
np.save(f"{folder}/bytes-scale.npy", (good * 255).astype(np.float32))
np.save(f"{folder}/wide.npy", generator.random((100, 1, 4, 5)).astype(np.float32))
np.save(f"{folder}/double.npy", good.astype(np.float64))
np.save(f"{folder}/few.npy", good[:10])
np.save(f"{folder}/labels.npy", (np.arange(100) % 10).astype(np.float32))
np.save(f"{folder}/labels-2d.npy", np.zeros((100, 2), dtype=np.float32))
PYTHON

failures=0
# expect_failure "what the message must say" zoo-arguments…
expect_failure() {
  local phrase=$1
  shift
  local output status=0
  output=$("$zoo" score "$@" 2>&1) || status=$?
  if [ "$status" -eq 0 ]; then
    echo "FAIL: zoo score $* exited 0"; failures=$((failures + 1))
  elif ! grep -qF -- "$phrase" <<< "$output"; then
    echo "FAIL: zoo score $*: the message lacks \"$phrase\":"; echo "$output" | tail -3; failures=$((failures + 1))
  else
    echo "ok (exit $status): $(grep -F -- "$phrase" <<< "$output" | head -1)"
  fi
}
g=(--real "$work/good.npy" --range 0,1)
expect_failure "1 value is NaN or infinite, the first at flat index 118" "${g[@]}" --fake "$work/nan.npy"
expect_failure "say so with --range 0,255" "${g[@]}" --fake "$work/bytes-scale.npy"
expect_failure "of shape 1×4×5; both must have one shape" "${g[@]}" --fake "$work/wide.npy"
expect_failure "only little-endian float32" "${g[@]}" --fake "$work/double.npy"
expect_failure "zoo score knows mnist" "${g[@]}" --fake "$work/good.npy" --dataset cifar10
expect_failure "--features classifier needs --dataset" "${g[@]}" --fake "$work/good.npy" --features classifier
expect_failure "Fréchet distance: the fake set has 10 samples, at least 17 are needed" "${g[@]}" --fake "$work/few.npy"
expect_failure "no such file or folder" "${g[@]}" --fake "$work/missing.npy"
expect_failure "requested labels are judged by the reference classifier" "${g[@]}" --fake "$work/good.npy" --labels "$work/labels.npy"
expect_failure "labels must have shape (N), one per sample" "${g[@]}" --fake "$work/good.npy" --labels "$work/labels-2d.npy"
[ "$failures" -eq 0 ]
