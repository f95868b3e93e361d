package org.arroyo.camel.dsl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dataformat.PipelineFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Batch;
import org.arroyo.camel.operator.Batching;
import org.arroyo.camel.operator.Decoupling;
import org.arroyo.camel.operator.FrameChecking;
import org.arroyo.camel.operator.Partitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Kamelets of the built-in stages (kamelets/arroyo-*.kamelet.yaml) in YAML and XML routes: for the
 * same input they give what the Java DSL's stages give. In YAML the steps written after a kamelet step
 * are nested under it (they take its output); camel-xml-io 4.14 cannot read steps nested in a kamelet step,
 * so XML routes use the partition sink.
 */
class KameletsTest {

    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    /** A started context with these routes: a YAML or XML route file's text, or Java DSL pipelines. */
    private CamelContext started(String file, String text) throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(file, text));
        context.start();
        return context;
    }

    private CamelContext started(Consumer<ArroyoRouteBuilder> pipelines) throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipelines.accept(this);
            }
        });
        context.start();
        return context;
    }

    private static void send(CamelContext context, List<? extends ArroyoMessage> messages) {
        ProducerTemplate template = context.createProducerTemplate();
        messages.forEach(message -> template.sendBody("direct:in", message));
    }

    private static MockEndpoint mock(CamelContext context, String name) {
        return context.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    /** Each message a mock received, with why it closed if it is a batch. */
    private static List<String> received(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream().map(Exchange::getMessage)
                .map(message -> message.getBody() + " " + message.getHeader(ArroyoConstants.BATCH_CLOSED_BY, "", String.class))
                .toList();
    }

    private static Event event(int n) {
        return Event.of(Map.of("n", n, "run_id", "run-" + Math.floorMod(n, 5)));
    }

    private static List<ArroyoMessage> run(String runId, int from, int to) {
        List<ArroyoMessage> run = new ArrayList<>();
        run.add(new Start(Map.of("run_id", runId)));
        IntStream.range(from, to).forEach(n -> run.add(event(n)));
        run.add(new Stop(Map.of("run_id", runId)));
        return run;
    }

    @Test
    void batchKameletClosesBatchesOnSizeStopAndShutdownAsTheJavaDslDoes() throws Exception {
        List<ArroyoMessage> input = new ArrayList<>(run("a", 0, 7));
        input.add(new Start(Map.of("run_id", "b")));
        input.add(event(7));
        input.add(event(8));

        CamelContext java = started(routes -> routes.pipeline("java").listen("direct:in")
                .batch(3, Duration.ofSeconds(30), Duration.ofSeconds(30)).publish("mock:out"));
        CamelContext yaml = started("batch.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-batch-action
                          parameters:
                            maxSize: 3
                            maxAge: 30s
                            maxIdle: 30000
                      - to: mock:out
                """);
        List<List<String>> outputs = new ArrayList<>();
        for (CamelContext context : List.of(java, yaml)) {
            MockEndpoint out = mock(context, "out");
            send(context, input);
            context.stop();
            outputs.add(received(out));
        }

        assertThat(outputs.get(0)).containsExactly(
                input.get(0) + " ",
                new Batch(List.of(event(0), event(1), event(2)), Batch.ClosedBy.SIZE) + " SIZE",
                new Batch(List.of(event(3), event(4), event(5)), Batch.ClosedBy.SIZE) + " SIZE",
                new Batch(List.of(event(6)), Batch.ClosedBy.RUN_BOUNDARY) + " RUN_BOUNDARY",
                input.get(8) + " ",
                input.get(9) + " ",
                new Batch(List.of(event(7), event(8)), Batch.ClosedBy.SHUTDOWN) + " SHUTDOWN");
        assertThat(outputs.get(1)).as("YAML").isEqualTo(outputs.get(0));
    }

    @Test
    void batchKameletClosesBatchesOnIdleTime() throws Exception {
        CamelContext context = started("idle.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-batch-action
                          parameters: {maxSize: 10000, maxAge: 30s, maxIdle: 200ms}
                          steps:
                            - to: mock:out
                """);
        MockEndpoint out = mock(context, "out");
        out.expectedMessageCount(1);

        send(context, IntStream.range(0, 5).mapToObj(KameletsTest::event).toList());

        out.assertIsSatisfied(5_000);
        assertThat(received(out)).containsExactly(
                new Batch(IntStream.range(0, 5).mapToObj(KameletsTest::event).toList(), Batch.ClosedBy.IDLE) + " IDLE");
    }

    @Test
    void batchKameletClosesBatchesOnAgeWhileEventsKeepComing() throws Exception {
        CamelContext context = started("age.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-batch-action
                          parameters: {maxSize: 10000, maxAge: 300ms, maxIdle: 30s}
                          steps:
                            - to: mock:out
                """);
        ProducerTemplate template = context.createProducerTemplate();
        for (int n = 0; n < 25; n++) {
            template.sendBody("direct:in", event(n));
            Thread.sleep(40);
        }
        template.sendBody("direct:in", new Stop(Map.of()));

        List<Batch> batches = mock(context, "out").getReceivedExchanges().stream()
                .map(exchange -> exchange.getMessage().getBody()).filter(Batch.class::isInstance).map(Batch.class::cast).toList();
        assertThat(batches.stream().flatMap(batch -> batch.events().stream()).toList()).as("nothing lost, nothing twice, in order")
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(KameletsTest::event).toList());
        assertThat(batches.size()).isBetween(3, 25);
        assertThat(batches.subList(0, batches.size() - 1)).allMatch(batch -> batch.closedBy() == Batch.ClosedBy.AGE);
    }

    @Test
    void unbatchKameletRestoresTheOriginalSequence() throws Exception {
        List<ArroyoMessage> input = run("r", 0, 10);
        CamelContext yaml = started("unbatch.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-batch-action
                          parameters: {maxSize: 4}
                          steps:
                            - to: mock:batches
                            - kamelet:
                                name: arroyo-unbatch-action
                                steps:
                                  - to: mock:out
                """);
        CamelContext java = started(routes -> routes.pipeline("java").listen("direct:in")
                .batch(4, Duration.ofSeconds(1), Duration.ofSeconds(1)).unbatch().publish("mock:out"));

        send(yaml, input);
        send(java, input);

        assertThat(mock(yaml, "out").getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody())
                .containsExactlyElementsOf(input);
        assertThat(mock(yaml, "batches").getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody())
                .as("the events went through batches").hasAtLeastOneElementOfType(Batch.class);
        assertThat(received(mock(yaml, "out"))).isEqualTo(received(mock(java, "out")));
    }

    @Test
    void partitionKameletSendsEachEventWhereTheJavaDslDoes() throws Exception {
        List<ArroyoMessage> input = run("r", -3, 12);
        CamelContext yaml = started("partition.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - to:
                          uri: kamelet:arroyo-partition-sink
                          parameters:
                            by: choice
                            field: n
                            outputs: mock:m0, mock:m1, mock:m2
                - from:
                    uri: direct:hashed
                    steps:
                      - to:
                          uri: kamelet:arroyo-partition-sink
                          parameters:
                            by: key
                            field: run_id
                            outputs: mock:h0, mock:h1
                """);
        CamelContext xml = started("partition.xml", """
                <camel xmlns="http://camel.apache.org/schema/xml-io">
                    <route>
                        <from uri="direct:in"/>
                        <to uri="kamelet:arroyo-partition-sink?by=choice&amp;field=n&amp;outputs=mock:m0,mock:m1,mock:m2"/>
                    </route>
                    <route>
                        <from uri="direct:hashed"/>
                        <to uri="kamelet:arroyo-partition-sink?by=key&amp;field=run_id&amp;outputs=mock:h0,mock:h1"/>
                    </route>
                </camel>
                """);
        CamelContext java = started(routes -> {
            routes.pipeline("modulo").listen("direct:in").partition(Partitioner.byChoice("n"), "mock:m0", "mock:m1", "mock:m2");
            routes.pipeline("hashed").listen("direct:hashed").partition(Partitioner.byKeyHash("run_id"), "mock:h0", "mock:h1");
        });
        for (CamelContext context : List.of(yaml, xml, java)) {
            send(context, input);
            ProducerTemplate template = context.createProducerTemplate();
            input.forEach(message -> template.sendBody("direct:hashed", message));
        }

        for (int output = 0; output < 3; output++) {
            int chosen = output;
            List<Object> expected = new ArrayList<>(List.of(input.get(0)));
            IntStream.range(-3, 12).filter(n -> Math.floorMod(n, 3) == chosen).forEach(n -> expected.add(event(n)));
            expected.add(input.get(input.size() - 1));
            assertThat(mock(yaml, "m" + output).getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody())
                    .containsExactlyElementsOf(expected);
            assertThat(received(mock(yaml, "m" + output))).isEqualTo(received(mock(java, "m" + output)));
            assertThat(received(mock(xml, "m" + output))).isEqualTo(received(mock(java, "m" + output)));
        }
        for (int output = 0; output < 2; output++) {
            int chosen = output;
            List<Object> expected = new ArrayList<>(List.of(input.get(0)));
            IntStream.range(-3, 12).filter(n -> crc32("run-" + Math.floorMod(n, 5)) % 2 == chosen).forEach(n -> expected.add(event(n)));
            expected.add(input.get(input.size() - 1));
            assertThat(mock(yaml, "h" + output).getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody())
                    .containsExactlyElementsOf(expected);
            assertThat(received(mock(yaml, "h" + output))).isEqualTo(received(mock(java, "h" + output)));
            assertThat(received(mock(xml, "h" + output))).isEqualTo(received(mock(java, "h" + output)));
        }
    }

    @Test
    void partitionKameletWritesItsFormatAsTheJavaDslDoes() throws Exception {
        Map<String, Object> oneByteImages = Map.of("run_id", "r", "data_type", "U8",
                "Rectangle", Map.of("Left", 0, "Top", 0, "Right", 1, "Bottom", 1));
        List<byte[]> input = new ArrayList<>(List.of(WireFormat.JSON.codec().encodeFrame(new Start(oneByteImages))));
        for (int n = 0; n < 6; n++) {
            input.addAll(WireFormat.JSON.codec().encode(Event.of(Map.of("n", n, "run_id", "run-" + n), ByteBuffer.wrap(new byte[] { (byte) n }))));
        }
        CamelContext yaml = started("partition.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-read-action
                          parameters: {format: json+raw}
                      - to:
                          uri: kamelet:arroyo-partition-sink
                          parameters: {by: key, field: run_id, outputs: "mock:h0, mock:h1", format: json+raw}
                """);
        CamelContext java = started(routes -> routes.pipeline("hashed").format("json+raw").listen("direct:in")
                .partition(Partitioner.byKeyHash("run_id"), "mock:h0", "mock:h1"));
        for (CamelContext context : List.of(yaml, java)) {
            ProducerTemplate template = context.createProducerTemplate();
            input.forEach(frame -> template.sendBody("direct:in", frame));
        }

        for (String output : List.of("h0", "h1")) {
            List<String> written = hex(mock(java, output));
            assertThat(written).as("the start, then each event's header and image").hasSizeGreaterThan(1);
            assertThat(written.size() % 2).as("events come as pairs after the start").isEqualTo(1);
            assertThat(hex(mock(yaml, output))).as(output).isEqualTo(written);
        }
        assertThat(hex(mock(java, "h0")).size() + hex(mock(java, "h1")).size()).isEqualTo(2 + 6 * 2);
    }

    private static List<String> hex(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream().map(exchange -> HexFormat.of().formatHex(exchange.getMessage().getBody(byte[].class))).toList();
    }

    private static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** A slow step behind the decoupling Kamelet: queue 8, 2 threads. */
    private CamelContext slowlyDecoupled(AtomicInteger processed) throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        context.getRegistry().bind("slow", (org.apache.camel.Processor) exchange -> {
            TimeUnit.MILLISECONDS.sleep(5);
            processed.incrementAndGet();
        });
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("decouple.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-decouple-action
                          parameters: {queueSize: 8, threads: 2}
                          steps:
                            - process:
                                ref: slow
                            - to: mock:out
                """));
        context.start();
        return context;
    }

    @Test
    void decoupleKameletKeepsTheQueueBoundedAndLosesNothing() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        CamelContext context = slowlyDecoupled(processed);
        MockEndpoint out = mock(context, "out");
        out.expectedMessageCount(300);
        ProducerTemplate template = context.createProducerTemplate();
        int mostAhead = 0;

        for (int n = 0; n < 300; n++) {
            template.sendBody("direct:in", event(n));
            mostAhead = Math.max(mostAhead, n + 1 - processed.get());
        }

        out.assertIsSatisfied(20_000);
        assertThat(mostAhead).as("the listener is never more than the queue and the threads ahead").isLessThanOrEqualTo(8 + 2)
                .as("the listener did not wait for each message").isGreaterThan(1);
        assertThat(out.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 300).mapToObj(KameletsTest::event).toList());
        assertThat(out.getReceivedExchanges()).extracting(exchange -> Thread.currentThread().getName()).isNotEmpty();
    }

    @Test
    void stoppingTheContextProcessesWhatTheDecoupleKameletHasQueued() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        CamelContext context = slowlyDecoupled(processed);
        MockEndpoint out = mock(context, "out");

        CompletableFuture.runAsync(() -> send(context, IntStream.range(0, 10).mapToObj(KameletsTest::event).toList())).get(10, TimeUnit.SECONDS);
        int queued = 10 - processed.get();
        context.stop();

        assertThat(queued).as("messages were still queued when the context stopped").isGreaterThan(0);
        assertThat(processed.get()).isEqualTo(10);
        assertThat(out.getReceivedExchanges()).hasSize(10);
    }

    @Test
    void aNestingKameletUsedAsAnEndpointIsRefusedWithOneLineSayingHowToUseIt() {
        Throwable thrown = catchThrowable(() -> started("wrong.yaml", """
                - route:
                    id: saxs
                    from:
                      uri: direct:in
                      steps:
                        - to: kamelet:arroyo-batch-action?maxSize=3
                        - to: mock:out
                """));

        assertThat(thrown).hasRootCauseMessage("wrong.yaml: route saxs: arroyo-batch-action cannot be an endpoint (kamelet:arroyo-batch-action?maxSize=3):"
                + " use it as a kamelet step with the steps that take its output nested under it");
    }

    @Test
    void theKameletsDefaultsAreTheOtherFormsDefaults() throws Exception {
        assertThat(defaults("arroyo-batch-action")).containsEntry("maxAge", Batching.DEFAULT_MAX_AGE.toSeconds() + "s")
                .containsEntry("maxIdle", Batching.DEFAULT_MAX_IDLE.toSeconds() + "s");
        assertThat(defaults("arroyo-decouple-action")).containsEntry("queueSize", String.valueOf(Decoupling.DEFAULT_QUEUE_SIZE))
                .containsEntry("threads", String.valueOf(Decoupling.DEFAULT_THREADS));
        for (String kamelet : List.of("arroyo-read-action", "arroyo-write-action", "arroyo-partition-sink")) {
            assertThat(defaults(kamelet)).as(kamelet).containsEntry("format", PipelineFormat.MSGPACK.toString());
        }
        assertThat(defaults("arroyo-frames-action")).containsEntry("field", FrameChecking.DEFAULT_FIELD)
                .containsEntry("countField", FrameChecking.DEFAULT_COUNT_FIELD);
    }

    /** The defaults a Kamelet's definition declares, as text. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> defaults(String kamelet) throws Exception {
        try (var in = KameletsTest.class.getClassLoader().getResourceAsStream("kamelets/" + kamelet + ".kamelet.yaml")) {
            Map<String, Object> spec = (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromInputStream(in);
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>)
                    ((Map<String, Object>) ((Map<String, Object>) spec.get("spec")).get("definition")).get("properties");
            Map<String, String> defaults = new java.util.LinkedHashMap<>();
            properties.forEach((name, property) -> {
                if (property.containsKey("default")) {
                    defaults.put(name, String.valueOf(property.get("default")));
                }
            });
            return defaults;
        }
    }

    @Test
    void aBadKameletParameterSaysWhatIsWrong() {
        Throwable thrown = catchThrowable(() -> started("bad.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - kamelet:
                          name: arroyo-batch-action
                          parameters: {maxSize: -1}
                      - to: mock:out
                """));

        assertThat(thrown).hasRootCauseMessage("batch maxSize must be a whole number of at least 1, not '-1'");
    }

    @Test
    void aNestingKameletAsTheLastStepIsRefused() {
        Throwable thrown = catchThrowable(() -> started("wrong.yaml", """
                - from:
                    uri: direct:in
                    steps:
                      - to: mock:in
                      - kamelet:
                          name: arroyo-decouple-action
                """));

        assertThat(thrown).hasRootCauseMessage("wrong.yaml: route from direct:in: kamelet step arroyo-decouple-action needs the steps that take its"
                + " output nested under it (steps:); nothing continues after it");
    }
}
