package org.arroyo.camel.streampy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs src/test/resources/streampy/queue_client.py (stdlib socket only) with /usr/bin/python3. */
final class PythonQueueClient {

    /** Bytes sent as they are, not framed. */
    record Raw(byte[] bytes) {
    }

    /** A reply's text and its frame as the node sent it, in hex. */
    record Reply(String text, String frameHex) {
    }

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/resources/streampy/queue_client.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonQueueClient() {
    }

    /** Sends the commands (texts or {@link Raw}) in order, over one socket, and returns the replies. */
    static List<Reply> run(String protocol, int port, List<?> commands) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("the Python peer needs " + PYTHON + " (apt-get install python3)");
        }
        Path stdout = Files.createTempFile("queue_client", ".out");
        Path stderr = Files.createTempFile("queue_client", ".err");
        Process process = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), protocol, "127.0.0.1",
                Integer.toString(port)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            for (Object command : commands) {
                Object line = command instanceof Raw raw ? Map.of("raw", HexFormat.of().formatHex(raw.bytes())) : command;
                stdin.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("queue_client.py did not finish in 30 s: " + Files.readString(stderr));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("queue_client.py failed (" + process.exitValue() + "): " + Files.readString(stderr));
        }
        List<Reply> replies = new ArrayList<>();
        for (String line : Files.readAllLines(stdout)) {
            if (!line.isBlank()) {
                JsonNode reply = JSON.readTree(line);
                replies.add(new Reply(reply.get(0).asText(), reply.get(1).asText()));
            }
        }
        Files.delete(stdout);
        Files.delete(stderr);
        return replies;
    }
}
