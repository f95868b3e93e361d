package org.arroyo.camel.dsl;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/files.md run as written there: a folder as a pipeline's listener, each file one message in the pipeline's
 * format, a file read only once its done file is there. The pipelines publish over ZeroMQ on loopback; the run's files
 * are written by the page's Python writer (msgpack-python).
 */
class FilesGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("files.md");
    /** Camel's file consumer polls every 500 ms: three polls. */
    private static final Duration THREE_POLLS = Duration.ofMillis(1500);

    private final CamelContext context = new DefaultCamelContext();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        context.stop();
    }

    public class FileRoutes extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            pipeline("from-files")
                    .listen("file:{{incoming}}?doneFileName=${file:name}.done&sortBy=file:name")
                    .publish("zeromq:PUSH:{{reduction}}?bind=true");
        }
    }

    private interface Routes {
        void addTo(CamelContext context) throws Exception;
    }

    /** The run the page's Python writer writes. */
    private static final List<ArroyoMessage> RUN = List.of(new Start(Map.of("run_id", "scan-7")),
            Event.of(Map.of("frame_number", 0)), Event.of(Map.of("frame_number", 1)), Event.of(Map.of("frame_number", 2)),
            new Stop(Map.of("run_id", "scan-7", "num_frames", 3)));

    @Test
    void theJavaPipelineReadsTheRunThePythonWriterWrites() throws Exception {
        assertReadsThePythonRun(routes -> routes.addRoutes(new FileRoutes()));
    }

    @Test
    void theBlocksFileReadsTheRunThePythonWriterWrites() throws Exception {
        Path blocks = Files.writeString(dir.resolve("blocks.yaml"), GUIDE.block("yaml", "name: from-files").text());
        assertReadsThePythonRun(routes -> routes.addRoutes(new BlocksRouteBuilder(blocks)));
    }

    private void assertReadsThePythonRun(Routes routes) throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        MockEndpoint received = started(routes, "incoming", incoming);
        received.expectedMessageCount(RUN.size());

        PythonPeer.requireModules("msgpack");
        Path writer = Files.writeString(dir.resolve("write_run.py"), GUIDE.block("python", "def write_message").text());
        Process python = new ProcessBuilder("/usr/bin/python3", writer.toString(), incoming.toString()).inheritIO().start();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).isZero();

        received.assertIsSatisfied(20_000);
        assertThat(decoded(received)).containsExactlyElementsOf(RUN);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.list(incoming).map(Path::getFileName).map(Path::toString))
                .as("every file taken, every done file deleted").containsExactly(".camel"));
    }

    @Test
    void aHalfWrittenFileIsNotReadUntilItsDoneFileIsThere() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        MockEndpoint received = started(routes -> routes.addRoutes(new FileRoutes()), "incoming", incoming);
        Event frame = Event.of(Map.of("frame_number", 0L, "detector", "saxs"));
        byte[] bytes = WireFormat.MSGPACK.codec().encodeFrame(frame);
        Path file = incoming.resolve("0001-frame.msgpack");

        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        Thread.sleep(THREE_POLLS.toMillis());
        assertThat(received.getReceivedCounter()).as("not read while half-written").isZero();
        assertThat(file).exists();
        assertThat(dir.resolve("failed")).doesNotExist();

        Files.write(file, bytes);
        Files.createFile(incoming.resolve("0001-frame.msgpack.done"));
        received.expectedMessageCount(1);
        received.assertIsSatisfied(10_000);
        assertThat(decoded(received)).containsExactly(frame);
    }

    /** An operator decodes each message; a pipeline without one would relay the half file's bytes as they came. */
    @Test
    void withoutTheConventionAHalfWrittenFileIsReadAndGoesToTheDeadLetters() throws Exception {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        Path failed = dir.resolve("failed");
        context.getPropertiesComponent().addInitialProperty("arroyo.deadLetterUri", "file:" + failed);
        MockEndpoint received = started(routes -> routes.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("from-files").listen("file:{{incoming}}").operator(new Operator() {
                }).publish("zeromq:PUSH:{{reduction}}?bind=true");
            }
        }), "incoming", incoming);
        byte[] bytes = WireFormat.MSGPACK.codec().encodeFrame(Event.of(Map.of("frame_number", 0L, "detector", "saxs")));

        Files.write(incoming.resolve("0001-frame.msgpack"), Arrays.copyOf(bytes, bytes.length / 2));

        Path letter = failed.resolve("0001-frame.msgpack");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(letter) && Files.size(letter) == bytes.length / 2);
        assertThat(Files.readString(failed.resolve("0001-frame.msgpack.reason"))).contains("ArroyoDecodeException");
        assertThat(received.getReceivedCounter()).isZero();
    }

    @Test
    void theRawPipelinePublishesEachFilesBytesAsAnEventsPayload() throws Exception {
        Path frames = Files.createDirectories(dir.resolve("frames"));
        Path blocks = Files.writeString(dir.resolve("blocks.yaml"), GUIDE.block("yaml", "name: raw-frames").text());
        MockEndpoint received = started(routes -> routes.addRoutes(new BlocksRouteBuilder(blocks)), "frames", frames);
        byte[] image = "a detector frame's bytes".getBytes(StandardCharsets.US_ASCII);
        Files.write(frames.resolve("frame-0001.bin"), image);
        Files.writeString(frames.resolve("notes.txt"), "not a frame");
        Files.createFile(frames.resolve("frame-0001.bin.done"));
        Files.createFile(frames.resolve("notes.txt.done"));

        received.expectedMessageCount(1);
        received.assertIsSatisfied(10_000);
        assertThat(received.getReceivedExchanges().get(0).getMessage().getBody(byte[].class)).isEqualTo(image);
        Thread.sleep(THREE_POLLS.toMillis());
        assertThat(received.getReceivedCounter()).as("only *.bin files").isEqualTo(1);
        assertThat(frames.resolve("notes.txt")).exists();
    }

    /** Starts the routes with the folder as the property {@code folderProperty} and a receiver of what they publish. */
    private MockEndpoint started(Routes routes, String folderProperty, Path folder) throws Exception {
        String out = "tcp://127.0.0.1:" + freePort();
        context.getPropertiesComponent().addInitialProperty(folderProperty, folder.toString());
        context.getPropertiesComponent().addInitialProperty("reduction", out);
        routes.addTo(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:PULL:" + out).to("mock:received");
            }
        });
        context.start();
        return context.getEndpoint("mock:received", MockEndpoint.class);
    }

    private static List<ArroyoMessage> decoded(MockEndpoint received) {
        return received.getReceivedExchanges().stream()
                .map(exchange -> WireFormat.MSGPACK.codec().decode(exchange.getMessage().getBody(byte[].class))).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
