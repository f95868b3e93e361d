package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * What a beamline scientist writes: what to do with each message of a run. Each method returns
 * the messages to publish: none ({@code List.of()}), one, or several. The defaults pass the
 * message through, so an operator overrides only what it cares about.
 *
 * <p>A run begins at {@link #onStart} and ends at {@link #onStop}: keep per-run state in fields,
 * reset in {@code onStart}. An operator instance serves one pipeline and is called by one thread
 * at a time unless the pipeline is decoupled into several processing threads.
 *
 * <p>An exception goes to Camel's error handler with the original message; the pipeline goes on
 * with the next message.
 */
public interface Operator {

    default List<? extends ArroyoMessage> onStart(Start start) throws Exception {
        return List.of(start);
    }

    default List<? extends ArroyoMessage> onEvent(Event event) throws Exception {
        return List.of(event);
    }

    default List<? extends ArroyoMessage> onStop(Stop stop) throws Exception {
        return List.of(stop);
    }

    /**
     * A batch from the pipeline's batching stage. The default applies {@link #onEvent} to each event
     * and publishes everything it returns, in order; override it to process a batch at once.
     */
    default List<? extends ArroyoMessage> onBatch(Batch batch) throws Exception {
        List<ArroyoMessage> outputs = new ArrayList<>();
        for (Event event : batch.events()) {
            outputs.addAll(onEvent(event));
        }
        return outputs;
    }

    /** Dispatches a message to the method for its type. */
    default List<? extends ArroyoMessage> apply(ArroyoMessage message) throws Exception {
        if (message instanceof Event event) {
            return onEvent(event);
        }
        if (message instanceof Start start) {
            return onStart(start);
        }
        return onStop((Stop) message);
    }
}
