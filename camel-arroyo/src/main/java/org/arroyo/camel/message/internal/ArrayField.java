package org.arroyo.camel.message.internal;

import java.util.List;

/**
 * Where an event's array sits inside a one-map message (the msgpack convention): the keys leading
 * to the {@code {data, dtype, shape}} map, e.g. {@code image.array} (or {@code image} in older
 * senders), and the position of the first of those keys among the event's other fields, so that a
 * decoded event re-encodes to the same bytes.
 */
public record ArrayField(List<String> path, int position) {

    /** {@code image.array}, written as the first field after {@code msg_type}, as arroyosas does. */
    public static final ArrayField IMAGE_ARRAY = new ArrayField(List.of("image", "array"), 0);

    /** {@code image}, the older senders' place. */
    public static final ArrayField IMAGE = new ArrayField(List.of("image"), 0);

    public ArrayField {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an array field needs at least one key");
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative array field position " + position);
        }
    }

    /** The same path at another position. */
    public ArrayField at(int newPosition) {
        return new ArrayField(path, newPosition);
    }

    /** The dotted form, e.g. {@code image.array}. */
    public String dotted() {
        return String.join(".", path);
    }
}
