#!/usr/bin/env bash
# TensorBoard's own readers read the event files of TensorBoardEvents: a run interrupted and
# resumed, logged by two writers into one folder, shows every scalar and sample grid at the
# expected steps and none of the interrupted session's stale ones, both through the Python
# EventAccumulator and through the Rust data server behind `tensorboard --logdir`.
# Installs the `tensorboard` package from PyPI into a throwaway folder (the zoo does not depend
# on it); the events come from the ResumedRunLogdirTests Swift test (a debug build, which CI's
# `swift test` has already made).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore \
  --target "$work/python" tensorboard
mkdir "$work/check"
TENSORBOARD_EVENTS_CHECK_DIR="$work/check" swift test --filter ResumedRunLogdirTests 2>&1 | tail -1
PYTHONPATH="$work/python" python3 Tests/EndToEnd/read-tensorboard-events.py "$work/check/logdir" "$work/check/expected.json"
