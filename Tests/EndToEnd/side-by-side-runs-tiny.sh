#!/usr/bin/env bash
# The side-by-side protocol (Tests/Fidelity/side-by-side.py) runs end to end on its tiny budget:
# the MLP GAN and the conditional GAN, 40 steps on each side (the zoo's and PyTorch's), 500
# samples, seed 0, a one-epoch reference classifier (measured: 124 and 166 s at load 10, 5 to 6
# minutes beside a compiler on the same 2 cores). Then its records and table
# must be well-formed: four records, each with a finite Fréchet distance of the right size, a
# label histogram over 500 samples, precision and recall in [0, 1], a positive training time,
# and for the conditional GAN the share of each digit drawn as asked; the PyTorch side must be
# what reference.py trains (its batch of 64), and the table must hold both sides of both models.
# Last, `zoo results --render` of the records, with the columns of results/spec.json's side-by-side
# table, must show a number in every cell that applies.
#
# Needs PyTorch and numpy for python3, ../shared/bench/reference.py (or GAN_ZOO_BENCH) and
# ../shared/datasets/mnist beside the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
zoo=${ZOO:-.build/release/zoo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s)
ZOO=$zoo python3 Tests/Fidelity/side-by-side.py --tiny --data-root ../shared/datasets --out "$work" > "$work/log" 2>&1 \
  || { tail -20 "$work/log"; exit 1; }
echo "tiny side-by-side protocol: $(( $(date +%s) - start )) s"

python3 - "$work" <<'PYTHON'
import glob, json, math, os, sys
work = sys.argv[1]
problems = []
records = {}
for path in sorted(glob.glob(os.path.join(work, "records", "*.json"))):
    with open(path) as f:
        record = json.load(f)
    records[(record["model"], record["side"])] = record
expected = {(m, s) for m in ("gan-mlp", "cgan-mlp") for s in ("zoo", "pytorch")}
if set(records) != expected:
    problems.append("records for %s, expected %s" % (sorted(records), sorted(expected)))
for (model, side), record in sorted(records.items()):
    name = "%s (%s)" % (model, side)
    score, training = record["score"], record["training"]
    fd = score["metrics"]["frechetDistance"]["distance"]
    kid = score["metrics"]["kernelDistance"]["mean"]
    precision, recall = score["metrics"]["precisionRecall"]["precision"], score["metrics"]["precisionRecall"]["recall"]
    # After 40 steps the samples are far from digits but not from everything: the classifier's
    # features of MNIST's test images are at an FD of a few hundred from noise, never 0.
    if not (math.isfinite(fd) and 0.5 < fd < 5000):
        problems.append("%s: Fréchet distance %r outside (0.5, 5000)" % (name, fd))
    # The classifier's features are large numbers, so is the kernel distance in them (README:
    # about 113 for noisy shifted test digits); unbiased, it may dip below 0 only near 0.
    if not (math.isfinite(kid) and -1 < kid < 1e6):
        problems.append("%s: kernel distance %r outside (-1, 1e6)" % (name, kid))
    for label, value in (("precision", precision), ("recall", recall)):
        if not 0 <= value <= 1:
            problems.append("%s: %s %r outside [0, 1]" % (name, label, value))
    if score["fake"]["count"] != 500 or score["fake"]["shape"] != [1, 28, 28]:
        problems.append("%s: scored %d samples of %s, expected 500 of [1, 28, 28]" % (name, score["fake"]["count"], score["fake"]["shape"]))
    if score["real"]["count"] != 10000 or score["features"] != "classifier":
        problems.append("%s: scored against %d real samples in %s features, expected MNIST's 10,000 test images in the classifier's"
                        % (name, score["real"]["count"], score["features"]))
    histogram = score.get("classifierJudgement", {}).get("labelHistogram")
    if histogram is None or histogram["sampleCount"] != 500 or abs(sum(histogram["shares"]) - 1) > 1e-9:
        problems.append("%s: no label histogram of 500 samples whose shares add up to 1: %r" % (name, histogram))
    conditional = score.get("classifierJudgement", {}).get("conditionalAccuracy")
    if model == "cgan-mlp":
        if conditional is None or conditional["requestedCounts"] != [50] * 10 or not 0 <= conditional["overallAccuracy"] <= 1:
            problems.append("%s: no conditional accuracy over 50 requests per digit: %r" % (name, conditional))
    elif conditional is not None:
        problems.append("%s: an unconditional model judged as conditional" % name)
    if not (training["steps"] == 40 and training["seconds"] > 0 and math.isfinite(training["seconds"])):
        problems.append("%s: training %r, expected 40 steps in a positive time" % (name, training))
    if side == "pytorch" and training["batchSize"] != 64:
        problems.append("%s: batch %r, expected reference.py's 64" % (name, training["batchSize"]))
