package org.arroyo.camel.operator;

import java.util.List;
import java.util.Locale;

/**
 * The settings of a partitioned end of a pipeline ({@link PartitionRecipients}): each event goes to one of the
 * {@code outputs}, chosen {@code by} a metadata {@code field}; starts and stops go to every output. All required.
 */
public record Partitioning(By by, String field, List<String> outputs) {

    /** How the field chooses the output. */
    public enum By {
        /** {@link Partitioner#byChoice}: an integer field, e.g. stream-py's choice */
        CHOICE,
        /** {@link Partitioner#byKeyHash}: the CRC-32 of the field's text */
        KEY;

        /** The name the data forms write: {@code choice} or {@code key}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @throws IllegalArgumentException naming the missing setting
     */
    public Partitioning {
        String missing = by == null ? "by" : field == null || field.isBlank() ? "field" : outputs == null || outputs.isEmpty() ? "outputs" : null;
        if (missing != null) {
            throw new IllegalArgumentException("partition needs by, field, outputs; " + missing + " is missing");
        }
        field = field.strip();
        outputs = List.copyOf(outputs);
    }

    /** The partitioner these settings name. */
    public Partitioner partitioner() {
        return by == By.CHOICE ? Partitioner.byChoice(field) : Partitioner.byKeyHash(field);
    }
}
