#!/usr/bin/env bash
# The speed-up of data-parallel training on this machine, and its projection to a cluster.
#
#   Tests/Performance/data-parallel-speedup.sh [steps] [variant …]     (default: 60 gan dcgan)
#
# For each variant, trains on MNIST with its defaults (the same global batch throughout) as
# 1 process × 1 thread, 2 processes × 1 thread (`mpirun -np 2`) and 1 process × 2 threads, and
# reads the images/s from the run's own loss log (the rows after the first fifth, so start-up
# and warm-up are left out). The 2-process run reports what each process all-reduced (bytes and
# messages); from that and the measured step time of a node like this machine (1 process × 2
# threads), it projects the speed-up on 8 and 64 such nodes over 10 and 100 Gb/s links, printing
# the arithmetic. Run it on a quiet machine (`quiet …`).
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${1:-60}
shift || true
variants=("${@:-gan dcgan}")
data=${GAN_ZOO_SHARED_DATA:-../shared/datasets}
zoo=.build/release/zoo
swift build -c release --product zoo > /dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
common=(--dataset mnist --data-root "$data" --steps "$steps" --seed 1 --sample-every "$steps" --checkpoint-every "$steps")
for variant in ${variants[@]}; do
  OMP_NUM_THREADS=1 "$zoo" train "$variant" "${common[@]}" --out "$out/$variant-1x1" > /dev/null 2>&1
  OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -np 2 "$zoo" train "$variant" "${common[@]}" --out "$out/$variant-2x1" > "$out/$variant-2x1.log" 2>&1
  OMP_NUM_THREADS=2 "$zoo" train "$variant" "${common[@]}" --out "$out/$variant-1x2" > /dev/null 2>&1
done
python3 - "$out" "$steps" ${variants[@]} <<'PY'
import csv, math, os, re, sys
out, steps, variants = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def rate(run):
    rows = list(csv.DictReader(open(os.path.join(run, "losses.csv"))))
    first, last = rows[len(rows) // 5], rows[-1]
    images = float(last["images_seen"]) - float(first["images_seen"])
    seconds = float(last["seconds"]) - float(first["seconds"])
    return images / seconds, seconds / (int(last["step"]) - int(first["step"]))

print("| variant | 1 process × 1 thread | 2 processes × 1 thread | speed-up | 1 process × 2 threads |")
print("|---|---|---|---|---|")
measured = {}
for v in variants:
    r11, _ = rate(os.path.join(out, v + "-1x1"))
    r21, _ = rate(os.path.join(out, v + "-2x1"))
    r12, step12 = rate(os.path.join(out, v + "-1x2"))
    log = open(os.path.join(out, v + "-2x1.log")).read()
    m = re.search(r"all-reduced ([0-9.]+) MB in ([0-9]+) messages", log)
    measured[v] = (step12, float(m.group(1)) * 1e6 / steps, int(m.group(2)) / steps)
    print(f"| {v} | {r11:,.0f} img/s | {r21:,.0f} img/s | {r21 / r11:.2f}× | {r12:,.0f} img/s |")

alpha = 30e-6
print()
print("Projection: N nodes like this machine share the global batch (the zoo's data parallelism keeps")
print("it fixed), so each computes step/N; every all-reduce of n bytes costs 2·log2(N)·α + 2(N−1)/N·n/B")
print(f"(Rabenseifner's reduce-scatter and all-gather, Thakur et al. 2005) with α = {alpha * 1e6:.0f} µs a message.")
for v, (step, volume, messages) in measured.items():
    print(f"\n{v}: step {step * 1e3:.2f} ms on one node (1 process × 2 threads); per step {volume / 1e6:.3f} MB "
          f"in {messages:.0f} all-reduces (measured on 2 processes)")
    print("| nodes | link | compute step/N | transfer 2(N−1)/N·n/B | latency 2·log2(N)·α·messages | step | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for nodes in (8, 64):
        for gbps in (10, 100):
            compute = step / nodes
            transfer = 2 * (nodes - 1) / nodes * volume * 8 / (gbps * 1e9)
            latency = 2 * math.log2(nodes) * alpha * messages
            total = compute + transfer + latency
            print(f"| {nodes} | {gbps} Gb/s | {compute * 1e3:.2f} ms | {transfer * 1e3:.2f} ms | {latency * 1e3:.2f} ms | {total * 1e3:.2f} ms | {step / total:.1f}× |")
PY
