package org.arroyo.camel.streampy;

import java.nio.file.Path;
import java.util.Objects;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.streampy.metrics.MetricsSettings;
import org.arroyo.camel.streampy.metrics.NodeMetrics;

/**
 * A stream-py message-queue node as a Camel route: camel-netty listens on UDP (one command per
 * datagram, as stream-py's {@code MQ_udp.py}) or TCP (a stream of frames per connection) and
 * {@link QueueNodeProcessor} answers. Unlike stream-py's node it has a capacity (a PUT beyond it is
 * refused with an error reply) and can keep its queue in a journal file, so that a restart loses
 * nothing. Its figures are reported as stream-py's node reports them ({@code func} =
 * {@value #FUNC}: PUTs in, GETs out, latency = time spent queued).
 *
 * <pre>{@code
 * context.addRoutes(new QueueNode("mq", "0.0.0.0", 10000).capacity(50_000).journal(Path.of("mq.journal"), false));
 * }</pre>
 */
public class QueueNode extends RouteBuilder {

    /** The {@code func} of a queue node's reports, as stream-py names it. */
    public static final String FUNC = "Messagequeue";

    /** The largest datagram a node reads; UDP carries at most 65,507 bytes. */
    public static final int MAX_DATAGRAM_BYTES = 65_536;

    private final String name;
    private final String host;
    private final int port;
    private String protocol = "udp";
    private int capacity = 10_000;
    private Path journal;
    private boolean fsync;
    private MetricsSettings metrics;

    /**
     * @param name the route id
     * @param host the address to listen on
     * @param port the port to listen on
     */
    public QueueNode(String name, String host, int port) {
        this.name = Objects.requireNonNull(name, "name");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /** {@code udp} (the default, as stream-py) or {@code tcp}. */
    public QueueNode protocol(String protocol) {
        this.protocol = StreamPyEndpoint.checkedProtocol(protocol);
        return this;
    }

    /** The most messages the queue holds (default 10,000); a PUT beyond is refused with an error reply. */
    public QueueNode capacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        return this;
    }

    /**
     * Keeps the queue in a journal file, replayed when the node starts.
     *
     * @param fsync force each change to the disk device (survives power loss) rather than only to
     *              the operating system (survives the process)
     */
    public QueueNode journal(Path file, boolean fsync) {
        this.journal = Objects.requireNonNull(file, "journal file");
        this.fsync = fsync;
        return this;
    }

    /** Reports the node's figures every {@code statsPeriod}. */
    public QueueNode metrics(MetricsSettings settings) {
        this.metrics = settings;
        return this;
    }

    @Override
    public void configure() throws Exception {
        NodeMetrics nodeMetrics = new NodeMetrics(getContext(), metrics, name, "netty-" + protocol, FUNC);
        getContext().addService(nodeMetrics);
        QueueNodeProcessor processor = new QueueNodeProcessor(() -> journal == null ? MessageQueue.inMemory(capacity)
                : MessageQueue.persistent(capacity, journal, fsync), nodeMetrics.meter());
        from(listenerUri()).routeId(name).process(processor).id(name + "-queue");
    }

    private String listenerUri() {
        if (protocol.equals("udp")) {
            return "netty:udp://" + host + ":" + port + "?sync=true&udpByteArrayCodec=true&receiveBufferSizePredictor="
                    + MAX_DATAGRAM_BYTES;
        }
        getContext().getRegistry().bind(name + "-lhhttt-decoder", LhhtttNettyCodec.decoder(true));
        getContext().getRegistry().bind(name + "-lhhttt-encoder", LhhtttNettyCodec.encoder());
        return "netty:tcp://" + host + ":" + port + "?sync=true&decoders=#" + name + "-lhhttt-decoder&encoders=#" + name
                + "-lhhttt-encoder";
    }
}
