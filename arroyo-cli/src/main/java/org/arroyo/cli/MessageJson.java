package org.arroyo.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.message.internal.Values;

/**
 * One JSON line per message: {@code {"type", "fields", "array"}} where {@code fields} is the
 * metadata or data without {@code msg_type} and without the field that held the array, and
 * {@code array} (only when there is one) gives dtype, shape, byte order, size and sha256. Binary
 * fields print as their size and sha256; an opaque payload as {@code payload}.
 */
final class MessageJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageJson() {
    }

    static String line(ArroyoMessage message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", message.type().wireName());
        if (message instanceof Event event) {
            line.put("fields", printable(event.metadata()));
            event.array().ifPresentOrElse(array -> line.put("array", describe(array)), () -> {
                if (event.hasPayload()) {
                    line.put("payload", describe(event.payload()));
                }
            });
        } else {
            line.put("fields", printable(message instanceof Start start ? start.data() : ((Stop) message).data()));
        }
        return write(line);
    }

    static String textLine(String text) {
        return write(Map.of("text", text));
    }

    /** A message that did not decode, and why. */
    static String undecodableLine(String why) {
        return write(Map.of("undecodable", why));
    }

    private static Map<String, Object> describe(NdArray array) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("dtype", array.dtype().numpyName());
        described.put("shape", Arrays.stream(array.shape()).boxed().toList());
        described.put("byteorder", array.byteOrder() == ByteOrder.BIG_ENDIAN ? "big" : "little");
        described.put("nbytes", array.nbytes());
        described.put("sha256", Values.sha256(array.data()));
        return described;
    }

    private static Map<String, Object> describe(ByteBuffer bytes) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("nbytes", bytes.remaining());
        described.put("sha256", Values.sha256(bytes));
        return described;
    }

    private static Object printable(Object value) {
        if (value instanceof ByteBuffer bytes) {
            return Map.of("binary", describe(bytes));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(key, printable(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MessageJson::printable).toList();
        }
        return value;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Arroyo values are always writable as JSON", e);
        }
    }
}
