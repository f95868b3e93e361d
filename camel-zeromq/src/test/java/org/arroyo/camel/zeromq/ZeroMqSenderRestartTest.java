package org.arroyo.camel.zeromq;

import java.util.stream.IntStream;

import org.apache.camel.Consumer;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A detector-like sender binds, streams, goes away and comes back on the same address; the route keeps running.
 */
class ZeroMqSenderRestartTest extends ZeroMqTestSupport {

    private static void streamFrom(String address, int from, int to, Runnable whileConnected) {
        try (ZContext sender = new ZContext()) {
            ZMQ.Socket push = sender.createSocket(SocketType.PUSH);
            push.bind(address);
            for (int i = from; i < to; i++) {
                push.send("message " + i);
            }
            whileConnected.run();
        }
    }

    @Test
    void consumerKeepsReceivingAfterTheSenderRestarts() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PULL:" + address).routeId("pull").to("mock:pull"));
        MockEndpoint pull = getMockEndpoint("mock:pull");
        Consumer consumer = context.getRoute("pull").getConsumer();

        streamFrom(address, 0, 50, () -> awaitCount(pull, 50));
        streamFrom(address, 50, 100, () -> awaitCount(pull, 100));

        assertThat(received(pull)).extracting(e -> e.getMessage().getBody(String.class))
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "message " + i)
                        .toList());
        assertThat(context.getRoute("pull").getConsumer()).isSameAs(consumer);
        assertThat(context.getRouteController().getRouteStatus("pull").isStarted()).isTrue();
    }
}
