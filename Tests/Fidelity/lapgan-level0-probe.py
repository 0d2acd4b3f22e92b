#!/usr/bin/env python3
"""Probe LAPGAN's level 0 alone: which coarse GAN keeps MNIST's ten digits?

A digit's class is mostly settled by its 8x8 image, so a level 0 that drops modes drops digits
whatever the finer levels do. This script trains a level-0 recipe in PyTorch on MNIST's 8x8
pyramid level (the digits padded with black to 32x32, then 2x2 average-pooled twice, as the
zoo's pyramid builds it), draws 10,000 coarse images, and finishes them with the finer levels of
a trained zoo `lapgan` run (read from its checkpoint: x_k = clamp(l_k + G_k(l_k, n_k)), l_k the
bilinear 2x upsampling, as the zoo samples), so that the zoo's reference classifier can judge the
digits with `zoo score`:

    Tests/Fidelity/lapgan-level0-probe.py --run runs/lapgan-mnist-non-saturating-seed0 \
        --recipe reference --steps 10000 --seed 1 --data-root data

Recipes (Adam 2e-4, beta (0.5, 0.999), batches of 64, one D step per G step, each step a new
batch of successive shuffled passes):
  reference      the lapgan32 workload's G0 (z 100 -> 1200 -> 1200 -> 64, ReLU, tanh) and D0
                 (64 -> 600 -> 600 -> 1, ReLU, dropout 0.5), non-saturating loss
  convolutional  the zoo's coarseNetworks=convolutional pair, W = 128
  real           no level 0: the real 8x8 images of MNIST's test set, to measure what the finer
                 levels alone do to the histogram
The finer levels' noise planes are drawn by torch, so the digits are not those `zoo sample`
draws; the run only lends its trained networks.
"""
import argparse
import importlib.util
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def script(name, path):
    """A script of this repository as a module (its file name has hyphens)."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(REPOSITORY, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# MNIST's checked reader and the checkpoint reader the other scripts use.
side_by_side = script("side_by_side", "Tests/Fidelity/side-by-side.py")
compare_checkpoints = script("compare_checkpoints", "Tests/EndToEnd/compare-checkpoints.py")


def coarse_images(data_root, split):
    folder = os.path.join(data_root, "mnist")
    if split == "train":
        images, _ = side_by_side.load_mnist(folder)
    else:
        images = side_by_side.read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 127.5 - 1).unsqueeze(1)
    x = F.pad(x, (2, 2, 2, 2), value=-1.0)
    return F.avg_pool2d(F.avg_pool2d(x, 2), 2)


class Checkpoint:
    """A zoo checkpoint's float32 tensors by name, as torch tensors."""

    def __init__(self, path):
        self.tensors, _ = compare_checkpoints.read(path)

    def __getitem__(self, name):
        dtype, shape, data = self.tensors[name]
        assert dtype == "F32", name
        return torch.from_numpy(np.frombuffer(data, dtype=np.float32).reshape(shape).copy())


def refine(checkpoint, level, coarse):
    """G_k of the zoo's ResidualGenerator in inference mode: [l, n] -> 5x5 convs with batch norm."""
    p = "level%d.generator.net." % level
    noise = torch.rand(coarse.shape[0], 1, coarse.shape[2], coarse.shape[3]) * 2 - 1
    y = torch.cat([coarse, noise], 1)
    for conv, norm in (("0", "1"), ("3", "4")):
        y = F.conv2d(y, checkpoint[p + conv + ".weight"], checkpoint[p + conv + ".bias"], padding=2)
        y = F.batch_norm(y, checkpoint[p + norm + ".running_mean"], checkpoint[p + norm + ".running_var"],
                         checkpoint[p + norm + ".weight"], checkpoint[p + norm + ".bias"], False, 0, 1e-5)
        y = F.relu(y)
    return F.conv2d(y, checkpoint[p + "6.weight"], checkpoint[p + "6.bias"], padding=2)


def finish(checkpoint, x0):
    """x0 (N, 1, 8, 8) -> the 28x28 digits the zoo's pyramid would draw from it."""
    current = x0.clamp(-1, 1)
    with torch.no_grad():
        for level in (1, 2):
            coarse = F.interpolate(current, scale_factor=2, mode="bilinear", align_corners=False)
            current = (coarse + refine(checkpoint, level, coarse)).clamp(-1, 1)
    return current[:, :, 2:30, 2:30]


