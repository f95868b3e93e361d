"""A detector and a reduction around a pipeline, with pyzmq and msgpack-python.

Binds a PUSH socket at the detector address and sends a run (a start, EVENTS events, a stop) as
arroyosas msgpack maps; connects a PULL socket to the reduction address and receives until the stop
and every event arrived (or 30 s passed). Prints one JSON object: each message received, a map as
its msg_type and frame_number, a msgpack array (a batch) as the list of its events' frame numbers.
"""
import json
import sys
import time

import msgpack
import zmq

detector, reduction, events = sys.argv[1], sys.argv[2], int(sys.argv[3])
context = zmq.Context()
push = context.socket(zmq.PUSH)
push.bind(detector)
pull = context.socket(zmq.PULL)
pull.connect(reduction)

push.send(msgpack.packb({"msg_type": "start", "run_id": "batch-run"}))
for frame in range(events):
    push.send(msgpack.packb({"msg_type": "event", "frame_number": frame}))
push.send(msgpack.packb({"msg_type": "stop", "run_id": "batch-run", "num_frames": events}))

received = []
frames = set()
stopped = False
deadline = time.monotonic() + 30
while (not stopped or len(frames) < events) and time.monotonic() < deadline:
    if not pull.poll(500):
        continue
    message = msgpack.unpackb(pull.recv())
    if isinstance(message, list):
        numbers = [event["frame_number"] for event in message if event["msg_type"] == "event"]
        frames.update(numbers)
        received.append(numbers)
    else:
        stopped = stopped or message["msg_type"] == "stop"
        received.append({"msg_type": message["msg_type"], "frame_number": message.get("frame_number")})
push.close(0)
pull.close(0)
context.term()
print(json.dumps({"received": received}))
