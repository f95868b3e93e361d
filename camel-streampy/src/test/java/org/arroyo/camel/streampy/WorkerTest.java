package org.arroyo.camel.streampy;


import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.arroyo.test.UdpQueueClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workers PUTting to a queue node that refuses; the ping-pong and tree demos are tested in the example. */
class WorkerTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aPutRefusedByAFullNodeFailsTheExchangeWithTheNodesReply() throws Exception {
        int port = UdpQueueClient.freePort();
        context.addRoutes(new QueueNode("tiny", "127.0.0.1", port).capacity(1));
        context.start();
        String queue = "streampy:queue:127.0.0.1:" + port;

        context.createProducerTemplate().sendBody(queue, "fits");

        assertThatThrownBy(() -> context.createProducerTemplate().sendBody(queue, "does not fit"))
                .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(StreamPyRefusedException.class)
                .hasMessage("queue node replied: ERROR queue is full (capacity 1 messages); PUT refused, retry after a GET");
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            assertThat(client.get()).isEqualTo("fits");
            assertThat(client.get()).isEmpty();
        }
    }
}
