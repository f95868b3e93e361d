#!/usr/bin/env python3
"""A client of a stream-py message-queue node, on the standard library's socket module alone.

Usage: queue_client.py udp|tcp HOST PORT < commands

Each line of standard input is a JSON string, the command text to send (``"PUT:a:b"``, ``"GET"``,
``"SIZE"``), or a JSON object ``{"raw": HEX}``, bytes to send as they are. Each command is framed
LHHTTT (one hex digit: how many hex digits the length has; the UTF-8 length in hex; the UTF-8
text), sent as one datagram (udp) or on one connection for all commands (tcp). For each reply one
line is printed: a JSON array [reply text, reply frame in hex].
"""

import json
import socket
import sys


def encode(text):
    body = text.encode('utf-8')
    length = '{:x}'.format(len(body))
    if len(length) > 15:
        raise ValueError('text too long for LHHTTT')
    return '{:x}'.format(len(length)).encode('ascii') + length.encode('ascii') + body


def decode(frame):
    digits = int(frame[:1].decode('ascii'), 16)
    length = int(frame[1:1 + digits].decode('ascii'), 16)
    text = frame[1 + digits:]
    if len(text) != length:
        raise ValueError('frame declares {} bytes, holds {}'.format(length, len(text)))
    return text.decode('utf-8')


def receive_exactly(sock, count):
    chunks = []
    while count > 0:
        chunk = sock.recv(count)
        if not chunk:
            raise ConnectionError('connection closed before the reply was complete')
        chunks.append(chunk)
        count -= len(chunk)
    return b''.join(chunks)


def receive_frame(sock):
    head = receive_exactly(sock, 1)
    digits = receive_exactly(sock, int(head.decode('ascii'), 16))
    return head + digits + receive_exactly(sock, int(digits.decode('ascii'), 16))


def main():
    protocol, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    kind = socket.SOCK_DGRAM if protocol == 'udp' else socket.SOCK_STREAM
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.settimeout(10)
        sock.connect((host, port))
        for line in sys.stdin:
            if not line.strip():
                continue
            command = json.loads(line)
            payload = bytes.fromhex(command['raw']) if isinstance(command, dict) else encode(command)
            if protocol == 'udp':
                sock.send(payload)
                frame = sock.recv(65536)
            else:
                sock.sendall(payload)
                frame = receive_frame(sock)
            print(json.dumps([decode(frame), frame.hex()]), flush=True)


if __name__ == '__main__':
    main()
