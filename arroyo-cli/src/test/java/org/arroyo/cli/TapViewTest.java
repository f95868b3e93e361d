package org.arroyo.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.cli.ArroyoCliTest.Result;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.arroyo.cli.PipelineCommandsTest.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The arroyo tap --view command of docs/live-view.md, on free ports, fed the sample scan over ZeroMQ: its page shows the run. */
class TapViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGuidesTapShowsAZeroMqStreamOnItsPage() throws Exception {
        int view = freePort();
        int detector = freePort();
        List<String> args = guideCommand(view, detector);
        args.addAll(List.of("--count", "5"));
        CompletableFuture<Result> tap = CompletableFuture.supplyAsync(() -> arroyo(args.toArray()));

        AtomicReference<JsonNode> shown = new AtomicReference<>();
        String updates = "ws://127.0.0.1:" + view + "/arroyo-view/detector/updates";
        WebSocket page = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(updates), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                shown.set(JSON.readTree(text.toString()));
                            } catch (IOException e) {
                                throw new IllegalStateException("the page got an update that is not JSON: " + text, e);
                            }
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(), socket -> true);

        List<Path> scan = samples();
        send(detector, scan.subList(0, scan.size() - 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> shown.get() != null && shown.get().get("events").asLong() == 3);
        assertThat(shown.get().get("start").get("run_id").asText()).isEqualTo("demo-0001");
        assertThat(shown.get().get("image").get("shape").toString()).isEqualTo("[16,16]");
        send(detector, scan.subList(scan.size() - 1, scan.size()));

        Result result = tap.get(60, TimeUnit.SECONDS);
        page.abort();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("watch it live at http://127.0.0.1:" + view + "/arroyo-view/detector/");
        assertThat(result.out().lines()).hasSize(5);
    }

    /** The guide's tap command as arguments, its ports replaced by free ones. */
    private static List<String> guideCommand(int view, int detector) {
        String command = DocsPage.of("live-view.md").block("bash", "arroyo-cli/bin/arroyo tap ").text().strip();
        List<String> args = new ArrayList<>();
        for (String word : command.split(" +")) {
            args.add(word.replace("'", "").replace("8070", String.valueOf(view)).replace("5555", String.valueOf(detector)));
        }
        return new ArrayList<>(args.subList(1, args.size()));
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.sorted().toList();
        }
    }

    /** The files' bytes, one message each, as a detector's PUSH socket sends them. */
    private static void send(int port, List<Path> files) throws IOException {
        try (ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
            push.setLinger(60_000);
            push.connect("tcp://127.0.0.1:" + port);
            for (Path file : files) {
                push.send(Files.readAllBytes(file));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
