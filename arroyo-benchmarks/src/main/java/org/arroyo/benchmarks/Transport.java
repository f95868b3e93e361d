package org.arroyo.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/** How the source, the stage and the sink of a session reach one another: ZeroMQ sockets, or a broker's destinations. */
interface Transport {

    /** ZeroMQ on the loopback: the source binds, the stage connects to it and binds for the sink. */
    Transport ZEROMQ = new Transport() {
        /** Queues of hwm messages between source and sink: source out, stage in, stage publisher, stage out, sink in. */
        private static final int QUEUES = 5;

        @Override
        public String baselineTitle() {
            return "raw JeroMQ relay";
        }

        @Override
        public Class<?> baselineMain() {
            return RawRelay.class;
        }

        @Override
        public Lanes open(String session) throws IOException {
            // both ports are held open while the second is chosen, so they cannot be the same
            try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
                String in = "tcp://127.0.0.1:" + first.getLocalPort();
                String out = "tcp://127.0.0.1:" + second.getLocalPort();
                return new Lanes(in, out, List.of("--bind", in), List.of("--connect", out), () -> { });
            }
        }

        @Override
        public long settleEvents(int hwm) {
            return (long) QUEUES * hwm;
        }
    };

    /** Destinations on a broker, new for each session; the stage consumes one and publishes to the other. */
    static Transport broker(BrokerAddress server) {
        BrokerClient client = server.broker().client();
        return new Transport() {
            @Override
            public String baselineTitle() {
                return "raw " + server.broker().clientLibrary() + " relay";
            }

            @Override
            public Class<?> baselineMain() {
                return BrokerRelay.class;
            }

            @Override
            public Lanes open(String session) throws Exception {
                String prefix = "arroyo-bench-" + session + "-" + UUID.randomUUID().toString().substring(0, 8);
                List<BrokerAddress> destinations = List.of(server.named(prefix + "-in"), server.named(prefix + "-out"));
                client.create(destinations);
                String in = destinations.get(0).toString();
                String out = destinations.get(1).toString();
                return new Lanes(in, out, List.of("--broker", in, "--downstream", out), List.of("--broker", out),
                        () -> client.delete(destinations));
            }

            /** Messages wait at the broker before the stage, not after it: none reaches the sink faster than the stage. */
            @Override
            public long settleEvents(int hwm) {
                return 0;
            }
        };
    }

    /** The title of the baseline stage in the results, e.g. "raw JeroMQ relay". */
    String baselineTitle();

    /** The main class of the baseline stage: the transport's own client and nothing else. */
    Class<?> baselineMain();

    /** The stage's input and output for one session. */
    Lanes open(String session) throws Exception;

    /**
     * Events of a run the sink receives before it measures the rate: those that can reach it faster than the stage
     * moves events, because they were queued before the run's start reached the sink.
     */
    long settleEvents(int hwm);

    /**
     * Where the stage takes messages from and sends them to, the source's and the sink's options naming the same
     * places, and what removes them after the session.
     */
    record Lanes(String in, String out, List<String> sourceOptions, List<String> sinkOptions, Removal removal)
            implements AutoCloseable {

        interface Removal {
            void remove() throws Exception;
        }

        @Override
        public void close() throws Exception {
            removal.remove();
        }
    }
}
