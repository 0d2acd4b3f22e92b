#!/usr/bin/env python3
"""The side-by-side quality protocol: the zoo's models against the PyTorch references they
reproduce, trained on the same MNIST for the same number of epochs with the same seeds, and
scored by the same command.

    # the full protocol (about 5 hours of a 2-core machine, see below)
    Tests/Fidelity/side-by-side.py --data-root ../shared/datasets --records results/side-by-side

    # one model and seed on one core, e.g. two such at a time on a 2-core machine
    Tests/Fidelity/side-by-side.py --models cgan-mlp --seeds 2 --threads 1 --data-root ../shared/datasets --records results/side-by-side
    .build/release/zoo results --render          # RESULTS.md's side-by-side table from the records

    # one model, one seed, one epoch
    Tests/Fidelity/side-by-side.py --models gan-mlp --seeds 0 --epochs 1 --data-root ../shared/datasets

    # the tiny budget (measured: 1 min 43 s to 2 min 46 s at load 9 to 10; Tests/EndToEnd/side-by-side-runs-tiny.sh runs it)
    Tests/Fidelity/side-by-side.py --tiny --data-root ../shared/datasets --out /tmp/side-by-side

For every model, seed and side:

- PyTorch: the workload of ../shared/bench/reference.py (imported from there, or from the folder
  $GAN_ZOO_BENCH names; nothing is copied) is built as the benchmark builds it, with its own
  networks, losses, optimizers and train step, and fed real MNIST instead of its random pool:
  images in [-1, 1] (the VAE's in [0, 1], as pytorch/examples' ToTensor gives), padded with
  black to 32x32 for dcgan32 and lapgan32 (which this protocol trains with one channel; the
  reference's lapgan32 has three, so its first and last layers are rebuilt for one), the
  conditional GAN given the true labels. Batches come from successive shuffled passes over the
  60,000 training images, a batch crossing an epoch's end taking the next pass's first images,
  for ceil(epochs * 60,000 / batch) steps -- the zoo's epoch order and step count. After
  training, the generators in eval mode draw the samples (the VAE's are its decoder's means
  E[x|z], as pytorch/examples draws them and as the zoo's VAE does); 32x32 ones are cropped to
  the central 28x28 (the zoo's G crops its own 32x32 output so).
- zoo: `zoo train <variant> --dataset mnist --epochs E --seed S` with the variant's defaults
  (batch size included), then `zoo sample`, which draws in inference mode too.

Both sides draw the same number of samples (--samples, 10,000; a conditional model 1/10 of them
per digit, with their labels), save them as float32 .npy of shape (N, 1, 28, 28) in [-1, 1],
and are scored by one command, `zoo score --fake F --dataset mnist --no-training-split
[--labels L] --json J`: Frechet and kernel distances, precision and recall in the features of
the zoo's reference classifier against MNIST's 10,000 test images, and that classifier's label
histogram (and for the conditional model how often each digit is drawn as asked). Training time
is the time spent in training steps on each side (the zoo's losses.csv clock; on the PyTorch
side the loop that fetches a batch and runs the step), with `--threads` threads on both sides.

Each (model, side, seed) leaves one record, <records>/<model>-<side>-<schedule>-seed<S>.json,
holding the schedule, the training time, the machine and the whole `zoo score` report; a record
already there for as many samples is kept (--again trains it anew), so a stopped protocol
continues with the run it was in. The script then writes <out>/side-by-side.json and .md, the
rows "zoo vs PyTorch reference" with mean +- sample standard deviation over the seeds.
RESULTS.md renders committed records itself (the `sideBySide` tables of results/spec.json;
results/README.md).

Default epochs are the zoo's default schedules rounded to whole epochs: gan-mlp 11, cgan-mlp 40,
dcgan32 4, vae-mlp 10, lapgan32 2. Measured training times of one seed at one thread a side
(the records in results/side-by-side, a second job on the other core), zoo + PyTorch: gan-mlp
about 130 + 270 s, vae-mlp 23 + 52 s, dcgan32 1,190 + 1,770 s, cgan-mlp 770 + 1,410 s, lapgan32
3,710 + 2,810 s: about 200 minutes of one core a seed. Three seeds of all five: about 5 hours of
a 2-core machine, plus up to a minute of scoring per model, side and seed.
"""
import argparse
import csv
import gzip
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# model: (the zoo's variant, the reference workload, default epochs)
MODELS = {
    "gan-mlp": ("gan", "gan-mlp", 11),
    "cgan-mlp": ("cgan", "cgan-mlp", 40),
    "dcgan32": ("dcgan", "dcgan32-c1", 4),
    "vae-mlp": ("vae", "vae-mlp", 10),
    "lapgan32": ("lapgan", "lapgan32", 2),
}
CONDITIONAL = {"cgan-mlp"}
PADDED = {"dcgan32", "lapgan32"}  # trained on 32x32, scored on the central 28x28

