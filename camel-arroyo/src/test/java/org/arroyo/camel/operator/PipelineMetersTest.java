package org.arroyo.camel.operator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pipeline's meters: what comes in and goes out by type, the operator's time, failures, batch sizes, queue depth. */
class PipelineMetersTest {

    private static void send(ProducerTemplate template, ArroyoMessage message) {
        template.sendBody("direct:in", WireFormat.MSGPACK.codec().encodeFrame(message));
    }

    private static Event frame(long number) {
        return Event.of(Map.of("frame_number", number));
    }

    @Test
    void aRunIsCountedByTypeWithItsFailuresDeadLettersAndBatches() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
            context.addRoutes(new ArroyoRouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(deadLetterChannel("mock:dead"));
                    pipeline("scan").listen("direct:in").operator(new Operator() {
                        @Override
                        public List<? extends ArroyoMessage> onEvent(Event event) {
                            if (event.metadata().get("frame_number").equals(3L)) {
                                throw new IllegalStateException("frame 3 is broken");
                            }
                            return List.of(event, event);
                        }
                    }).batch(3).publish("mock:out");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            send(template, new Start(Map.of("run_id", "scan-1")));
            for (long number = 1; number <= 4; number++) {
                send(template, frame(number));
            }
            send(template, new Stop(Map.of()));
        }

        assertThat(count(meters, "arroyo.pipeline.messages.in", "start")).isEqualTo(1);
        assertThat(count(meters, "arroyo.pipeline.messages.in", "event")).isEqualTo(4);
        assertThat(count(meters, "arroyo.pipeline.messages.in", "stop")).isEqualTo(1);
        assertThat(meters.get("arroyo.pipeline.operator").tag("pipeline", "scan").timer().count()).isEqualTo(6);
        assertThat(meters.get("arroyo.pipeline.failures").counter().count()).isEqualTo(1);
        assertThat(meters.get("arroyo.pipeline.dead.letters").counter().count()).isEqualTo(1);
        // six events copied from three good frames: batches of three, closed by size, then the stop's boundary
        assertThat(meters.get("arroyo.pipeline.batch.size").summary().count()).isEqualTo(2);
        assertThat(meters.get("arroyo.pipeline.batch.size").summary().totalAmount()).isEqualTo(6);
        assertThat(count(meters, "arroyo.pipeline.messages.out", "event")).isEqualTo(6);
        assertThat(count(meters, "arroyo.pipeline.messages.out", "start")).isEqualTo(1);
        assertThat(count(meters, "arroyo.pipeline.messages.out", "stop")).isEqualTo(1);
    }

    @Test
    void aDecouplingStagesQueueDepthIsWhatWaitsAndIsProcessed() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        CountDownLatch release = new CountDownLatch(1);
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
            context.addRoutes(new ArroyoRouteBuilder() {
                @Override
                public void configure() {
                    pipeline("slow").listen("direct:in").decouple(10, 1).operator(new Operator() {
                        @Override
                        public List<? extends ArroyoMessage> onEvent(Event event) throws InterruptedException {
                            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                            return List.of(event);
                        }
                    }).publish("mock:out");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (long number = 1; number <= 3; number++) {
                template.sendBody("direct:in", WireFormat.MSGPACK.codec().encodeFrame(frame(number)));
            }
            var depth = meters.get("arroyo.pipeline.queue.depth").tags("pipeline", "slow", "stage", "slow-decouple").gauge();
            assertThat(depth.value()).as("one being processed, two waiting").isEqualTo(3);
            release.countDown();
            await().until(() -> depth.value() == 0);
        }
    }

    @Test
    void withoutAMicrometerRegistryNothingIsMeasuredOrBound() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new ArroyoRouteBuilder() {
                @Override
                public void configure() {
                    pipeline("plain").listen("direct:in").publish("mock:out");
                }
            });
            context.start();
            send(context.createProducerTemplate(), frame(1));

            assertThat(context.getRegistry().lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME)).isNull();
            assertThat(context.getEndpoint("mock:out", MockEndpoint.class).getReceivedCounter()).isEqualTo(1);
        }
    }

    private static double count(MeterRegistry meters, String name, String type) {
        return meters.get(name).tags("pipeline", "scan", "msg_type", type).counter().count();
    }
}
