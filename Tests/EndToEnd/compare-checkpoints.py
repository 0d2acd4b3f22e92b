#!/usr/bin/env python3
"""Exit 0 when two zoo checkpoints hold bit-identical tensors and the same training state
(step, samples seen, random generator; the wall-clock seconds may differ). Standard library only.
`read` is shared with compare-checkpoints-within.py."""
import json
import struct
import sys


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    body = data[8 + n:]
    tensors = {k: (v["dtype"], v["shape"], body[v["data_offsets"][0]:v["data_offsets"][1]]) for k, v in header.items()}
    state = json.loads(meta["training_state"])
    state.pop("elapsedSeconds", None)
    return tensors, state


def main():
    a_tensors, a_state = read(sys.argv[1])
    b_tensors, b_state = read(sys.argv[2])
    problems = []
    if a_state != b_state:
        problems.append("training state differs: %s vs %s" % (a_state, b_state))
    if set(a_tensors) != set(b_tensors):
        problems.append("tensor names differ: %s" % sorted(set(a_tensors) ^ set(b_tensors)))
    for name in sorted(set(a_tensors) & set(b_tensors)):
        if a_tensors[name] != b_tensors[name]:
            problems.append("tensor %s differs" % name)
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(1)
    print("identical: %d tensors, state %s" % (len(a_tensors), a_state))


if __name__ == "__main__":
    main()
