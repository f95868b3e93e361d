#!/usr/bin/python3
"""Writes samples/saxs-scan: a tiny SAXS scan in the arroyosas msgpack convention, as a Python
sender (msgpack-python, use_bin_type=True) writes it: a start, three 16 x 16 uint16 frames, a stop.
Run with Debian's python3-msgpack: /usr/bin/python3 samples/make-saxs-scan.py"""
import math
import os
import random
import struct

import msgpack

SIZE = 16
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "saxs-scan")
os.makedirs(out, exist_ok=True)
rng = random.Random(7)


def frame(n):
    """A ring pattern around the beam centre with Poisson-like noise, as uint16 little-endian."""
    cx, cy = SIZE / 2 - 0.5, SIZE / 2 - 0.5
    values = []
    for y in range(SIZE):
        for x in range(SIZE):
            r = math.hypot(x - cx, y - cy)
            intensity = 1000 * math.exp(-r / 3) + 200 * math.exp(-((r - 5) ** 2)) * (1 + 0.1 * n)
            values.append(max(0, int(intensity + rng.gauss(0, math.sqrt(intensity + 1)))))
    return struct.pack("<%dH" % len(values), *values)


def write(name, message):
    with open(os.path.join(out, name), "wb") as f:
        f.write(msgpack.packb(message, use_bin_type=True))


write("0-start.msgpack", {"msg_type": "start", "run_name": "saxs demo", "run_id": "demo-0001",
                          "width": SIZE, "height": SIZE, "data_type": "uint16"})
for n in range(3):
    write("%d-event.msgpack" % (n + 1), {"msg_type": "event",
                                         "image": {"array": {"data": frame(n), "dtype": "uint16", "shape": [SIZE, SIZE]}},
                                         "frame_number": n, "exposure_s": 0.1})
write("4-stop.msgpack", {"msg_type": "stop", "num_frames": 3})
