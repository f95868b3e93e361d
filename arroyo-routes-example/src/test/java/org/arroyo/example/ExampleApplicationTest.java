package org.arroyo.example;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.main.Main;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The example end to end in Camel Main, checked against an independent numpy integration. */
class ExampleApplicationTest {

    static final int FRAMES = 6;
    private static final int BINS = 80;

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs the example in the given DSL on ZeroMQ with free ports until the scan is reduced; returns its output dir. */
    static Path runExample(String dsl, Path output) throws Exception {
        return runExample(dsl, output, zeroMqOnFreePorts());
    }

    /** The example's ZeroMQ endpoints on free ports. */
    static Map<String, String> zeroMqOnFreePorts() throws IOException {
        int detector = freePort();
        int reduced = freePort();
        Map<String, String> zeroMq = new LinkedHashMap<>();
        zeroMq.put("arroyo.detector.uri", "zeromq:PUSH:tcp://127.0.0.1:" + detector + "?bind=true");
        zeroMq.put("arroyo.listener", "zeromq:PULL:tcp://127.0.0.1:" + detector);
        zeroMq.put("arroyo.publisher", "zeromq:PUSH:tcp://127.0.0.1:" + reduced + "?bind=true");
        zeroMq.put("arroyo.results.listener", "zeromq:PULL:tcp://127.0.0.1:" + reduced);
        return zeroMq;
    }

    /**
     * Runs the example with these properties besides the scan's size and the output directory
     * ({@code camel.main.profile} chooses the profile, as it does on the command line).
     */
    static Path runExample(String dsl, Path output, Map<String, String> properties) throws Exception {
        return runExample(dsl, output, properties, main -> { });
    }

    /** {@link #runExample(String, Path, Map)} with the Main set up further before it runs. */
    static Path runExample(String dsl, Path output, Map<String, String> properties, Consumer<Main> setUp) throws Exception {
        Main main = ExampleApplication.create(dsl);
        setUp.accept(main);
        Map<String, String> overrides = new LinkedHashMap<>(properties);
        String profile = overrides.remove("camel.main.profile");
        if (profile != null) {
            main.configure().withProfile(profile);
        }
        overrides.put("arroyo.detector.frames", String.valueOf(FRAMES));
        overrides.put("arroyo.detector.messages", String.valueOf(FRAMES + 2));
        overrides.put("arroyo.reduction.bins", String.valueOf(BINS));
        overrides.put("arroyo.example.output-dir", output.toString());
        overrides.put("arroyo.example.view", "arroyo-view:saxs?port=" + freePort());
        overrides.forEach(main::addOverrideProperty);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> main.run());
        return output;
    }

    /** The reduced results of a run: what must not depend on the transport or the DSL. */
    static void assertSameResults(Path actual, Path expected) throws IOException {
        for (String file : List.of("profiles.csv", "statistics.csv")) {
            assertThat(Files.readString(actual.resolve(file))).as(file).isEqualTo(Files.readString(expected.resolve(file)));
        }
    }

    @Test
    void reducedProfilesMatchAnIndependentNumpyIntegration(@TempDir Path dir) throws Exception {
        Path output = runExample("java", dir.resolve("out"));

        List<double[]> actual = csv(output.resolve("profiles.csv"));
        List<double[]> expected = independentIntegration(dir);
        assertThat(actual).hasSameSizeAs(expected);
        for (int bin = 0; bin < expected.size(); bin++) {
            assertThat(actual.get(bin)).hasSize(FRAMES + 1);
            for (int column = 0; column <= FRAMES; column++) {
                double want = expected.get(bin)[column];
                double got = actual.get(bin)[column];
                if (Double.isNaN(want)) {
                    assertThat(got).as("bin %d column %d", bin, column).isNaN();
                } else {
                    assertThat(got).as("bin %d column %d", bin, column).isCloseTo(want, within(Math.abs(want) * 1e-8 + 1e-12));
                }
            }
        }
        assertThat(Files.size(output.resolve("profiles.png"))).isGreaterThan(1000);
        assertThat(Files.readAllLines(output.resolve("statistics.csv"))).hasSize(FRAMES + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "xml", "yaml" })
    void xmlAndYamlVariantsProduceTheJavaVariantsResults(String dsl, @TempDir Path dir) throws Exception {
        Path java = runExample("java", dir.resolve("java"));
        Path other = runExample(dsl, dir.resolve(dsl));

        assertSameResults(other, java);
    }

    /** The same scan's frames, integrated by numpy in a Python subprocess. */
    private static List<double[]> independentIntegration(Path dir) throws Exception {
        DetectorSimulator detector = new DetectorSimulator(DetectorSimulator.defaultGeometry(), FRAMES, "check", 42);
        Map<String, Object> geometry = new LinkedHashMap<>(DetectorSimulator.defaultGeometry().toFields());
        geometry.put("bins", BINS);
        Path geometryFile = dir.resolve("geometry.json");
        new ObjectMapper().writeValue(geometryFile.toFile(), geometry);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script(dir).toString(), geometryFile.toString()));
        detector.next();
        for (int frame = 0; frame < FRAMES; frame++) {
            ArroyoMessage message = detector.next();
            ByteBuffer pixels = ((Event) message).payload();
            byte[] bytes = new byte[pixels.remaining()];
            pixels.get(bytes);
            Path file = dir.resolve("frame-" + frame + ".u32le");
            Files.write(file, bytes);
            command.add(file.toString());
        }
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python3 with numpy (Debian python3-numpy) must run: %s", out).isZero();
        Path expected = dir.resolve("expected.csv");
        Files.writeString(expected, "q_nm\n" + out);
        return csv(expected);
    }

    private static Path script(Path dir) throws IOException {
        Path script = dir.resolve("independent_integration.py");
        try (InputStream in = ExampleApplicationTest.class.getResourceAsStream("/independent_integration.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** The numeric rows of a CSV with a header line. */
    private static List<double[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i].equals("nan") ? "NaN" : cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
