"""Python steps of a Zocalo recipe over STOMP, as python-workflows' StompTransport and RecipeWrapper run them.

Usage: zocalo_stomp_peer.py PORT NAMESPACE RECIPE_JSON PAYLOAD_JSON PYTHON_QUEUES RESULTS_QUEUE

Starts the recipe (its start node gets PAYLOAD), serves the nodes whose queue is in PYTHON_QUEUES
(comma separated): each records what it received and sends {"python": node, "seen": payload} to the
node's outputs; then waits for one message on RESULTS_QUEUE and prints one JSON line with every hop.
"""
import json
import sys
import threading

import stomp

port, namespace, recipe, payload = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
python_queues, results_queue = sys.argv[5].split(","), sys.argv[6]
hops, done = [], threading.Event()
connection = stomp.Connection([("127.0.0.1", port)])


def send(node, payload, path, environment):
    """As RecipeWrapper.send_to via StompTransport._send: persistent, workflows-recipe header, json.dumps body."""
    message = {"environment": environment, "payload": payload, "recipe": recipe,
               "recipe-path": path, "recipe-pointer": node}
    connection.send("/queue/" + namespace + "." + recipe[str(node)]["queue"], json.dumps(message),
                    headers={"workflows-recipe": True, "persistent": "true"})


class Steps(stomp.ConnectionListener):
    def on_message(self, frame):
        body = frame.body
        message = json.loads(body)
        queue = frame.headers["destination"][len("/queue/" + namespace + "."):]
        pointer = message["recipe-pointer"]
        hops.append({"queue": queue, "pointer": pointer, "path": message["recipe-path"], "payload": message["payload"],
                     "environment": message["environment"], "workflows-recipe": frame.headers.get("workflows-recipe"),
                     "persistent": frame.headers.get("persistent"), "as_json_dumps": body == json.dumps(message)})
        if queue == results_queue:
            done.set()
        else:
            for node in recipe[str(pointer)].get("output", []):
                send(node, {"python": pointer, "seen": message["payload"]}, message["recipe-path"] + [pointer],
                     message["environment"])
        connection.ack(frame.headers["message-id"], frame.headers["subscription"])


connection.set_listener("steps", Steps())
connection.connect(wait=True)
for number, queue in enumerate(python_queues + [results_queue]):
    connection.subscribe("/queue/" + namespace + "." + queue, id=number, ack="client-individual")
start_node, start_payload = recipe["start"][0]
send(start_node, payload, [], {"ID": "stomp-run"})
finished = done.wait(30)
connection.disconnect()
print(json.dumps({"finished": finished, "hops": hops}))
