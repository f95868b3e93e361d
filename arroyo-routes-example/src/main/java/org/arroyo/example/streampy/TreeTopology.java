package org.arroyo.example.streampy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Partitioner;
import org.arroyo.camel.streampy.QueueNode;
import org.arroyo.camel.streampy.StreamPyText;

/**
 * stream-py's tree topology on two levels. Messages {@code KEY:READING} enter the root queue node;
 * the root worker sends each to branch {@code CRC-32(KEY) mod 2} (key hashing: a key always takes
 * the same branch); each branch worker sends it on to leaf {@code READING mod 2} (stream-py's
 * {@code (choice, message)}). Seven queue nodes, three workers:
 *
 * <pre>
 *                root
 *         /               \
 *     branch-0          branch-1
 *     /      \          /      \
 * leaf-0-0 leaf-0-1 leaf-1-0 leaf-1-1
 * </pre>
 *
 * <pre>java -cp ... org.arroyo.example.streampy.TreeTopology [FIRST_PORT]</pre> (ports FIRST_PORT to FIRST_PORT+6)
 */
public final class TreeTopology extends ArroyoRouteBuilder {

    /** The metadata field the root worker partitions by. */
    public static final String KEY = "key";

    /** The queue nodes, in the order their ports are given. */
    public static final List<String> NODES = List.of("root", "branch-0", "branch-1", "leaf-0-0", "leaf-0-1", "leaf-1-0",
            "leaf-1-1");

    private final String host;
    private final int firstPort;

    /** The nodes listen on {@code firstPort} to {@code firstPort + 6}, in the order of {@link #NODES}. */
    public TreeTopology(String host, int firstPort) {
        this.host = host;
        this.firstPort = firstPort;
    }

    /** Reads the key of {@code KEY:READING}. */
    static final class ByKey implements Operator {
        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            return List.of(event.withMetadata(Map.of(KEY, part(StreamPyText.text(event), 0))));
        }
    }

    /** Chooses by the reading of {@code KEY:READING}. */
    static final class ByReading implements Operator {
        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            String text = StreamPyText.text(event);
            return List.of(StreamPyText.event(Long.parseLong(part(text, 1)), text));
        }
    }

    private static String part(String text, int index) {
        String[] parts = text.split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("tree messages are KEY:READING, got '" + text + "'");
        }
        return parts[index];
    }

    /** The port of a node of {@link #NODES}. */
    public int port(String node) {
        return firstPort + NODES.indexOf(node);
    }

    private String queue(String node) {
        return "streampy:queue:" + host + ":" + port(node);
    }

    @Override
    public void configure() throws Exception {
        for (String node : NODES) {
            getContext().addRoutes(new QueueNode(node, host, port(node)));
        }
        pipeline("root-worker").listen(queue("root")).operator(new ByKey())
                .partition(Partitioner.byKeyHash(KEY), queue("branch-0"), queue("branch-1"));
        for (int branch = 0; branch < 2; branch++) {
            pipeline("branch-" + branch + "-worker").listen(queue("branch-" + branch)).operator(new ByReading())
                    .partition(Partitioner.byChoice(StreamPyText.CHOICE), queue("leaf-" + branch + "-0"),
                            queue("leaf-" + branch + "-1"));
        }
    }

    public static void main(String[] args) throws Exception {
        int firstPort = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
        TreeTopology tree = new TreeTopology("127.0.0.1", firstPort);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(tree);
            context.start();
            for (int reading = 0; reading < 20; reading++) {
                context.createProducerTemplate().sendBody(tree.queue("root"), "sensor-" + reading % 5 + ":" + reading);
            }
            ConsumerTemplate leaves = context.createConsumerTemplate();
            for (String leaf : NODES.subList(3, NODES.size())) {
                List<String> texts = new ArrayList<>();
                for (Object event = leaves.receiveBody(tree.queue(leaf), 2000); event != null;
                     event = leaves.receiveBody(tree.queue(leaf), 500)) {
                    texts.add(StreamPyText.text(event));
                }
                System.out.println(leaf + ": " + texts);
            }
        }
    }
}
