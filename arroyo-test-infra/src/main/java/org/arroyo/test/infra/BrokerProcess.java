package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker server that a fixture runs as a process of its own: started, killed as a crash would
 * kill it, and started again with the same command (so the same port and data directory). Its
 * output is appended to {@code log}.
 */
final class BrokerProcess implements ExtensionContext.Store.CloseableResource {

    private final String name;
    private final int port;
    private final ProcessBuilder command;
    private final BooleanSupplier answers;
    private final Duration startTimeout;
    private final Path log;
    private Process process;

    BrokerProcess(String name, int port, ProcessBuilder command, BooleanSupplier answers, Duration startTimeout, Path log) {
        this.name = name + " on port " + port;
        this.port = port;
        this.command = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        this.answers = answers;
        this.startTimeout = startTimeout;
        this.log = log;
    }

    /** The port its clients connect to. */
    int port() {
        return port;
    }

    /** Starts the server and waits until it answers. */
    BrokerProcess start() {
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.command(), e);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!answers.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "did not answer within " + startTimeout : "exited with " + process.exitValue();
                stop(false);
                throw new IllegalStateException(name + " started by the test fixture " + why + "; see " + log);
            }
            sleep(100);
        }
        return this;
    }

    /** Kills the server and its child processes with SIGKILL and waits until they are gone. */
    void kill() {
        stop(true);
    }

    @Override
    public void close() {
        stop(false);
    }

    private void stop(boolean forcibly) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            boolean gone = process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                gone &= child.onExit().get(30, TimeUnit.SECONDS) != null;
            }
            if (!gone) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs 30 s after it was stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + name, e);
        }
    }

    /** Whether a TCP connection to the address succeeds within half a second. */
    static boolean listens(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port of 127.0.0.1 that no one listens on now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
