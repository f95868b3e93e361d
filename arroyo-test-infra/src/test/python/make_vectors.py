#!/usr/bin/python3
"""Regenerate the interop vector frames (vectors/*.bin) byte for byte.

Usage: /usr/bin/python3 make_vectors.py OUTPUT_DIR

Needs only the standard library, msgpack-python and numpy (Debian: python3-msgpack,
python3-numpy). Every frame is built from literal Python data and packed the way the senders do:
msgpack.packb(..., use_bin_type=True), json.dumps(...) with its default separators, raw numpy
array bytes.

The array contents come from one random.Random(1) (the manifest's "seed": 1), drawn in the order
the cases are built below; so the order of the build_* calls in main() matters, and every draw
(including the frame number of sas_event_1_float64) must stay where it is.
"""

import json
import os
import random
import sys

import msgpack
import numpy as np

SEED = 1


# --- Conventions -----------------------------------------------------------------------------

def msgpack_frame(message):
    """arroyosas: one msgpack map, msg_type first, str as str, bytes as bin."""
    return msgpack.packb(message, use_bin_type=True)


def arroyosas_array(array):
    """arroyosas: a numpy array as {data, dtype, shape} (raw bytes in the array's byte order)."""
    return {"data": array.tobytes(), "dtype": array.dtype.name, "shape": list(array.shape)}


def arroyosas_event(array, frame_number, tiled_url):
    """arroyosas event: the array under image.array."""
    return {"msg_type": "event", "image": {"array": arroyosas_array(array)},
            "frame_number": frame_number, "tiled_url": tiled_url}


def arroyosas_event_oldstyle(array, frame_number, tiled_url):
    """Older arroyosas senders: the array's {data, dtype, shape} directly under image."""
    return {"msg_type": "event", "image": arroyosas_array(array),
            "frame_number": frame_number, "tiled_url": tiled_url}


def timepix_event(array, header):
    """timepix multipart event: [msgpack header map, raw array bytes]."""
    return [msgpack_frame(header), array.tobytes()]


def json_frame(message):
    """ArroyoXPS: a JSON map as json.dumps writes it (', ' and ': ' separators), UTF-8."""
    return json.dumps(message).encode("utf-8")


def lhhttt_frame(text):
    """stream-py LHHTTT: L = hex digit count of the length, HH = byte length in hex, TTT = UTF-8."""
    payload = text.encode("utf-8")
    length = format(len(payload), "x")
    return format(len(length), "x").encode("ascii") + length.encode("ascii") + payload


# --- Deterministic arrays ----------------------------------------------------------------------

def random_ints(rng, count, low, high):
    """count integers in [low, high) via random.randrange."""
    return [rng.randrange(low, high) for _ in range(count)]


def random_floats(rng, count, low, high):
    """count floats via random.uniform(low, high)."""
    return [rng.uniform(low, high) for _ in range(count)]


def array(values, dtype, shape):
    return np.array(values, dtype=dtype).reshape(shape)


# --- Cases, in draw order ----------------------------------------------------------------------

