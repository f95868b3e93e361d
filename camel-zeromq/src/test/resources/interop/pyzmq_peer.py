"""A libzmq peer (Debian python3-zmq) for the zeromq component's interop tests.

Messages are lines of comma separated hex frames (an empty item is an empty frame).

  pyzmq_peer.py push ADDRESS        bind a PUSH socket and send every message read from stdin
  pyzmq_peer.py sub ADDRESS TOPIC N connect a SUB socket to TOPIC and to "probe"; print READY on the first
                                    probe, then every other message received, and exit after N of them
"""
import sys

try:
    import zmq
except ImportError:
    sys.exit("python3-zmq is missing: install it with apt-get install python3-zmq")


def encode(frames):
    return ",".join(frame.hex() for frame in frames)


def decode(line):
    return [bytes.fromhex(item) for item in line.rstrip("\n").split(",")]


def push(context, address):
    socket = context.socket(zmq.PUSH)
    socket.bind(address)
    for line in sys.stdin:
        socket.send_multipart(decode(line))
    socket.close(linger=10000)


def sub(context, address, topic, count):
    socket = context.socket(zmq.SUB)
    socket.setsockopt(zmq.SUBSCRIBE, topic.encode())
    socket.setsockopt(zmq.SUBSCRIBE, b"probe")
    socket.connect(address)
    ready = False
    received = 0
    while received < count:
        frames = socket.recv_multipart()
        if frames[0] == b"probe":
            if not ready:
                print("READY", flush=True)
                ready = True
            continue
        print(encode(frames), flush=True)
        received += 1
    socket.close()


def main():
    print("libzmq %s, pyzmq %s" % (zmq.zmq_version(), zmq.__version__), file=sys.stderr)
    context = zmq.Context()
    if sys.argv[1] == "push":
        push(context, sys.argv[2])
    else:
        sub(context, sys.argv[2], sys.argv[3], int(sys.argv[4]))
    context.term()


main()
