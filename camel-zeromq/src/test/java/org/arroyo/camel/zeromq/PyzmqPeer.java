package org.arroyo.camel.zeromq;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The libzmq peer: src/test/resources/interop/pyzmq_peer.py run by Debian's /usr/bin/python3 with python3-zmq, as a
 * separate process. Messages travel as lines of comma separated hex frames.
 */
final class PyzmqPeer implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";
    private static final HexFormat HEX = HexFormat.of();

    private final Process process;
    private final File stderr;
    private final Writer input;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private PyzmqPeer(Process process, File stderr) {
        this.process = process;
        this.stderr = stderr;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        CompletableFuture.runAsync(() -> new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(lines::add));
    }

    /** Fails the test, saying what to install, when python3 or its zmq module is missing. */
    static void requirePyzmq() throws InterruptedException {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (check.waitFor() != 0) {
                fail("The libzmq interop peer needs python3-zmq: install it with apt-get install python3-zmq\n" + output);
            }
        } catch (IOException e) {
            fail("The libzmq interop peer needs " + PYTHON + " with python3-zmq: apt-get install python3-zmq", e);
        }
    }

    static PyzmqPeer start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString()));
        command.addAll(List.of(arguments));
        File stderr = File.createTempFile("pyzmq-peer", ".log");
        stderr.deleteOnExit();
        return new PyzmqPeer(new ProcessBuilder(command).redirectError(stderr).start(), stderr);
    }

    private static Path script() {
        try {
            return Path.of(PyzmqPeer.class.getResource("/interop/pyzmq_peer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(List<byte[]> frames) {
        return String.join(",", frames.stream().map(HEX::formatHex).toList());
    }

    void send(List<byte[]> frames) throws IOException {
        input.write(encode(frames) + "\n");
        input.flush();
    }

    void endInput() throws IOException {
        input.close();
    }

    /** The next line the peer printed, or null when it printed none within the timeout. */
    String nextLine(long timeoutMillis) throws InterruptedException {
        return lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void awaitSuccess() throws InterruptedException, IOException {
        if (!process.waitFor(ZeroMqTestSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("The pyzmq peer did not finish in time:\n" + errors());
        }
        if (process.exitValue() != 0) {
            fail("The pyzmq peer failed with exit code " + process.exitValue() + ":\n" + errors());
        }
    }

    String errors() throws IOException {
        return Files.readString(stderr.toPath());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
