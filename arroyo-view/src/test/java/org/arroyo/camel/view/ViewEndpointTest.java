package org.arroyo.camel.view;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The view as a browser sees it: the page over HTTP, updates over the websocket, from a route sending a run to it. */
class ViewEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong routed = new AtomicLong();
    private CamelContext camel;
    private ProducerTemplate template;
    private ViewEndpoint view;

    @BeforeEach
    void startRoute() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        camel = new DefaultCamelContext();
        String uri = "arroyo-view:beamline?port=" + port + "&refreshInterval=100&maxSide=64";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").to(uri).process(exchange -> routed.incrementAndGet());
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        view = camel.getEndpoint(uri, ViewEndpoint.class);
    }

    @AfterEach
    void stopRoute() {
        camel.stop();
    }

    @Test
    void servesThePageOnLoopbackAndShowsTheRunToEveryBrowser() throws Exception {
        assertThat(view.pageUrl()).startsWith("http://127.0.0.1:").endsWith("/arroyo-view/beamline/");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(view.pageUrl())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<canvas id=\"image\"", "view.js");
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(view.pageUrl() + "view.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new WebSocket");

        try (PageClient first = new PageClient(http, view.pageUrl()); PageClient second = new PageClient(http, view.pageUrl())) {
            send(new Start(Map.of("run_id", "scan-7", "q", List.of(0.1, 0.2, 0.3, 0.4))));
            for (int frame = 0; frame < 3; frame++) {
                send(Event.of(Map.of("frame_number", frame), ramp(DType.UINT16, 32, 48)));
                send(Event.of(Map.of("frame_number", frame), NdArray.ofDoubles(new double[] { 1e4, 1e3, 1e2, 10 })));
            }
            send(new Stop(Map.of("run_id", "scan-7", "num_frames", 3)));

            for (PageClient browser : List.of(first, second)) {
                await().atMost(WAIT).until(() -> browser.latest() != null && browser.latest().path("stop").has("num_frames"));
                JsonNode shown = browser.latest();
                assertThat(shown.get("name").asText()).isEqualTo("beamline");
                assertThat(shown.get("start").get("run_id").asText()).isEqualTo("scan-7");
                assertThat(shown.get("events").asLong()).isEqualTo(6);
                assertThat(shown.get("images").asLong()).isEqualTo(3);
                assertThat(shown.get("plots").asLong()).isEqualTo(3);
                JsonNode image = shown.get("image");
                assertThat(image.get("dtype").asText()).isEqualTo("uint16");
                assertThat(image.get("shape").toString()).isEqualTo("[32,48]");
                assertThat(image.get("fields").get("frame_number").asInt()).isEqualTo(2);
                byte[] pixels = Base64.getDecoder().decode(image.get("pixels").asText());
                assertThat(pixels).hasSize(32 * 48);
                // the ramp's first pixel is its minimum, its last its maximum
                assertThat(Byte.toUnsignedInt(pixels[0])).isZero();
                assertThat(Byte.toUnsignedInt(pixels[pixels.length - 1])).isEqualTo(255);
                JsonNode plot = shown.get("plot");
                assertThat(plot.get("xLabel").asText()).isEqualTo("q");
                assertThat(plot.get("x").toString()).isEqualTo("[0.1,0.2,0.3,0.4]");
                assertThat(plot.get("y").toString()).isEqualTo("[10000.0,1000.0,100.0,10.0]");
            }
        }
    }

    @Test
    void badInputIsNamedOnThePageAndNeverFailsTheRoute() throws Exception {
        try (PageClient browser = new PageClient(http, view.pageUrl())) {
            List<Exchange> sent = new ArrayList<>();
            sent.add(template.send("direct:stream", exchange -> exchange.getMessage().setBody(new byte[] { 1, 2, 3 })));
            await().atMost(WAIT).until(() -> browser.latest() != null && browser.latest().get("skipped").asLong() == 1);
            assertThat(browser.latest().get("note").asText()).isEqualTo("skipped a byte[] body: not an Arroyo message");

            sent.add(send(Event.of(Map.of("frame_number", 1), ByteBuffer.wrap(new byte[] { 9, 9 }))));
            await().atMost(WAIT).until(() -> browser.latest().get("note").asText().equals("event 1 carries no array (2 bytes)"));

            // 64 MiB: shown one pixel in 128 along each side, read in place
            NdArray huge = new NdArray(DType.UINT8, new int[] { 8192, 8192 }, ByteOrder.LITTLE_ENDIAN, ByteBuffer.allocate(8192 * 8192));
            sent.add(send(Event.of(Map.of("frame_number", 2), huge)));
            await().atMost(WAIT).until(() -> browser.latest().hasNonNull("image"));
            JsonNode image = browser.latest().get("image");
            assertThat(image.get("step").asInt()).isEqualTo(128);
            assertThat(image.get("width").asInt()).isEqualTo(64);
            assertThat(image.get("shape").toString()).isEqualTo("[8192,8192]");

            assertThat(sent).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
            assertThat(routed.get()).isEqualTo(3);
        }
    }

    @Test
    void aBrowserThatDropsItsConnectionLeavesTheOthersAndTheRouteRunning() throws Exception {
        PageClient crashed = new PageClient(http, view.pageUrl());
        try (PageClient watching = new PageClient(http, view.pageUrl())) {
            send(new Start(Map.of("run_id", "scan-8")));
            await().atMost(WAIT).until(() -> crashed.latest() != null);
            crashed.abort();
            for (int frame = 0; frame < 50; frame++) {
                assertThat(send(Event.of(Map.of("frame_number", frame), ramp(DType.UINT8, 16, 16))).getException()).isNull();
            }
            await().atMost(WAIT).until(() -> watching.latest() != null && watching.latest().get("events").asLong() == 50);
            assertThat(routed.get()).isEqualTo(51);
        }
    }

    @Test
    void aFastStreamReachesThePageAtTheRefreshRateAndTheRouteInFull() throws Exception {
        try (PageClient browser = new PageClient(http, view.pageUrl())) {
            send(new Start(Map.of("run_id", "fast")));
            long began = System.nanoTime();
            int events = 20_000;
            for (int frame = 0; frame < events; frame++) {
                send(Event.of(Map.of("frame_number", frame), ramp(DType.UINT8, 64, 64)));
            }
            await().atMost(WAIT).until(() -> browser.latest() != null && browser.latest().get("events").asLong() == events);
            double seconds = (System.nanoTime() - began) / 1e9;
            assertThat(routed.get()).isEqualTo(events + 1);
            // one update per 100 ms refresh at most, whatever the stream's rate (plus the one the rate's fall to 0 sends)
            assertThat(browser.updates.size()).isLessThanOrEqualTo((int) (seconds * 10) + 3);
        }
    }

    private Exchange send(Object message) {
        return template.send("direct:stream", exchange -> exchange.getMessage().setBody(message));
    }

    /** A frame whose values rise from 0 at the first pixel to the last. */
    private static NdArray ramp(DType dtype, int height, int width) {
        ByteBuffer bytes = ByteBuffer.allocate(height * width * dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < height * width; i++) {
            switch (dtype) {
                case UINT8 -> bytes.put((byte) (i * 255 / (height * width - 1)));
                case UINT16 -> bytes.putShort((short) i);
                default -> throw new IllegalArgumentException(dtype.toString());
            }
        }
        return new NdArray(dtype, new int[] { height, width }, ByteOrder.LITTLE_ENDIAN, bytes.flip());
    }
}
