package org.arroyo.benchmarks;

import java.time.Duration;
import java.util.List;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * A one-node Kafka (KRaft, broker and controller combined) in the runner's JVM, for scenario D's Kafka sessions: no
 * Kafka is installed on these machines, and the project's tests run theirs the same way.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int WARM_UP_MESSAGES = 10_000;
    private static final BrokerClient KAFKA = Broker.KAFKA.client();

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumControllerNodes(1).setNumBrokerNodes(1).build())
                // one partition for the offsets topic and no rebalance delay: consumer groups form in milliseconds
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        EmbeddedKafka kafka = new EmbeddedKafka(cluster);
        try {
            cluster.format();
            cluster.startup();
            kafka.awaitBroker();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return kafka;
    }

    /** Waits until the broker serves clients (the test kit's own wait needs JUnit on the class path). */
    private void awaitBroker() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (String why = KAFKA.unavailable(server()); why != null; why = KAFKA.unavailable(server())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka started for scenario D does not answer after " + START_TIMEOUT
                                                + ": " + why);
            }
            Thread.sleep(100);
        }
    }

    /** The broker, e.g. {@code kafka://localhost:41234/}. */
    BrokerAddress server() {
        return BrokerAddress.server(Broker.KAFKA, cluster.bootstrapServers().split(",")[0]);
    }

    /**
     * Moves some traffic through the new broker, so that the first session does not meet a broker still compiling its
     * hot path (the sessions after it would).
     */
    void warmUp() throws Exception {
        BrokerAddress topic = server().named("arroyo-bench-warm-up");
        List<BrokerAddress> topics = List.of(topic);
        KAFKA.create(topics);
        byte[] event = BenchFrames.ofFrameKib(1).event(BenchFrames.nowEpochNanos());
        // downstream of itself: the publisher waits for nothing but the broker
        try (Outbox out = KAFKA.publisher(topic, topic); Inbox in = KAFKA.subscriber(topic, START_TIMEOUT)) {
            for (int i = 0; i < WARM_UP_MESSAGES; i++) {
                out.send(event);
            }
            out.flush();
            for (int i = 0; i < WARM_UP_MESSAGES; i++) {
                if (in.next() == null) {
                    throw new IllegalStateException("the Kafka started for scenario D gave back " + i + " of " + WARM_UP_MESSAGES
                                                    + " messages within " + START_TIMEOUT);
                }
            }
        }
        KAFKA.delete(topics);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
