package org.arroyo.camel.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.dsl.BlocksFile.Block;
import org.arroyo.camel.operator.Operator;

/**
 * The routes of an arroyopy blocks file: one pipeline per block, built like the Java DSL's (route id =
 * the block's name). The operator is made from its class ({@link OperatorFactory}); property
 * placeholders ({@code {{name}}}, {@code {{env:NAME}}}) are resolved in every text of a block.
 */
public class BlocksRouteBuilder extends RouteBuilder {

    private final Path file;

    public BlocksRouteBuilder(Path file) {
        this.file = file;
    }

    /**
     * @throws BlocksFileException naming the file, the block and the problem
     */
    @Override
    public void configure() {
        OperatorFactory operators = new OperatorFactory(getContext());
        for (Block block : BlocksFile.read(file)) {
            try {
                Operator operator = operators.create(resolve(block.operatorClass()), resolveAll(block.args()), resolveAll(block.kwargs()));
                new PipelineSpec(resolve(block.name()), resolveAll(block.listeners()),
                        StageSettings.stages(resolveAll(block.stages()), operator, resolveAll(block.settings())),
                        resolveAll(block.publishers()), StageSettings.partitioning(resolveAll(block.partition())))
                        .addTo(this);
            } catch (IllegalArgumentException e) {
                throw new BlocksFileException(file, "block '" + block.name() + "': " + e.getMessage(), e);
            }
        }
    }

    private String resolve(String text) {
        return getContext().resolvePropertyPlaceholders(text);
    }

    @SuppressWarnings("unchecked")
    private <T> T resolveAll(T value) {
        if (value instanceof String text) {
            return (T) resolve(text);
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(element -> resolved.add(resolveAll(element)));
            return (T) resolved;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, element) -> resolved.put(key, resolveAll(element)));
            return (T) resolved;
        }
        return value;
    }
}
