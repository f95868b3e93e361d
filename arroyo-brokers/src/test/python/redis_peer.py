"""Redis pub/sub peer (Debian python3-redis): subscribes to OUT, waits for a subscriber on IN,
publishes a scan and the shared vectors to IN, and reports what came back on OUT.

usage: redis_peer.py HOST PORT IN OUT EVENTS VECTORS_DIR
"""

import sys
import threading
import time

import redis

from arroyo_peer import report, scan, shared_vectors

host, port, in_channel, out_channel, events, vectors_dir = sys.argv[1:7]
client = redis.Redis(host=host, port=int(port))
subscription = client.pubsub()
subscription.subscribe(out_channel)
while (confirmation := subscription.get_message(timeout=5)) is None or confirmation["type"] != "subscribe":
    pass

messages = shared_vectors(vectors_dir) + scan("python-run", int(events))
received = []


def receive():
    # read while publishing: Redis drops a pub/sub client that lets too much pile up
    deadline = time.monotonic() + 60
    while len(received) < len(messages) and time.monotonic() < deadline:
        message = subscription.get_message(timeout=1)
        if message is not None and message["type"] == "message":
            received.append(message["data"])


receiver = threading.Thread(target=receive)
receiver.start()
deadline = time.monotonic() + 30
while client.pubsub_numsub(in_channel)[0][1] < 1:
    if time.monotonic() > deadline:
        sys.exit("nobody subscribed to " + in_channel)
    time.sleep(0.05)
for message in messages:
    client.publish(in_channel, message)
receiver.join()
report(messages, received)
