package org.arroyo.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.Event;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The packaged command, bin/arroyo, as a real process: started in a working directory, stopped by a signal. */
class ArroyoCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        // a build started in the background of a script (CI) passes SIGINT on ignored, and a JVM keeps an ignored
        // signal ignored; a terminal's Ctrl-C reaches a command that has it, so the command starts with it restored
        Stream<String> arroyo = Stream.of("env", "--default-signal=INT", Path.of("bin/arroyo").toAbsolutePath().toString());
        List<String> command = Stream.concat(arroyo, Stream.of(args)).toList();
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

    @Test
    void runObservedServesHealthMetricsAndTheDevConsoleOnLoopback() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (Path sample : filesIn(SAMPLES).keySet().stream().map(SAMPLES::resolve).toList()) {
            Files.copy(sample, in.resolve(sample.getFileName()));
        }
        Event event = (Event) WireFormat.MSGPACK.codec().decode(Files.readAllBytes(SAMPLES.resolve("1-event.msgpack")));
        Map<String, Object> refused = new LinkedHashMap<>(event.metadata());
        refused.put("refuse", true);
        Files.write(in.resolve("2a-event.msgpack"), WireFormat.MSGPACK.codec().encodeFrame(event.withMetadata(refused)));
        Path out = dir.resolve("out");
        Path notReady = Files.writeString(dir.resolve("not-ready.yaml"), """
                - beans:
                    - name: not-ready
                      type: org.arroyo.cli.NotReady
                """);
        int port = freePort();
        List<String> args = new ArrayList<>(documentedRun());
        args.addAll(List.of("--classpath", classesOf(Tagger.class) + ":" + classesOf(NotReady.class), "-D", "in.dir=" + in,
                "-D", "out.dir=" + out, "-D", "camel.management.port=" + port, notReady.toString()));
        args.replaceAll(arg -> arg.equals("saxs.yaml") ? PIPELINES.resolve("saxs.yaml").toAbsolutePath().toString() : arg);

        start(args.toArray(String[]::new));
        await().atMost(PATIENCE).until(() -> Files.isDirectory(out) && filesIn(out).size() == 8 && Files.isDirectory(dir.resolve("failed")));
        HttpResponse<String> metrics = await().atMost(PATIENCE).ignoreExceptions().until(() -> get(port, "/observe/metrics"),
                response -> response.statusCode() == 200 && response.body().contains("arroyo_pipeline_dead_letters_total{pipeline=\"saxs\"} 1.0"));
        HttpResponse<String> live = get(port, "/observe/health/live");
        HttpResponse<String> ready = get(port, "/observe/health/ready?exposureLevel=full");
        HttpResponse<String> console = get(port, "/q/dev/context");
        assertThat(listeningAddresses(port)).as("the addresses the server listens on").containsExactly("127.0.0.1");
        Optional<InetAddress> otherAddress = nonLoopbackAddress();
        otherAddress.ifPresent(address -> assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress(address, port), 2000))
                .as("nothing listens on " + address).isInstanceOf(ConnectException.class));
        process.destroy();

        assertThat(exitCode()).as(stderr()).isZero();
        List<String> session = DocsPage.of("operations.md").block("", "arroyo_pipeline_messages_in_total").text().lines().toList();
        assertThat(session).as("the page's answer of /observe/health/live").contains(live.body());
        assertThat(metrics.body().lines()).as("the figures the page shows")
                .containsAll(session.stream().filter(line -> line.startsWith("arroyo_pipeline_")).toList());
        assertThat(metrics.body()).contains("arroyo_pipeline_operator_seconds_count{pipeline=\"saxs\"} 6\n",
                "arroyo_pipeline_batch_size_count{pipeline=\"saxs\"} 0\n", "camel_exchanges_total{");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(ready.statusCode()).as("a readiness check of the context is DOWN: " + ready.body()).isEqualTo(503);
        assertThat(json(ready).get("checks").findValuesAsText("name")).contains("not-ready", "route:saxs", "context");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("arroyo");
    }

    @Test
    void runObservedOnANonLoopbackAddressWarns() throws Exception {
        String host = DocsPage.of("operations.md").block("properties", "camel.management.host").text().split("=")[1].strip();
        start("run", "-D", "arroyo.observe=true", "-D", "camel.management.host=" + host, "-D", "camel.management.port=" + freePort(),
                "-D", "camel.main.duration-max-seconds=1", PIPELINES.resolve("saxs.yaml").toAbsolutePath().toString(),
                "-D", "in.dir=" + dir.resolve("in"), "-D", "out.dir=" + dir.resolve("out"),
                "--classpath", classesOf(Tagger.class));

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(stderr()).contains("WARN  ObservePlugin - The management server (health, metrics, dev console) "
                                      + "listens on 0.0.0.0, reachable from other machines (camel.management.host)");
    }

    /**
     * The local addresses of the TCP sockets listening on this port, as the kernel lists them: IPv4 ones and IPv4-mapped
     * IPv6 ones as dotted quads, any other IPv6 address as the kernel's hex.
     */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (KernelSockets.Socket socket : KernelSockets.all()) {
            if (socket.localPortIs(port) && socket.state().equals(KernelSockets.LISTEN)) {
                String hex = socket.local().substring(0, socket.local().indexOf(':'));
                boolean ipv4 = hex.length() == 8 || hex.startsWith("0000000000000000FFFF0000");
                addresses.add(ipv4 ? dottedQuad(hex.substring(hex.length() - 8)) : hex);
            }
        }
        return addresses;
    }

    /** An IPv4 address as the kernel writes it: 8 hex digits, little-endian. */
    private static String dottedQuad(String hex) {
        long address = Long.parseLong(hex, 16);
        return (address & 0xff) + "." + (address >> 8 & 0xff) + "." + (address >> 16 & 0xff) + "." + (address >> 24 & 0xff);
    }

    /** The page's {@code arroyo run} with the switch, as arguments. */
    private static List<String> documentedRun() {
        String command = DocsPage.of("operations.md").block("bash", "arroyo run -D arroyo.observe=true").text().strip();
        assertThat(command).startsWith("arroyo ");
        return List.of(command.substring("arroyo ".length()).split(" +"));
    }

    private static String classesOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(network -> {
            try {
                return network.isUp() && !network.isLoopback();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(Inet4Address.class::isInstance).findFirst();
    }
}
