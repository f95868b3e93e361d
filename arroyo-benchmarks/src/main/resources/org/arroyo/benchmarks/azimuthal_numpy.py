"""Scenario E's baseline: the example's azimuthal integration in numpy, as a numpy user writes it.

Reads the frames the runner wrote (C-order little-endian arrays of one dtype, one after the other),
computes each pixel's q bin once from the geometry (as AzimuthalIntegration does at a start), then
reduces frames in turn for timed runs: np.bincount of the pixels by bin, divided by the pixels per
bin, and the frame's total, mean, min and max. Prints one JSON line per run, then one with the first
frame's profile for the runner to compare with the operator's.
"""
import argparse
import json
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--frames", required=True)
parser.add_argument("--dtype", required=True)
parser.add_argument("--width", type=int, required=True)
parser.add_argument("--height", type=int, required=True)
parser.add_argument("--geometry", type=float, nargs=5, required=True,
                    metavar=("BEAM_X", "BEAM_Y", "PIXEL_M", "DISTANCE_M", "WAVELENGTH_M"))
parser.add_argument("--bins", type=int, required=True)
parser.add_argument("--run", action="append", required=True, help="label:seconds")
args = parser.parse_args()

frames = np.fromfile(args.frames, dtype=np.dtype(args.dtype).newbyteorder("<")).reshape(-1, args.height, args.width)
beam_x, beam_y, pixel, distance, wavelength = args.geometry
y, x = np.indices((args.height, args.width))
r = np.hypot((x - beam_x) * pixel, (y - beam_y) * pixel)
q = 4 * np.pi / wavelength * np.sin(np.arctan2(r, distance) / 2) * 1e-9
bin_of_pixel = np.minimum(args.bins - 1, (q / q.max() * args.bins).astype(np.intp)).ravel()
pixels_per_bin = np.bincount(bin_of_pixel, minlength=args.bins)


def reduce(frame):
    pixels = frame.ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        profile = np.bincount(bin_of_pixel, weights=pixels, minlength=args.bins) / pixels_per_bin
    total = pixels.sum(dtype=np.float64)
    return profile, total, total / pixels.size, pixels.min(), pixels.max()


for spec in args.run:
    label, seconds = spec.split(":")
    reduced = 0
    began = time.perf_counter()
    deadline = began + float(seconds)
    while time.perf_counter() < deadline:
        reduce(frames[reduced % len(frames)])
        reduced += 1
    elapsed = time.perf_counter() - began
    print(json.dumps({"run": label, "frames": reduced, "seconds": elapsed, "framesPerSec": reduced / elapsed}), flush=True)

profile, total, mean, low, high = reduce(frames[0])
print(json.dumps({"profile": [None if np.isnan(v) else float(v) for v in profile], "total": float(total),
                  "min": float(low), "max": float(high), "numpy": np.__version__}), flush=True)
