package org.arroyo.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One broker seen two ways: through its own client library (the source, the sink and the baseline relay of scenario
 * D), and through the Camel endpoint URIs an Arroyo pipeline listens and publishes on, written as docs/brokers.md shows
 * them.
 */
interface BrokerClient {

    /** Why the broker cannot be used at the address (naming it), or null when it answers. */
    String unavailable(BrokerAddress server);

    /** Makes the destinations ready before a session (topics, queues); Redis channels need nothing. */
    void create(List<BrokerAddress> destinations) throws Exception;

    void delete(List<BrokerAddress> destinations) throws Exception;

    /**
     * The source's publisher. It holds the source back ({@link Backlog}) while too many of its messages wait for the
     * stage that consumes {@code to} and publishes to {@code downstream}.
     */
    Outbox publisher(BrokerAddress to, BrokerAddress downstream) throws Exception;

    /** The sink's consumer, from the beginning of the destination; ready when this returns. */
    Inbox subscriber(BrokerAddress from, Duration idleTimeout) throws Exception;

    /** The baseline: a loop on the raw client that consumes each message and publishes it on, running until closed. */
    Stage.Running relay(BrokerAddress in, BrokerAddress out) throws Exception;

    /** The pipeline's listener URI. */
    String listenUri(BrokerAddress in);

    /** The pipeline's publisher URI. */
    String publishUri(BrokerAddress out);

    /** Properties the CamelContext needs to reach the broker at the address. */
    default Map<String, String> camelProperties(BrokerAddress server) {
        return Map.of();
    }

}
