package org.arroyo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.arroyo.cli.Convention.NamedFrame;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every decoding command shares: a wire convention and the files to read. */
final class FilesArgument {

    @Option(names = { "-f", "--format" }, required = true,
            description = "Wire convention: msgpack, multipart, json, json+raw, raw or lhhttt.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE",
                description = "Files to read: one message each (msgpack, json, raw), the frames of one message "
                              + "in order (multipart), a start/header/image stream (json+raw), LHHTTT frames (lhhttt).")
    List<Path> files;

    Convention convention() {
        return Convention.fromName(format);
    }

    List<NamedFrame> read() {
        return files.stream().map(FilesArgument::read).toList();
    }

    private static NamedFrame read(Path file) {
        try {
            return new NamedFrame(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
