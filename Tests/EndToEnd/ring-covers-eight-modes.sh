#!/usr/bin/env bash
# `zoo train gan` with its defaults covers all 8 modes of the ring (at least 20 of 2,500 samples
# within 3σ of each center), and WGAN-GP trains on the ring with finite losses.
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$zoo" train gan --out "$work/gan" 2>&1 | tail -2
python3 - "$work/gan/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["modeCoverage"]
print("gan on ring8: %d/%d modes, %.1f%% high quality" % (m["modesCovered"], m["modeCount"], 100 * m["highQualityFraction"]))
sys.exit(0 if m["modesCovered"] == 8 else 1)
PY
"$zoo" train gan --objective wgan-gp --steps 1000 --out "$work/wgan" 2>&1 | tail -2
python3 - "$work/wgan/losses.csv" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 1000 and all(math.isfinite(float(r[k])) for r in rows for k in r if k.startswith("loss_")), "wgan-gp losses"
print("wgan-gp on ring8: 1000 steps, finite losses")
PY
