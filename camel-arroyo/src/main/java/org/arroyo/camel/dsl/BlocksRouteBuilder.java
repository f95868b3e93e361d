package org.arroyo.camel.dsl;

import java.nio.file.Path;

import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of an arroyopy blocks file ({@link BlocksFile}): one pipeline per block, built like the Java DSL's
 * (route id = the block's name). Property placeholders ({@code {{name}}}, {@code {{env:NAME}}}) are resolved in every
 * text of a block.
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
        for (PipelineSpec block : BlocksFile.read(file, getContext()::resolvePropertyPlaceholders)) {
            try {
                block.addTo(this);
            } catch (IllegalArgumentException e) {
                throw new BlocksFileException(file, "block '" + block.name() + "': " + e.getMessage(), e);
            }
        }
    }
}
