#!/usr/bin/env bash
# Short seeded runs of `gan` (ring8, non-saturating and WGAN-GP), `dcgan` and `cgan` (MNIST, both
# architectures) trained by the zoo of an older commit and by the current tree end bit-identical:
# the same checkpoint tensors and training state, the same loss log (but for the wall-clock
# column), the same snapshots and final samples. Reshaping code must change no result on the
# same machine and kernels; this is the check.
#
#   Tests/Reproducibility/same-bits-as.sh <commit>
#
# builds <commit> in a temporary git worktree and the current tree, both release (OLD_ZOO or
# NEW_ZOO name ready binaries instead), and runs each in a temporary folder (KEEP=DIR keeps the
# runs there). The MNIST runs need ../shared/datasets/mnist beside the repository and are skipped
# without it.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
commit=${1:?usage: $0 <commit>}
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

if [ -z "${OLD_ZOO:-}" ]; then
  tree="$work/old-tree"
  git worktree add --detach "$tree" "$commit" > /dev/null
  trap 'git -C "$root" worktree remove --force "$tree" > /dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
  echo "building $commit in $tree"
  (cd "$tree" && swift build -c release --product zoo > "$work/old-build.log" 2>&1) || { tail -20 "$work/old-build.log"; exit 1; }
  OLD_ZOO="$tree/.build/release/zoo"
fi
if [ -z "${NEW_ZOO:-}" ]; then
  echo "building the current tree"
  swift build -c release --product zoo > "$work/new-build.log" 2>&1 || { tail -20 "$work/new-build.log"; exit 1; }
  NEW_ZOO="$root/.build/release/zoo"
fi

data=../shared/datasets
runs=(
  "gan-ring8|train gan --dataset ring8 --steps 100 --batch-size 64 --seed 3 --checkpoint-every 50 --sample-every 50"
  "gan-wgan-gp|train gan --dataset ring8 --objective wgan-gp --steps 20 --seed 4 --sample-every 10"
)
if [ -f "$data/mnist/train-images-idx3-ubyte.gz" ]; then
  runs+=(
    "dcgan-mnist|train dcgan --dataset mnist --data-root $data --steps 20 --batch-size 32 --seed 1 --sample-every 10"
    "cgan-mnist|train cgan --dataset mnist --data-root $data --steps 100 --seed 2 --sample-every 50"
    "cgan-conv-mnist|train cgan --dataset mnist --data-root $data --steps 10 --batch-size 16 --seed 5 --set architecture=convolutional --set convolutional.generatorWidth=16 --set convolutional.discriminatorWidth=16"
  )
else
  echo "no $data/mnist: the dcgan and cgan runs are skipped"
fi

failed=0
for entry in "${runs[@]}"; do
  name=${entry%%|*}
  read -r -a args <<< "${entry#*|}"
  for side in old new; do
    binary=$OLD_ZOO
    [ $side = new ] && binary=$NEW_ZOO
    rm -rf "$work/$side/$name"
    mkdir -p "$work/$side"
    "$binary" "${args[@]}" --out "$work/$side/$name" > "$work/$side/$name.log" 2>&1 || { echo "$side $name failed:"; tail -5 "$work/$side/$name.log"; exit 1; }
  done
  a="$work/old/$name" b="$work/new/$name"
  problems=()
  python3 Tests/EndToEnd/compare-checkpoints.py "$a/checkpoint.safetensors" "$b/checkpoint.safetensors" > "$work/$name.compare" || problems+=("checkpoint: $(head -3 "$work/$name.compare")")
  cmp -s <(cut -d, -f1,2,4- "$a/losses.csv") <(cut -d, -f1,2,4- "$b/losses.csv") || problems+=("losses.csv differs")
  for picture in samples.png $(cd "$a" && ls samples/*.png); do
    cmp -s "$a/$picture" "$b/$picture" || problems+=("$picture differs")
  done
  if [ ${#problems[@]} -eq 0 ]; then
    echo "same bits: $name ($(cat "$work/$name.compare"))"
  else
    failed=$((failed + 1))
    echo "DIFFERENT: $name"
    printf '  %s\n' "${problems[@]}"
  fi
done
[ "$failed" -eq 0 ] && echo "every run bit-identical to $commit" || { echo "$failed runs differ from $commit"; exit 1; }
