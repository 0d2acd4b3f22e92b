#!/usr/bin/env python3
"""The reference side of metrics-match-references.sh.

  make DIR           writes DIR/real.npy and DIR/fake.npy: two sets of 512 gray 8×8 "images"
                     (float32 in [0, 1], continuous values: no two distances tie), from two
                     different distributions so that no metric sits at an end of its range;
                     and DIR/parzen-fake.npy: 1,000 noisy MNIST training digits (float32 in [0, 1])
  compare DIR        compares DIR/score.json (zoo score --features pixels on real.npy, fake.npy)
                     with the reference implementations on the same arrays
  parzen DIR MNIST   compares DIR/parzen.json (zoo score --dataset mnist on parzen-fake.npy)
                     with a direct numpy evaluation of Goodfellow et al. 2014's protocol

How the references are made comparable (nothing is reimplemented but the Parzen window):
  - every reference receives the float32 arrays cast to float64 (exact), so both sides decide
    every comparison and sum every kernel at float64 precision; zoo computes in float64 or
    certifies its float32 products (see PairwiseSquaredDistances);
  - Fréchet distance: pytorch-fid's calculate_frechet_distance on mu = numpy.mean(features, 0)
    and sigma = numpy.cov(features, rowvar=False), the two lines of its
    calculate_activation_statistics after the network;
  - precision and recall: prdc.compute_prdc(real, fake, nearest_k=3); density and coverage:
    prdc.compute_prdc(real, fake, nearest_k=5). prdc's balls are open (<) where zoo's precision
    and recall balls are closed (<=, the paper's); with continuous values no sample lies on a
    surface, so the two agree;
  - kernel distance: torch-fidelity's kid_features_to_metric with one subset of the whole set
    (kid_subsets=1, kid_subset_size=N, and zoo score --kid-subsets 1 on sets of N): a subset of
    every sample is a permutation, and the unbiased MMD is invariant to it, so no random draw
    differs.
Exits 1, printing every relative difference, when any exceeds 1e-4.
"""
import gzip
import json
import sys

import numpy as np

TOLERANCE = 1e-4


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-12)


def report(rows):
    worst = 0.0
    for name, ours, theirs in rows:
        difference = relative(ours, theirs)
        worst = max(worst, difference)
        print(f"  {name:<22} zoo {ours:<22.15g} reference {theirs:<22.15g} relative difference {difference:.2e}")
    print(f"  largest relative difference {worst:.2e} (tolerance {TOLERANCE:g}, symmetric)")
    return worst <= TOLERANCE


def mnist(folder, name):
    with gzip.open(f"{folder}/{name}.gz") as f:
        data = f.read()
    count, rows, columns = np.frombuffer(data[4:16], dtype=">u4")
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(count, rows * columns)


def make(folder):
    generator = np.random.default_rng(2014)
    real = np.clip(generator.normal(0.5, 0.18, (512, 1, 8, 8)), 0, 1).astype(np.float32)
    fake = np.clip(0.1 + 0.8 * generator.beta(2.0, 2.5, (512, 1, 8, 8)), 0, 1).astype(np.float32)
    np.save(f"{folder}/real.npy", real)
    np.save(f"{folder}/fake.npy", fake)


def make_parzen(folder, mnist_folder):
    generator = np.random.default_rng(2015)
    digits = mnist(mnist_folder, "train-images-idx3-ubyte")[:1000].astype(np.float64) / 255
    noisy = np.clip(digits + generator.normal(0, 0.1, digits.shape), 0, 1)
    np.save(f"{folder}/parzen-fake.npy", noisy.reshape(1000, 1, 28, 28).astype(np.float32))


def compare(folder):
    import torch
    from pytorch_fid.fid_score import calculate_frechet_distance
    from prdc import compute_prdc
    from torch_fidelity.metric_kid import kid_features_to_metric

    real = np.load(f"{folder}/real.npy").reshape(512, -1).astype(np.float64)
    fake = np.load(f"{folder}/fake.npy").reshape(512, -1).astype(np.float64)
    with open(f"{folder}/score.json") as f:
        metrics = json.load(f)["metrics"]

    frechet = calculate_frechet_distance(
        np.mean(real, axis=0), np.cov(real, rowvar=False), np.mean(fake, axis=0), np.cov(fake, rowvar=False))
    with_k3 = compute_prdc(real, fake, nearest_k=3)
    with_k5 = compute_prdc(real, fake, nearest_k=5)
    kid = kid_features_to_metric(
        torch.from_numpy(fake), torch.from_numpy(real), kid_subsets=1, kid_subset_size=512, verbose=False)
    rows = [
        ("Fréchet distance", metrics["frechetDistance"]["distance"], float(frechet)),
        ("kernel distance", metrics["kernelDistance"]["mean"], float(kid["kernel_inception_distance_mean"])),
        ("precision (k = 3)", metrics["precisionRecall"]["precision"], float(with_k3["precision"])),
        ("recall (k = 3)", metrics["precisionRecall"]["recall"], float(with_k3["recall"])),
        ("density (k = 5)", metrics["densityCoverage"]["density"], float(with_k5["density"])),
        ("coverage (k = 5)", metrics["densityCoverage"]["coverage"], float(with_k5["coverage"])),
    ]
    print("zoo score against pytorch-fid, prdc and torch-fidelity on the same arrays:")
    return report(rows)


def log_densities(points, samples, sigma):
    """log((1/M) sum_j exp(-|x - mu_j|^2 / (2 sigma^2))) - D log(sigma sqrt(2 pi)), in float64."""
    squared = (points ** 2).sum(1)[:, None] + (samples ** 2).sum(1)[None, :] - 2 * points @ samples.T
    exponents = -np.maximum(squared, 0) / (2 * sigma ** 2)
    largest = exponents.max(1, keepdims=True)
    log_mean = largest[:, 0] + np.log(np.exp(exponents - largest).mean(1))
    return log_mean - samples.shape[1] * np.log(sigma * np.sqrt(2 * np.pi))


def parzen(folder, mnist_folder):
    samples = np.load(f"{folder}/parzen-fake.npy").reshape(1000, -1).astype(np.float64)
    validation = mnist(mnist_folder, "train-images-idx3-ubyte")[50000:51000].astype(np.float64) / 255
    test = mnist(mnist_folder, "t10k-images-idx3-ubyte").astype(np.float64) / 255
    sigmas = np.logspace(-1, 0, 10)
    means = [log_densities(validation, samples, sigma).mean() for sigma in sigmas]
    sigma = sigmas[int(np.argmax(means))]
    values = np.concatenate([log_densities(test[i:i + 1000], samples, sigma) for i in range(0, len(test), 1000)])
    with open(f"{folder}/parzen.json") as f:
        window = json.load(f)["metrics"]["parzenWindow"]
    print("zoo score's Parzen window against a direct numpy evaluation (parzen_ll.py's protocol):")
    return report([
        ("sigma", window["sigma"], float(sigma)),
        ("log-likelihood", window["logLikelihood"], float(values.mean())),
        ("standard error", window["standardError"], float(values.std() / np.sqrt(len(values)))),
    ])


if __name__ == "__main__":
    command, folder = sys.argv[1], sys.argv[2]
    if command == "make":
        make(folder)
        make_parzen(folder, sys.argv[3])
        sys.exit(0)
    passed = compare(folder) if command == "compare" else parzen(folder, sys.argv[3])
    sys.exit(0 if passed else 1)
