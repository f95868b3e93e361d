package org.arroyo.camel.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script with the system interpreter ({@code /usr/bin/python3}) as an independent
 * peer: lines in on stdin, lines out on stdout. A missing interpreter fails the test.
 */
public final class PythonPeer {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonPeer() {
    }

    public static Path interpreter() {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " is not installed: the Python peer tests need it");
        }
        return PYTHON;
    }

    /** Runs {@code script} over the input lines and returns its output lines. */
    public static List<String> run(String script, List<String> input) throws IOException, InterruptedException {
        Path scriptFile = Files.createTempFile("arroyo-peer", ".py");
        Path inputFile = Files.createTempFile("arroyo-peer", ".in");
        try {
            Files.writeString(scriptFile, script);
            Files.write(inputFile, input, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(interpreter().toString(), scriptFile.toString())
                    .redirectInput(inputFile.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("python peer failed (exit " + process.exitValue() + ")");
            }
            return new String(output, StandardCharsets.UTF_8).lines().toList();
        } finally {
            Files.deleteIfExists(scriptFile);
            Files.deleteIfExists(inputFile);
        }
    }
}
