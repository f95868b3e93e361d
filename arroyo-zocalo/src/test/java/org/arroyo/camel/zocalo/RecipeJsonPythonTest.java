package org.arroyo.camel.zocalo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON written here must be the very bytes CPython's {@code json.dumps} writes for the same value
 * (python-workflows serialises every message so), and integers beyond Java's long must pass through.
 */
class RecipeJsonPythonTest {

    /** Reads each line with json.loads and prints json.dumps of it. */
    private static final String DUMPS = """
            import json, sys
            for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
                print(json.dumps(json.loads(line)))
            """;

    @Test
    void writesWhatJsonDumpsWrites() {
        List<String> inputs = new ArrayList<>(List.of(
                "{\"a\":1,\"b\":[1,2.5,\"x\"],\"c\":{},\"d\":[],\"e\":null,\"f\":true,\"g\":false}",
                "{\"text\":\"caf\u00e9 \u20ac \ud83d\ude00 \u00ff\",\"keys \u00e9\":\"\\u0000\\u001f\\u007f\\b\\f\\n\\r\\t\\\"\\\\/\"}",
                "[9223372036854775807,9223372036854775808,-9223372036854775809,123456789012345678901234567890]",
                "[0.1,1e16,1e-05,5e-324,-0.0,1.7976931348623157e308,100.0,123456789.125,NaN,Infinity,-Infinity]",
                "{\"recipe\":{\"1\":{\"queue\":\"q\",\"parameters\":{\"n\":{\"nested\":[[],{},[{}]]}}},\"start\":[[1,[]]]},\"recipe-pointer\":1}",
                "\"\u0391\u03b2\u03b3 \u65e5\u672c \\t tab\"",
                "{}"));
        Random random = new Random(17);
        for (int i = 0; i < 200; i++) {
            inputs.add(randomValue(random, 3));
        }

        List<String> python = PythonPeer.run(DUMPS, String.join("\n", inputs) + "\n");

        assertThat(inputs.stream().map(line -> RecipeJson.write(RecipeJson.parse(line))).toList()).isEqualTo(python);
    }

    @Test
    void carriesIntegersBeyondLong() {
        RecipeMessage message = RecipeMessage.parse("{\"recipe\": {\"1\": {\"queue\": \"q\"}, \"start\": [[1, null]]},"
                + " \"recipe-pointer\": 1, \"payload\": {\"big\": 9223372036854775808, \"small\": -9223372036854775809}}");

        assertThat(message.payload()).isEqualTo(Map.of("big", new BigInteger("9223372036854775808"),
                "small", new BigInteger("-9223372036854775809")));
        assertThat(message.toJson()).contains("\"payload\": {\"big\": 9223372036854775808, \"small\": -9223372036854775809}");
    }

    /** Compact JSON with raw UTF-8, which json.dumps writes otherwise. */
    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 1 -> new BigInteger(80, random).negate().toString();
            case 2 -> Double.toString(Double.longBitsToDouble(random.nextLong()) % 1e20).replace("NaN", "0.5");
            case 3 -> Double.toString(random.nextInt(1000) / 8.0 * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> quoted(randomText(random));
            case 5 -> random.nextBoolean() ? "true" : "null";
            case 6 -> random.ints(random.nextInt(4), 0, 1).mapToObj(ignored -> randomValue(random, depth - 1))
                    .collect(Collectors.joining(",", "[", "]"));
            default -> random.ints(random.nextInt(4), 0, 1)
                    .mapToObj(ignored -> quoted(randomText(random)) + ":" + randomValue(random, depth - 1))
                    .collect(Collectors.joining(",", "{", "}"));
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int[] alphabet = {'a', 'Z', ' ', '~', 0x7f, 0xe9, 0x3b1, 0x20ac, 0xfffd, 0x1f600, '"', '\\', '\n', 0x01, 0x1e};
        for (int i = random.nextInt(6); i > 0; i--) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }
}
