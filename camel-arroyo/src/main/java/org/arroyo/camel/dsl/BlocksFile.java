package org.arroyo.camel.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An arroyopy blocks file: a top-level {@code blocks} list, each block a {@code name}, an optional
 * {@code description}, an {@code operator} ({@code class}, optional {@code args} and {@code kwargs}),
 * {@code listeners} and {@code publishers}. Here the class is a Java {@code Operator} class and
 * listeners and publishers are Camel endpoint URIs. Beyond arroyopy, a block may name its built-in
 * stages in order ({@code stages: [decouple, operator, batch]}), give their settings ({@code batch},
 * {@code decouple}: mappings such as {@code {max_size: 10, max_age: 2s}}) and end in a {@code partition}
 * ({@code {by, field, outputs}}) instead of publishers. Reading checks the file's shape; the classes are
 * loaded and the settings checked when the routes are built ({@link BlocksRouteBuilder}).
 */
public final class BlocksFile {

    /**
     * One block, as written (property placeholders not yet resolved).
     *
     * @param stages    the stage names in order, or null when not given
     * @param settings  each configured stage's settings, by their camelCase names ({@link StageSettings})
     * @param partition the partition settings, empty when the block ends in publishers
     */
    public record Block(String name, String description, String operatorClass, List<Object> args,
                        Map<String, Object> kwargs, List<String> listeners, List<String> publishers,
                        List<String> stages, Map<String, Map<String, Object>> settings, Map<String, Object> partition) {
    }

    private static final List<String> BLOCK_KEYS = List.of("name", "description", "operator", "listeners", "publishers",
            "stages", StageSettings.DECOUPLE, StageSettings.BATCH, StageSettings.PARTITION);
    private static final List<String> OPERATOR_KEYS = List.of("class", "args", "kwargs");

    private final Path file;

    private BlocksFile(Path file) {
        this.file = file;
    }

    /** Whether the file is YAML with a top-level {@code blocks} key (Camel's YAML routes are a list). */
    public static boolean isBlocksFile(Path file) {
        return new BlocksFile(file).load() instanceof Map<?, ?> map && map.containsKey("blocks");
    }

    /**
     * The file's blocks, in order.
     *
     * @throws BlocksFileException naming the file and the problem
     */
    public static List<Block> read(Path file) {
        return new BlocksFile(file).blocks();
    }

