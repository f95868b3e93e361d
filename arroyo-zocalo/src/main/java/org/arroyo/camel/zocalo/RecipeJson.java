package org.arroyo.camel.zocalo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.arroyo.camel.zocalo.strformat.PythonValues;

/**
 * JSON as Python's {@code json} module reads and writes it for Zocalo: objects keep their key
 * order, integers stay integers (Long, or BigInteger beyond it: Python's have no bound), NaN and
 * Infinity are accepted. {@link #write} gives the bytes {@code json.dumps} gives: {@code ", "} and
 * {@code ": "} between items, everything outside printable ASCII escaped with four lower-case hex
 * digits ({@code ensure_ascii}), floats with Python's shortest {@code repr} digits.
 */
public final class RecipeJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .addModule(new SimpleModule("python-json")
                    .addSerializer(Double.class, new PythonFloatSerializer())
                    .addDeserializer(Object.class, new PythonIntegers()))
            .build();
    private static final ObjectWriter DUMPS = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("", ""))
                    .withArrayIndenter(new DefaultIndenter("", "")))
            .with(new AsciiEscapes());

    private RecipeJson() {
    }

    /** Parses any JSON value into null, Boolean, Long/BigInteger, Double, String, List or Map. */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new RecipeException("JSONDecodeError", "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON object, e.g. recipe parameters. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json, String what) {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new RecipeException("TypeError", what + " must be a JSON object, not " + PythonValues.typeName(value));
        }
        return (Map<String, Object>) value;
    }

    /** The JSON text {@code json.dumps(value)} writes. */
    public static String write(Object value) {
        try {
            return DUMPS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String writePretty(Object value) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return MAPPER.writer(printer).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value read as {@code type}, e.g. a payload map as a record. */
    public static <T> T convert(Object value, Class<T> type) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + PythonValues.typeName(value) + " as " + type.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A deep copy made of LinkedHashMap and ArrayList, free to change. */
    static Object mutableCopy(Object value) {
        return copy(value, false);
    }

    /** A deep copy that cannot change. */
    static Object frozenCopy(Object value) {
        return copy(value, true);
    }

    private static Object copy(Object value, boolean frozen) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, copy(v, frozen)));
            return frozen ? Collections.unmodifiableMap(copy) : copy;
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copy(item, frozen)));
            return frozen ? Collections.unmodifiableList(copy) : copy;
        }
        return value;
    }

    /** Integers as Python reads them: Long, or BigInteger beyond Long's range. */
    private static final class PythonIntegers extends UntypedObjectDeserializer {

        PythonIntegers() {
            super((JavaType) null, (JavaType) null);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                        : (Object) parser.getLongValue();
            }
            return super.deserialize(parser, context);
        }
    }

    /** {@code ensure_ascii} escapes DEL too; non-ASCII and control characters get Jackson's standard escapes. */
    private static final class AsciiEscapes extends CharacterEscapes {

        private static final int DELETE = 0x7f;
        private final int[] codes = standardAsciiEscapesForJSON();

        AsciiEscapes() {
            codes[DELETE] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializedString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** Writes floats as Python's json.dumps does: repr digits, NaN, Infinity. */
    private static final class PythonFloatSerializer extends StdSerializer<Double> {

        PythonFloatSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isNaN()) {
                gen.writeRawValue("NaN");
            } else if (value.isInfinite()) {
                gen.writeRawValue(value > 0 ? "Infinity" : "-Infinity");
            } else {
                gen.writeNumber(PythonValues.repr(value));
            }
        }
    }
}