# The four published files (as Datasets/Loaders/MNIST.swift checks them).
MNIST_FILES = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}


def say(text):
    print(text, flush=True)


# ----------------------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------------------
def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def load_mnist(folder):
    """The training images (60000, 28, 28) bytes and labels, after checking the files' SHA-256."""
    for name, digest in MNIST_FILES.items():
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            found = hashlib.sha256(f.read()).hexdigest()
        if found != digest:
            sys.exit("%s: SHA-256 %s, expected %s (not MNIST as published)" % (path, found, digest))
    return read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz")), read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz"))


class EpochStream:
    """Batches from successive shuffled passes over the training set; a batch that crosses the end
    of a pass takes the next pass's first images. Stands in for reference.py's RealPool: `next()`
    returns the images, and `labels` the labels of the batch last returned."""

    def __init__(self, images, labels, batch, generator):
        import torch
        self.images, self.labels_all, self.batch, self.generator = images, labels, batch, generator
        self.order = torch.empty(0, dtype=torch.long)
        self.position = 0
        self.labels = None
        self.i = 0  # reference.py's RealPool index, read by CganMlp.train_step

    def next(self):
        import torch
        while len(self.order) - self.position < self.batch:
            self.order = torch.cat((self.order[self.position:], torch.randperm(len(self.images), generator=self.generator)))
            self.position = 0
        rows = self.order[self.position:self.position + self.batch]
        self.position += self.batch
        self.labels = self.labels_all[rows]
        return self.images[rows]


class CurrentLabels:
    """What CganMlp.train_step indexes as `real_labels[real.i]`: the labels of the current batch."""

    def __init__(self, stream):
        self.stream = stream

    def __getitem__(self, index):
        return self.stream.labels


# ----------------------------------------------------------------------------------------------
# the PyTorch side
# ----------------------------------------------------------------------------------------------
def import_reference():
    bench = os.environ.get("GAN_ZOO_BENCH", os.path.join(REPOSITORY, "..", "shared", "bench"))
    if not os.path.exists(os.path.join(bench, "reference.py")):
        sys.exit("no reference.py in %s: set GAN_ZOO_BENCH to the folder of shared/bench" % bench)
    sys.path.insert(0, bench)
    import reference
    return reference


def one_channel_lapgan(reference, workload):
    """lapgan32 with one channel: the reference's 3-channel first and last layers rebuilt for 1
    (G0's output and D0's input 64 wide, the residual levels' planes 1 + noise in, 1 out)."""
    import torch.nn as nn
    workload.G0[4] = nn.Linear(1200, 64)
    workload.D0[0] = nn.Linear(64, 600)
    for g in (workload.G1, workload.G2):
        g.net[0] = nn.Conv2d(2, 64, 5, 1, 2)
        g.net[6] = nn.Conv2d(64, 1, 5, 1, 2)
    for d in (workload.D1, workload.D2):
        d.net[0] = nn.Conv2d(1, 64, 5, 1, 2)
    workload.opts = [(reference.adam(g.parameters()), reference.adam(d.parameters()))
                     for g, d in ((workload.G0, workload.D0), (workload.G1, workload.D1), (workload.G2, workload.D2))]


def lapgan_sample(workload, n):
    """LapGan32.sample with one channel (the reference's sample reshapes to three)."""
    import torch
    x8 = workload.G0(torch.randn(n, 100)).view(n, 1, 8, 8)
    l16 = workload.up(x8)
    x16 = l16 + workload.G1(l16, torch.rand(n, 1, 16, 16) * 2 - 1)
    l32 = workload.up(x16)
    return l32 + workload.G2(l32, torch.rand(n, 1, 32, 32) * 2 - 1)


