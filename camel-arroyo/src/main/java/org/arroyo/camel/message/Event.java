package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.arroyo.camel.message.internal.ArrayField;
import org.arroyo.camel.message.internal.Values;

/**
 * One unit of data of a run: {@code metadata} (the sender's fields, without {@code msg_type} and
 * without the field that held the array) and a {@code payload}, usually a detector frame. When the
 * payload is a numpy-style array, {@link #array()} describes it; the payload is never copied.
 *
 * <p>The metadata map given to a factory or to {@link #withMetadata} may be any {@code Map}: the event keeps an
 * immutable copy, in the map's iteration order, of Arroyo values (see the package description). The copy is one pass,
 * so a {@code LinkedHashMap} filled field by field is the fast way to build an event.
 */
public final class Event implements ArroyoMessage {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Map<String, Object> metadata;
    private final ByteBuffer payload;
    private final NdArray array;
    private final ArrayField arrayField;

    /** Takes frozen metadata and a read-only payload positioned at 0 as they are. */
    private Event(Map<String, Object> metadata, ByteBuffer payload, NdArray array, ArrayField arrayField) {
        this.metadata = metadata;
        this.payload = payload;
        this.array = array;
        // a position past the last field means "after all fields": store it so, so that equal events compare equal
        this.arrayField = Objects.requireNonNull(arrayField, "arrayField").position() > metadata.size()
                ? arrayField.at(metadata.size()) : arrayField;
    }

    /** An event with metadata only. */
    public static Event of(Map<String, ?> metadata) {
        return new Event(Values.freeze(metadata), EMPTY, null, ArrayField.IMAGE_ARRAY);
    }

    /** An event whose payload is opaque bytes (not copied). */
    public static Event of(Map<String, ?> metadata, ByteBuffer payload) {
        return new Event(Values.freeze(metadata), Values.readOnlySlice(payload), null, ArrayField.IMAGE_ARRAY);
    }

    /** An event carrying an array, placed under {@code image.array} in one-map conventions. */
    public static Event of(Map<String, ?> metadata, NdArray array) {
        return of(metadata, array, ArrayField.IMAGE_ARRAY);
    }

    /** For codecs: an event carrying an array at the given place in one-map conventions. */
    public static Event of(Map<String, ?> metadata, NdArray array, ArrayField arrayField) {
        return new Event(Values.freeze(metadata), array.data(), array, arrayField);
    }

    @Override
    public MessageType type() {
        return MessageType.EVENT;
    }

    /** The fields, immutable, in the order they were given or received. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The payload bytes, read-only, positioned at 0; empty when the event has none. */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** Whether the event carries payload bytes. */
    public boolean hasPayload() {
        return payload.hasRemaining();
    }

    /** The payload as a typed array, when the sender described it as one. */
    public Optional<NdArray> array() {
        return Optional.ofNullable(array);
    }

    /** For codecs: where the array sits in one-map conventions, so that a decoded event re-encodes the same. */
    public ArrayField arrayField() {
        return arrayField;
    }

    /** This event with other metadata (copied as by {@link #of(Map)}) and the same payload, not copied. */
    public Event withMetadata(Map<String, ?> newMetadata) {
        return new Event(Values.freeze(newMetadata), payload, array, arrayField);
    }

    /** This event with another array and the same metadata. */
    public Event withArray(NdArray newArray) {
        return new Event(metadata, newArray.data(), newArray, arrayField);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event other && metadata.equals(other.metadata) && payload.equals(other.payload)
                && Objects.equals(array, other.array) && arrayField.equals(other.arrayField);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, payload.remaining(), array, arrayField);
    }

    @Override
    public String toString() {
        String body = array != null ? " " + arrayField.dotted() + "=" + array
                : payload.hasRemaining() ? " payload=" + Values.describeBytes(payload) : "";
        return "Event" + Values.describe(metadata) + body;
    }
}
