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
 * A Python peer from {@code src/test/python}, run with the system's {@code /usr/bin/python3} and
 * its Debian packages (python3-redis, python3-pika, python3-msgpack), as an
 * independent process. A peer prints one JSON object as its last line of output.
 */
public final class PythonPeer {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPTS = Path.of("src/test/python");

    private PythonPeer() {
    }

    /** Fails or skips (see {@link Prerequisite}) unless python3 can import these modules. */
    public static void requireModules(String... modules) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            Prerequisite.missing(PYTHON + " is not installed");
        }
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
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

    /** Starts a peer script; its error output goes to the test's. */
    public static Run start(String script, Object... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPTS.resolve(script).toString()));
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
