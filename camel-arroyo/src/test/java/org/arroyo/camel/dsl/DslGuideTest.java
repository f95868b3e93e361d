package org.arroyo.camel.dsl;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.codec.JsonImageAssembler;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.InteropVectors.Case;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire-format snippets of docs/dsl.md, run as written there: the ArroyoXPS and timepix blocks files, the
 * ArroyoXPS relay in Java and the plain route with the read and write Kamelets, each fed the interop vectors over
 * ZeroMQ on loopback. What they publish decodes to what the vectors' senders wrote, as the very bytes sent where the
 * convention is byte-exact.
 */
class DslGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("dsl.md");
    private static final Path THIS_FILE = Path.of("src/test/java/org/arroyo/camel/dsl/DslGuideTest.java");

    private final CamelContext context = new DefaultCamelContext();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        context.stop();
    }

    public class XpsRelay extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            pipeline("xps-relay").format("json+raw")
                    .listen("zeromq:PULL:{{xps.labview}}")
                    .publish("zeromq:PUSH:{{xps.reduction}}?bind=true");
        }
    }

    @Test
    void theArroyoXpsRelayBlockPassesTheFramesOnInJsonRaw() throws Exception {
        List<byte[]> received = relay("xps", blocks(GUIDE.block("yaml", "name: xps-relay")), xpsFrames(), 4);

        assertXpsReceived(received);
    }

    @Test
    void theArroyoXpsRelayInJavaPassesTheFramesOnInJsonRaw() throws Exception {
        List<byte[]> received = relay("xps", routes -> routes.addRoutes(new XpsRelay()), xpsFrames(), 4);

        assertXpsReceived(received);
    }

    @Test
    void thePlainRouteReadsJsonRawAndWritesMsgpack() throws Exception {
        String route = GUIDE.block("yaml", "name: arroyo-read-action").text();
        List<byte[]> received = relay("xps", routes -> PluginHelper.getRoutesLoader(routes)
                .loadRoutes(ResourceHelper.fromString("xps.yaml", route)), xpsFrames(), 3);

        List<ArroyoMessage> messages = received.stream().map(bytes -> WireFormat.MSGPACK.codec().decode(bytes)).toList();
        assertThat(messages).extracting(message -> message.type().wireName()).containsExactly("start", "event", "stop");
        Case event = InteropVectors.cases("json+raw").get(0);
        assertMatches(messages.get(1), event);
        assertThat(messages.get(0)).isEqualTo(WireFormat.JSON.codec().decode(InteropVectors.read(event.frames().get(0))));
    }

    @Test
    void theTimepixRelayBlockPassesEachFrameOnAsTheBytesSent() throws Exception {
        List<Case> cases = new ArrayList<>(InteropVectors.cases("multipart"));
        cases.sort((a, b) -> Integer.compare(order(a.kind()), order(b.kind())));
        List<Object> sent = cases.stream().<Object>map(vector -> vector.frames().size() == 1 ? InteropVectors.read(vector.frames().get(0))
                : vector.frames().stream().map(InteropVectors::read).toList()).toList();

        List<Object> received = relayFrames("timepix", blocks(GUIDE.block("yaml", "name: timepix-relay")), sent);

        for (int i = 0; i < cases.size(); i++) {
            List<byte[]> frames = frames(received.get(i));
            assertThat(frames).as(cases.get(i).name()).hasSameSizeAs(cases.get(i).frames());
            for (int frame = 0; frame < frames.size(); frame++) {
                assertThat(frames.get(frame)).as("%s frame %d", cases.get(i).name(), frame)
                        .isEqualTo(InteropVectors.read(cases.get(i).frames().get(frame)));
            }
            assertMatches(WireFormat.MULTIPART.codec().decode(frames.stream().map(ByteBuffer::wrap).toList()), cases.get(i));
        }
    }

    /** The page and this file cannot drift apart: the ```java block of the wire formats section is code of this file. */
    @Test
    void theJavaOfTheWireFormatsSectionIsInThisFile() throws IOException {
        assertThat(GUIDE.block("java", "format(\"json+raw\")").isIn(Files.readString(THIS_FILE))).isTrue();
    }

    /** The ArroyoXPS stream the vectors hold: the json+raw case (start, event header, image), then a stop. */
    private static List<byte[]> xpsFrames() {
        List<byte[]> frames = new ArrayList<>();
        InteropVectors.cases("json+raw").forEach(vector -> vector.frames().forEach(frame -> frames.add(InteropVectors.read(frame))));
        frames.add(InteropVectors.read("xps_stop_1.bin"));
        return frames;
    }

    /** What the relay passed on: the start and the stop as equal JSON values, the event's header likewise, its image as the bytes sent. */
    private static void assertXpsReceived(List<byte[]> received) {
        List<byte[]> sent = xpsFrames();
        JsonImageAssembler assembler = new JsonImageAssembler();
        List<ArroyoMessage> messages = new ArrayList<>();
        received.forEach(frame -> assembler.accept(ByteBuffer.wrap(frame)).ifPresent(messages::add));

        assertThat(messages).extracting(message -> message.type().wireName()).containsExactly("start", "event", "stop");
        for (int i : new int[] { 0, 1, 3 }) {
            assertThat(WireFormat.JSON.codec().decode(received.get(i))).isEqualTo(WireFormat.JSON.codec().decode(sent.get(i)));
        }
        assertThat(received.get(2)).as("the image").isEqualTo(sent.get(2));
        assertMatches(messages.get(1), InteropVectors.cases("json+raw").get(0));
    }

    /** The message is what the vector's expectation says: kind, fields, and the array's dtype, shape, byte order and contents. */
    private static void assertMatches(ArroyoMessage message, Case vector) {
        assertThat(message.type().wireName()).as(vector.name()).isEqualTo(vector.kind());
        Map<String, Object> fields = message instanceof Start start ? start.data()
                : message instanceof Stop stop ? stop.data() : ((Event) message).metadata();
        assertThat(fields).as(vector.name()).isEqualTo(vector.fieldsWithoutType());
        JsonNode expected = vector.expect().get("array");
        if (expected == null) {
            return;
        }
        NdArray array = ((Event) message).array().orElseThrow();
        assertThat(array.dtype().numpyName()).isEqualTo(expected.get("dtype").asText());
        List<Integer> shape = new ArrayList<>();
        expected.get("shape").forEach(dimension -> shape.add(dimension.asInt()));
        assertThat(Arrays.stream(array.shape()).boxed().toList()).isEqualTo(shape);
        assertThat(array.byteOrder()).isEqualTo(expected.get("byteorder").asText().equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        assertThat(sha256(array.data())).isEqualTo(expected.get("sha256").asText());
    }

    private interface Routes {
        void addTo(CamelContext context) throws Exception;
    }

    /** The relay between a ZeroMQ sender of the frames and a receiver of what it publishes; the frames received. */
    private List<byte[]> relay(String prefix, Routes relay, List<byte[]> frames, int expected) throws Exception {
        return relayFrames(prefix, relay, new ArrayList<>(frames), expected).stream().map(body -> (byte[]) body).toList();
    }

    private List<Object> relayFrames(String prefix, Routes relay, List<Object> messages) throws Exception {
        return relayFrames(prefix, relay, messages, messages.size());
    }

    /** Starts the relay with its two addresses as properties, sends the messages, returns the bodies received. */
    private List<Object> relayFrames(String prefix, Routes relay, List<Object> messages, int expected) throws Exception {
        String in = "tcp://127.0.0.1:" + freePort();
        String out = "tcp://127.0.0.1:" + freePort();
        Properties properties = new Properties();
        properties.setProperty(prefix.equals("xps") ? "xps.labview" : "timepix.detector", in);
        properties.setProperty(prefix.equals("xps") ? "xps.reduction" : "timepix.reduction", out);
        context.getPropertiesComponent().setInitialProperties(properties);
        relay.addTo(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:PULL:" + out).to("mock:received");
            }
        });
        context.start();
        MockEndpoint received = context.getEndpoint("mock:received", MockEndpoint.class);
        received.expectedMessageCount(expected);

        ProducerTemplate sender = context.createProducerTemplate();
        messages.forEach(message -> sender.sendBody("zeromq:PUSH:" + in + "?bind=true", message));

        received.assertIsSatisfied(20_000);
        return received.getReceivedExchanges().stream().map(Exchange::getMessage).map(message -> message.getBody()).toList();
    }

    /** The blocks file the guide shows, as a file. */
    private Routes blocks(DocsPage.Block block) throws IOException {
        Path file = Files.writeString(dir.resolve("blocks.yaml"), block.text());
        return routes -> routes.addRoutes(new BlocksRouteBuilder(file));
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> frames(Object body) {
        return body instanceof List<?> list ? (List<byte[]>) list : List.of((byte[]) body);
    }

    private static int order(String kind) {
        return List.of("start", "event", "stop").indexOf(kind);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(ByteBuffer data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data.duplicate());
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
