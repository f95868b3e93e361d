package org.arroyo.camel.zocalo.strformat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.arroyo.camel.codec.PythonFloats;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formats the same templates, format specs and floats in CPython (the system interpreter) and
 * here, and requires the same text or the same exception, case by case.
 */
class PythonFormattingPeerTest {

    /**
     * Applies one template as python-workflows does: string.Formatter over a dict that keeps
     * unknown names (the classes carry python-workflows' names, which appear in its errors).
     */
    private static final String PEER = """
            import json, math, string, struct, sys

            class SafeString:
                def __init__(self, name): self.name = name
                def __str__(self): return "{" + self.name + "}"
                __repr__ = __str__
                def __getitem__(self, key): return SafeString(self.name + "[" + key + "]")

            class SafeDict(dict):
                def __missing__(self, key): return SafeString(key)

            def outcome(f):
                try:
                    return {"ok": f()}
                except Exception as e:
                    return {"error": type(e).__name__ + ": " + str(e)}

            def number(v):
                return float(v[2:]) if isinstance(v, str) and v.startswith("f:") else v

            for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
                case = json.loads(line)
                if case["kind"] == "template":
                    params = SafeDict({k: number(v) for k, v in case["parameters"].items()})
                    result = outcome(lambda: string.Formatter().vformat(case["template"], (), params))
                elif case["kind"] == "spec":
                    result = outcome(lambda: format(number(case["value"]), case["spec"]))
                else:
                    result = {"ok": repr(struct.unpack("<d", int(case["bits"]).to_bytes(8, "little", signed=True))[0])}
                print(json.dumps(result))
            """;

    private static final Map<String, Object> PARAMETERS = parameters();

    @Test
    void templatesFormatAsInPython() throws Exception {
        List<String> templates = List.of("{a}", "x{a}y{n}", "{missing}", "{a!r}", "{missing!r}", "{missing:>5}",
                "{missing!s:>5}", "{[a]}", "{a[0]}", "{missing[0]}", "{missing[key]}", "{d[k]}", "{d[k][1]}", "{d[nope]}",
                "{l[-1]}", "{l[5]}", "{a.nope}", "{missing.attr}", "{a..b}", "{a[b}", "{a[b]c}", "{a[]}", "{}", "{0}",
                "{ }", "{a:{n}}", "{n:{missing}}", "{t}", "{t:>5}", "{f}", "{big}", "{d}", "{l!r}", "{u!a}", "{missing!a}",
                "a{{b}}c", "{a", "a}", "{a:", "{a!s", "{a!x}", "{a!sx}", "{a!}", "{n:08.3f}", "{n:,}", "{f:%}", "{n:c}",
                "{a:{{}}}", "{a{b}", "{a[}]}", "{n:{n}{n}}", "{n:{n:{n:{n}}}}", "{neg:+010,}", "{n!r:>{n}}", "{é}", "{u}",
                "{nothing}{a}{{}}", "{d[k]!s:^30}", "{f:.{n}g}", "{ä[x]}");
        List<Map<String, Object>> cases = new ArrayList<>();
        templates.forEach(t -> cases.add(Map.of("kind", "template", "template", t, "parameters", PARAMETERS)));

        assertAllAsInPython(cases, c -> StringFormatter.format((String) c.get("template"), withFloats(PARAMETERS)));
    }

    @Test
    void formatSpecsFormatAsInPython() throws Exception {
        List<Object> values = List.of(0L, 7L, -42L, 1234567L, 255L, -98765432109876L, true, false, "", "ab", "é€",
                "f:0.0", "f:-0.0", "f:1.5", "f:-1234.5678", "f:1e16", "f:1e-05", "f:123456789.125", "f:0.1", "f:2.5",
                "f:nan", "f:inf", "f:-inf", "f:1e300", "f:5e-324", "f:0.000123456", "f:9.9999", "f:999999.5");
        Random random = new Random(7);
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Object value = values.get(random.nextInt(values.size()));
            cases.add(Map.of("kind", "spec", "value", value, "spec", randomSpec(random)));
        }
        for (Object value : values) {
            for (String spec : List.of("", "s", "d", "r", ">", "x<", ",,", "_,", "._", ".", "10.3.2", "z", "#", "=")) {
                cases.add(Map.of("kind", "spec", "value", value, "spec", spec));
            }
        }

