package org.arroyo.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.example.AzimuthalIntegration;
import org.arroyo.example.DetectorSimulator;
import org.arroyo.example.Geometry;

/**
 * Scenario E, a scientist's operator: the example's {@link AzimuthalIntegration} reduces 256 x 256 frames of the
 * example's detector simulator as fast as it goes, in this JVM, against the same reduction in numpy
 * ({@code azimuthal_numpy.py}: bin indices computed once, {@code np.bincount} per frame) on the same frames, in Debian's
 * {@code /usr/bin/python3}. The operator gets each frame as a listener gives it (decoded from its msgpack bytes: the
 * array is a view of them); numpy reads the frames' arrays from a file first. Both profiles of the first frame must
 * agree, so that both did the same work.
 */
final class AzimuthalScenario implements Scenario {

    private static final String PYTHON = "/usr/bin/python3";
    private static final int FRAMES = 32;
    private static final int BINS = 100;
    private static final double TARGET = 1.0;
    private static final double MIN_WARMUP_SECONDS = 10;

    @Override
    public String id() {
        return "E";
    }

    @Override
    public List<String> missingPrerequisites() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return probe.waitFor() == 0 ? List.of() : List.of(PYTHON + " cannot import numpy: " + said);
        } catch (IOException e) {
            return List.of("no " + PYTHON + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while looking for numpy");
        }
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        Geometry geometry = DetectorSimulator.defaultGeometry();
        DetectorSimulator detector = new DetectorSimulator(geometry, FRAMES, "bench", 42);
        Start start = (Start) received(detector.next());
        List<Event> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            frames.add((Event) received(detector.next()));
        }
        NdArray first = frames.get(0).array().orElseThrow();
        Path framesFile = plan.logs().resolve("E-frames.bin");
        write(frames, framesFile);
        Path script = plan.logs().resolve("azimuthal_numpy.py");
        try (InputStream in = AzimuthalScenario.class.getResourceAsStream("azimuthal_numpy.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }

        List<Double> java = new ArrayList<>();
        List<Double> numpy = new ArrayList<>();
        double[] javaProfile = null;
        JsonNode numpyFirst = null;
        for (int round = 1; round <= plan.rounds(); round++) {
            System.err.println("  E-numpy-" + round);
            List<JsonNode> reports = numpy(plan, script, framesFile, first, geometry);
            reports.subList(Plan.WARMUP_RUNS, reports.size() - 1).forEach(run -> numpy.add(run.get("framesPerSec").asDouble()));
            numpyFirst = reports.get(reports.size() - 1);
            System.err.println("  E-arroyo_operator-" + round);
            AzimuthalIntegration operator = new AzimuthalIntegration(BINS);
            operator.onStart(start);
            for (RunSpec spec : runs(plan)) {
                double perSecond = reduce(operator, frames, spec.seconds());
                if (spec.measured()) {
                    java.add(perSecond);
                }
            }
            javaProfile = ((Event) operator.onEvent(frames.get(0)).get(0)).array().orElseThrow().toDoubleArray();
        }
        checkSameProfile(javaProfile, numpyFirst.get("profile"));

        String payload = geometry.width() + "x" + geometry.height() + " " + first.dtype().numpyName();
        double frameMb = first.nbytes() / 1e6;
        Spread numpyRate = Spread.of(numpy);
        Spread javaRate = Spread.of(java);
        double ratio = javaRate.ratioTo(numpyRate);
        return List.of(
                new Row("E operator", payload, "numpy (np.bincount)", numpyRate, numpyRate.scaled(frameMb), null, null, null, null,
                        "frames/s; Debian python3-numpy " + numpyFirst.get("numpy").asText(), "", null),
                new Row("E operator", payload, "Arroyo operator (AzimuthalIntegration)", javaRate, javaRate.scaled(frameMb), ratio,
                        null, null, null, "frames/s; " + BINS + " q bins, same profile as numpy", ">= " + TARGET + "x numpy frames/s",
                        ratio >= TARGET));
    }

    /**
     * The plan's runs, with at least {@value #MIN_WARMUP_SECONDS} s of warm-up: the JIT needs about 5 s on two busy cores
     * to compile the operator's loop, more than the quick plan's warm-up.
     */
    private static List<RunSpec> runs(Plan plan) {
        List<RunSpec> runs = new ArrayList<>();
        double warmup = Math.max(plan.warmupSeconds(), MIN_WARMUP_SECONDS);
        for (int i = 1; i <= Plan.WARMUP_RUNS; i++) {
            runs.add(new RunSpec(RunSpec.WARMUP + "-" + i, warmup / Plan.WARMUP_RUNS, 0));
        }
        for (int i = 1; i <= plan.runsPerSession(); i++) {
            runs.add(new RunSpec("run-" + i, plan.runSeconds(), 0));
        }
        return runs;
    }

    /** A message as a listener gives it: decoded from its msgpack bytes. */
    private static ArroyoMessage received(ArroyoMessage message) {
        return WireFormat.MSGPACK.codec().decode(WireFormat.MSGPACK.codec().encodeFrame(message));
    }

    private static void write(List<Event> frames, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); WritableByteChannel channel = Channels.newChannel(out)) {
            for (Event frame : frames) {
                ByteBuffer data = frame.array().orElseThrow().data();
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            }
        }
    }

    /** Frames per second the operator reduces in the given time, going round the frames. */
    private static double reduce(AzimuthalIntegration operator, List<Event> frames, double seconds) {
        long began = System.nanoTime();
        long deadline = began + (long) (seconds * 1e9);
        long reduced = 0;
        long now = began;
        int sink = 0;
        while (now < deadline) {
            sink += operator.onEvent(frames.get((int) (reduced % frames.size()))).size();
            reduced++;
            now = System.nanoTime();
        }
        if (sink != reduced) {
            throw new IllegalStateException("the operator gave " + sink + " events for " + reduced + " frames");
        }
        return reduced / ((now - began) / 1e9);
    }

    /** numpy's runs (warm-up and measured, one report each) and, last, its profile of the first frame. */
    private static List<JsonNode> numpy(Plan plan, Path script, Path framesFile, NdArray first, Geometry geometry) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "--frames", framesFile.toString(),
                "--dtype", first.dtype().numpyName(), "--width", String.valueOf(geometry.width()),
                "--height", String.valueOf(geometry.height()), "--bins", String.valueOf(BINS), "--geometry",
                String.valueOf(geometry.beamCenterX()), String.valueOf(geometry.beamCenterY()), String.valueOf(geometry.pixelSize()),
                String.valueOf(geometry.distance()), String.valueOf(geometry.wavelength())));
        for (RunSpec spec : runs(plan)) {
            command.addAll(List.of("--run", spec.label() + ":" + spec.seconds()));
        }
        Process process = new ProcessBuilder(command).redirectError(plan.logs().resolve("E-numpy.log").toFile()).start();
        List<JsonNode> reports = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                reports.add(JsonLines.MAPPER.readTree(line));
            }
        }
        if (process.waitFor() != 0 || reports.size() != runs(plan).size() + 1) {
            throw new IllegalStateException("the numpy reduction failed (exit " + process.exitValue() + "): see E-numpy.log");
        }
        return reports;
    }

    /** The two profiles of the first frame agree to rounding (an empty bin is NaN in one, null in the other). */
    private static void checkSameProfile(double[] java, JsonNode numpy) {
        if (numpy.size() != java.length) {
            throw new IllegalStateException("numpy gave " + numpy.size() + " bins, the operator " + java.length);
        }
        for (int bin = 0; bin < java.length; bin++) {
            boolean bothEmpty = Double.isNaN(java[bin]) && numpy.get(bin).isNull();
            if (!bothEmpty && !(Math.abs(java[bin] - numpy.get(bin).asDouble()) <= 1e-9 * Math.abs(java[bin]))) {
                throw new IllegalStateException("the profiles differ in bin " + bin + ": operator " + java[bin] + ", numpy " + numpy.get(bin));
            }
        }
    }
}
