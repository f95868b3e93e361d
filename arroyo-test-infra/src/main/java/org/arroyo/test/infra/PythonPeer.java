package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Python as an independent peer, run with the system interpreter ({@code /usr/bin/python3}) and its
 * Debian python3-* modules: an inline script over standard input ({@link #run}), or a peer script
 * from {@code src/test/python} that prints one JSON object as its last line ({@link #start}).
 * A missing interpreter or module fails the test with the Debian package to install.
 */
public final class PythonPeer {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 120;
    private static final Path SCRIPTS = Path.of("src/test/python");

    private PythonPeer() {
    }

    /**
     * The lines the script prints for the given standard input (one run of the interpreter).
     *
     * @param debianPackages the packages providing the modules the script imports, named when it fails
     */
    public static List<String> run(String script, String stdin, String... debianPackages) {
        try {
            Path input = Files.writeString(Files.createTempFile("arroyo-python-in", ".txt"), stdin, StandardCharsets.UTF_8);
            Path errors = Files.createTempFile("arroyo-python-err", ".txt");
            try {
                Process process = new ProcessBuilder(interpreter(debianPackages).toString(), "-c", script)
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

    /** Fails, naming the Debian packages to install ({@code python3-MODULE}), unless python3 can import these modules. */
    public static void requireModules(String... modules) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(interpreter().toString(), "-c", "import " + String.join(", ", modules))
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            Prerequisite.missing("the Python peer needs modules " + String.join(", ", modules) + " (" + output.strip() + ")",
                    Arrays.stream(modules).map(module -> "python3-" + module).toArray(String[]::new));
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

    /** The interpreter; when it is missing, the failure names the Debian packages to install. */
    private static Path interpreter(String... debianPackages) {
        if (!Files.isExecutable(PYTHON)) {
            String packages = debianPackages.length == 0 ? "python3" : "python3, " + String.join(", ", debianPackages);
            throw new AssertionError(PYTHON + " is missing: install the Debian packages " + packages);
        }
        return PYTHON;
    }
}
