package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Java process started from a test with the test's class path, for tests that kill a pipeline
 * as a crash would. Its standard output and error go to {@code target/child-jvm/NAME-N.out} and
 * {@code .err} (N counts the starts of this test run), kept for diagnosis.
 *
 * <pre>{@code
 * try (ChildJvm pipeline = ChildJvm.start("kafka-crash", PipelineProcess.class, List.of(), listener, publisher)) {
 *     pipeline.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(30));
 *     ...
 *     pipeline.kill();                      // SIGKILL: no shutdown hook, no cleanup
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {

    private static final Path OUTPUT_DIR = Path.of("target", "child-jvm");
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code main} in a new JVM with this JVM's class path, the {@code jvmOptions} (e.g. {@code -Dkey=value}) and {@code args}. */
    public static ChildJvm start(String name, Class<?> main, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(OUTPUT_DIR);
            String file = name + "-" + STARTS.incrementAndGet();
            Path out = OUTPUT_DIR.resolve(file + ".out");
            Path err = OUTPUT_DIR.resolve(file + ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildJvm(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + main.getName() + " in a child JVM", e);
        }
    }

    /** Waits until a line of the child's standard output equals {@code line}; fails if the child exits first or the time is up. */
    public void awaitOutput(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(line)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing '" + line
                        + "'; see " + stderr.toAbsolutePath());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print '" + line + "' within " + timeout + "; see "
                        + stderr.toAbsolutePath());
            }
            Thread.sleep(50);
        }
    }

    /** The lines the child printed so far. */
    public List<String> output() {
        try {
            return Files.readAllLines(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the child at once (SIGKILL on Linux: no shutdown hook runs) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path stdout() {
        return stdout;
    }

    public Path stderr() {
        return stderr;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
