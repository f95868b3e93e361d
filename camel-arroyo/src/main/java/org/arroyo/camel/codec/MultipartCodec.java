package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.internal.MapBuilder;

/**
 * The timepix convention: an event is two frames, a msgpack header map (with {@code dtype} and
 * {@code shape} describing the array) and the raw array bytes; start and stop are one msgpack map.
 */
public final class MultipartCodec implements MessageCodec {

    private static final Supplier<String> HEADER = () -> "header";

    @Override
    public ArroyoMessage decode(List<ByteBuffer> frames) {
        MessageCodec.requireFrames(frames, 1, 2, "multipart");
        MapBuilder fields;
        try {
            fields = MsgpackReader.readMap(frames.get(0));
        } catch (ArroyoDecodeException e) {
            throw e.inFrame(0);
        }
        MessageType type = WireMaps.takeMessageType(fields);
        if (type != MessageType.EVENT) {
            MessageCodec.requireFrames(frames, 1, 1, "multipart " + type.wireName());
            return WireMaps.startOrStop(type, fields.build());
        }
        if (frames.size() == 1) {
            return Event.of(fields.build());
        }
        ByteBuffer payload = frames.get(1);
        if (!fields.containsKey("dtype") && !fields.containsKey("shape")) {
            return Event.of(fields.build(), payload);
        }
        return Event.of(fields.build(), WireMaps.array(HEADER, fields.get("dtype"), fields.get("shape"), payload));
    }

    @Override
    public List<byte[]> encode(ArroyoMessage message) {
        MsgpackWriter header = new MsgpackWriter();
        if (!(message instanceof Event event)) {
            return List.of(header.value(WireMaps.withType(message.type(), WireMaps.data(message))).toByteArray());
        }
        Map<String, Object> fields = new LinkedHashMap<>(event.metadata());
        event.array().ifPresent(array -> describe(fields, array));
        header.value(WireMaps.withType(MessageType.EVENT, fields));
        if (!event.hasPayload() && event.array().isEmpty()) {
            return List.of(header.toByteArray());
        }
        return List.of(header.toByteArray(), Bytes.copyOf(event.payload()));
    }

    /** Adds the array's dtype and shape to a header that does not state them already. */
    private static void describe(Map<String, Object> fields, NdArray array) {
        fields.putIfAbsent("shape", WireMaps.shapeValue(array));
        fields.putIfAbsent("dtype", array.dtype().numpySpelling(array.byteOrder()));
        if (!describes(fields, array)) {
            throw new IllegalArgumentException("the metadata's dtype " + fields.get("dtype") + " and shape "
                    + fields.get("shape") + " do not describe the event's array " + array);
        }
    }

    /** Whether a header's dtype and shape (a decoded header keeps them) say what the array is. */
    private static boolean describes(Map<String, Object> fields, NdArray array) {
        try {
            return WireMaps.array(HEADER, fields.get("dtype"), fields.get("shape"), array.data()).equals(array);
        } catch (ArroyoDecodeException e) {
            return false;
        }
    }
}
