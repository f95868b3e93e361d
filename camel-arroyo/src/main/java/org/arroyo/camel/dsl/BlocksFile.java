package org.arroyo.camel.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An arroyopy blocks file: a top-level {@code blocks} list of pipelines, each a {@link PipelineSpec} written with its
 * names ({@code name}, {@code description}, {@code operator} with {@code class}, {@code args} and {@code kwargs},
 * {@code listeners}, {@code publishers}, and beyond arroyopy {@code stages}, {@code decouple}, {@code batch},
 * {@code partition}, {@code format}), keys in {@code snake_case} or {@code camelCase}. Here the class is a Java
 * {@code Operator} class and listeners and publishers are Camel endpoint URIs. Classes are loaded when the routes
 * are built ({@link BlocksRouteBuilder}).
 */
public final class BlocksFile {

    private final Path file;

    private BlocksFile(Path file) {
        this.file = file;
    }

    /** Whether the file is YAML with a top-level {@code blocks} key (Camel's YAML routes are a list). */
    public static boolean isBlocksFile(Path file) {
        return new BlocksFile(file).load() instanceof Map<?, ?> map && map.containsKey("blocks");
    }

    /**
     * The file's pipelines as written, property placeholders not resolved.
     *
     * @throws BlocksFileException naming the file, the block and the problem
     */
    public static List<PipelineSpec> read(Path file) {
        return read(file, UnaryOperator.identity());
    }

    /**
     * The file's pipelines, in order, with every text of a block given to {@code placeholders} first.
     *
     * @throws BlocksFileException naming the file, the block and the problem
     */
    public static List<PipelineSpec> read(Path file, UnaryOperator<String> placeholders) {
        return new BlocksFile(file).blocks(placeholders);
    }

    private List<PipelineSpec> blocks(UnaryOperator<String> placeholders) {
        if (!(load() instanceof Map<?, ?> top) || !(top.get("blocks") instanceof List<?> entries)) {
            throw problem("expected a top-level 'blocks' list");
        }
        for (Object key : top.keySet()) {
            if (!"blocks".equals(key)) {
                throw problem("unknown key '" + key + "' at the top (expected blocks)");
            }
        }
        if (entries.isEmpty()) {
            throw problem("the 'blocks' list is empty");
        }
        List<PipelineSpec> blocks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> block)) {
                throw problem("block " + (i + 1) + " is not a mapping");
            }
            String label = block.get("name") instanceof String name && !name.isBlank() ? "block '" + name + "'" : "block " + (i + 1);
            PipelineSpec spec;
            try {
                // a block without a name is read too: a misspelt 'name' key is named as any other
                spec = SpecReader.read(resolved(block, placeholders), PipelineSpec.class);
            } catch (IllegalArgumentException e) {
                throw new BlocksFileException(file, label + ": " + e.getMessage(), e);
            }
            if (!names.add(spec.name())) {
                throw problem("two blocks are named '" + spec.name() + "'");
            }
            blocks.add(spec);
        }
        return blocks;
    }

    /** The value with its texts resolved, keys and structure as they are. */
    private static Object resolved(Object value, UnaryOperator<String> placeholders) {
        if (value instanceof String text) {
            return placeholders.apply(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(element -> resolved(element, placeholders)).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, element) -> resolved.put(key, resolved(element, placeholders)));
            return resolved;
        }
        return value;
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
