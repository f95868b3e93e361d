package org.arroyo.camel.streampy.metrics;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.streampy.QueueNode;
import org.arroyo.test.UdpQueueClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-period stream-py reports over UDP, arroyopy meters for Prometheus, and the hub POSTs. */
class MetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final CamelContext context = new DefaultCamelContext();
    private final DatagramSocket metrics;

    MetricsTest() throws IOException {
        metrics = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        metrics.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        context.stop();
        metrics.close();
    }

    private MetricsSettings reportsToTheTest(String vuid) {
        return MetricsSettings.udp(vuid, "127.0.0.1:" + metrics.getLocalPort(), PERIOD);
    }

    private JsonNode nextReport() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        metrics.receive(packet);
        return JSON.readTree(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }

    private static long total(JsonNode report, String figure) {
        long total = 0;
        if (!report.get(figure).isNull()) {
            for (JsonNode count : report.get(figure)) {
                total += count.asLong();
            }
        }
        return total;
    }

    @Test
    void aQueueNodeSendsOneReportPerPeriodWithTheCountsOfAKnownLoad() throws Exception {
        int port = UdpQueueClient.freePort();
        context.addRoutes(new QueueNode("mq", "127.0.0.1", port).metrics(reportsToTheTest("NODE_1")));
        context.start();
        JsonNode idle = nextReport();
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            for (int i = 0; i < 30; i++) {
                client.send("PUT:message " + i);
            }
            for (int i = 0; i < 20; i++) {
                client.send("GET");
            }
        }
        List<JsonNode> reports = List.of(idle, nextReport(), nextReport());

        for (JsonNode report : reports) {
            List<String> fields = new ArrayList<>();
            report.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("t0", "t1", "func", "VUID", "latency_time", "latency_count", "throughput_in",
                    "throughput_out");
            assertThat(report.get("func").asText()).isEqualTo("Messagequeue");
            assertThat(report.get("VUID").asText()).isEqualTo("NODE_1");
            assertThat(report.get("t1").asDouble() - report.get("t0").asDouble()).isCloseTo(1.0, within(0.25));
            assertEpochSecondsWithin(report, "throughput_in");
            assertEpochSecondsWithin(report, "throughput_out");
            if (!report.get("latency_count").isNull()) {
                report.get("latency_count").fieldNames().forEachRemaining(bin -> assertThat(bin).matches("\\d+\\.\\d{9} s"));
            }
        }
        assertThat(reports.get(1).get("t0").asDouble()).as("periods follow each other").isEqualTo(reports.get(0).get("t1").asDouble());
        assertThat(reports.get(2).get("t0").asDouble()).isEqualTo(reports.get(1).get("t1").asDouble());
        assertThat(idle.get("latency_count").isNull() && idle.get("throughput_in").isNull()).as("nothing in the first period").isTrue();
        assertThat(total(reports.get(1), "throughput_in") + total(reports.get(2), "throughput_in")).isEqualTo(30);
        assertThat(total(reports.get(1), "throughput_out") + total(reports.get(2), "throughput_out")).isEqualTo(20);
        assertThat(total(reports.get(1), "latency_count") + total(reports.get(2), "latency_count")).isEqualTo(20);
    }

    @Test
    void aPipelineReportsItsMessagesAndItsArroyopyMetersForPrometheus() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, prometheus);
        int port = UdpQueueClient.freePort();
        String queue = "streampy:queue:127.0.0.1:" + port;
        Relay game = new Relay(11);
        context.addRoutes(new QueueNode("mq", "127.0.0.1", port));
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("pong").listen(queue).routePolicy(new PipelineMetrics(reportsToTheTest("NODE_2"), "PingPong"))
                        .operator(game).publish(queue);
            }
        });
        context.start();
        nextReport();

        context.createProducerTemplate().sendBody(queue, "ping");
        assertThat(game.awaitOver(10, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> reports = List.of(nextReport(), nextReport());

        assertThat(reports).allSatisfy(report -> {
            assertThat(report.get("func").asText()).isEqualTo("PingPong");
            assertThat(report.get("VUID").asText()).isEqualTo("NODE_2");
        });
        assertThat(reports.stream().mapToLong(report -> total(report, "throughput_in")).sum()).isEqualTo(12);
        assertThat(reports.stream().mapToLong(report -> total(report, "throughput_out")).sum()).isEqualTo(12);
        assertThat(reports.stream().mapToLong(report -> total(report, "latency_count")).sum()).isEqualTo(12);
        String scrape = prometheus.scrape();
        assertThat(scrape).contains("arroyopy_messages_received_total{listener_type=\"streampy\",pipeline=\"pong\"} 12.0")
                .contains("arroyopy_messages_processed_total{operator_type=\"PingPong\",pipeline=\"pong\"} 12.0")
                .contains("arroyopy_processing_seconds_count{operator_type=\"PingPong\",pipeline=\"pong\"} 12")
                .contains("arroyopy_processing_seconds_bucket{operator_type=\"PingPong\",pipeline=\"pong\",le=\"0.001\"}")
                .contains("arroyopy_avg_processing_seconds{operator_type=\"PingPong\",pipeline=\"pong\"}");
    }

    @Test
    void theMetricsReceiverPostsEachReportWithLatenciesToTheHub() throws Exception {
        BlockingQueue<String> posts = new LinkedBlockingQueue<>();
        HttpServer hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/post", exchange -> {
            posts.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hub.start();
        try {
            int receiverPort = UdpQueueClient.freePort();
            int nodePort = UdpQueueClient.freePort();
            context.addRoutes(new MetricsReceiver("metrics-receiver", "127.0.0.1", receiverPort,
                    "http://127.0.0.1:" + hub.getAddress().getPort() + "/post"));
            context.addRoutes(new QueueNode("mq", "127.0.0.1", nodePort)
                    .metrics(MetricsSettings.udp("NODE_1", "127.0.0.1:" + receiverPort, PERIOD)));
            context.start();
            try (UdpQueueClient client = new UdpQueueClient(nodePort)) {
                for (int i = 0; i < 15; i++) {
                    client.send("PUT:m" + i);
                    client.send("GET");
                }
            }

            String post = posts.poll(5, TimeUnit.SECONDS);
            assertThat(post).startsWith("POST application/json {\"pipeline_key\":\"NODE_1\",\"t1\":");
            JsonNode form = JSON.readTree(post.substring(post.indexOf('{')));
            long binned = 0;
            for (Iterator<String> bins = form.get("topics").get("latency_bins").fieldNames(); bins.hasNext();) {
                String bin = bins.next();
                assertThat(Double.parseDouble(bin)).as("bins are seconds").isPositive();
                binned += form.get("topics").get("latency_bins").get(bin).asLong();
            }
            long out = 0;
            for (JsonNode count : form.get("topics").get("throughput_out")) {
                out += count.asLong();
            }
            JsonNode second = null;
            if (binned < 15) {
                String next = posts.poll(3, TimeUnit.SECONDS);
                assertThat(next).isNotNull();
                second = JSON.readTree(next.substring(next.indexOf('{')));
                for (JsonNode count : second.get("topics").get("latency_bins")) {
                    binned += count.asLong();
                }
            }
            assertThat(binned).as("every GET counted once, over one or two periods").isEqualTo(15);
            assertThat(out).isPositive();
            assertThat(posts.poll(2500, TimeUnit.MILLISECONDS)).as("idle periods count no latency: not posted").isNull();
        } finally {
            hub.stop(0);
        }
    }

    private static void assertEpochSecondsWithin(JsonNode report, String figure) {
        if (report.get(figure).isNull()) {
            return;
        }
        report.get(figure).fieldNames().forEachRemaining(second -> assertThat(Long.parseLong(second))
                .isBetween((long) Math.floor(report.get("t0").asDouble()), (long) report.get("t1").asDouble()));
    }

    /** Puts each message back on the queue it came from until it has been taken {@code times} + 1 times. */
    private static final class Relay implements Operator {

        private final int times;
        private final AtomicInteger taken = new AtomicInteger();
        private final CountDownLatch over = new CountDownLatch(1);

        Relay(int times) {
            this.times = times;
        }

        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            if (taken.incrementAndGet() > times) {
                over.countDown();
                return List.of();
            }
            return List.of(event);
        }

        boolean awaitOver(long timeout, TimeUnit unit) throws InterruptedException {
            return over.await(timeout, unit);
        }
    }
}