def train_pytorch(model, seed, epochs, steps, sample_count, threads, mnist, folder):
    """Trains the reference of `model` and writes samples.npy (and labels.npy); its record's training part."""
    import torch
    reference = import_reference()
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    _, workload_name, _ = MODELS[model]
    images, labels = mnist
    x = torch.from_numpy(images.astype(np.float32) / 255).unsqueeze(1)  # (60000, 1, 28, 28) in [0, 1]
    if model != "vae-mlp":
        x = x * 2 - 1
    if model in PADDED:
        x = torch.nn.functional.pad(x, (2, 2, 2, 2), value=-1.0)
    batch = reference.DEFAULT_BATCH[workload_name]
    arguments = argparse.Namespace(img_size=28)
    workload = reference.WORKLOADS[workload_name](batch, arguments)
    if model == "lapgan32":
        one_channel_lapgan(reference, workload)
    stream = EpochStream(x, torch.from_numpy(labels.astype(np.int64)), batch, torch.Generator().manual_seed(seed))
    workload.real = stream
    if model in CONDITIONAL:
        workload.real_labels = CurrentLabels(stream)
    total = steps if steps is not None else math.ceil(epochs * len(x) / batch)
    seconds = 0.0
    for step in range(total):
        start = time.perf_counter()
        workload.train_step()
        seconds += time.perf_counter() - start
        if (step + 1) % max(1, total // 10) == 0:
            say("  pytorch %s seed %d: step %d of %d, %.0f s" % (model, seed, step + 1, total, seconds))

    for network in workload.generators():
        network.eval()
    chunks, requested = [], None
    if model in CONDITIONAL:
        requested = np.repeat(np.arange(10), sample_count // 10)
    with torch.no_grad():
        for start in range(0, sample_count, 1000):
            n = min(1000, sample_count - start)
            if model == "cgan-mlp":
                drawn = workload.G(torch.randn(n, workload.latent_dim), torch.from_numpy(requested[start:start + n]))
            elif model == "lapgan32":
                drawn = lapgan_sample(workload, n)
            elif model == "vae-mlp":
                drawn = workload.sample(n).view(n, 1, 28, 28) * 2 - 1
            else:
                drawn = workload.sample(n)
            chunks.append(drawn.view(n, 1, drawn.shape[-2], drawn.shape[-1]))
    samples = torch.cat(chunks)
    if model in PADDED:
        samples = samples[:, :, 2:30, 2:30]
    # A residual generator (lapgan32's finer levels) has no output non-linearity, so its chain
    # can leave [-1, 1]; the final image is clamped to it to be scored (the zoo's lapgan clamps
    # every level of its chain; the reference's chain is left as written). A no-op after tanh.
    samples = samples.clamp(-1, 1).numpy().astype(np.float32)
    np.save(os.path.join(folder, "samples.npy"), samples)
    if requested is not None:
        np.save(os.path.join(folder, "labels.npy"), requested.astype(np.float32))
    return {"seconds": round(seconds, 3), "steps": total, "batchSize": batch, "threads": torch.get_num_threads(),
            "command": "reference.py %s, real MNIST, %s, seed %d" % (
                workload_name, "%d steps" % total if steps is not None else "%d epochs" % epochs, seed)}


# ----------------------------------------------------------------------------------------------
# the zoo side
# ----------------------------------------------------------------------------------------------
def run(command, log):
    with open(log, "a") as f:
        f.write("$ " + " ".join(command) + "\n")
        f.flush()
        status = subprocess.run(command, stdout=f, stderr=subprocess.STDOUT).returncode
    if status != 0:
        with open(log) as f:
            tail = f.read().splitlines()[-15:]
        sys.exit("failed (%d): %s\n%s" % (status, " ".join(command), "\n".join(tail)))


def train_zoo(zoo, model, seed, epochs, steps, sample_count, threads, data_root, folder):
    variant = MODELS[model][0]
    run_directory = os.path.join(folder, "run")
    schedule = ["--steps", str(steps)] if steps is not None else ["--epochs", str(epochs)]
    command = [zoo, "train", variant, "--dataset", "mnist", "--data-root", data_root] + schedule + ["--seed", str(seed), "--out", run_directory]
    environment_threads = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        run(command, os.path.join(folder, "zoo.log"))
        if model in CONDITIONAL:
            per_class = sample_count // 10
            parts = []
            for digit in range(10):
                path = os.path.join(folder, "class%d.npy" % digit)
                run([zoo, "sample", run_directory, "--class", str(digit), "--count", str(per_class), "--seed", str(1000 + 10 * seed + digit),
                     "--format", "npy", "--out", path], os.path.join(folder, "zoo.log"))
                parts.append(np.load(path))
                os.remove(path)
            np.save(os.path.join(folder, "samples.npy"), np.concatenate(parts).astype(np.float32))
            np.save(os.path.join(folder, "labels.npy"), np.repeat(np.arange(10), per_class).astype(np.float32))
        else:
            run([zoo, "sample", run_directory, "--count", str(sample_count), "--seed", str(1000 + seed), "--format", "npy",
                 "--out", os.path.join(folder, "samples.npy")], os.path.join(folder, "zoo.log"))
    finally:
        if environment_threads is None:
            del os.environ["OMP_NUM_THREADS"]
        else:
            os.environ["OMP_NUM_THREADS"] = environment_threads
    with open(os.path.join(run_directory, "losses.csv")) as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(run_directory, "config.json")) as f:
        configuration = json.load(f)
    # The code the run trained on, as the run recorded it ("+": with uncommitted changes).
    with open(os.path.join(run_directory, "sessions.json")) as f:
        session = json.load(f)["sessions"][-1]
    software = "zoo %s%s" % ((session.get("commit") or "unknown")[:7], "+" if session.get("modified") else "")
    return {"seconds": round(float(rows[-1]["seconds"]), 3), "steps": int(rows[-1]["step"]),
            "batchSize": configuration.get("batchSize"), "threads": threads,
            "command": "zoo train %s --dataset mnist %s --seed %d" % (variant, " ".join(schedule), seed)}, software


# ----------------------------------------------------------------------------------------------
# scoring and tables
# ----------------------------------------------------------------------------------------------
def score(zoo, folder, data_root):
    command = [zoo, "score", "--fake", os.path.join(folder, "samples.npy"), "--dataset", "mnist", "--data-root", data_root,
               "--no-training-split", "--json", os.path.join(folder, "score.json")]
    if os.path.exists(os.path.join(folder, "labels.npy")):
        command += ["--labels", os.path.join(folder, "labels.npy")]
    run(command, os.path.join(folder, "score.log"))
    with open(os.path.join(folder, "score.json")) as f:
        return json.load(f)


# Columns of the Markdown table: (heading, path in the record, scale, decimals).
COLUMNS = [
    ("FD (classifier features) ↓", "score.metrics.frechetDistance.distance", 1, 2),
    ("KID ↓", "score.metrics.kernelDistance.mean", 1, 1),
    ("precision ↑", "score.metrics.precisionRecall.precision", 1, 3),
    ("recall ↑", "score.metrics.precisionRecall.recall", 1, 3),
    ("rarest digit ↑", "score.classifierJudgement.labelHistogram.minimumShare", 100, 1),
    ("commonest digit ↓", "score.classifierJudgement.labelHistogram.maximumShare", 100, 1),
    ("drawn as asked, worst digit ↑", "score.classifierJudgement.conditionalAccuracy.minimumAccuracy", 100, 1),
    ("training time", "training.seconds", 1, 0),
]


def lookup(record, path):
    value = record
    for key in path.split("."):
        if not isinstance(value, dict) or value.get(key) is None:
            return None
        value = value[key]
    return value


def schedule_name(epochs, steps):
    return "steps%d" % steps if steps is not None else "epochs%d" % epochs


def table(records):
    """Rows (model, side, schedule) with mean and sample standard deviation over the seeds."""
    groups = {}
    for record in records:
        groups.setdefault((record["model"], record["side"], record["schedule"]), []).append(record)
    rows = []
    order = list(MODELS)
    for (model, side, schedule), group in sorted(groups.items(), key=lambda item: (order.index(item[0][0]), item[0][2], item[0][1] != "zoo")):
        group.sort(key=lambda r: r["seed"])
        row = {"model": model, "side": side, "schedule": schedule, "seeds": [r["seed"] for r in group],
               "steps": group[0]["training"]["steps"], "batchSize": group[0]["training"]["batchSize"], "columns": {}}
        for heading, path, scale, _ in COLUMNS:
            values = [lookup(r, path) for r in group]
            values = [scale * v for v in values if v is not None]
            if values:
                row["columns"][heading] = {"mean": statistics.fmean(values),
                                           "sd": statistics.stdev(values) if len(values) > 1 else None, "values": values}
        rows.append(row)
    return rows


def markdown(rows, seeds):
    lines = ["| model | side | schedule | steps × batch | seeds | " + " | ".join(c[0] for c in COLUMNS) + " |",
             "|" + "---|" * (5 + len(COLUMNS))]
    for row in rows:
        cells = ["`%s`" % row["model"], row["side"], row["schedule"], "%d × %s" % (row["steps"], row["batchSize"]),
                 ", ".join(map(str, row["seeds"]))]
        for heading, _, _, digits in COLUMNS:
            cell = row["columns"].get(heading)
            if cell is None:
                cells.append("–")
            else:
                text = "%.*f" % (digits, cell["mean"])
                if cell["sd"] is not None:
                    text += " ± %.*f" % (digits, cell["sd"])
                cells.append(text + (" s" if heading == "training time" else "%" if "digit" in heading else ""))
        lines.append("| " + " | ".join(cells) + " |")
    return "## zoo vs PyTorch reference, equal epochs, %d seed%s\n\n" % (len(seeds), "" if len(seeds) == 1 else "s") + "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated, of: " + ", ".join(MODELS))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--epochs", help="N for every model, or model=N,… (default: %s)" % ", ".join(
        "%s=%d" % (m, e) for m, (_, _, e) in MODELS.items()))
    parser.add_argument("--steps", type=int, help="train this many steps on both sides instead of epochs (short checks)")
    parser.add_argument("--samples", type=int, default=10000, help="samples drawn per run (a multiple of 10)")
    parser.add_argument("--sides", default="zoo,pytorch")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data-root", default=os.environ.get("GAN_ZOO_DATA", "data"), help="holds mnist/ (read only)")
    parser.add_argument("--classifier-epochs", type=int, help="epochs of the reference classifier when none is cached (default: zoo's)")
    parser.add_argument("--out", default=os.path.join(REPOSITORY, "runs", "side-by-side"), help="work folder (samples, runs, logs)")
    parser.add_argument("--records", help="where the records go (default: <out>/records); results/side-by-side for RESULTS.md")
    parser.add_argument("--again", action="store_true", help="train runs whose record exists again (default: keep the record)")
    parser.add_argument("--zoo", default=os.environ.get("ZOO", os.path.join(REPOSITORY, ".build", "release", "zoo")))
    parser.add_argument("--tiny", action="store_true",
                        help="gan-mlp and cgan-mlp, 40 steps, 500 samples, seed 0, one thread a side, a one-epoch classifier: "
                             "an end-to-end check")
    args = parser.parse_args()
    if args.tiny:
        args.models, args.seeds, args.steps, args.samples = "gan-mlp,cgan-mlp", "0", args.steps or 40, 500
        # One thread a side: on a machine busy with other jobs, PyTorch's two OpenMP threads wait
        # for each other (measured: 0.1-1.5 s a gan-mlp step at load 10, against 0.07 s on one).
        args.threads = 1
        args.classifier_epochs = args.classifier_epochs or 1
    models = [m for m in args.models.split(",") if m]
    for model in models:
        if model not in MODELS:
            parser.error("unknown model %r; the models: %s" % (model, ", ".join(MODELS)))
    seeds = [int(s) for s in args.seeds.split(",")]
    sides = args.sides.split(",")
    if args.samples % 10 or args.samples < 100:
        parser.error("--samples must be a multiple of 10 and at least 100")
    epochs = {m: MODELS[m][2] for m in models}
    if args.epochs and args.steps:
        parser.error("give --epochs or --steps, not both")
    if args.epochs:
        if "=" in args.epochs:
            for part in args.epochs.split(","):
                name, value = part.split("=")
                epochs[name] = int(value)
        else:
            epochs = {m: int(args.epochs) for m in models}
    if not os.access(args.zoo, os.X_OK):
        sys.exit("%s is not built: swift build -c release --product zoo" % args.zoo)

    # A writable data root beside the read-only one: MNIST linked in, the classifier cached there.
    out = os.path.abspath(args.out)
    records = os.path.abspath(args.records or os.path.join(out, "records"))
    data_root = os.path.join(out, "data")
    os.makedirs(os.path.join(data_root, "mnist"), exist_ok=True)
    os.makedirs(records, exist_ok=True)
    source = os.path.abspath(os.path.join(args.data_root, "mnist"))
    for name in MNIST_FILES:
        link = os.path.join(data_root, "mnist", name)
        if not os.path.exists(link):
            os.symlink(os.path.join(source, name), link)
    cached = os.path.join(os.path.abspath(args.data_root), "classifiers", "mnist.safetensors")
    mine = os.path.join(data_root, "classifiers", "mnist.safetensors")
    if not os.path.exists(mine):
        if os.path.exists(cached):
            os.makedirs(os.path.dirname(mine), exist_ok=True)
            shutil.copyfile(cached, mine)
        else:
            say("training the reference classifier (cached in %s)" % os.path.dirname(mine))
            command = [args.zoo, "classifier", "train", "--data-root", data_root]
            if args.classifier_epochs:
                command += ["--epochs", str(args.classifier_epochs)]
            run(command, os.path.join(out, "classifier.log"))
    mnist = load_mnist(source) if "pytorch" in sides else None
    machine = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            machine = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass

    written = []
    for model in models:
        for seed in seeds:
            for side in sides:
                schedule = schedule_name(epochs[model], args.steps)
                path = os.path.join(records, "%s-%s-%s-seed%d.json" % (model, side, schedule, seed))
                if os.path.exists(path) and not args.again:
                    with open(path) as f:
                        record = json.load(f)
                    if record.get("sampleCount") == args.samples:
                        say("%s, %s, %s, seed %d: kept %s (--again trains it again)" % (model, side, schedule, seed, path))
                        written.append(record)
                        continue
                folder = os.path.join(out, model, side, "%s-seed%d" % (schedule, seed))
                if os.path.exists(folder):
                    shutil.rmtree(folder)
                os.makedirs(folder)
                say("%s, %s, %s, seed %d" % (model, side, schedule, seed))
                if side == "pytorch":
                    import torch
                    training = train_pytorch(model, seed, epochs[model], args.steps, args.samples, args.threads, mnist, folder)
                    software = "PyTorch " + torch.__version__
                else:
                    training, software = train_zoo(args.zoo, model, seed, epochs[model], args.steps, args.samples, args.threads, data_root, folder)
                report = score(args.zoo, folder, data_root)
                record = {"model": model, "side": side, "reference": MODELS[model][1], "variant": MODELS[model][0],
                          "schedule": schedule, "epochs": None if args.steps is not None else epochs[model], "seed": seed,
                          "dataset": "mnist", "sampleCount": args.samples, "software": software, "machine": machine,
                          "training": training, "score": report}
                with open(path, "w") as f:
                    json.dump(record, f, indent=2, sort_keys=True)
                    f.write("\n")
                written.append(record)
                fd = lookup(record, "score.metrics.frechetDistance.distance")
                say("  trained %d steps in %.0f s; FD %.2f; wrote %s" % (training["steps"], training["seconds"], fd, path))

    rows = table(written)
    with open(os.path.join(out, "side-by-side.json"), "w") as f:
        json.dump({"seeds": seeds, "samples": args.samples, "rows": rows}, f, indent=2)
    text = markdown(rows, seeds)
    with open(os.path.join(out, "side-by-side.md"), "w") as f:
        f.write(text)
    say("\n" + text)
    say("wrote %s and side-by-side.md; the records are in %s" % (os.path.join(out, "side-by-side.json"), records))


if __name__ == "__main__":
    main()
