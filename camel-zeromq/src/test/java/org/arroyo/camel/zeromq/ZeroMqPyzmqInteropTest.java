package org.arroyo.camel.zeromq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interop with libzmq: Debian's python3-zmq runs as a separate process and exchanges messages with Camel routes.
 */
class ZeroMqPyzmqInteropTest extends ZeroMqTestSupport {

    @BeforeAll
    static void pyzmqIsInstalled() throws InterruptedException {
        PyzmqPeer.requirePyzmq();
    }

    private static List<List<byte[]>> messages() {
        Random random = new Random(7);
        byte[] noise = new byte[1000];
        random.nextBytes(noise);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] mebibyte = new byte[1024 * 1024];
        random.nextBytes(mebibyte);
        return List.of(List.of(noise), List.of(everyByte), List.of(new byte[0], utf8("frame"), new byte[0]),
                List.of(mebibyte));
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> frames(Object body) {
        return body instanceof byte[] frame ? List.of(frame) : (List<byte[]>) body;
    }

    @Test
    void pyzmqPushToCamelPullKeepsEveryByte() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PULL:" + address).to("mock:pull"));
        MockEndpoint pull = getMockEndpoint("mock:pull");
        List<List<byte[]>> sent = messages();
        pull.expectedMessageCount(sent.size());

        try (PyzmqPeer peer = PyzmqPeer.start("push", address)) {
            for (List<byte[]> message : sent) {
                peer.send(message);
            }
            peer.endInput();
            pull.assertIsSatisfied(PATIENCE.toMillis());
            peer.awaitSuccess();
        }

        for (int i = 0; i < sent.size(); i++) {
            assertThat(PyzmqPeer.encode(frames(received(pull).get(i).getMessage().getBody())))
                    .as("message %d", i).isEqualTo(PyzmqPeer.encode(sent.get(i)));
        }
    }

    @Test
    void camelPubToPyzmqSubKeepsEveryByteAndTheTopicFrame() throws Exception {
        String address = freeTcpAddress();
        String pub = "zeromq:PUB:" + address;
        List<List<byte[]>> sent = messages();

        List<String> printed = new ArrayList<>();
        try (PyzmqPeer peer = PyzmqPeer.start("sub", address, "frames", String.valueOf(sent.size()))) {
            await().atMost(PATIENCE).until(() -> {
                template.sendBodyAndHeader(pub, "p", ZeroMqConstants.TOPIC, "probe");
                return "READY".equals(peer.nextLine(50));
            });
            template.sendBodyAndHeader(pub, "not subscribed", ZeroMqConstants.TOPIC, "other");
            for (List<byte[]> message : sent) {
                template.sendBodyAndHeader(pub, message, ZeroMqConstants.TOPIC, "frames");
            }
            for (int i = 0; i < sent.size(); i++) {
                printed.add(peer.nextLine(PATIENCE.toMillis()));
            }
            peer.awaitSuccess();
        }

        List<String> expected = new ArrayList<>();
        for (List<byte[]> message : sent) {
            List<byte[]> withTopic = new ArrayList<>(List.of(utf8("frames")));
            withTopic.addAll(message);
            expected.add(PyzmqPeer.encode(withTopic));
        }
        assertThat(printed).containsExactlyElementsOf(expected);
    }
}
