#!/usr/bin/env python3
"""Reads a log folder with TensorBoard's own readers and checks what they show against a JSON
file; exits 1 naming every difference.

usage: read-tensorboard-events.py LOGDIR EXPECTED_JSON

EXPECTED_JSON holds {"scalars": {tag: [[step, value, wall_time], ...]},
"images": {tag: [[step, width, height, colorspace], ...]}}, every tag in step order: exactly the
tags TensorBoard must find, each with exactly these points. Values and wall times are compared
exactly (both sides hold the same 32-bit float and the same double; a tag whose expected wall
times are all null is compared on steps and values alone), and each image's PNG must
carry the announced size and the colour type of its colourspace (1 gray, 3 RGB, 4 RGBA).

Two readers are checked, the two that `tensorboard --logdir` can use:
- the Python EventAccumulator, which drops stale steps on a SessionLog START;
- the Rust data server (`--load_fast=true`, the default where its binary is installed), which
  ignores START and drops a tag's values from a step on when that step does not increase; it is
  queried over HTTP on 127.0.0.1 and stopped afterwards.
"""
import json
import socket
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_COLOUR_TYPE = {1: 0, 3: 2, 4: 6}
SERVER_TIMEOUT_SECONDS = 60


def png_header(data):
    """(width, height, colour type) from a PNG's IHDR chunk, or None if it is not a PNG."""
    if len(data) < 33 or data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height, data[25]


def accumulator_view(logdir):
    """{"scalars": {tag: [(step, value, wall_time)]}, "images": {tag: [(step, png)]}} as the
    Python EventAccumulator loads LOGDIR."""
    # Size 0 keeps every event (the default keeps a sample of 10,000 scalars and 4 images per
    # tag). purge_orphaned_data is on by default, as in `tensorboard --logdir`.
    accumulator = EventAccumulator(logdir, size_guidance={"scalars": 0, "images": 0})
    accumulator.Reload()
    tags = accumulator.Tags()
    return {
        "scalars": {tag: [(e.step, e.value, e.wall_time) for e in accumulator.Scalars(tag)]
                    for tag in tags["scalars"]},
        "images": {tag: [(e.step, e.encoded_image_string) for e in accumulator.Images(tag)]
                   for tag in tags["images"]},
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_view(logdir, expected):
    """The same view as the Rust data server behind `tensorboard --load_fast=true` serves it,
    polled until it matches EXPECTED or the timeout passes (the server loads in cycles)."""
    port = free_port()
    base = "http://127.0.0.1:%d/data" % port
    server = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", "--logdir", logdir, "--host", "127.0.0.1",
         "--port", str(port), "--load_fast=true", "--reload_interval", "1",
         # Every point and image, not the default sample of 1,000 scalars and 10 images per tag.
         "--samples_per_plugin", "scalars=100000,images=1000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def get(path, **query):
        url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()

    try:
        deadline = time.monotonic() + SERVER_TIMEOUT_SECONDS
        view, error = None, None
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit("tensorboard exited with %d:\n%s" % (server.returncode, server.stderr.read().decode()))
            try:
                view = {"scalars": {}, "images": {}}
                for tag in json.loads(get("/plugin/scalars/tags")).get(".", {}):
                    points = json.loads(get("/plugin/scalars/scalars", run=".", tag=tag))
                    view["scalars"][tag] = [(step, value, wall_time) for wall_time, step, value in points]
                for tag in json.loads(get("/plugin/images/tags")).get(".", {}):
                    entries = json.loads(get("/plugin/images/images", run=".", tag=tag, sample=0))
                    view["images"][tag] = [
                        (entry["step"], get("/plugin/images/individualImage?" + entry["query"]))
                        for entry in entries]
                if not differences(view, expected):
                    return view
            except OSError as failure:  # not listening yet, or a request failed
                error = failure
            time.sleep(1)
        if view is None:
            sys.exit("tensorboard served nothing within %d s: %s" % (SERVER_TIMEOUT_SECONDS, error))
        return view
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def differences(view, expected):
    """Every way VIEW differs from EXPECTED, as sentences."""
    problems = []
    for kind in ("scalars", "images"):
        found, wanted = sorted(view[kind]), sorted(expected[kind])
        if found != wanted:
            problems.append("%s tags: found %s, expected %s" % (kind, found, wanted))

    for tag, points in sorted(expected["scalars"].items()):
        found = view["scalars"].get(tag)
        wanted = [(int(step), value, wall_time) for step, value, wall_time in points]
        if found is not None and all(wall_time is None for _, _, wall_time in points):
            # Wall times unknown to the expectation (a real run's): compare steps and values.
            found = [(step, value, None) for step, value, _ in found]
        if found is not None and found != wanted:
            problems.append("scalar %r:\n  found    %s\n  expected %s" % (tag, found, wanted))

    for tag, images in sorted(expected["images"].items()):
        found = view["images"].get(tag)
        if found is None:
            continue
        found_headers = [(step, png_header(png)) for step, png in found]
        wanted_headers = [(step, (width, height, PNG_COLOUR_TYPE[colorspace]))
                          for step, width, height, colorspace in images]
        if found_headers != wanted_headers:
            problems.append("image %r (step, (width, height, PNG colour type)):\n  found    %s\n  expected %s"
                            % (tag, found_headers, wanted_headers))
    return problems


def report(reader, view, expected):
    """Prints what READER shows, or every difference; True when it matches."""
    problems = differences(view, expected)
    for problem in problems:
        print("MISMATCH (%s) %s" % (reader, problem))
    if not problems:
        for tag, points in sorted(view["scalars"].items()):
            print("%s: scalar %-22s %3d points, steps %d-%d"
                  % (reader, tag, len(points), points[0][0], points[-1][0]))
        for tag, images in sorted(view["images"].items()):
            print("%s: image  %-22s %3d at steps %s" % (reader, tag, len(images), [step for step, _ in images]))
    return not problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    logdir, expected_path = sys.argv[1:]
    with open(expected_path) as file:
        expected = json.load(file)
    if not expected.get("scalars") or not expected.get("images"):
        sys.exit("%s: expects no scalars or no images; nothing to check" % expected_path)
    ok = report("EventAccumulator", accumulator_view(logdir), expected)
    ok = report("data server", server_view(logdir, expected), expected) and ok
    if not ok:
        sys.exit(1)
    print("TensorBoard %s reads %s as expected" % (__import__("tensorboard").__version__, logdir))


if __name__ == "__main__":
    main()
