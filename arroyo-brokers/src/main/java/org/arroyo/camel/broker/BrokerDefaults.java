package org.arroyo.camel.broker;

import java.util.Set;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;

/** Arroyo's delivery defaults for the endpoints of one broker component, applied by {@code arroyo:} endpoints. */
public interface BrokerDefaults {

    /** The scheme of the broker component, e.g. {@code kafka}. */
    String scheme();

    /**
     * Readies a new endpoint of the broker for Arroyo messages, for the options its URI left open.
     *
     * @param given the option names its URI gives
     */
    void configure(Endpoint endpoint, Set<String> given) throws Exception;

    /** The consumer of a configured endpoint. */
    default Consumer createConsumer(Endpoint endpoint, Processor processor) throws Exception {
        return endpoint.createConsumer(processor);
    }

    /** The producer of a configured endpoint. */
    default AsyncProducer createProducer(Endpoint endpoint) throws Exception {
        return endpoint.createAsyncProducer();
    }

    /**
     * Whether the consumer of a configured endpoint dead-letters a message that keeps failing by itself; a pipeline
     * listening there then leaves failures to it rather than sending them to its own dead letters.
     */
    default boolean deadLettersItself(Endpoint endpoint) {
        return false;
    }

    /** What the endpoint's producer does around each send, or null for nothing. */
    default PublishStep publishStep(Endpoint endpoint) {
        return null;
    }

    /** Releases what these defaults opened for their endpoints (the component stopped). */
    default void close() {
    }
}
