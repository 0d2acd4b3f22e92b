#!/usr/bin/env bash
# `zoo train gan` with its defaults covers all 8 modes of the ring (at least 20 of 2,500 samples
# within 3σ of each center), and so does `zoo train gan --objective wgan-gp` with its defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$zoo" train gan --out "$work/gan" 2>&1 | tail -2
python3 - "$work/gan/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]["mode-coverage"]
print("gan on ring8: %d/%d modes, %.1f%% high quality" % (m["modesCovered"], m["modeCount"], 100 * m["highQualityFraction"]))
sys.exit(0 if m["modesCovered"] == 8 else 1)
PY
"$zoo" train gan --objective wgan-gp --out "$work/wgan" 2>&1 | tail -2
python3 - "$work/wgan/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]["mode-coverage"]
print("gan wgan-gp on ring8: %d/%d modes, %.1f%% high quality" % (m["modesCovered"], m["modeCount"], 100 * m["highQualityFraction"]))
sys.exit(0 if m["modesCovered"] == 8 else 1)
PY
