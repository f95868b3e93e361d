"""RabbitMQ peer (Debian python3-pika): publishes a scan and the shared vectors to queue IN the
way python-workflows does (default exchange, routing key = queue, persistent, confirmed), and
reports what came back on queue OUT.

usage: rabbitmq_peer.py HOST PORT IN OUT EVENTS VECTORS_DIR
"""

import sys

import pika

from arroyo_peer import report, scan, shared_vectors

host, port, in_queue, out_queue, events, vectors_dir = sys.argv[1:7]
connection = pika.BlockingConnection(pika.ConnectionParameters(
    host=host, port=int(port), credentials=pika.PlainCredentials("guest", "guest")))
channel = connection.channel()
channel.queue_declare(queue=out_queue)
channel.confirm_delivery()

messages = shared_vectors(vectors_dir) + scan("python-run", int(events))
for message in messages:
    channel.basic_publish(exchange="", routing_key=in_queue, body=message,
                          properties=pika.BasicProperties(delivery_mode=2), mandatory=True)

received = []
for method, properties, body in channel.consume(out_queue, auto_ack=True, inactivity_timeout=30):
    if method is None:
        break
    received.append(body)
    if len(received) == len(messages):
        break
channel.cancel()
connection.close()
report(messages, received)
