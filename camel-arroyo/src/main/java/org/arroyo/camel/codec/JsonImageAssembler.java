package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;

/**
 * Pairs a stream of ArroyoXPS frames into messages: a JSON event header is completed by the next
 * frame, the image, whose data type ({@code data_type}, a LabVIEW name, big-endian) and shape
 * ({@code Rectangle}: rows = Bottom - Top, columns = Right - Left) come from the run's start.
 * Not thread safe: one assembler per stream.
 */
public final class JsonImageAssembler {

    private static final Map<String, DType> LABVIEW_TYPES = Map.ofEntries(
            Map.entry("U8", DType.UINT8), Map.entry("U16", DType.UINT16),
            Map.entry("U32", DType.UINT32), Map.entry("U64", DType.UINT64),
            Map.entry("I8", DType.INT8), Map.entry("I16", DType.INT16),
            Map.entry("I32", DType.INT32), Map.entry("I64", DType.INT64),
            Map.entry("Single Float", DType.FLOAT32), Map.entry("SGL", DType.FLOAT32),
            Map.entry("Double Float", DType.FLOAT64), Map.entry("DBL", DType.FLOAT64));

    private Start start;
    private Event pendingHeader;

    /**
     * Takes the next frame of the stream.
     *
     * @return the message the frame completes, or empty when it is an event header awaiting its image
     * @throws ArroyoDecodeException when the frame is not what the stream expects next
     */
    public Optional<ArroyoMessage> accept(ByteBuffer frame) {
        if (pendingHeader != null) {
            Event header = pendingHeader;
            pendingHeader = null;
            return Optional.of(withImage(header, frame));
        }
        ArroyoMessage message = WireFormat.JSON.codec().decode(List.of(frame));
        if (message instanceof Start newStart) {
            start = newStart;
        } else if (message instanceof Event event) {
            pendingHeader = event;
            return Optional.empty();
        }
        return Optional.of(message);
    }

    /** True while an event header waits for its image. */
    public boolean awaitingImage() {
        return pendingHeader != null;
    }

    private Event withImage(Event header, ByteBuffer image) {
        if (start == null) {
            return Event.of(header.metadata(), image);
        }
        return Event.of(header.metadata(), new NdArray(labviewType(), shape(), ByteOrder.BIG_ENDIAN, sized(image)));
    }

    private ByteBuffer sized(ByteBuffer image) {
        long expected = (long) labviewType().itemSize() * shape()[0] * shape()[1];
        if (image.remaining() != expected) {
            throw new ArroyoDecodeException("image has " + image.remaining() + " bytes but the start's data_type "
                    + start.data().get("data_type") + " and Rectangle need " + expected, -1);
        }
        return image;
    }

    private DType labviewType() {
        Object name = start.data().get("data_type");
        DType type = LABVIEW_TYPES.get(String.valueOf(name));
        if (type == null) {
            throw new ArroyoDecodeException("start's data_type " + name + " is not a LabVIEW numeric type "
                    + LABVIEW_TYPES.keySet(), -1);
        }
        return type;
    }

    private int[] shape() {
        if (!(start.data().get("Rectangle") instanceof Map<?, ?> rectangle)) {
            throw new ArroyoDecodeException("start has no Rectangle map giving the image geometry", -1);
        }
        int rows = coordinate(rectangle, "Bottom") - coordinate(rectangle, "Top");
        int columns = coordinate(rectangle, "Right") - coordinate(rectangle, "Left");
        if (rows < 0 || columns < 0) {
            throw new ArroyoDecodeException("start's Rectangle " + rectangle + " has a negative size", -1);
        }
        return new int[] { rows, columns };
    }

    private static int coordinate(Map<?, ?> rectangle, String key) {
        if (!(rectangle.get(key) instanceof Long value) || value < 0 || value > Integer.MAX_VALUE) {
            throw new ArroyoDecodeException("Rectangle." + key + " must be a non-negative integer, got " + rectangle.get(key), -1);
        }
        return value.intValue();
    }
}
