package org.arroyo.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka through kafka-clients, on new topics of one partition (a run stays in order), so that the source's n-th
 * message has offset n - 1 in its topic and the stage's n-th copy offset n - 1 in the next: the source counts as
 * waiting what it sent past the next topic's end.
 */
final class KafkaTopics implements BrokerClient {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The consumer group of the stage that reads the topic. */
    private static String group(BrokerAddress topic) {
        return "arroyo-benchmarks-" + topic.name();
    }

    @Override
    public String unavailable(BrokerAddress server) {
        try (Admin admin = admin(server)) {
            boolean serving = !admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
            return serving ? null : "Kafka on " + server.hostPort() + " has no broker serving yet";
        } catch (Exception e) {
            return "Kafka does not answer on " + server.hostPort() + ": " + e;
        }
    }

    @Override
    public void create(List<BrokerAddress> destinations) throws Exception {
        try (Admin admin = admin(destinations.get(0))) {
            admin.createTopics(destinations.stream().map(topic -> new NewTopic(topic.name(), 1, (short) 1)).toList())
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void delete(List<BrokerAddress> destinations) throws Exception {
        try (Admin admin = admin(destinations.get(0))) {
            admin.deleteTopics(destinations.stream().map(BrokerAddress::name).toList())
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Outbox publisher(BrokerAddress to, BrokerAddress downstream) {
        if (downstream == null) {
            throw new IllegalArgumentException("a Kafka source needs the topic its next stage publishes to (--downstream)");
        }
        KafkaProducer<byte[], byte[]> producer = producer(to);
        KafkaConsumer<byte[], byte[]> downstreamEnd = consumer(downstream, Map.of());
        TopicPartition passedOn = new TopicPartition(downstream.name(), 0);
        Backlog backlog = new Backlog(sent -> sent - downstreamEnd.endOffsets(Set.of(passedOn)).get(passedOn));
        AtomicReference<Exception> failure = new AtomicReference<>();
        return new Outbox() {
            @Override
            public void send(byte[] message) throws Exception {
                backlog.beforeSend();
                producer.send(new ProducerRecord<>(to.name(), message), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }

            @Override
            public void flush() throws Exception {
                producer.flush();
                if (failure.get() != null) {
                    throw failure.get();
                }
            }

            @Override
            public void awaitDrained() throws Exception {
                backlog.awaitEmpty();
            }

            @Override
            public void close() {
                producer.close();
                downstreamEnd.close();
            }
        };
    }

    @Override
    public Inbox subscriber(BrokerAddress from, Duration idleTimeout) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(from, Map.of());
        List<TopicPartition> partitions = List.of(new TopicPartition(from.name(), 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new Inbox() {
            private Iterator<ConsumerRecord<byte[], byte[]>> polled = Collections.emptyIterator();

            @Override
            public byte[] next() {
                long deadline = System.nanoTime() + idleTimeout.toNanos();
                while (!polled.hasNext()) {
                    if (System.nanoTime() > deadline) {
                        return null;
                    }
                    polled = consumer.poll(POLL).iterator();
                }
                return polled.next().value();
            }

            @Override
            public void close() {
                consumer.close();
            }
        };
    }

    @Override
    public Stage.Running relay(BrokerAddress in, BrokerAddress out) {
        return new Relay(in, out);
    }

    @Override
    public String listenUri(BrokerAddress in) {
        return "kafka:" + in.name() + "?brokers=" + in.hostPort() + "&groupId=" + group(in) + "&autoOffsetReset=earliest";
    }

    @Override
    public String publishUri(BrokerAddress out) {
        return "kafka:" + out.name() + "?brokers=" + out.hostPort();
    }

    private static Admin admin(BrokerAddress server) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.hostPort()));
    }

    private static KafkaProducer<byte[], byte[]> producer(BrokerAddress server) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.hostPort()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(BrokerAddress server, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.hostPort());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The usual at-least-once loop: poll, send each record on, wait until all are acknowledged, commit. Records of a
     * poll are sent together, so the producer batches them.
     */
    private static final class Relay implements Stage.Running {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final String outTopic;
        private final Thread thread;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;

        Relay(BrokerAddress in, BrokerAddress out) {
            consumer = consumer(in, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group(in),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            producer = producer(out);
            outTopic = out.name();
            consumer.subscribe(List.of(in.name()));
            thread = new Thread(this::relay, "kafka-relay");
            thread.start();
        }

        private void relay() {
            try {
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (records.isEmpty()) {
                        continue;
                    }
                    List<Future<RecordMetadata>> sent = new ArrayList<>(records.count());
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        sent.add(producer.send(new ProducerRecord<>(outTopic, record.key(), record.value())));
                    }
                    producer.flush();
                    for (Future<RecordMetadata> acknowledged : sent) {
                        acknowledged.get(); // a failed send throws here, before its offset is committed
                    }
                    consumer.commitSync();
                }
            } catch (WakeupException e) {
                // closing
            } catch (Exception e) {
                failure.set(e);
                System.err.println("kafka relay failed: " + e);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            consumer.wakeup();
            thread.join();
            consumer.close();
            producer.close();
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }
}
