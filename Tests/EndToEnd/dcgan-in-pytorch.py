#!/usr/bin/env python3
"""The PyTorch side of dcgan-weights-open-in-pytorch.sh.

  codes Z N NZ        writes Z: N latent codes of NZ values, float32 from numpy's N(0, 1)
  compare RUN Z X     loads RUN/checkpoint.safetensors's generator into the reference generator
                      of shared/bench/reference.py (dcgan_generator) by its tensor names, draws
                      from the codes in Z in eval mode, and compares with X (zoo sample --noise Z
                      --format npy); exits 1 unless every value agrees to 1e-4

The mapping, zoo → PyTorch (nothing else is renamed, transposed or converted):
  generator.main.<i>.weight, .bias, .running_mean, .running_var  →  <i>.weight, … of
  dcgan_generator(nz, ngf, nc, n_up), an nn.Sequential laid out as pytorch/examples' `main`
  (ConvTranspose2d weights (in, out, 4, 4) as PyTorch lays them out; BatchNorm2d's
  num_batches_tracked, which the zoo does not keep, is left at 0 by load_state_dict); nz, ngf
  and nc from config.json; n_up = log2(M / 4) for the model side M. Images smaller than M (28×28
  digits from the 32×32 model) are the centre crop: the zoo crops (M − S) / 2 pixels per side.
"""
import json
import math
import os
import sys

import numpy as np
import torch

TOLERANCE = 1e-4


def load_safetensors(path):
    """Every tensor of a safetensors file by name: an 8-byte little-endian header length, the
    JSON header (name → dtype, shape, byte offsets into the data after it), the raw data."""
    dtypes = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8}
    with open(path, "rb") as file:
        blob = file.read()
    length = int.from_bytes(blob[:8], "little")
    header = json.loads(blob[8:8 + length])
    data = blob[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        values = np.frombuffer(data[start:end], dtype=np.dtype(dtypes[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = torch.from_numpy(values.reshape(entry["shape"]).copy())
    return tensors


def reference_generator_factory():
    bench = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "bench")
    sys.path.insert(0, os.path.abspath(bench))
    from reference import dcgan_generator
    return dcgan_generator


def codes(path, count, nz):
    z = np.random.default_rng(0).standard_normal((int(count), int(nz))).astype(np.float32)
    np.save(path, z)


def compare(run, z_path, x_path):
    config = json.load(open(os.path.join(run, "config.json")))
    settings = config["configuration"]
    channels, side = config["data"]["sampleShape"][0], config["data"]["sampleShape"][1]
    model_side = 8
    while model_side < side:
        model_side *= 2
    n_up = int(math.log2(model_side // 4))
    nz, ngf = settings["latentDimension"], settings["generatorWidth"]
    generator = reference_generator_factory()(nz, ngf, channels, n_up)
    tensors = load_safetensors(os.path.join(run, "checkpoint.safetensors"))
    prefix = "generator.main."
    state = {name[len(prefix):]: tensor for name, tensor in tensors.items() if name.startswith(prefix)}
    result = generator.load_state_dict(state, strict=True)
    assert not result.missing_keys and not result.unexpected_keys, result
    generator.eval()
    z = torch.from_numpy(np.load(z_path))
    with torch.no_grad():
        images = generator(z.view(z.shape[0], nz, 1, 1))
    margin = (model_side - side) // 2
    if margin:
        images = images[:, :, margin:model_side - margin, margin:model_side - margin]
    zoo = np.load(x_path)
    assert zoo.shape == tuple(images.shape), f"zoo drew {zoo.shape}, PyTorch {tuple(images.shape)}"
    difference = np.abs(zoo - images.numpy()).max()
    print(f"{run}: {len(state)} tensors loaded by name into dcgan_generator({nz}, {ngf}, {channels}, {n_up}); "
          f"{zoo.shape[0]} images of {zoo.shape[1:]} agree to {difference:.2e} (tolerance {TOLERANCE})")
    if not difference <= TOLERANCE:
        sys.exit(1)


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    {"codes": codes, "compare": compare}[command](*arguments)
