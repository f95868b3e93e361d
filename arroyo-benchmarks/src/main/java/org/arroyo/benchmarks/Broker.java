package org.arroyo.benchmarks;

import java.util.function.Supplier;

/** The brokers of scenario D, each with the client library its baseline uses. */
enum Broker {

    REDIS("redis", "Redis pub/sub", "Jedis", RedisPubSub::new),
    REDIS_STREAM("redis-stream", "Redis Streams", "Jedis", RedisStreams::new),
    KAFKA("kafka", "Kafka", "kafka-clients", KafkaTopics::new),
    RABBITMQ("rabbitmq", "RabbitMQ", "amqp-client", RabbitMqQueues::new);

    private final String scheme;
    private final String title;
    private final String clientLibrary;
    private final Supplier<BrokerClient> client;

    Broker(String scheme, String title, String clientLibrary, Supplier<BrokerClient> client) {
        this.scheme = scheme;
        this.title = title;
        this.clientLibrary = clientLibrary;
        this.client = client;
    }

    /** The scheme of this broker's addresses, e.g. {@code kafka} in {@code kafka://127.0.0.1:9092/frames}. */
    String scheme() {
        return scheme;
    }

    String title() {
        return title;
    }

    String clientLibrary() {
        return clientLibrary;
    }

    BrokerClient client() {
        return client.get();
    }

    static Broker ofScheme(String scheme) {
        for (Broker broker : values()) {
            if (broker.scheme.equalsIgnoreCase(scheme)) {
                return broker;
            }
        }
        return null;
    }
}
