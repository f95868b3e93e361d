package org.arroyo.camel.zocalo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The operator tools of Zocalo ({@code zocalo.dlq_check}, {@code dlq_purge}, {@code dlq_reinject},
 * {@code go}, {@code queue_drain}) on one broker. Queue names are the services' names, as
 * python-workflows takes them; each broker names the dead-letter queue of a queue its own way.
 */
public interface ZocaloQueues {

    /** The dead-letter queue of service queue {@code queue} on this broker. */
    String deadLetterQueue(String queue);

    /** How many messages {@code queue} holds (a queue name as the broker names it, e.g. a dead-letter queue). */
    long count(String brokerQueue);

    /** Moves every message of dead-letter queue {@code brokerQueue} into a {@link DeadLetterFile} under {@code directory}, each taken off the queue only once its file is written. */
    List<Path> export(String brokerQueue, Path directory);

    /** Sends a dead-letter file's message back where it died (or to service queue {@code destination}), marked as re-injected. */
    void reinject(Path file, String destination);

    /** Sends {@code body} to service queue {@code queue}, persistent, with these headers. */
    void send(String queue, Map<String, Object> headers, byte[] body);

    /** Moves every message of service queue {@code source} to service queue {@code destination}, headers and body unchanged; returns how many. */
    long drain(String source, String destination);
}