class View(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def networks(recipe, z):
    if recipe == "reference":
        g = nn.Sequential(nn.Linear(z, 1200), nn.ReLU(), nn.Linear(1200, 1200), nn.ReLU(), nn.Linear(1200, 64), nn.Tanh())
        d = nn.Sequential(nn.Linear(64, 600), nn.ReLU(), nn.Dropout(0.5), nn.Linear(600, 600), nn.ReLU(), nn.Dropout(0.5), nn.Linear(600, 1))
        return g, d
    w = 128
    g = nn.Sequential(View(z, 1, 1), nn.ConvTranspose2d(z, 2 * w, 4, 1, 0, bias=False), nn.BatchNorm2d(2 * w), nn.ReLU(),
                      nn.ConvTranspose2d(2 * w, w, 4, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(),
                      nn.Conv2d(w, 1, 3, 1, 1, bias=False), nn.Tanh(), View(64))
    d = nn.Sequential(View(1, 8, 8), nn.Conv2d(1, w, 3, 1, 1, bias=False), nn.LeakyReLU(0.2),
                      nn.Conv2d(w, 2 * w, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
                      nn.Conv2d(2 * w, 1, 4, 1, 0, bias=False), View(1))
    return g, d


def train_level0(recipe, seed, steps, data_root, count):
    torch.manual_seed(seed)
    real = coarse_images(data_root, "train").reshape(-1, 64)
    z = 100
    g, d = networks(recipe, z)
    g_optimizer = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
    d_optimizer = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    loss = nn.BCEWithLogitsLoss()
    batch = 64
    order, position = torch.randperm(len(real)), 0
    for _ in range(steps):
        if position + batch > len(real):
            order, position = torch.randperm(len(real)), 0
        x = real[order[position:position + batch]]
        position += batch
        fake = g(torch.randn(batch, z))
        d_optimizer.zero_grad()
        r, f = d(x), d(fake.detach())
        (loss(r, torch.ones_like(r)) + loss(f, torch.zeros_like(f))).backward()
        d_optimizer.step()
        g_optimizer.zero_grad()
        f = d(fake)
        loss(f, torch.ones_like(f)).backward()
        g_optimizer.step()
    g.eval()
    with torch.no_grad():
        return g(torch.randn(count, z)).reshape(-1, 1, 8, 8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", required=True, help="a zoo lapgan run on MNIST (its finer levels finish the digits)")
    parser.add_argument("--recipe", choices=["reference", "convolutional", "real"], default="reference")
    parser.add_argument("--steps", type=int, default=2000, help="level 0's training steps")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", type=int, default=10000)
    parser.add_argument("--data-root", default="data")
    parser.add_argument("--out", help="the digits as .npy (default: a temporary file)")
    parser.add_argument("--zoo", default=os.path.join(REPOSITORY, ".build", "release", "zoo"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    checkpoint = Checkpoint(os.path.join(args.run, "checkpoint.safetensors"))
    if args.recipe == "real":
        torch.manual_seed(args.seed)
        x0 = coarse_images(args.data_root, "t10k")[:args.samples]
    else:
        x0 = train_level0(args.recipe, args.seed, args.steps, args.data_root, args.samples)
    out = args.out or "/tmp/lapgan-level0-probe-%s-%d-seed%d.npy" % (args.recipe, args.steps, args.seed)
    np.save(out, finish(checkpoint, x0).numpy().astype(np.float32))
    report = subprocess.run([args.zoo, "score", "--fake", out, "--dataset", "mnist", "--data-root", args.data_root],
                            capture_output=True, text=True)
    if report.returncode != 0:
        sys.exit(report.stderr.strip() or "zoo score failed")
    histogram = [line.strip() for line in report.stdout.splitlines() if "label histogram" in line]
    what = "real 8x8 test images" if args.recipe == "real" else "%s, %d steps, seed %d" % (args.recipe, args.steps, args.seed)
    print("%s: %s" % (what, histogram[0] if histogram else report.stdout.strip()))


if __name__ == "__main__":
    main()
