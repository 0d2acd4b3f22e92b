#!/usr/bin/env python3
"""PyTorch's float32 matrix-product rate on an N×N×N product (torch.mm, 2 threads by default),
measured as `zoo bench --system` measures the zoo's: the best of the products run in about a
second, in GFLOP/s (2·N³ per product). Appends one JSON line to --json."""
import argparse, json, time
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--size", type=int, default=2048)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seconds", type=float, default=1.0)
parser.add_argument("--json")
args = parser.parse_args()
torch.set_num_threads(args.threads)
a, b = torch.rand(args.size, args.size), torch.rand(args.size, args.size)
torch.mm(a, b)
best, spent, runs = float("inf"), 0.0, 0
while spent < args.seconds or runs < 3:
    start = time.perf_counter()
    torch.mm(a, b)
    elapsed = time.perf_counter() - start
    best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
rate = 2 * args.size ** 3 / best / 1e9
print(f"torch.mm {args.size}³: {rate:.0f} GFLOP/s ({args.threads} threads, torch {torch.__version__})")
if args.json:
    with open(args.json, "a") as f:
        f.write(json.dumps({"size": args.size, "gflops": round(rate, 1), "threads": args.threads, "torch": torch.__version__}) + "\n")
