package org.arroyo.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.arroyo.test.Tagger;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.arroyo.cli.PipelineCommandsTest.PIPELINES;
import static org.arroyo.cli.PipelineCommandsTest.SAMPLES;
import static org.arroyo.cli.PipelineCommandsTest.expectedOutputs;
import static org.arroyo.cli.PipelineCommandsTest.filesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged command, bin/arroyo, as a real process: started in a working directory, stopped by a signal. */
class ArroyoCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stopProcess() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void start(String... args) throws IOException {
        List<String> command = Stream.concat(Stream.of(Path.of("bin/arroyo").toAbsolutePath().toString()), Stream.of(args)).toList();
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    private String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"));
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    private int exitCode() throws InterruptedException {
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
        return process.exitValue();
    }

    @Test
    void runReadsApplicationPropertiesFromItsWorkingDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        Path out = dir.resolve("out");
        Files.writeString(dir.resolve("application.properties"), "in.dir=" + SAMPLES + "\nout.dir=" + out + "\n");
        Path taggerClasses = Path.of(Tagger.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        start("run", "--classpath", taggerClasses.toString(), PIPELINES.resolve("saxs.yaml").toAbsolutePath().toString());
        await().atMost(PATIENCE).until(() -> Files.isDirectory(out) && filesIn(out).size() == 8);
        process.destroy();

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(stderr()).contains("arroyo: SIGTERM received, stopping", "Apache Camel 4.14.1 (arroyo) shutdown in")
                .doesNotContain("ERROR", "Exception");
        assertThat(filesIn(out)).isEqualTo(expectedOutputs());
        assertThat(stderr()).as("the run's lines").contains(
                "INFO  PipelineProgress - saxs: run demo-0001 started: width=16, height=16, data_type=uint16\n",
                "INFO  PipelineProgress - saxs: run demo-0001 stopped: 3 events in ");
    }

    @Test
    void runQuietLogsNoRunLinesAndNoSummary() throws Exception {
        Path out = dir.resolve("out");
        Path taggerClasses = Path.of(Tagger.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        start("run", "--quiet", "--classpath", taggerClasses.toString(), "-D", "in.dir=" + SAMPLES, "-D", "out.dir=" + out,
                "-D", "camel.main.duration-max-idle-seconds=2", PIPELINES.resolve("saxs.yaml").toAbsolutePath().toString());

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(filesIn(out)).isEqualTo(expectedOutputs());
        assertThat(stderr()).doesNotContain("PipelineProgress", "Started saxs");
    }

    @Test
    void tapStopsCleanlyOnCtrlC() throws Exception {
        start("tap", "file:" + SAMPLES + "?noop=true&sortBy=file:name&initialDelay=0");
        await().atMost(PATIENCE).until(() -> stdout().lines().count() == 5);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(stdout().lines()).startsWith("start run=demo-0001").endsWith("stop  run=demo-0001");
        assertThat(stderr()).contains("arroyo: SIGINT received, stopping").doesNotContain("ERROR", "Exception");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theDocumentedBatchKameletRouteDeliversTheWholeRunToAZeroMqPeer() throws Exception {
        PythonPeer.requireModules("zmq", "msgpack");
        Path route = Files.writeString(dir.resolve("batches.yaml"), DocsPage.of("dsl.md").block("yaml", "name: arroyo-batch-action").text());
        int detector = freePort();
        int reduction = freePort();
        int events = 25;

        PythonPeer.Run peer = PythonPeer.start("batch_run_peer.py", "tcp://127.0.0.1:" + detector, "tcp://127.0.0.1:" + reduction, events);
        start("run", route.toString(), "-D", "detector=tcp://127.0.0.1:" + detector, "-D", "reduction=tcp://127.0.0.1:" + reduction);
        JsonNode received = peer.result(60).get("received");
        process.destroy();

        List<Integer> frames = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        received.forEach(message -> {
            if (message.isArray()) {
                kinds.add("batch");
                message.forEach(frame -> frames.add(frame.asInt()));
            } else {
                kinds.add(message.get("msg_type").asText());
            }
        });
        // two decoupling threads: the order across them is not kept, so a start or a stop may pass a batch
        assertThat(kinds).as(received.toString()).containsOnlyOnce("start", "stop").contains("batch");
        assertThat(frames).as("every event, each once, in batches of at most 10").hasSize(events)
                .containsExactlyInAnyOrderElementsOf(Stream.iterate(0, n -> n + 1).limit(events).toList());
        received.forEach(message -> assertThat(message.size()).isLessThanOrEqualTo(10));
        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(stderr()).doesNotContain("NoTypeConversionAvailableException", "ERROR");
    }

    @Test
    void stopIsBoundedWhenAPublisherHasNoPeerAndWhatWasNotPublishedComesAgainAfterARestart() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        int reduction = freePort();
        Path blocks = Files.writeString(dir.resolve("relay.yaml"), """
                blocks:
                  - name: relay
                    listeners: ["file:{{in.dir}}?initialDelay=0&delay=100"]
                    publishers: ["zeromq:PUSH:{{reduction}}?bind=true&sendTimeout=1s"]
                """);
        byte[] start = Files.readAllBytes(SAMPLES.resolve("0-start.msgpack"));
        Files.write(in.resolve("0-start.msgpack"), start);
        String[] run = { "run", blocks.toString(), "-D", "in.dir=" + in, "-D", "reduction=tcp://127.0.0.1:" + reduction };

        start(run);
        await().atMost(PATIENCE).until(() -> stderr().contains("not taken by zeromq:PUSH:"));
        long signalled = System.nanoTime();
        process.destroy();
        int exitCode = exitCode();
        Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);

        System.out.printf("arroyo run with a publisher without a peer stopped %d ms after SIGTERM%n", stopping.toMillis());
        assertThat(exitCode).as(stderr()).isZero();
        assertThat(stopping).as("stopped within the 10 s stop timeout (and the JVM's exit)").isLessThan(Duration.ofSeconds(14));
        assertThat(in.resolve("0-start.msgpack")).as("not acknowledged: the file listener left it in place").exists();
        assertThat(dir.resolve("failed")).as("not dead-lettered").doesNotExist();

        try (ZContext zeromq = new ZContext(); ZMQ.Socket pull = zeromq.createSocket(SocketType.PULL)) {
            start(run);
            pull.connect("tcp://127.0.0.1:" + reduction);
            pull.setReceiveTimeOut(Math.toIntExact(PATIENCE.toMillis()));
            assertThat(pull.recv()).as("published after the restart").isEqualTo(start);
        }
        process.destroy();
        assertThat(exitCode()).as(stderr()).isZero();
    }
}
