package org.arroyo.camel.dsl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Batch;
import org.arroyo.camel.operator.DecouplingProcessor;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Partitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Batching, unbatching, partitioning and decoupling in pipelines. */
class BuiltInOperatorsTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private ProducerTemplate start(ArroyoRouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
        return context.createProducerTemplate();
    }

    private static Event event(int n) {
        return Event.of(Map.of("n", n, "run_id", "run-" + n % 5));
    }

    private MockEndpoint mock(String name) {
        return context.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    private static List<Object> bodies(MockEndpoint endpoint) {
        List<Object> bodies = new ArrayList<>();
        endpoint.getReceivedExchanges().forEach(exchange -> bodies.add(exchange.getMessage().getBody()));
        return bodies;
    }

    private static List<String> closedBy(MockEndpoint endpoint) {
        return endpoint.getReceivedExchanges().stream()
                .map(exchange -> exchange.getMessage().getHeader(ArroyoConstants.BATCH_CLOSED_BY, String.class))
                .filter(reason -> reason != null).toList();
    }

    private ProducerTemplate batching(int size, Duration age, Duration idle) throws Exception {
        return start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("batching").listen("direct:in").batch(size, age, idle).publish("mock:batches");
            }
        });
    }

    @Test
    void sizeClosesBatchesAndTheStopClosesTheLastOneBeforeItself() throws Exception {
        ProducerTemplate template = batching(3, Duration.ofSeconds(30), Duration.ofSeconds(30));
        Start start = new Start(Map.of("run_id", "r"));
        Stop stop = new Stop(Map.of());

        template.sendBody("direct:in", start);
        for (int n = 0; n < 7; n++) {
            template.sendBody("direct:in", event(n));
        }
        template.sendBody("direct:in", stop);

        MockEndpoint batches = mock("batches");
        assertThat(bodies(batches)).containsExactly(start,
                new Batch(List.of(event(0), event(1), event(2)), Batch.ClosedBy.SIZE),
                new Batch(List.of(event(3), event(4), event(5)), Batch.ClosedBy.SIZE),
                new Batch(List.of(event(6)), Batch.ClosedBy.RUN_BOUNDARY),
                stop);
        assertThat(closedBy(batches)).containsExactly("SIZE", "SIZE", "RUN_BOUNDARY");
    }

    @Test
    void ageClosesABatchCountedFromItsFirstEventEvenWhileEventsKeepComing() throws Exception {
        ProducerTemplate template = batching(10_000, Duration.ofMillis(300), Duration.ofSeconds(30));

        for (int n = 0; n < 25; n++) {
            template.sendBody("direct:in", event(n));
            Thread.sleep(40);
        }
        template.sendBody("direct:in", new Stop(Map.of()));

        List<Event> received = new ArrayList<>();
        List<Batch> batches = bodies(mock("batches")).stream().filter(Batch.class::isInstance).map(Batch.class::cast).toList();
        batches.forEach(batch -> received.addAll(batch.events()));
        assertThat(received).as("nothing lost, nothing twice, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(BuiltInOperatorsTest::event).toList());
        assertThat(batches.size()).isBetween(3, 25);
        assertThat(batches.subList(0, batches.size() - 1)).allMatch(batch -> batch.closedBy() == Batch.ClosedBy.AGE);
        assertThat(batches.get(0).size()).as("at most 300 ms of events at one per 40 ms or slower").isBetween(1, 8);
    }

    @Test
    void idleTimeClosesABatchWhenEventsStop() throws Exception {
        ProducerTemplate template = batching(10_000, Duration.ofSeconds(30), Duration.ofMillis(200));
        MockEndpoint batches = mock("batches");
        batches.expectedMessageCount(1);

        for (int n = 0; n < 5; n++) {
            template.sendBody("direct:in", event(n));
        }

        batches.assertIsSatisfied(5_000);
        assertThat(bodies(batches)).containsExactly(new Batch(List.of(event(0), event(1), event(2), event(3), event(4)),
                Batch.ClosedBy.IDLE));
    }

    @Test
    void stoppingThePipelineSendsTheOpenBatch() throws Exception {
        ProducerTemplate template = batching(100, Duration.ofSeconds(30), Duration.ofSeconds(30));
        MockEndpoint batches = mock("batches");

        template.sendBody("direct:in", event(1));
        template.sendBody("direct:in", event(2));
        context.stop();

        assertThat(bodies(batches)).containsExactly(new Batch(List.of(event(1), event(2)), Batch.ClosedBy.SHUTDOWN));
    }

    @Test
    void stoppingThePipelineProcessesWhatTheDecouplingStageHolds() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("slow").listen("direct:in").decouple(8, 1).operator(new Operator() {
                    @Override
                    public List<? extends ArroyoMessage> onEvent(Event event) throws InterruptedException {
                        TimeUnit.MILLISECONDS.sleep(20);
                        processed.incrementAndGet();
                        return List.of(event);
                    }
                }).publish("mock:done");
            }
        });

        MockEndpoint done = mock("done");
        for (int n = 0; n < 8; n++) {
            template.sendBody("direct:in", event(n));
        }
        int queued = 8 - processed.get();
        context.stop();

        assertThat(queued).as("messages were still queued when the pipeline stopped").isGreaterThan(0);
        assertThat(bodies(done)).hasSize(8);
    }

    @Test
    void unbatchingRestoresTheOriginalSequence() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("roundtrip").listen("direct:in").batch(4, Duration.ofSeconds(30), Duration.ofSeconds(30))
                        .unbatch().publish("mock:events");
            }
        });
        List<ArroyoMessage> sent = new ArrayList<>();
        sent.add(new Start(Map.of("run_id", "r")));
        for (int n = 0; n < 10; n++) {
            sent.add(event(n));
        }
        sent.add(new Stop(Map.of("num_frames", 10)));

        sent.forEach(message -> template.sendBody("direct:in", message));

        assertThat(bodies(mock("events"))).containsExactlyElementsOf(sent);
    }

    @Test
    void operatorsSeeWholeBatches() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("sums").listen("direct:in").batch(5, Duration.ofSeconds(30), Duration.ofSeconds(30))
                        .operator(new Operator() {
                            @Override
                            public List<? extends ArroyoMessage> onBatch(Batch batch) {
                                long sum = batch.events().stream().mapToLong(e -> (Long) e.metadata().get("n")).sum();
                                return List.of(Event.of(Map.of("sum", sum, "count", batch.size())));
                            }
                        }).publish("mock:sums");
            }
        });

        for (int n = 0; n < 10; n++) {
            template.sendBody("direct:in", event(n));
        }

        assertThat(bodies(mock("sums"))).containsExactly(Event.of(Map.of("sum", 10, "count", 5)),
                Event.of(Map.of("sum", 35, "count", 5)));
    }

    @Test
    void choiceModuloNAndKeyHashingSendEachEventWhereSpecified() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("modulo").listen("direct:modulo").partition(Partitioner.byChoice("n"), "mock:m0", "mock:m1", "mock:m2");
                pipeline("hashed").listen("direct:hashed").partition(Partitioner.byKeyHash("run_id"), "mock:h0", "mock:h1");
            }
        });
        Start start = new Start(Map.of("run_id", "r"));
        template.sendBody("direct:modulo", start);
        template.sendBody("direct:hashed", start);
        for (int n = -3; n < 12; n++) {
            template.sendBody("direct:modulo", event(n));
            template.sendBody("direct:hashed", event(n));
        }

        for (int output = 0; output < 3; output++) {
            int expectedOutput = output;
            List<Object> expected = new ArrayList<>(List.of(start));
            java.util.stream.IntStream.range(-3, 12).filter(n -> Math.floorMod(n, 3) == expectedOutput)
                    .forEach(n -> expected.add(event(n)));
            assertThat(bodies(mock("m" + output))).containsExactlyElementsOf(expected);
        }
        for (int output = 0; output < 2; output++) {
            int expectedOutput = output;
            List<Object> expected = new ArrayList<>(List.of(start));
            java.util.stream.IntStream.range(-3, 12).filter(n -> crc32("run-" + n % 5) % 2 == expectedOutput)
                    .forEach(n -> expected.add(event(n)));
            assertThat(bodies(mock("h" + output))).containsExactlyElementsOf(expected);
        }
    }

    private static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Test
    void aSlowOperatorBehindTheDecouplingStageKeepsTheQueueBoundedAndLosesNothing() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("slow").listen("direct:in").decouple(8, 2).operator(new Operator() {
                    @Override
                    public List<? extends ArroyoMessage> onEvent(Event event) throws InterruptedException {
                        TimeUnit.MILLISECONDS.sleep(5);
                        processed.incrementAndGet();
                        return List.of(event);
                    }
                }).publish("mock:done");
            }
        });
        DecouplingProcessor queue = StagesOf.stage(context, "slow", DecouplingProcessor.class);
        MockEndpoint done = mock("done");
        done.expectedMessageCount(300);
        int maxPending = 0;

        for (int n = 0; n < 300; n++) {
            template.sendBody("direct:in", event(n));
            maxPending = Math.max(maxPending, queue.getPending());
        }

        done.assertIsSatisfied(20_000);
        assertThat(maxPending).as("never more than the queue and the threads hold").isLessThanOrEqualTo(8 + 2)
                .as("the listener did not wait for each message").isGreaterThan(1);
        assertThat(bodies(done)).hasSize(300).doesNotHaveDuplicates();
        assertThat(processed.get()).isEqualTo(300);
        assertThat(done.getReceivedExchanges()).extracting(Exchange::getFromRouteId)
                .as("decoupled exchanges come from the stage's route, as batches do").containsOnly("slow");
    }
}