        assertAllAsInPython(cases, c -> FormatSpec.format(floatOrValue(c.get("value")), (String) c.get("spec")));
    }

    @Test
    void floatReprIsPythonsForEdgeAndRandomDoubles() throws Exception {
        List<Double> doubles = new ArrayList<>(edgeDoubles());
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            doubles.add(Double.longBitsToDouble(random.nextLong()));
            doubles.add(Math.scalb(random.nextDouble(), random.nextInt(120) - 60));
            // a decimal of 1 to 17 digits read as a double: its shortest digits are usually these digits
            doubles.add(Double.parseDouble(random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(17)) + "e"
                    + (random.nextInt(80) - 40)));
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        for (double d : doubles) {
            cases.add(Map.of("kind", "repr", "bits", Long.toString(Double.doubleToRawLongBits(d))));
        }

        assertAllAsInPython(cases, c -> PythonFloats.repr(Double.longBitsToDouble(Long.parseLong((String) c.get("bits")))));
    }

    /**
     * Zeros, infinities, NaN, the extremes, every power of two (where the doubles below lie closer than those above)
     * and every power of ten with its neighbours (where repr switches between positional and exponent form).
     */
    private static List<Double> edgeDoubles() {
        List<Double> edges = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, -Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 0.2, 0.30000000000000004,
                1.0 / 3, 2.0 / 3, 9007199254740991.0, 9007199254740993.0, 123456789012345680.0, 1458195070.3131151));
        for (int exponent = Double.MIN_EXPONENT - 52; exponent <= Double.MAX_EXPONENT; exponent++) {
            double power = Math.scalb(1.0, exponent);
            edges.addAll(List.of(power, Math.nextUp(power), Math.nextDown(power)));
        }
        for (int exponent = -324; exponent <= 308; exponent++) {
            double power = Double.parseDouble("1e" + exponent);
            edges.addAll(List.of(power, Math.nextUp(power), Math.nextDown(power), -power));
        }
        for (int multiple = 2; multiple < 100; multiple++) {
            edges.add(multiple * Double.MIN_VALUE);
        }
        return edges;
    }

    private interface Formatting {
        String apply(Map<String, Object> c);
    }

    private static void assertAllAsInPython(List<Map<String, Object>> cases, Formatting ours) throws Exception {
        List<String> lines = cases.stream().map(RecipeJson::write).toList();
        List<String> python = PythonPeer.run(PEER, String.join("\n", lines) + "\n", "python3");
        assertThat(python).hasSameSizeAs(cases);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> expected = RecipeJson.parseObject(python.get(i), "peer answer");
            String actual;
            try {
                actual = "ok: " + ours.apply(cases.get(i));
            } catch (PythonException e) {
                actual = "error: " + e.getMessage();
            }
            String wanted = expected.containsKey("ok") ? "ok: " + expected.get("ok") : "error: " + expected.get("error");
            if (!wanted.equals(actual)) {
                mismatches.add(lines.get(i) + "\n   python: " + wanted + "\n   ours:   " + actual);
            }
        }
        assertThat(mismatches).as("cases formatted differently from CPython").isEmpty();
    }

    private static String randomSpec(Random random) {
        StringBuilder spec = new StringBuilder();
        if (random.nextInt(3) == 0) {
            spec.append(random.nextBoolean() ? "*" : "0");
        }
        if (spec.length() > 0 || random.nextInt(3) == 0) {
            spec.append("<>=^".charAt(random.nextInt(4)));
        }
        pick(random, spec, "+- ", 4);
        pick(random, spec, "z", 6);
        pick(random, spec, "#", 4);
        pick(random, spec, "0", 4);
        if (random.nextBoolean()) {
            spec.append(random.nextInt(16));
        }
        pick(random, spec, ",_", 4);
        if (random.nextInt(3) == 0) {
            spec.append('.').append(random.nextInt(12));
        }
        pick(random, spec, "bcdeEfFgGnosxX%", 2);
        return spec.toString();
    }

    private static void pick(Random random, StringBuilder spec, String choices, int oneIn) {
        if (random.nextInt(oneIn) == 0) {
            spec.append(choices.charAt(random.nextInt(choices.length())));
        }
    }

    private static Object floatOrValue(Object value) {
        if (!(value instanceof String s) || !s.startsWith("f:")) {
            return value;
        }
        return switch (s.substring(2)) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.valueOf(s.substring(2));
        };
    }

    private static Map<String, Object> withFloats(Map<String, Object> parameters) {
        Map<String, Object> converted = new LinkedHashMap<>();
        parameters.forEach((k, v) -> converted.put(k, floatOrValue(v)));
        return converted;
    }

    private static Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("a", "A");
        p.put("n", 18L);
        p.put("neg", -1234567L);
        p.put("f", "f:0.1");
        p.put("big", "f:1e16");
        p.put("t", true);
        p.put("u", "é");
        p.put("é", "accent");
        p.put("nothing", null);
        p.put("l", List.of(1L, "b"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("k", java.util.Arrays.asList(1L, "f:2.5", null, "x'y"));
        p.put("d", d);
        return p;
    }
}
