package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Redis for a test class: {@code 127.0.0.1:6379} when it answers, else a {@code redis-server}
 * this fixture starts on a free port (once per test run, stopped at its end). When neither is
 * possible, the test fails, naming the package to install. System property {@code arroyo.test.redis=HOST:PORT}
 * names another address, e.g. {@code 127.0.0.1:1} to try the fallback.
 *
 * <pre>{@code @RegisterExtension static final RedisBroker REDIS = new RedisBroker();}</pre>
 */
public final class RedisBroker implements BeforeAllCallback {

    private static final ExtensionContext.Namespace STARTED = ExtensionContext.Namespace.create(RedisBroker.class);
    private static final String ADDRESS_PROPERTY = "arroyo.test.redis";
    private static final String DEFAULT_ADDRESS = "127.0.0.1:6379";
    private static final String SERVER = "redis-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private String host;
    private int port;

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port} */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String[] usual = System.getProperty(ADDRESS_PROPERTY, DEFAULT_ADDRESS).split(":");
        if (answers(usual[0], Integer.parseInt(usual[1]))) {
            host = usual[0];
            port = Integer.parseInt(usual[1]);
            return;
        }
        String why = "Redis does not answer on " + String.join(":", usual);
        Path binary = installed(SERVER);
        if (binary == null) {
            Prerequisite.missing(why + " and " + SERVER + " is not installed", SERVER);
        }
        StartedServer server = context.getRoot().getStore(STARTED)
                .getOrComputeIfAbsent(SERVER, key -> start(), StartedServer.class);
        host = "127.0.0.1";
        port = server.port();
    }

    private StartedServer start() {
        try {
            int freePort = freePort();
            Path dir = Files.createTempDirectory("arroyo-" + SERVER);
            ProcessBuilder builder = new ProcessBuilder(SERVER, "--port", String.valueOf(freePort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
            Process process = builder.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!answers("127.0.0.1", freePort)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    throw new IllegalStateException("Redis started by the test fixture " + (process.isAlive()
                            ? "did not answer on port " + freePort + " within " + START_TIMEOUT : "exited")
                            + "; see " + dir.resolve("server.out"));
                }
                Thread.sleep(200);
            }
            System.err.println("*** Redis started for the tests on 127.0.0.1:" + freePort + " (" + dir + ")");
            return new StartedServer(process, freePort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path installed(String command) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A server this fixture started; JUnit closes it at the end of the test run. */
    private record StartedServer(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor();
        }
    }
}
