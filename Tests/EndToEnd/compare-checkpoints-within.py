#!/usr/bin/env python3
"""compare-checkpoints-within.py A B [--relative R] [--absolute A]: exit 0 when two zoo
checkpoints hold the same tensors up to float rounding: for every tensor,
max|a - b| <= R * max(max|a|, 1e-3) + A, and the same training state (step, samples seen,
random generator). Prints each tensor's worst difference. With --distance, prints instead the
distance of B's network weights from A's relative to A's (the L2 norm over every tensor but
optimizer state and batch-norm statistics) and exits 0. Standard library only."""
import argparse
import importlib.util
import os
import struct

_spec = importlib.util.spec_from_file_location(
    "compare_checkpoints", os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare-checkpoints.py"))
_exact = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_exact)


def read(path):
    """The checkpoint's tensors as tuples of numbers, and its training state."""
    raw, state = _exact.read(path)
    tensors = {}
    for name, (dtype, _, data) in raw.items():
        code = {"F32": "f", "F64": "d"}[dtype]
        tensors[name] = struct.unpack("<%d%s" % (len(data) // struct.calcsize(code), code), data)
    return tensors, state


parser = argparse.ArgumentParser()
parser.add_argument("a")
parser.add_argument("b")
parser.add_argument("--relative", type=float, default=1e-3)
parser.add_argument("--absolute", type=float, default=0.0)
parser.add_argument("--distance", action="store_true")
args = parser.parse_args()
a_tensors, a_state = read(args.a)
b_tensors, b_state = read(args.b)
if args.distance:
    weights = [n for n in a_tensors if "optimizer" not in n and "running_" not in n]
    difference = sum((x - y) ** 2 for n in weights for x, y in zip(a_tensors[n], b_tensors[n]))
    size = sum(x * x for n in weights for x in a_tensors[n])
    print("%.6g" % (difference / size) ** 0.5)
    raise SystemExit(0)
problems = []
if a_state != b_state:
    problems.append("training state differs: %s vs %s" % (a_state, b_state))
if set(a_tensors) != set(b_tensors):
    problems.append("tensor names differ: %s" % sorted(set(a_tensors) ^ set(b_tensors)))
worst_ratio = 0.0
for name in sorted(set(a_tensors) & set(b_tensors)):
    a, b = a_tensors[name], b_tensors[name]
    scale = max(max((abs(x) for x in a), default=0.0), 1e-3)
    worst = max((abs(x - y) for x, y in zip(a, b)), default=0.0)
    bound = args.relative * scale + args.absolute
    worst_ratio = max(worst_ratio, worst / scale)
    if worst > bound:
        problems.append("%s: max |difference| %.3g exceeds %.3g (%.3g relative to max |value| %.3g)" % (name, worst, bound, worst / scale, scale))
print("%d tensors compared; worst difference relative to each tensor's largest value: %.3g (allowed %g relative + %g)" % (
    len(a_tensors), worst_ratio, args.relative, args.absolute))
for problem in problems:
    print("  " + problem)
raise SystemExit(1 if problems else 0)
