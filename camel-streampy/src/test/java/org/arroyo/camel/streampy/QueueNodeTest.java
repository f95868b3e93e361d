package org.arroyo.camel.streampy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.streampy.PythonQueueClient.Raw;
import org.arroyo.camel.streampy.PythonQueueClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.arroyo.test.UdpQueueClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue node route against a Python client written on the standard library's socket module alone. */
class QueueNodeTest {

    private static final String UNICODE = "𝐇𝐞𝐥𝐥𝐨 𝐰𝐨𝐫𝐥𝐝 — Grüße, 你好";
    private static final String LONG = "x".repeat(300);
    private static final String VERY_LONG = "ü".repeat(20_000);

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private int startNode(QueueNode node, int port) throws Exception {
        context.addRoutes(node);
        context.start();
        return port;
    }

    @Test
    void pythonClientPutsGetsAndSizesOverUdpWithColonsUnicodeAndLongMessages() throws Exception {
        int port = UdpQueueClient.freePort();
        startNode(new QueueNode("mq", "127.0.0.1", port), port);

        List<Reply> replies = PythonQueueClient.run("udp", port, List.of("SIZE", "GET", "PUT:a:b::c:", "PUT:" + UNICODE,
                "PUT:" + LONG, "PUT:" + VERY_LONG, "PUT:", "SIZE", "GET", "GET", "GET", "GET", "GET", "GET"));

        assertThat(replies).extracting(Reply::text).containsExactly("0", "", "PUT 7 bytes",
                "PUT " + UNICODE.codePointCount(0, UNICODE.length()) + " bytes", "PUT 300 bytes", "PUT 20000 bytes",
                "PUT 0 bytes", "5", "a:b::c:", UNICODE, LONG, VERY_LONG, "", "");
        assertThat(replies.get(1).frameHex()).as("the empty GET reply is framed as \"10\"")
                .isEqualTo(hex("10"));
        assertThat(replies.get(10).frameHex()).as("a 300-byte text has a 3-digit length")
                .startsWith(hex("312c"));
        assertThat(replies.get(9).frameHex()).startsWith(hex("2" + Integer.toHexString(
                UNICODE.getBytes(StandardCharsets.UTF_8).length)));
    }

    @Test
    void unknownAndMalformedCommandsGetAnErrorReplyAndTheNodeGoesOn() throws Exception {
        int port = UdpQueueClient.freePort();
        startNode(new QueueNode("mq", "127.0.0.1", port), port);

        List<Reply> replies = PythonQueueClient.run("udp", port, List.of("FETCH", "PUT", "GET:all", new Raw(bytes("zz")),
                new Raw(bytes("5abc")), new Raw(bytes("13GETextra")), "PUT:still here", "SIZE"));

        assertThat(replies).extracting(Reply::text).containsExactly(
                "ERROR unknown command 'FETCH', expected PUT:<message>, GET or SIZE",
                "ERROR PUT needs its message after a colon: PUT:<message>",
                "ERROR GET takes no argument, got 'GET:all'",
                "ERROR malformed LHHTTT frame: length-of-length digit is 0x7a, not a hex digit (at byte offset 0)",
                "ERROR malformed LHHTTT frame: incomplete LHHTTT frame (4 bytes)",
                "ERROR malformed LHHTTT frame: expected one LHHTTT frame, found 1 and 5 more bytes",
                "PUT 10 bytes", "1");
    }

    @Test
    void pythonClientSpeaksTheSameCommandsOverTcp() throws Exception {
        int port = UdpQueueClient.freeTcpPort();
        startNode(new QueueNode("mq-tcp", "127.0.0.1", port).protocol("tcp"), port);

        List<Reply> replies = PythonQueueClient.run("tcp", port, List.of("GET", "PUT:k:v", "PUT:" + VERY_LONG, "SIZE",
                "GET", "GET", "GET", "HELLO", "SIZE"));

        assertThat(replies).extracting(Reply::text).containsExactly("", "PUT 3 bytes", "PUT 20000 bytes", "2", "k:v",
                VERY_LONG, "", "ERROR unknown command 'HELLO', expected PUT:<message>, GET or SIZE", "0");
        assertThat(replies.get(0).frameHex()).isEqualTo(hex("10"));
    }

    @Test
    void aPutBeyondTheCapacityIsRefusedAndNothingIsDropped() throws Exception {
        int port = UdpQueueClient.freePort();
        startNode(new QueueNode("small", "127.0.0.1", port).capacity(2), port);

        List<Reply> replies = PythonQueueClient.run("udp", port, List.of("PUT:one", "PUT:two", "PUT:three", "SIZE",
                "GET", "PUT:three", "GET", "GET", "GET"));

        assertThat(replies).extracting(Reply::text).containsExactly("PUT 3 bytes", "PUT 3 bytes",
                "ERROR queue is full (capacity 2 messages); PUT refused, retry after a GET", "2",
                "one", "PUT 5 bytes", "two", "three", "");
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
