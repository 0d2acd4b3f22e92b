#!/usr/bin/env bash
# Times the zoo and PyTorch on the same workloads in one session, alternating (A B A B …) so
# both see the same machine load, and prints the medians and the ratio as a Markdown table.
#
#   Tests/Performance/compare-with-pytorch.sh [rounds] [workload …]
#
# Needs PyTorch (`python3 -m pip install torch numpy`) and ../shared/bench/reference.py beside
# the repository. PyTorch runs with its fastest Adam (--adam-impl fused) and 2 threads. Before
# the workloads, the matrix-product rate of both on a 2048³ product (`zoo bench --system` and
# torch.mm), alternating too; each row's share of the machine's multiply-add ceiling uses the
# FLOP counts of ../shared/bench/flops.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
shift || true
workloads=("${@:-gan-mlp vae-mlp}")
reference=${REFERENCE:-../shared/bench/reference.py}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
swift build -c release --product zoo > /dev/null
for round in $(seq "$rounds"); do
  .build/release/zoo bench --system --json "$out/system.jsonl" > /dev/null
  python3 Tests/Performance/torch-matmul-rate.py --json "$out/torch-mm.jsonl" > /dev/null
done
for round in $(seq "$rounds"); do
  for workload in ${workloads[@]}; do
    for mode in train sample; do
      .build/release/zoo bench "$workload" --mode "$mode" --json "$out/zoo.jsonl" > /dev/null
      python3 "$reference" "$workload" --mode "$mode" --adam-impl fused --json "$out/torch.jsonl" > /dev/null
    done
  done
  echo "round $round of $rounds done" >&2
done
python3 - "$out/zoo.jsonl" "$out/torch.jsonl" "$out/system.jsonl" "$out/torch-mm.jsonl" "$(dirname "$reference")/flops.py" <<'PY'
import json, statistics, subprocess, sys
def load(path):
    runs = {}
    for line in open(path):
        r = json.loads(line)
        runs.setdefault((r["workload"], r["mode"]), []).append(r)
    return runs
zoo, torch = load(sys.argv[1]), load(sys.argv[2])
system = [json.loads(line) for line in open(sys.argv[3])]
torch_mm = [json.loads(line) for line in open(sys.argv[4])]
flops = json.loads(subprocess.run([sys.executable, sys.argv[5], "--json"], capture_output=True, text=True, check=True).stdout)
backend = system[-1]["backend"]
ceiling = statistics.median(r["fma_ceiling_gflops"] for r in system)
zoo_mm = statistics.median(r["gemm_gflops"] for r in system)
torch_mm_rate = statistics.median(r["gflops"] for r in torch_mm)
print("CPU: %s (%s), %d threads; loops at %s, oneDNN %s (%s)" % (
    backend["cpuModel"], " ".join(f for f in backend["cpuFeatures"] if f.startswith("avx512") or f.startswith("amx")) or "no AVX-512",
    backend["threads"], backend["loopInstructionSet"], backend["oneDNNVersion"], backend["oneDNNInstructionSet"]))
print("multiply-add ceiling %.0f GFLOP/s; matmul %d³: zoo %.0f GFLOP/s (%.0f%%), torch.mm %.0f GFLOP/s (%.0f%%): %.2f×\n" % (
    ceiling, system[-1]["gemm_size"], zoo_mm, 100 * zoo_mm / ceiling, torch_mm_rate, 100 * torch_mm_rate / ceiling, zoo_mm / torch_mm_rate))
print("| workload | mode | batch | zoo img/s | PyTorch img/s | ratio | zoo share of ceiling | zoo peak RSS | PyTorch peak RSS |")
print("|---|---|---|---|---|---|---|---|---|")
for key in sorted(zoo):
    z, t = zoo[key], torch.get(key, [])
    zm = statistics.median(r["img_per_s_median"] for r in z)
    tm = statistics.median(r["img_per_s_median"] for r in t) if t else float("nan")
    f = flops.get(key[0], {})
    per_image = (f.get("step_gflop", 0) / f.get("batch", 1)) if key[1] == "train" else f.get("sample_gflop_per_1000", 0) / 1000
    share = "%.0f%%" % (100 * zm * per_image / ceiling) if per_image else "?"
    print("| %s | %s | %d | %.0f | %.0f | %.2f× | %s | %.0f MiB | %.0f MiB |" % (
        key[0], key[1], z[0]["batch"], zm, tm, zm / tm, share, statistics.median(r["peak_rss_mib"] for r in z),
        statistics.median(r["peak_rss_mib"] for r in t) if t else float("nan")))
busy = [r.get("others_busy_pct") for rs in torch.values() for r in rs if r.get("others_busy_pct") is not None]
print("\n(medians over %d alternating rounds; each figure itself the median of 5 timing windows; other processes used %s%% of the CPUs during the PyTorch runs; shares of the ceiling count the FLOPs of shared/bench/flops.py, PyTorch's loop)" % (
    len(next(iter(zoo.values()))), "%.0f–%.0f" % (min(busy), max(busy)) if busy else "?"))
PY
