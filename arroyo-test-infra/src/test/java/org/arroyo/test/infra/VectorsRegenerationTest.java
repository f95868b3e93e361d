package org.arroyo.test.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed interop vectors are what {@code src/test/python/make_vectors.py} writes with
 * msgpack-python and numpy: the script regenerates every frame of the manifest, byte for byte.
 * Nothing is skipped: a missing Python or module fails the test.
 */
class VectorsRegenerationTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/make_vectors.py");
    private static final Path COMMITTED = Path.of("src/main/resources/org/arroyo/test/infra/interop/vectors");
    private static final String PACKAGES = "install the Debian packages: apt-get install python3-msgpack python3-numpy";

    /** Codecs whose every case's frames the script must regenerate; the manifest may hold no other. */
    private static final Set<String> REGENERATED_CODECS = Set.of("msgpack", "multipart", "json", "json+raw", "lhhttt");

    @Test
    void scriptRegeneratesEveryCommittedVectorByteForByte(@TempDir Path out) throws Exception {
        assertThat(SCRIPT).as("the regeneration script (run from the module directory)").isRegularFile();
        assertThat(COMMITTED.resolve("manifest.json")).as("the committed manifest").isRegularFile();
        requirePython(out);

        Result run = run(out, PYTHON.toString(), SCRIPT.toString(), out.resolve("vectors").toString());
        if (run.exitCode != 0) {
            fail("make_vectors.py exited with %d; stderr:%n%s", run.exitCode, run.stderr);
        }

        Path written = out.resolve("vectors");
        List<String> writtenNames;
        try (Stream<Path> files = Files.list(written)) {
            writtenNames = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(writtenNames).as("files make_vectors.py wrote").isNotEmpty();

        List<String> mismatches = new ArrayList<>();
        for (String name : writtenNames) {
            Path committed = COMMITTED.resolve(name);
            if (!Files.isRegularFile(committed)) {
                mismatches.add(name + ": written by the script but no such committed vector");
                continue;
            }
            String difference = difference(Files.readAllBytes(committed), Files.readAllBytes(written.resolve(name)));
            if (difference != null) {
                mismatches.add(name + ": " + difference);
            }
        }

        Set<String> writtenSet = Set.copyOf(writtenNames);
        List<String> notRegenerated = new ArrayList<>();
        Set<String> unknownCodecs = new TreeSet<>();
        JsonNode manifest = new ObjectMapper().readTree(COMMITTED.resolve("manifest.json").toFile());
        int cases = 0;
        for (JsonNode vectorCase : manifest.get("cases")) {
            String name = vectorCase.get("name").asText();
            String codec = vectorCase.get("codec").asText();
            if (!REGENERATED_CODECS.contains(codec)) {
                unknownCodecs.add(codec + " (case " + name + ")");
                continue;
            }
            cases++;
            for (JsonNode frame : vectorCase.get("frames")) {
                if (!writtenSet.contains(frame.asText())) {
                    notRegenerated.add(name + " [" + codec + "]: frame " + frame.asText() + " not written by make_vectors.py");
                }
            }
        }
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(mismatches).as("regenerated vectors that differ from the committed ones (%s)", run.stdout.strip())
                .isEmpty();
        softly.assertThat(notRegenerated).as("manifest frames missing from the regeneration").isEmpty();
        softly.assertThat(unknownCodecs).as("manifest codecs make_vectors.py does not regenerate (extend the script)").isEmpty();
        softly.assertThat(cases).as("manifest cases checked").isPositive();
        softly.assertAll();
    }

    /** Fails, naming the Debian packages, unless /usr/bin/python3 can import msgpack and numpy. */
    private static void requirePython(Path work) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail("%s is missing; it must run make_vectors.py (%s, and python3)", PYTHON, PACKAGES);
        }
        Result probe = run(work, PYTHON.toString(), "-c", "import msgpack, numpy");
        if (probe.exitCode != 0) {
            fail("%s cannot import msgpack and numpy (%s):%n%s", PYTHON, PACKAGES, probe.stderr);
        }
    }

    /** null when equal, else what differs. */
    private static String difference(byte[] committed, byte[] regenerated) {
        if (Arrays.equals(committed, regenerated)) {
            return null;
        }
        int offset = Arrays.mismatch(committed, regenerated);
        return "differs from the committed file (committed %d bytes, regenerated %d bytes, first difference at byte %d)"
                .formatted(committed.length, regenerated.length, offset);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path work, String... command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(work, "stdout", ".txt");
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out after 120 s: %s", String.join(" ", command));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
