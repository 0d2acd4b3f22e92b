#!/usr/bin/env python3
"""Writes the view TensorBoard must show of a zoo run directory, from the run's own files, in
the JSON format read-tensorboard-events.py checks against.

usage: tensorboard-expected-from-run.py RUN_DIR EXPECTED_JSON

- scalars: every loss log column at every step it logs, `loss/<term>` for `loss_<term>` and
  `diagnostic/<name>` for the others, each value rounded to float32 as TensorBoard stores it;
  and every numeric field of metrics.json's reports (nested ones by dotted path, lists left out)
  as `metrics/<key>/<field>` at the evaluated step. Wall times are not known here (null).
- images: `samples` at the step of every samples/step-*.png, with that PNG's size and colour
  type; `evaluation/samples` at the evaluated step with samples.png's.
"""
import csv
import json
import os
import re
import struct
import sys

PNG_COLORSPACE = {0: 1, 2: 3, 6: 4}


def float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def png_image(path, step):
    with open(path, "rb") as file:
        header = file.read(33)
    width, height = struct.unpack(">II", header[16:24])
    return [step, width, height, PNG_COLORSPACE[header[25]]]


def numbers(value, path=""):
    """(dotted path, number) of every numeric leaf of a report, in key order; lists left out."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [(path, value)] if path else []
    if isinstance(value, dict):
        found = []
        for key in sorted(value):
            found += numbers(value[key], key if not path else path + "." + key)
        return found
    return []


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    run, output = sys.argv[1:]
    expected = {"scalars": {}, "images": {}}
    with open(os.path.join(run, "losses.csv")) as file:
        rows = list(csv.reader(file))
    header = rows[0]
    for index, column in enumerate(header[3:], start=3):
        tag = "loss/" + column[5:] if column.startswith("loss_") else "diagnostic/" + column
        expected["scalars"][tag] = [[int(row[0]), float32(float(row[index])), None] for row in rows[1:]]
    with open(os.path.join(run, "metrics.json")) as file:
        metrics = json.load(file)
    step = metrics["step"]
    for key in sorted(metrics["metrics"]):
        for path, value in numbers(metrics["metrics"][key]):
            expected["scalars"]["metrics/%s/%s" % (key, path)] = [[step, float32(float(value)), None]]
    snapshots = sorted(name for name in os.listdir(os.path.join(run, "samples")) if re.fullmatch(r"step-\d+\.png", name))
    expected["images"]["samples"] = [png_image(os.path.join(run, "samples", name), int(name[5:-4])) for name in snapshots]
    expected["images"]["evaluation/samples"] = [png_image(os.path.join(run, "samples.png"), step)]
    with open(output, "w") as file:
        json.dump(expected, file)
    print("%s: %d scalar tags (%d points), %d image tags (%d images)" % (
        run, len(expected["scalars"]), sum(len(v) for v in expected["scalars"].values()),
        len(expected["images"]), sum(len(v) for v in expected["images"].values())))


if __name__ == "__main__":
    main()
