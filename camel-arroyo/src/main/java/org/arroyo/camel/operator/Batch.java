package org.arroyo.camel.operator;

import java.util.List;

import org.arroyo.camel.message.Event;

/**
 * Events gathered by a pipeline's batching stage, in arrival order, and why the batch closed.
 * Operators receive it through {@link Operator#onBatch}; {@code unbatch()} publishes its events
 * one by one again.
 */
public record Batch(List<Event> events, ClosedBy closedBy) {

    /** Why a batch closed. */
    public enum ClosedBy {
        /** it reached the maximum size */
        SIZE,
        /** its first event reached the maximum age */
        AGE,
        /** no event arrived for the idle time */
        IDLE,
        /** the run's stop (or a new start) arrived */
        RUN_BOUNDARY,
        /** the pipeline stopped */
        SHUTDOWN
    }

    public Batch {
        events = List.copyOf(events);
    }

    public int size() {
        return events.size();
    }

    /** What unbatching makes of a body: the events of a batch, in order, or any other body as it is. */
    public static List<?> unbatched(Object body) {
        return body instanceof Batch batch ? batch.events() : List.of(body);
    }
}
