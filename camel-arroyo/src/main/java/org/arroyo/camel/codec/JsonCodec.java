package org.arroyo.camel.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.Values;

/**
 * The ArroyoXPS / LabVIEW convention: each message is a JSON map with {@code msg_type}; an event's
 * image travels as the next, separate frame (see {@link JsonImageAssembler} for pairing a stream).
 */
public final class JsonCodec implements MessageCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MsgpackReader.MAX_DEPTH).build());
    }

    @Override
    public ArroyoMessage decode(List<ByteBuffer> frames) {
        MessageCodec.requireFrames(frames, 1, 2, "json");
        Map<String, Object> map = readMap(frames.get(0));
        MessageType type = WireMaps.messageType(map);
        Map<String, Object> fields = WireMaps.fields(map);
        if (type != MessageType.EVENT) {
            MessageCodec.requireFrames(frames, 1, 1, "json " + type.wireName());
            return WireMaps.startOrStop(type, fields);
        }
        return frames.size() == 2 ? Event.of(fields, frames.get(1)) : Event.of(fields);
    }

    /** The JSON map a frame holds, with integers as {@code Long}. */
    static Map<String, Object> readMap(ByteBuffer frame) {
        byte[] json = Bytes.copyOf(frame);
        try {
            Map<String, Object> map = MAPPER.readValue(json, MAP);
            if (map == null) {
                throw new ArroyoDecodeException("expected a JSON object, found null", 0);
            }
            return Values.freeze(map);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new ArroyoDecodeException("malformed JSON: " + e.getOriginalMessage(), offset, e);
        } catch (IOException e) {
            throw new ArroyoDecodeException("unreadable JSON: " + e.getMessage(), -1, e);
        }
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
        rejectBinary(map, "");
        try {
            return MAPPER.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON has no binary type: a binary value would silently become base64 text. */
    private static void rejectBinary(Object value, String where) {
        if (value instanceof ByteBuffer) {
            throw new IllegalArgumentException("binary field '" + where + "' cannot be written as JSON");
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> rejectBinary(element, where.isEmpty() ? key.toString() : where + "." + key));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                rejectBinary(list.get(i), where + "[" + i + "]");
            }
        }
    }
}
