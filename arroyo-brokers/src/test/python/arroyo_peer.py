"""What a Python beamline sends (arroyosas: one msgpack map per message, arrays as
{data, dtype, shape} under image.array), and the one-line JSON report a peer prints for the Java test."""

import glob
import hashlib
import json
import os
import random

import msgpack

ROWS, COLUMNS = 128, 256


def scan(run_id, events):
    """A start, `events` frames of 128 x 256 uint16 pixels (little-endian, as numpy's tobytes), a stop."""
    pixels = random.Random(run_id)
    messages = [msgpack.packb({"msg_type": "start", "run_id": run_id, "width": COLUMNS, "height": ROWS,
                               "data_type": "uint16"})]
    for frame in range(events):
        messages.append(msgpack.packb({
            "msg_type": "event",
            "frame_number": frame,
            "image": {"array": {"data": pixels.randbytes(ROWS * COLUMNS * 2), "dtype": "uint16", "shape": [ROWS, COLUMNS]}},
        }))
    messages.append(msgpack.packb({"msg_type": "stop", "run_id": run_id, "num_frames": events}))
    return messages


def shared_vectors(vectors_dir):
    """The shared msgpack interop vectors made with numpy (start, events of every dtype, old-style image, stop)."""
    return [open(path, "rb").read() for path in sorted(glob.glob(os.path.join(vectors_dir, "sas_*.bin")))]


def report(sent, received):
    """Prints what arrived compared with what was sent, in order."""
    first_difference = next((i for i, (a, b) in enumerate(zip(sent, received)) if a != b), None)
    print(json.dumps({
        "sent": len(sent),
        "received": len(received),
        "identical": sent == received,
        "first_difference": first_difference,
        "sent_sha256": hashlib.sha256(b"".join(sent)).hexdigest(),
    }), flush=True)
