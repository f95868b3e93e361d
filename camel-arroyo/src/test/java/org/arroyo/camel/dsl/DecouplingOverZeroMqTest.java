package org.arroyo.camel.dsl;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.DecouplingProcessor;
import org.arroyo.camel.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Backpressure end to end: a detector PUSHes faster than a slow operator behind the decoupling
 * stage works; the stage's queue stays bounded, ZeroMQ's high-water marks hold the rest back in
 * the sender, and every event arrives once.
 */
class DecouplingOverZeroMqTest {

    private static final int EVENTS = 400;

    private final CamelContext context = new DefaultCamelContext();

    /** The detector's producer template is never stopped: stopping the context must still close its socket. */
    @AfterEach
    void stop() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), context::stop, "CamelContext.stop hung on an open ZeroMQ socket");
    }

    @Test
    void aSlowOperatorFedOverPushPullKeepsMemoryBoundedAndLosesNothing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String listener = "zeromq:PULL:tcp://127.0.0.1:" + port + "?receiveHwm=16";
        AtomicInteger processed = new AtomicInteger();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("slow").listen(listener).decouple(8, 2).operator(new Operator() {
                    @Override
                    public List<? extends ArroyoMessage> onEvent(Event event) throws InterruptedException {
                        TimeUnit.MILLISECONDS.sleep(3);
                        processed.incrementAndGet();
                        return List.of(event);
                    }
                }).publish("mock:done");
            }
        });
        context.start();
        DecouplingProcessor queue = StagesOf.stage(context, "slow", DecouplingProcessor.class);
        MockEndpoint done = context.getEndpoint("mock:done", MockEndpoint.class);
        done.expectedMessageCount(EVENTS);
        ProducerTemplate detector = context.createProducerTemplate();
        String sender = "zeromq:PUSH:tcp://127.0.0.1:" + port + "?bind=true&sendHwm=16&sendTimeout=60000";

        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int n = 0; n < EVENTS; n++) {
                detector.sendBody(sender, Event.of(Map.of("n", n)));
            }
        });
        int maxPending = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.getReceivedCounter() < EVENTS && System.nanoTime() < deadline) {
            maxPending = Math.max(maxPending, queue.getPending());
            Thread.sleep(1);
        }

        sending.get(60, TimeUnit.SECONDS);
        done.assertIsSatisfied(60_000);
        assertThat(maxPending).as("the decoupling stage never holds more than its queue and its threads").isLessThanOrEqualTo(8 + 2);
        assertThat(done.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody(Event.class).metadata().get("n"))
                .as("every event once").doesNotHaveDuplicates().hasSize(EVENTS);
    }
}
