package org.arroyo.benchmarks;

import picocli.CommandLine.Option;

/**
 * The options every stage takes: where it takes messages from and where it sends them, either ZeroMQ addresses (its
 * PULL socket connects to the source's, its PUSH socket binds for the sink) or destinations on a broker
 * ({@link BrokerAddress}); and the high water mark of ZeroMQ sockets.
 */
final class StageAddresses {

    @Option(names = "--in", required = true,
            description = "the source's ZeroMQ address (the stage's PULL connects), or a broker destination:"
                          + " redis://HOST:PORT/CHANNEL, redis-stream://HOST:PORT/STREAM, kafka://HOST:PORT/TOPIC,"
                          + " rabbitmq://USER:PASSWORD@HOST:PORT/QUEUE")
    String in;

    @Option(names = "--out", required = true,
            description = "the ZeroMQ address the stage's PUSH binds (the sink connects), or a broker destination")
    String out;

    @Option(names = "--hwm", defaultValue = "1000", description = "high water mark of every ZeroMQ socket, in messages")
    int hwm;

    boolean onBroker() {
        return BrokerAddress.isBrokerAddress(in);
    }
}
