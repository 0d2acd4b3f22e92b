#!/usr/bin/env bash
# zoo score gives the same Fréchet distance, kernel distance, precision, recall, density and
# coverage as the reference implementations (pytorch-fid, torch-fidelity, prdc) on the same two
# arrays, to 1e-4 relative, in pixel features; and its Parzen-window log-likelihood agrees with a
# direct numpy evaluation of Goodfellow et al. 2014's protocol on MNIST. How the two sides are
# made comparable: Tests/EndToEnd/metrics-references.py.
#
# The references are installed here, into a throwaway virtualenv that sees the system's
# packages (numpy, scipy, and torch when it is there), never as a dependency of the package:
# pytorch-fid 0.3.0, prdc 0.2 and torch-fidelity 0.4.0 from PyPI, with torchvision held to the
# installed torch. GAN_ZOO_REFERENCE_VENV names a virtualenv to reuse instead. Needs
# ../shared/datasets/mnist beside the repository (read only: pixel features need no classifier).
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
mnist=../shared/datasets/mnist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

venv=${GAN_ZOO_REFERENCE_VENV:-$work/venv}
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
python=$venv/bin/python
pip=("$venv/bin/pip" install --quiet --disable-pip-version-check)
if ! "$python" -c "import torch" 2> /dev/null; then
  # A CPU build where a local wheel offers one (the CUDA build from PyPI is gigabytes).
  "${pip[@]}" --no-index torch 2> /dev/null || "${pip[@]}" torch
fi
"$python" -c "import torch; print('torch==' + torch.__version__.split('+')[0])" > "$work/constraints.txt"
"${pip[@]}" -c "$work/constraints.txt" pytorch-fid==0.3.0 prdc==0.2 torch-fidelity==0.4.0

"$python" Tests/EndToEnd/metrics-references.py make "$work" "$mnist"

"$zoo" score --real "$work/real.npy" --fake "$work/fake.npy" --features pixels --range 0,1 --kid-subsets 1 --json "$work/score.json"
"$python" Tests/EndToEnd/metrics-references.py compare "$work"

"$zoo" score --fake "$work/parzen-fake.npy" --dataset mnist --data-root "$(dirname "$mnist")" --features pixels --range 0,1 \
  --kid-subsets 10 --json "$work/parzen.json"
"$python" Tests/EndToEnd/metrics-references.py parzen "$work" "$mnist"