def build_sas(rng):
    frames = {}
    frames["sas_start_1.bin"] = msgpack_frame({
        "msg_type": "start", "run_name": "scan 1 \u00e9", "run_id": "00000001",
        "width": 8, "height": 4, "data_type": "uint16", "tiled_url": "http://tiled.local/run-1"})

    def url(i):
        return "http://tiled.local/run-1?slice=%d" % i

    u16 = array(random_ints(rng, 32, 0, 1 << 16), "<u2", (4, 8))
    frames["sas_event_1_uint16.bin"] = msgpack_frame(arroyosas_event(u16, 0, url(0)))

    # float64 draws rounded to float32
    f32 = array(random_floats(rng, 24, -1000, 1000), "<f4", (2, 3, 4))
    frames["sas_event_1_float32.bin"] = msgpack_frame(arroyosas_event(f32, 1, url(1)))

    i32 = array(random_ints(rng, 32, -(1 << 31), 1 << 31), "<i4", (4, 8))
    frames["sas_event_1_int32.bin"] = msgpack_frame(arroyosas_event(i32, 2, url(2)))

    u8 = array(random_ints(rng, 24, 0, 1 << 8), "u1", (2, 3, 4))
    frames["sas_event_1_uint8.bin"] = msgpack_frame(arroyosas_event(u8, 3, url(3)))

    f64 = array(random_floats(rng, 32, -1000, 1000), "<f8", (4, 8))
    # a frame number beyond 32 bits (msgpack uint64), drawn after the array
    big_frame_number = rng.randrange(1 << 40)
    frames["sas_event_1_float64.bin"] = msgpack_frame(arroyosas_event(f64, big_frame_number, url(4)))

    old = array(random_ints(rng, 20, 0, 1 << 16), "<u2", (4, 5))
    frames["sas_event_oldstyle_1.bin"] = msgpack_frame(arroyosas_event_oldstyle(old, 3, ""))

    frames["sas_stop_1.bin"] = msgpack_frame({"msg_type": "stop", "num_frames": 5})

    # an event with no array: floats, a negative int, a nested map with bool and nil
    frames["sas_event_noarray_1.bin"] = msgpack_frame({
        "msg_type": "event", "tiled_url": "x",
        "feature_vector": random_floats(rng, 6, -1, 1),
        "index": -2, "flags": {"ok": True, "note": None}})
    return frames


def build_timepix(rng):
    frames = {}
    image = array(random_ints(rng, 48, 0, 1 << 31), "<u4", (6, 8))
    header = {"msg_type": "event", "shape": [6, 8], "dtype": "uint32", "timestamp": 1700000001.25,
              "flush_number": 1, "cycles_in_flush": 12, "total_cycles": 1201}
    frames["tpx_event_1.0.bin"], frames["tpx_event_1.1.bin"] = timepix_event(image, header)
    # start (and stop) are a single msgpack frame
    frames["tpx_start_1.bin"] = msgpack_frame({"msg_type": "start", "detector": "tpx3", "run": 1})
    return frames


def build_xps(rng):
    frames = {}
    # LabVIEW start: U16 images of (Bottom - Top) x (Right - Left) = 4 x 8
    start = json_frame({
        "msg_type": "start", "F_Trigger": 10, "F_Un-Trigger": 20, "F_Dead": 5, "F_Reset": 30,
        "CCDTheta": 1.5, "Rectangle": {"Left": 0, "Top": 0, "Right": 8, "Bottom": 4, "Rotation": 0},
        "data_type": "U16", "scan_name": "xps 1"})
    frames["xps_start_1.bin"] = start
    # json+raw event: the run's start, the event's JSON header, the image bytes (big-endian U16)
    image = array(random_ints(rng, 32, 0, 1 << 16), ">u2", (4, 8))
    frames["xps_event_1.0.bin"] = start
    frames["xps_event_1.1.bin"] = json_frame({"msg_type": "event", "Frame Number": 1})
    frames["xps_event_1.2.bin"] = image.tobytes()
    frames["xps_stop_1.bin"] = json_frame({"msg_type": "stop", "Num Frames": 1})
    return frames


def build_lhhttt():
    texts = ["Hello World", "abcdefghijklmnopqrstuvwxyz", "", "PUT:colon:inside",
             "\u00fcn\u00efc\u00f8d\u00e9 \u2713", "x" * 301]
    return {"buffy_1_%d.bin" % i: lhhttt_frame(text) for i, text in enumerate(texts)}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s OUTPUT_DIR\n" % argv[0])
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    frames = {}
    frames.update(build_sas(rng))
    frames.update(build_timepix(rng))
    frames.update(build_xps(rng))
    frames.update(build_lhhttt())
    for name, data in frames.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print("wrote %d frames to %s" % (len(frames), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