    private List<Block> blocks() {
        if (!(load() instanceof Map<?, ?> top) || !(top.get("blocks") instanceof List<?> entries)) {
            throw problem("expected a top-level 'blocks' list");
        }
        if (entries.isEmpty()) {
            throw problem("the 'blocks' list is empty");
        }
        List<Block> blocks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Block block = block(i + 1, entries.get(i));
            if (!names.add(block.name())) {
                throw problem("two blocks are named '" + block.name() + "'");
            }
            blocks.add(block);
        }
        return blocks;
    }

    private Block block(int number, Object entry) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw problem("block " + number + " is not a mapping");
        }
        if (!(map.get("name") instanceof String name) || name.isBlank()) {
            throw problem("block " + number + " needs a 'name'");
        }
        String where = "block '" + name + "'";
        knownKeys(map, BLOCK_KEYS, where);
        if (!(map.get("operator") instanceof Map<?, ?> operator) || !(operator.get("class") instanceof String className)) {
            throw problem(where + " needs an 'operator' with a 'class'");
        }
        knownKeys(operator, OPERATOR_KEYS, where + " operator");
        return new Block(name, optional(map, "description", String.class, "a text", where, null),
                className,
                Collections.unmodifiableList(new ArrayList<Object>(optional(operator, "args", List.class, "a list", where + " operator", List.of()))),
                stringKeys(optional(operator, "kwargs", Map.class, "a mapping", where + " operator", Map.of()), where),
                uris(map, "listeners", where), uris(map, "publishers", where),
                stages(map, where), settings(map, where),
                settings(map, StageSettings.PARTITION, StageSettings.PARTITION_SETTINGS, where));
    }

    private List<String> stages(Map<?, ?> block, String where) {
        List<?> names = optional(block, "stages", List.class, "a list of stage names (" + String.join(", ", StageSettings.STAGES.keySet()) + ")",
                where, null);
        if (names == null) {
            return null;
        }
        List<String> stages = new ArrayList<>();
        for (Object name : names) {
            if (!(name instanceof String stage)) {
                throw problem(where + " stages must be stage names (" + String.join(", ", StageSettings.STAGES.keySet()) + "), not " + describe(name));
            }
            stages.add(stage.strip());
        }
        return List.copyOf(stages);
    }

    private Map<String, Map<String, Object>> settings(Map<?, ?> block, String where) {
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        StageSettings.STAGES.forEach((stage, names) -> {
            // the operator's own key is arroyopy's operator mapping; unbatch has no settings
            Map<String, Object> given = names.isEmpty() ? Map.of() : settings(block, stage, names, where);
            if (!given.isEmpty()) {
                settings.put(stage, given);
            }
        });
        return Collections.unmodifiableMap(settings);
    }

    /** A stage's settings mapping; arroyopy's snake_case names ({@code max_size}) stand for the camelCase ones. */
    private Map<String, Object> settings(Map<?, ?> block, String stage, List<String> names, String where) {
        Map<?, ?> given = optional(block, stage, Map.class, "a mapping of settings", where, Map.of());
        Map<String, Object> settings = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            String name = key instanceof String text ? OperatorFactory.camelCase(text) : null;
            if (!names.contains(name)) {
                throw problem(where + " " + stage + ": unknown key '" + key + "' (expected "
                        + String.join(", ", names.stream().map(BlocksFile::snakeCase).toList()) + ")");
            }
            settings.put(name, value);
        });
        return Collections.unmodifiableMap(settings);
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private List<String> uris(Map<?, ?> block, String key, String where) {
        List<?> entries = optional(block, key, List.class, "a list of endpoint URIs", where, List.of());
        if (key.equals("listeners") && entries.isEmpty()) {
            throw problem(where + " needs at least one listener (a Camel endpoint URI under 'listeners')");
        }
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof String uri) || uri.isBlank()) {
                throw problem(where + " " + key + " entry " + (i + 1)
                        + " must be a Camel endpoint URI such as zeromq:SUB:tcp://127.0.0.1:5555, not " + describe(entries.get(i)));
            }
            uris.add(uri.strip());
        }
        return List.copyOf(uris);
    }

    private <T> T optional(Map<?, ?> map, String key, Class<T> type, String expected, String where, T absent) {
        Object value = map.get(key);
        if (value == null) {
            return absent;
        }
        if (!type.isInstance(value)) {
            throw problem(where + " '" + key + "' must be " + expected + ", not " + describe(value));
        }
        return type.cast(value);
    }

    private Map<String, Object> stringKeys(Map<?, ?> kwargs, String where) {
        Map<String, Object> copy = new LinkedHashMap<>();
        kwargs.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw problem(where + " operator kwargs key " + key + " must be a name");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private void knownKeys(Map<?, ?> map, List<String> known, String where) {
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                throw problem(where + ": unknown key '" + key + "' (expected " + String.join(", ", known) + ")");
            }
        }
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a mapping" : value instanceof List ? "a list" : "'" + value + "'";
    }

    private Object load() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BlocksFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new BlocksFileException(file, "cannot read: " + e.getMessage(), e);
        }
        try {
            Object data = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
            if (data == null) {
                throw problem("the file is empty");
            }
            return data;
        } catch (MarkedYamlEngineException e) {
            String at = e.getProblemMark().map(mark -> " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")").orElse("");
            throw new BlocksFileException(file, "not valid YAML: " + e.getProblem() + at, e);
        } catch (YamlEngineException e) {
            throw new BlocksFileException(file, "not valid YAML: " + e.getMessage(), e);
        }
    }

    private BlocksFileException problem(String problem) {
        return new BlocksFileException(file, problem);
    }
}
