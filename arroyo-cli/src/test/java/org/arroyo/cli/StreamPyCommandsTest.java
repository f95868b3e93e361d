package org.arroyo.cli;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.arroyo.cli.ArroyoCliTest.Result;
import org.arroyo.test.UdpQueueClient;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** arroyo streampy queue and metrics-receiver, each a real process, with a real UDP client and a real HTTP hub. */
class StreamPyCommandsTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final DocsPage GUIDE = DocsPage.of("streampy.md");

    @TempDir
    Path dir;

    /** A command line of the guide without its leading {@code arroyo}. */
    private static String[] arguments(String commandLine) {
        String[] words = commandLine.strip().split("\\s+");
        assertThat(words[0]).isEqualTo("arroyo");
        return Arrays.copyOfRange(words, 1, words.length);
    }

    private static ChildJvm arroyoProcess(String name, String... args) {
        return ChildJvm.start(name, ArroyoCli.class, List.of(), args);
    }

    @Test
    void aQueueNodeServesStreamPyClientsKeepsItsJournalAndReportsThroughTheMetricsReceiverToTheHub() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/post", request -> {
            posted.add(new String(request.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            request.sendResponseHeaders(200, -1);
            request.close();
        });
        hub.start();
        int queuePort = UdpQueueClient.freePort();
        int metricsPort = UdpQueueClient.freePort();
        // the guide's two commands, on free ports, a smaller capacity and a shorter period
        String[] commands = GUIDE.block("bash", "arroyo streampy queue").text()
                .replace("127.0.0.1:10000", "127.0.0.1:" + queuePort).replace("127.0.0.1:5001", "127.0.0.1:" + metricsPort)
                .replace("http://127.0.0.1:5555/post", "http://127.0.0.1:" + hub.getAddress().getPort() + "/post")
                .replace("mq.journal", dir.resolve("mq.journal").toString())
                .replace("--capacity 50000", "--capacity 2").replace("--stats-period 1", "--stats-period 0.2").strip().split("\n");
        assertThat(commands).hasSize(2);
        String[] queueNode = arguments(commands[0]);
        try (ChildJvm receiver = arroyoProcess("metrics-receiver", arguments(commands[1]));
             ChildJvm node = arroyoProcess("queue-node", queueNode);
             UdpQueueClient client = new UdpQueueClient(queuePort)) {
            receiver.awaitOutput("listening on udp 127.0.0.1:" + metricsPort, STARTUP);
            node.awaitOutput("listening on udp 127.0.0.1:" + queuePort, STARTUP);

            assertThat(client.put("ping")).isEqualTo("PUT 4 bytes");
            assertThat(client.put("KEY:42")).isEqualTo("PUT 6 bytes");
            assertThat(client.put("third")).startsWith("ERROR queue is full (capacity 2 messages)");
            assertThat(client.size()).isEqualTo(2);
            assertThat(client.get()).isEqualTo("ping");
            // the GET counted a latency: the node's next report reaches the hub in the hub's form
            await().atMost(Duration.ofSeconds(20)).until(() -> posted.stream().anyMatch(body -> body.contains("\"pipeline_key\":\"NODE_1\"")));

            node.kill();
            try (ChildJvm restarted = arroyoProcess("queue-node", queueNode)) {
                restarted.awaitOutput("listening on udp 127.0.0.1:" + queuePort, STARTUP);
                assertThat(client.size()).isEqualTo(1);
                assertThat(client.get()).isEqualTo("KEY:42");
            }
        } finally {
            hub.stop(0);
        }
    }

    @Test
    void anAddressThatIsNotHostAndPortIsAOneLineError() {
        Result result = arroyo("streampy", "queue", "--address", "10000");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("arroyo: --address must be HOST:PORT, got '10000'");
    }

    @Test
    void theMetricsReceiverNeedsTheHubsUri() {
        Result result = arroyo("streampy", "metrics-receiver", "--address", "127.0.0.1:5001");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--uri=URI'");
    }
}
