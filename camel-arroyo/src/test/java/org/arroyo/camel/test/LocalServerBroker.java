package org.arroyo.camel.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker server on this machine for one test class: the one answering on its usual address,
 * else one this fixture starts from the installed server binary (once per test run, stopped at
 * its end). When neither is possible, see {@link Prerequisite#missing}.
 *
 * <p>The usual address can be changed with a system property (see the constructor), e.g. to
 * try the fallback: {@code -Darroyo.test.redis=127.0.0.1:1}.
 */
abstract class LocalServerBroker implements BeforeAllCallback {

    private static final ExtensionContext.Namespace STARTED = ExtensionContext.Namespace.create(LocalServerBroker.class);

    private final String name;
    private final String addressProperty;
    private final String defaultAddress;
    private final String serverCommand;
    private final Duration startTimeout;
    private String host;
    private int port;

    /**
     * @param name            the broker's name in messages, e.g. {@code Redis}
     * @param addressProperty the system property naming the usual address, e.g. {@code arroyo.test.redis}
     * @param serverCommand   the server binary this fixture may start
     */
    protected LocalServerBroker(String name, String addressProperty, String defaultAddress, String serverCommand,
                                Duration startTimeout) {
        this.name = name;
        this.addressProperty = addressProperty;
        this.defaultAddress = defaultAddress;
        this.serverCommand = serverCommand;
        this.startTimeout = startTimeout;
    }

    /** The command line (and environment) that starts a server on {@code port}, logging under {@code dir}. */
    protected abstract ProcessBuilder serverProcess(int port, Path dir);

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
        String[] usual = System.getProperty(addressProperty, defaultAddress).split(":");
        if (answers(usual[0], Integer.parseInt(usual[1]))) {
            host = usual[0];
            port = Integer.parseInt(usual[1]);
            return;
        }
        String why = name + " does not answer on " + String.join(":", usual);
        Path binary = installed(serverCommand);
        if (binary == null) {
            Prerequisite.missing(why + " and " + serverCommand + " is not installed");
        }
        StartedServer server = context.getRoot().getStore(STARTED)
                .getOrComputeIfAbsent(getClass(), type -> start(), StartedServer.class);
        host = "127.0.0.1";
        port = server.port();
    }

    private StartedServer start() {
        try {
            int freePort = freePort();
            // open to all: a server started as root may drop to a user of its own (Debian's rabbitmq-server does)
            Path dir = Files.createTempDirectory("arroyo-" + serverCommand,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            ProcessBuilder builder = serverProcess(freePort, dir)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
            Process process = builder.start();
            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (!answers("127.0.0.1", freePort)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    throw new IllegalStateException(name + " started by the test fixture " + (process.isAlive()
                            ? "did not answer on port " + freePort + " within " + startTimeout : "exited")
                            + "; see " + dir.resolve("server.out"));
                }
                Thread.sleep(200);
            }
            System.err.println("*** " + name + " started for the tests on 127.0.0.1:" + freePort + " (" + dir + ")");
            return new StartedServer(process, freePort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a server of this kind answers there. */
    protected boolean answers(String host, int port) {
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

    /** A TCP port nobody listens on now. */
    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Environment additions for a server process. */
    protected static ProcessBuilder withEnvironment(ProcessBuilder builder, Map<String, String> environment) {
        builder.environment().putAll(environment);
        return builder;
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
