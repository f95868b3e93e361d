package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Redis for a test class: {@code 127.0.0.1:6379} when it answers, else a {@code redis-server}
 * this fixture starts on a free port (once per test run, stopped at its end). When neither is
 * possible, the test fails, naming the package to install. System property {@code arroyo.test.redis=HOST:PORT}
 * names another address, e.g. {@code 127.0.0.1:1} to try the fallback.
 *
 * <pre>{@code @RegisterExtension static final RedisBroker REDIS = new RedisBroker();}</pre>
 *
 * {@link #ownServer()} gives the class a {@code redis-server} of its own (a free port of 127.0.0.1,
 * append-only file on, stopped after the class) that a test may {@link #kill()} and {@link #restart()}.
 */
public final class RedisBroker implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace STARTED = ExtensionContext.Namespace.create(RedisBroker.class);
    private static final String ADDRESS_PROPERTY = "arroyo.test.redis";
    private static final String DEFAULT_ADDRESS = "127.0.0.1:6379";
    private static final String SERVER = "redis-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final boolean own;
    private BrokerProcess ownServer;
    private String host;
    private int port;

    public RedisBroker() {
        this(false);
    }

    private RedisBroker(boolean own) {
        this.own = own;
    }

    /** A Redis server for this test class alone, which its tests may kill and restart. */
    public static RedisBroker ownServer() {
        return new RedisBroker(true);
    }

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
        if (!own && BrokerProcess.listens(usual[0], Integer.parseInt(usual[1]))) {
            host = usual[0];
            port = Integer.parseInt(usual[1]);
            return;
        }
        if (installed(SERVER) == null) {
            Prerequisite.missing((own ? context.getDisplayName() + " starts a Redis of its own"
                    : "Redis does not answer on " + String.join(":", usual)) + " and " + SERVER + " is not installed", SERVER);
        }
        host = "127.0.0.1";
        if (own) {
            ownServer = start(true);
            port = ownServer.port();
        } else {
            port = context.getRoot().getStore(STARTED).getOrComputeIfAbsent(SERVER, key -> start(false), BrokerProcess.class).port();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ownServer != null) {
            ownServer.close();
        }
    }

    /** Kills this class's own server with SIGKILL, as a crash would. */
    public void kill() {
        ownProcess().kill();
    }

    /** Starts this class's own server again, on the same port and data directory, and waits until it answers. */
    public void restart() {
        ownProcess().start();
    }

    private BrokerProcess ownProcess() {
        if (ownServer == null) {
            throw new IllegalStateException("only a RedisBroker.ownServer() can be killed and restarted");
        }
        return ownServer;
    }

    private BrokerProcess start(boolean appendOnly) {
        int freePort = BrokerProcess.freePort();
        try {
            Path dir = Files.createTempDirectory("arroyo-" + SERVER);
            ProcessBuilder command = new ProcessBuilder(SERVER, "--port", String.valueOf(freePort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--dir", dir.toString());
            BrokerProcess server = new BrokerProcess("Redis", freePort, command, () -> ready(freePort),
                    START_TIMEOUT, dir.resolve("server.out")).start();
            System.err.println("*** Redis started for the tests on 127.0.0.1:" + freePort + " (" + dir + ")");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** Whether the server answers PING with PONG: a server still loading its append-only file answers LOADING. */
    private static boolean ready(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[5];
            return socket.getInputStream().readNBytes(reply, 0, 5) == 5 && "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
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

}
