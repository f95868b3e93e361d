package org.arroyo.example.streampy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.test.UdpQueueClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** stream-py's demos as Camel routes: ping-pong on one queue node, and the two-level tree. */
class StreamPyDemosTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void pingPongRunsTheGivenNumberOfRoundsOnOneQueueNode() throws Exception {
        int port = UdpQueueClient.freePort();
        PingPong game = new PingPong(25);
        context.addRoutes(game.routes("127.0.0.1", port));
        context.start();

        context.createProducerTemplate().sendBody("streampy:queue:127.0.0.1:" + port, "ping");

        assertThat(game.awaitOver(30, TimeUnit.SECONDS)).as("the game ends").isTrue();
        List<String> expected = new ArrayList<>();
        for (int message = 0; message <= 25; message++) {
            expected.add(message % 2 == 0 ? "ping" : "pong");
        }
        assertThat(game.received()).containsExactlyElementsOf(expected);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            assertThat(client.size()).as("the last message was taken and not answered").isZero();
        }
    }

    @Test
    void theTreeSendsEachKeyToItsBranchAndEachReadingToItsLeaf() throws Exception {
        int firstPort = UdpQueueClient.freePort();
        TreeTopology tree = new TreeTopology("127.0.0.1", firstPort);
        context.addRoutes(tree);
        context.start();

        List<List<String>> expected = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (UdpQueueClient root = new UdpQueueClient(tree.port("root"))) {
            for (int reading = 0; reading < 40; reading++) {
                String key = "sensor-" + reading % 8;
                String message = key + ":" + reading;
                assertThat(root.put(message)).startsWith("PUT ");
                expected.get(2 * (int) (crc32(key) % 2) + reading % 2).add(message);
            }
        }
        assertThat(expected).as("the keys spread over both branches").allSatisfy(leaf -> assertThat(leaf).isNotEmpty());

        List<String> leaves = TreeTopology.NODES.subList(3, 7);
        await().atMost(Duration.ofSeconds(20)).until(() -> totalSize(tree, leaves) == 40);
        for (int leaf = 0; leaf < 4; leaf++) {
            assertThat(drain(tree.port(leaves.get(leaf)))).as(leaves.get(leaf)).containsExactlyElementsOf(expected.get(leaf));
        }
    }

    private static long crc32(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static int totalSize(TreeTopology tree, List<String> nodes) throws Exception {
        int total = 0;
        for (String node : nodes) {
            try (UdpQueueClient client = new UdpQueueClient(tree.port(node))) {
                total += client.size();
            }
        }
        return total;
    }

    private static List<String> drain(int port) throws Exception {
        List<String> messages = new ArrayList<>();
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            for (String message = client.get(); !message.isEmpty(); message = client.get()) {
                messages.add(message);
            }
        }
        return messages;
    }
}