with open(os.path.join(work, "side-by-side.json")) as f:
    table = json.load(f)
rows = {(row["model"], row["side"]) for row in table["rows"]}
if rows != expected:
    problems.append("side-by-side.json has rows %s" % sorted(rows))
with open(os.path.join(work, "side-by-side.md")) as f:
    text = f.read()
if "zoo vs PyTorch reference, equal epochs, 1 seed" not in text or text.count("\n| `") != 4:
    problems.append("side-by-side.md is not the four-row table:\n" + text)
for problem in problems:
    print("FAIL: " + problem)
if problems:
    sys.exit(1)
for (model, side), record in sorted(records.items()):
    print("%-9s %-8s FD %8.2f  precision %.3f  recall %.3f  %5.1f s" % (
        model, side, record["score"]["metrics"]["frechetDistance"]["distance"], record["score"]["metrics"]["precisionRecall"]["precision"],
        record["score"]["metrics"]["precisionRecall"]["recall"], record["training"]["seconds"]))
print("side-by-side: records and table well-formed")
PYTHON

# The records render as RESULTS.md renders them: the columns of results/spec.json's side-by-side
# table, over the tiny records, in a repository of their own.
mkdir -p "$work/repository/results"
cp -r "$work/records" "$work/repository/results/side-by-side"
python3 - results/spec.json "$work/repository/results/spec.json" <<'PYTHON'
import json, sys
spec = json.load(open(sys.argv[1]))
table = dict(spec["sideBySide"][0], id="tiny", title="Tiny budget", text=[], models=["gan-mlp", "cgan-mlp"])
json.dump({"title": "Tiny", "metrics": spec["metrics"], "tables": [dict(spec["tables"][0], figures=False)], "sideBySide": [table]},
          open(sys.argv[2], "w"))
PYTHON
zoo_path=$(cd "$(dirname "$zoo")" && pwd)/$(basename "$zoo")
(cd "$work/repository" && "$zoo_path" results --render > /dev/null)
python3 - "$work/repository/RESULTS.md" <<'PYTHON'
import sys
lines = open(sys.argv[1]).read().split("## Tiny budget", 1)[1].split("\n## ", 1)[0].splitlines()
table = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if line.startswith("| ")]
header, rows = table[0], table[1:]
problems = []
sides = {(row[0], row[1]) for row in rows}
expected = {("`gan-mlp`", "zoo `gan`"), ("`gan-mlp`", "PyTorch `gan-mlp`"), ("`cgan-mlp`", "zoo `cgan`"), ("`cgan-mlp`", "PyTorch `cgan-mlp`")}
if sides != expected:
    problems.append("rows %s, expected %s" % (sorted(sides), sorted(expected)))
for row in rows:
    cells = dict(zip(header, row))
    if len(row) != len(header) or cells["schedule"] != "40 steps" or cells["steps × batch"] != "40 × 64" or cells["seeds"] != "0":
        problems.append("row %s" % row)
    wanted = [h for h in header if h.split(" ")[0] in ("FD", "KID", "precision", "recall", "rarest", "commonest", "training")]
    if row[0] == "`cgan-mlp`":
        wanted += [h for h in header if "drawn as asked" in h]
    for heading in wanted:
        value = cells.get(heading, "–")
        if value in ("–", "") or "nan" in value or "inf" in value:
            problems.append("%s %s: %s is %r" % (row[0], row[1], heading, value))
for problem in problems:
    print("FAIL: zoo results --render: " + problem)
if problems:
    sys.exit(1)
print("side-by-side: zoo results --render shows both sides of both models, every cell a number")
PYTHON
