#!/usr/bin/env bash
# The kernels chosen for this CPU run at speed: `zoo bench --system` finds the backend's loops
# at the CPU's best instruction set and the float32 matrix product at no less than 40% of the
# measured multiply-add ceiling (a library fallen back to a generic kernel runs at a fifth of it).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
.build/release/zoo bench --system --gemm-size 1536 --json "$out"
python3 - "$out" <<'PY'
import json, sys
record = json.loads(open(sys.argv[1]).read().splitlines()[-1])
backend = record["backend"]
features = set(backend["cpuFeatures"])
best = "avx512" if {"avx512f", "avx512bw", "avx512dq", "avx512vl", "fma"} <= features else ("avx2" if {"avx2", "fma"} <= features else "generic")
share = record["gemm_gflops"] / record["fma_ceiling_gflops"]
print(f"loops at {backend['loopInstructionSet']} (best for this CPU: {best}); matmul {record['gemm_gflops']:.0f} GFLOP/s, "
      f"{100 * share:.0f}% of the {record['fma_ceiling_gflops']:.0f} GFLOP/s ceiling")
assert backend["loopInstructionSet"] == best, "the loops do not run at the CPU's best instruction set"
assert share >= 0.4, "the matrix product runs below 40% of the multiply-add ceiling"
PY
