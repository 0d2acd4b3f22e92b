#!/usr/bin/env bash
# A dcgan checkpoint opens in PyTorch: its generator's tensors, loaded by their safetensors names
# into the reference generator of ../shared/bench/reference.py (dcgan_generator), draw the same
# images as `zoo sample --noise` from the same latent codes, to 1e-4; for 28×28 MNIST digits
# (the 32×32 model, cropped) and 32×32 RGB shapes. The mapping of names: dcgan-in-pytorch.py.
#
# Runs on the system's python3 and its torch, and installs nothing: the checkpoint is read by
# dcgan-in-pytorch.py's own few lines of safetensors (an 8-byte length, a JSON header, raw
# little-endian tensors), so the names PyTorch sees are the file's. Without torch it says so and
# skips. Needs ../shared/datasets/mnist beside the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
mnist=../shared/datasets/mnist
python=${PYTHON:-python3}
if ! "$python" -c "import torch, numpy" 2> /dev/null; then
  echo "SKIP: $python has no torch (or numpy); the PyTorch side of this check cannot run"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/data/mnist"
for file in "$mnist"/*; do ln -s "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")" "$work/data/mnist/"; done

tiny=(--steps 20 --batch-size 16 --set latentDimension=16 --set generatorWidth=8 --set discriminatorWidth=8)
for dataset in mnist shapes; do
  run=$work/dcgan-$dataset
  "$zoo" train dcgan --dataset $dataset --data-root "$work/data" "${tiny[@]}" --out "$run" > "$work/$dataset.log" 2>&1 \
    || { tail -5 "$work/$dataset.log"; exit 1; }
  "$python" Tests/EndToEnd/dcgan-in-pytorch.py codes "$work/z.npy" 64 16
  "$zoo" sample "$run" --noise "$work/z.npy" --format npy --out "$work/x-$dataset.npy"
  "$python" Tests/EndToEnd/dcgan-in-pytorch.py compare "$run" "$work/z.npy" "$work/x-$dataset.npy"
done
