package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.camel.codec.ArroyoArbitraries.ValueSet;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.internal.ArrayField;
import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our msgpack bytes are msgpack-python's bytes: random messages are handed to the real
 * msgpack-python (and numpy, for arrays, as arroyosas senders write them) and packed there.
 */
class MsgpackPythonCompatibilityTest {

    private static final int MESSAGES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rebuilds each tagged JSON line as Python objects and packs them as arroyosas senders do. */
    private static final String PACK_EACH_LINE = """
            import json, struct, sys
            import msgpack, numpy

            def build(tagged):
                tag, value = tagged
                if tag == 'null':
                    return None
                if tag in ('bool', 'int', 'str'):
                    return value
                if tag == 'float':
                    return struct.unpack('>d', bytes.fromhex(value))[0]
                if tag == 'bin':
                    return bytes.fromhex(value)
                if tag == 'list':
                    return [build(element) for element in value]
                if tag == 'map':
                    return {key: build(element) for key, element in value}
                if tag == 'ndarray':
                    array = numpy.frombuffer(bytes.fromhex(value['data']), dtype=value['typestr']).reshape(value['shape'])
                    return {'data': array.tobytes(), 'dtype': str(array.dtype), 'shape': list(array.shape)}
                raise ValueError('unknown tag ' + tag)

            for line in sys.stdin.buffer.read().decode('utf-8').split('\\n'):
                if line:
                    print(msgpack.packb(build(json.loads(line)), use_bin_type=True).hex())
            """;

    @Test
    void msgpackCodecWritesTheBytesMsgpackPythonWrites() throws JsonProcessingException {
        List<ArroyoMessage> messages = ArroyoArbitraries.msgpackMessages(ValueSet.PYTHON).sampleStream()
                .limit(MESSAGES).toList();
        StringBuilder lines = new StringBuilder();
        for (ArroyoMessage message : messages) {
            lines.append(JSON.writeValueAsString(wireMap(message))).append('\n');
        }

        List<String> python = PythonPeer.run(PACK_EACH_LINE, lines.toString(), "python3-msgpack", "python3-numpy");

        assertThat(python).hasSize(MESSAGES);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String ours = HexFormat.of().formatHex(WireFormat.MSGPACK.codec().encodeFrame(messages.get(i)));
            if (!ours.equals(python.get(i))) {
                differences.add(difference(messages.get(i), ours, python.get(i)));
            }
        }
        assertThat(differences).as("messages whose bytes differ from msgpack-python's").isEmpty();
    }

    /** The map an arroyosas sender packs for the message, as tagged JSON (exact floats, binary, order). */
    private static List<Object> wireMap(ArroyoMessage message) {
        Map<String, Object> fields = message instanceof Event event ? event.metadata() : WireMaps.data(message);
        List<Object> entries = new ArrayList<>();
        entries.add(List.of("msg_type", List.of("str", message.type().wireName())));
        fields.forEach((key, value) -> entries.add(List.of(key, tagged(value))));
        if (message instanceof Event event && event.array().isPresent()) {
            ArrayField place = event.arrayField();
            Object array = tagged(event.array().get());
            if (place.path().size() == 2) {
                array = List.of("map", List.of(List.of(place.path().get(1), array)));
            }
            entries.add(1 + place.position(), List.of(place.path().get(0), array));
        }
        return List.of("map", entries);
    }

    private static Object tagged(Object value) {
        if (value == null) {
            return Arrays.asList("null", null);
        }
        if (value instanceof Boolean) {
            return List.of("bool", value);
        }
        if (value instanceof Number && !(value instanceof Double)) {
            return List.of("int", value);
        }
        if (value instanceof Double number) {
            return List.of("float", String.format("%016x", Double.doubleToRawLongBits(number)));
        }
        if (value instanceof String) {
            return List.of("str", value);
        }
        if (value instanceof ByteBuffer bytes) {
            return List.of("bin", HexFormat.of().formatHex(Bytes.copyOf(bytes)));
        }
        if (value instanceof List<?> list) {
            return List.of("list", list.stream().map(MsgpackPythonCompatibilityTest::tagged).toList());
        }
        if (value instanceof Map<?, ?> map) {
            return List.of("map", map.entrySet().stream().map(entry -> List.of(entry.getKey(), tagged(entry.getValue()))).toList());
        }
        NdArray array = (NdArray) value;
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("data", HexFormat.of().formatHex(Bytes.copyOf(array.data())));
        description.put("typestr", array.dtype().typeString(array.byteOrder()));
        description.put("shape", array.shape());
        return List.of("ndarray", description);
    }

    private static String difference(ArroyoMessage message, String ours, String python) {
        int at = 0;
        while (at < Math.min(ours.length(), python.length()) && ours.charAt(at) == python.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 16) & ~1;
        return message + ": first difference at byte " + at / 2 + ", ours ..." + ours.substring(from, Math.min(ours.length(), at + 32))
                + " python ..." + python.substring(from, Math.min(python.length(), at + 32));
    }
}
