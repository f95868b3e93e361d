package org.arroyo.camel.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Python as an independent peer, run with the system interpreter ({@code /usr/bin/python3}) and its
 * Debian packages (python3-redis, python3-pika, python3-msgpack): an inline script over lines
 * ({@link #run}), or a peer script from {@code src/test/python} that prints one JSON object as its
 * last line ({@link #start}). A missing interpreter fails the test.
 */
public final class PythonPeer {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPTS = Path.of("src/test/python");

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

    /** Fails or skips (see {@link Prerequisite}) unless python3 can import these modules. */
    public static void requireModules(String... modules) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(interpreter().toString(), "-c", "import " + String.join(", ", modules))
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            Prerequisite.missing("the Python peer needs modules " + String.join(", ", modules) + ": " + output.strip());
        }
    }

    /** A running peer script. */
    public record Run(Process process, Path output) {

        /** The JSON object the peer printed last, once it exited with status 0 within the timeout. */
        public JsonNode result(long timeoutSeconds) throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the Python peer did not finish within " + timeoutSeconds + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new AssertionError("the Python peer exited with " + process.exitValue() + ": " + text);
            }
            return new ObjectMapper().readTree(text.substring(text.lastIndexOf('\n') + 1));
        }
    }

    /** Starts a peer script from {@code src/test/python}; its error output goes to the test's. */
    public static Run start(String script, Object... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(interpreter().toString(), SCRIPTS.resolve(script).toString()));
        for (Object argument : arguments) {
            command.add(String.valueOf(argument));
        }
        Path output = Files.createTempFile("arroyo-peer", ".out");
        output.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(output.toFile()).start();
        return new Run(process, output);
    }
}
