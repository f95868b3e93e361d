package org.arroyo.camel.dsl;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.apache.camel.util.TimeUtils;
import org.arroyo.camel.operator.Batching;

/**
 * Reads the pipeline model ({@link PipelineSpec} and the stages' settings) from what a blocks file, a template's
 * parameters or a Kamelet's give: maps, lists, texts and numbers, with keys in {@code snake_case} or {@code camelCase}.
 * Jackson binds them; a mistake is one line naming the key, e.g. {@code batch maxAge must be a positive duration ...,
 * not 'soon'} or {@code unknown key 'max_sise' in batch (expected max_size, max_age, max_idle)}.
 */
final class SpecReader {

    /** Endpoint URI lists, whose entries are better described than as texts. */
    private static final List<String> URI_LISTS = List.of("listeners", "publishers", "outputs");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new CamelDurationDeserializer()))
            .build();

    private SpecReader() {
    }

    /**
     * The value of this type the tree describes.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    static <T> T read(Object tree, Class<T> type) {
        Object named = camelCaseKeys(tree, type, "");
        try {
            return MAPPER.convertValue(named, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException mapping) {
                // no cause: the message is the whole story, and Camel's callers report the deepest message of a chain
                throw new IllegalArgumentException(problem(named, mapping));
            }
            throw e;
        }
    }

    /**
     * The tree with the keys of the model's mappings in camelCase; other keys (kwargs) as written. An unknown key is
     * refused here, before Jackson builds anything: a record's checks would otherwise speak first.
     */
    private static Object camelCaseKeys(Object tree, Type type, String where) {
        if (tree instanceof Map<?, ?> map && type instanceof Class<?> record && record.isRecord()) {
            Map<Object, Object> named = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                RecordComponent component = component(record, Names.camelCase(String.valueOf(key)));
                if (component == null) {
                    throw new IllegalArgumentException("unknown key '" + key + "'" + (where.isEmpty() ? "" : " in " + where)
                            + " (expected " + keys(record, String.valueOf(key)) + ")");
                }
                String name = jsonName(component);
                named.put(name, camelCaseKeys(value, component.getGenericType(), (where + " " + name).strip()));
            });
            return named;
        }
        if (tree instanceof List<?> list && type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            return list.stream().map(element -> camelCaseKeys(element, generic.getActualTypeArguments()[0], where)).toList();
        }
        return tree;
    }

    private static RecordComponent component(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(component -> jsonName(component).equals(name)).findFirst().orElse(null);
    }

    /** The key a record component is written as. */
    static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    private static String problem(Object tree, JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
        List<JsonMappingException.Reference> path = e.getPath();
        if (e instanceof InvalidFormatException invalid) {
            return where(path) + " must be " + expected(path, invalid.getTargetType()) + ", not '" + invalid.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return where(path) + " must be " + expected(path, mismatched.getTargetType()) + ", not " + describe(valueAt(tree, path));
        }
        return (path.isEmpty() ? "" : where(path) + ": ") + e.getOriginalMessage();
    }

    /** A list written as one text, its items separated by commas (as Camel's recipient list writes endpoint URIs). */
    static List<String> commaSeparated(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** A path as the messages say it: {@code batch maxAge}, {@code listeners entry 1}. */
    private static String where(List<JsonMappingException.Reference> path) {
        return path.stream().map(step -> step.getFieldName() != null ? step.getFieldName() : "entry " + (step.getIndex() + 1))
                .collect(Collectors.joining(" "));
    }

    /** The keys a mapping takes, spelled as the unknown key is (snake_case or camelCase). */
    private static String keys(Class<?> type, String unknown) {
        return Arrays.stream(type.getRecordComponents()).map(SpecReader::jsonName)
                .map(name -> unknown.contains("_") ? Names.snakeCase(name) : name).collect(Collectors.joining(", "));
    }

    private static String expected(List<JsonMappingException.Reference> path, Class<?> type) {
        boolean uri = path.stream().map(JsonMappingException.Reference::getFieldName).anyMatch(field -> field != null && URI_LISTS.contains(field));
        if (uri && type == String.class) {
            return "a Camel endpoint URI such as zeromq:SUB:tcp://127.0.0.1:5555";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return Batching.POSITIVE_DURATION;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping" : type.getSimpleName();
    }

    private static Object valueAt(Object tree, List<JsonMappingException.Reference> path) {
        Object value = tree;
        for (JsonMappingException.Reference step : path) {
            if (value instanceof Map<?, ?> map && step.getFieldName() != null) {
                value = map.get(step.getFieldName());
            } else if (value instanceof List<?> list && step.getIndex() >= 0 && step.getIndex() < list.size()) {
                value = list.get(step.getIndex());
            }
        }
        return value;
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a mapping" : value instanceof List ? "a list" : "'" + value + "'";
    }

    /** Camel's durations: {@code 1500} (milliseconds), {@code 500ms}, {@code 2s}, {@code 1m30s}, or ISO-8601 ({@code PT2S}). */
    private static final class CamelDurationDeserializer extends StdScalarDeserializer<Duration> {

        private static final Pattern CAMEL_DURATION = Pattern.compile("\\d+|(\\d+d)?(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");

        CamelDurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return Duration.ofMillis(parser.getLongValue());
            }
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            String text = parser.getText().strip();
            try {
                if (text.startsWith("P") || text.startsWith("p")) {
                    return Duration.parse(text);
                }
                if (!text.isEmpty() && CAMEL_DURATION.matcher(text).matches()) {
                    return Duration.ofMillis(TimeUtils.toMilliSeconds(text));
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                // said below
            }
            throw context.weirdStringException(text, Duration.class, "not a duration");
        }
    }
}
