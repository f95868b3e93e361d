package org.arroyo.camel.dsl;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.FrameCount;
import org.arroyo.camel.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Frames really lost: a detector publishing on ZeroMQ PUB faster than a slow pipeline subscribed to it takes them, with
 * small high-water marks, so ZeroMQ drops what does not fit. The frame check's counts agree with the frames that came
 * through and with what was sent.
 */
class FrameLossOverZeroMqTest {

    private static final int FRAMES = 400;

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void framesDroppedByASlowSubscriberAreCountedAsTheyAreMissing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("slow").listen("zeromq:SUB:tcp://127.0.0.1:" + port + "?receiveHwm=4").checkFrames()
                        .operator(new Operator() {
                            @Override
                            public List<? extends ArroyoMessage> onEvent(Event event) throws InterruptedException {
                                TimeUnit.MILLISECONDS.sleep(1);
                                return List.of(event);
                            }
                        }).publish("mock:done");
            }
        });
        context.start();
        MockEndpoint done = context.getEndpoint("mock:done", MockEndpoint.class);
        ProducerTemplate detector = context.createProducerTemplate();
        String publisher = "zeromq:PUB:tcp://127.0.0.1:" + port + "?bind=true&sendHwm=4";

        // the start again until the subscription is there (a PUB socket drops what no one subscribes to yet)
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            detector.sendBody(publisher, new Start(Map.of("run_id", "burst")));
            return done.getReceivedCounter() > 0;
        });
        NdArray frame = NdArray.ofUint16(new int[32 * 1024], 128, 256);   // 64 KiB
        for (long n = 0; n < FRAMES; n++) {
            detector.sendBody(publisher, Event.of(Map.of("frame_number", n), frame));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> isSteady(done));
        detector.sendBody(publisher, new Stop(Map.of("run_id", "burst", "num_frames", FRAMES)));
        await().atMost(Duration.ofSeconds(10)).until(() -> last(done).getMessage().getBody() instanceof Stop);

        TreeSet<Long> arrived = new TreeSet<>();
        done.getReceivedExchanges().stream().map(exchange -> exchange.getMessage().getBody())
                .filter(Event.class::isInstance).forEach(event -> arrived.add((Long) ((Event) event).metadata().get("frame_number")));
        FrameCount count = last(done).getProperty(ArroyoConstants.FRAME_COUNT, FrameCount.class);
        long inBetween = arrived.last() - arrived.first() + 1;

        assertThat(arrived.size()).as("ZeroMQ dropped frames").isLessThan(FRAMES);
        assertThat(count.run()).isEqualTo("burst");
        assertThat(count.frames()).as("the frames that came through").isEqualTo(arrived.size());
        assertThat(count.missing()).as("the frames lost between the first and the last that came").isEqualTo(inBetween - arrived.size());
        assertThat(count.gaps()).isPositive();
        assertThat(count.duplicates()).isZero();
        assertThat(count.outOfOrder()).isZero();
        assertThat(count.declared()).isEqualTo(FRAMES);
        assertThat(count.countMismatch()).isTrue();
        HealthCheck.Result readiness = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("arroyo-frames-slow")).findFirst().orElseThrow();
        assertThat(readiness.getState()).isEqualTo(HealthCheck.State.DOWN);
    }

    private long lastCount = -1;

    /** Whether nothing arrived since the last look: the subscriber has taken all it got. */
    private boolean isSteady(MockEndpoint done) {
        long count = done.getReceivedCounter();
        boolean steady = count == lastCount;
        lastCount = count;
        return steady;
    }

    private static Exchange last(MockEndpoint done) {
        List<Exchange> exchanges = done.getReceivedExchanges();
        return exchanges.get(exchanges.size() - 1);
    }
}
