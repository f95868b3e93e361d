package org.arroyo.camel.operator;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.arroyo.camel.message.Event;

/**
 * Chooses which of N outputs an event goes to: output {@code floorMod(choice, N)}, as stream-py's
 * workers do with the choice their function returns. Starts and stops go to every output, so each
 * partition sees its runs begin and end.
 */
@FunctionalInterface
public interface Partitioner {

    /** The choice for an event; the output is {@code floorMod(choice, outputs)}. */
    long choose(Event event);

    /** stream-py's choice: an integer metadata field, e.g. the {@code choice} an operator set. */
    static Partitioner byChoice(String field) {
        return event -> {
            if (!(event.metadata().get(field) instanceof Long choice)) {
                throw new IllegalArgumentException("event has no integer '" + field + "' field to partition by: " + event);
            }
            return choice;
        };
    }

    /**
     * Key hashing: the CRC-32 of a metadata field's text (UTF-8), so the same key always reaches the
     * same output, in every process and language that computes CRC-32 of the same text.
     */
    static Partitioner byKeyHash(String field) {
        return event -> {
            Object key = event.metadata().get(field);
            if (key == null) {
                throw new IllegalArgumentException("event has no '" + field + "' field to partition by: " + event);
            }
            CRC32 crc = new CRC32();
            crc.update(String.valueOf(key).getBytes(StandardCharsets.UTF_8));
            return crc.getValue();
        };
    }
}
