package org.arroyo.camel.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.internal.MapBuilder;

/**
 * The ArroyoXPS / LabVIEW convention: each message is a JSON map with {@code msg_type}; an event's
 * image travels as the next, separate frame (see {@link JsonImageAssembler} for pairing a stream).
 */
public final class JsonCodec implements MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MsgpackReader.MAX_DEPTH).build());
    }

    @Override
    public ArroyoMessage decode(List<ByteBuffer> frames) {
        MessageCodec.requireFrames(frames, 1, 2, "json");
        MapBuilder fields = readMap(frames.get(0));
        MessageType type = WireMaps.takeMessageType(fields);
        if (type != MessageType.EVENT) {
            MessageCodec.requireFrames(frames, 1, 1, "json " + type.wireName());
            return WireMaps.startOrStop(type, fields.build());
        }
        return frames.size() == 2 ? Event.of(fields.build(), frames.get(1)) : Event.of(fields.build());
    }

    /** The JSON map a frame holds, with integers as {@code Long}. */
    @SuppressWarnings("unchecked")
    private static MapBuilder readMap(ByteBuffer frame) {
        byte[] json = Bytes.copyOf(frame);
        try {
            Object value = MAPPER.readValue(json, Object.class);
            if (!(value instanceof Map<?, ?> map)) {
                throw new ArroyoDecodeException("expected a JSON object, found " + kindOf(value), -1);
            }
            return MapBuilder.of((Map<String, ?>) map);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new ArroyoDecodeException("malformed JSON: " + e.getOriginalMessage(), offset, e);
        } catch (IOException e) {
            throw new ArroyoDecodeException("unreadable JSON: " + e.getMessage(), -1, e);
        }
    }

    private static String kindOf(Object value) {
        return value == null ? "null" : value instanceof List ? "an array" : value instanceof String ? "a string"
                : value instanceof Boolean ? "a boolean" : "a number";
    }

    @Override
    public List<byte[]> encode(ArroyoMessage message) {
        if (!(message instanceof Event event)) {
            return List.of(write(WireMaps.withType(message.type(), WireMaps.data(message))));
        }
        byte[] header = write(WireMaps.withType(MessageType.EVENT, event.metadata()));
        if (!event.hasPayload()) {
            return List.of(header);
        }
        return List.of(header, Bytes.copyOf(event.payload()));
    }

    private static byte[] write(Map<String, Object> map) {
        rejectUnwritable(map, "");
        try {
            return MAPPER.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON has no binary type nor NaN and infinities, UTF-8 no unpaired surrogate: they would silently change. */
    private static void rejectUnwritable(Object value, String where) {
        if (value instanceof String text) {
            Bytes.requireWellFormed(text);
        } else if (value instanceof ByteBuffer) {
            throw new IllegalArgumentException("binary field '" + where + "' cannot be written as JSON");
        } else if ((value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            throw new IllegalArgumentException("field '" + where + "' is " + value + ", which JSON cannot represent");
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> {
                Bytes.requireWellFormed((String) key);
                rejectUnwritable(element, where.isEmpty() ? key.toString() : where + "." + key);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                rejectUnwritable(list.get(i), where + "[" + i + "]");
            }
        }
    }
}
