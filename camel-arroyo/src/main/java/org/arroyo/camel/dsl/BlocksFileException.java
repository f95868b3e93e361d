package org.arroyo.camel.dsl;

import java.nio.file.Path;

/** A blocks file that cannot be read, or a block that cannot be built: says which file and what is wrong. */
public class BlocksFileException extends IllegalArgumentException {

    public BlocksFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public BlocksFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
