package org.arroyo.camel.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script in the system's Python ({@code /usr/bin/python3}, with Debian's python3-* modules)
 * as the independent reference a test compares against. A missing interpreter or module fails the
 * test with the Debian package to install.
 */
public final class PythonPeer {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 120;

    private PythonPeer() {
    }

    /**
     * The lines the script prints for the given standard input (one run of the interpreter).
     *
     * @param debianPackages the packages providing the modules the script imports, named when it fails
     */
    public static List<String> run(String script, String stdin, String... debianPackages) {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " is missing: install the Debian package python3 and "
                    + String.join(", ", debianPackages));
        }
        try {
            Path input = Files.writeString(Files.createTempFile("arroyo-python-in", ".txt"), stdin, StandardCharsets.UTF_8);
            Path errors = Files.createTempFile("arroyo-python-err", ".txt");
            try {
                Process process = new ProcessBuilder(PYTHON.toString(), "-c", script)
                        .redirectInput(input.toFile()).redirectError(errors.toFile()).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("python did not finish within " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("python failed (exit " + process.exitValue() + "); it needs the Debian packages "
                            + Arrays.toString(debianPackages) + ":\n" + Files.readString(errors));
                }
                return output.lines().toList();
            } finally {
                Files.delete(input);
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for python", e);
        }
    }
}
