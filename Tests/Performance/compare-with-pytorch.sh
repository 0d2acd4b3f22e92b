#!/usr/bin/env bash
# Times the zoo and PyTorch on the same workloads in one session, alternating (A B A B …) so
# both see the same machine load, and prints the medians and the ratio as a Markdown table.
#
#   Tests/Performance/compare-with-pytorch.sh [rounds] [workload …]
#
# Needs PyTorch (`python3 -m pip install torch numpy`) and ../shared/bench/reference.py beside
# the repository. PyTorch runs with its fastest Adam (--adam-impl fused) and 2 threads.
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
  for workload in ${workloads[@]}; do
    for mode in train sample; do
      .build/release/zoo bench "$workload" --mode "$mode" --json "$out/zoo.jsonl" > /dev/null
      python3 "$reference" "$workload" --mode "$mode" --adam-impl fused --json "$out/torch.jsonl" > /dev/null
    done
  done
  echo "round $round of $rounds done" >&2
done
python3 - "$out/zoo.jsonl" "$out/torch.jsonl" <<'PY'
import json, statistics, sys
def load(path):
    runs = {}
    for line in open(path):
        r = json.loads(line)
        runs.setdefault((r["workload"], r["mode"]), []).append(r)
    return runs
zoo, torch = load(sys.argv[1]), load(sys.argv[2])
print("| workload | mode | batch | zoo img/s | PyTorch img/s | ratio | zoo peak RSS | PyTorch peak RSS |")
print("|---|---|---|---|---|---|---|---|")
for key in sorted(zoo):
    z, t = zoo[key], torch.get(key, [])
    zm = statistics.median(r["img_per_s_median"] for r in z)
    tm = statistics.median(r["img_per_s_median"] for r in t) if t else float("nan")
    print("| %s | %s | %d | %.0f | %.0f | %.2f× | %.0f MiB | %.0f MiB |" % (
        key[0], key[1], z[0]["batch"], zm, tm, zm / tm, statistics.median(r["peak_rss_mib"] for r in z),
        statistics.median(r["peak_rss_mib"] for r in t) if t else float("nan")))
busy = [r.get("others_busy_pct") for rs in torch.values() for r in rs if r.get("others_busy_pct") is not None]
print("\n(medians over %d alternating rounds; each figure itself the median of 5 timing windows; other processes used %s%% of the CPUs during the PyTorch runs)" % (
    len(next(iter(zoo.values()))), "%.0f–%.0f" % (min(busy), max(busy)) if busy else "?"))
PY
