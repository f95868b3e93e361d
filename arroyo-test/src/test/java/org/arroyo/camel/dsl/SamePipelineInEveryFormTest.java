package org.arroyo.camel.dsl;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.JsonImageAssembler;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.FrameChecking;
import org.arroyo.camel.operator.FrameCount;
import org.arroyo.camel.operator.Publishers;
import org.arroyo.test.Run;
import org.arroyo.test.Tagger;
import org.arroyo.test.infra.InteropVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One pipeline (listener direct:in, a Tagger set up with a constructor argument and a property, publishers
 * mock:a and mock:b, a dead letter channel) written in Java, XML, YAML and as an arroyopy blocks file:
 * for the same input every form publishes the same bytes, sends the same refused message to the error
 * handler and builds the same route. A second pipeline with built-in stages (decouple, operator, batch) gives
 * the same batches in every form, a third, reading and writing ArroyoXPS's json+raw, the same bytes, and a fourth,
 * checking its frames (also as the arroyo-frames-action Kamelet), the same counts.
 */
class SamePipelineInEveryFormTest {

    /** What one form of the pipeline did. */
    record Outcome(List<byte[]> publishedToA, List<byte[]> publishedToB, List<byte[]> deadLetters, List<String> route,
                   List<String> publishers, List<String> publishedBodies) {
    }

    interface Form {
        void load(CamelContext context) throws Exception;
    }

    @Test
    void javaXmlYamlAndBlocksPublishIdenticalBytes() throws Exception {
        List<byte[]> input = input();
        Outcome java = run(input, context -> context.addRoutes(javaRoutes()));
        Outcome xml = run(input, context -> load(context, "dsl/pipeline.xml"));
        Outcome yaml = run(input, context -> load(context, "dsl/errors.yaml", "dsl/pipeline.yaml"));
        Outcome blocks = run(input, context -> {
            load(context, "dsl/errors.yaml");
            context.addRoutes(new BlocksRouteBuilder(resource("dsl/blocks.yaml")));
        });

        Outcome expected = expected(input);
        for (Outcome form : List.of(java, xml, yaml, blocks)) {
            assertThat(form.publishedToA()).containsExactlyElementsOf(expected.publishedToA());
            assertThat(form.publishedToB()).containsExactlyElementsOf(expected.publishedToA());
            assertThat(form.deadLetters()).containsExactlyElementsOf(expected.deadLetters());
            assertThat(form.route()).isEqualTo(java.route());
            assertThat(form.publishers()).containsExactly("mock:a", "mock:b");
        }
    }

    @Test
    void aPipelineWithStagesGivesTheSameBatchesInEveryForm() throws Exception {
        List<byte[]> input = input();
        input.remove(3);
        Outcome java = runStages(input, context -> context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                Tagger tagger = new Tagger("saxs");
                tagger.setCopies(2);
                pipeline("saxs").listen("direct:in").decouple(4, 1).operator(tagger)
                        .batch(3, Duration.ofSeconds(30), Duration.ofSeconds(30)).publish("mock:a");
            }
        }));
        Outcome xml = runStages(input, context -> load(context, "dsl/stages.xml"));
        Outcome yaml = runStages(input, context -> load(context, "dsl/stages.yaml"));
        Outcome blocks = runStages(input, context -> context.addRoutes(new BlocksRouteBuilder(resource("dsl/stages-blocks.yaml"))));

        for (Outcome form : List.of(java, xml, yaml, blocks)) {
            assertThat(form.route()).isEqualTo(java.route());
            assertThat(form.publishedBodies()).isEqualTo(java.publishedBodies());
        }
        assertThat(java.route()).containsExactly("saxs from direct:in", "saxs-decouple process", "saxs-2 from direct:saxs-decoupled",
                "saxs-operator process", "saxs-batching process", "saxs-3 from direct:saxs-batches", "saxs-publish process");
        assertThat(java.publishedBodies()).as("start, 3 frames tagged twice in batches of 3, stop").hasSize(4);
        assertThat(java.publishedBodies().get(0)).isEqualTo(WireFormat.MSGPACK.codec().decode(input.get(0)).toString());
        assertThat(java.publishedBodies().subList(1, 3)).allMatch(body -> body.startsWith("Batch[") && body.endsWith("closedBy=SIZE]"));
        assertThat(java.publishedBodies().get(3)).startsWith("Stop{");
    }

    @Test
    void aPipelineWithAFormatReadsAndWritesItInEveryForm() throws Exception {
        List<byte[]> input = Stream.of("xps_start_1.bin", "xps_event_1.1.bin", "xps_event_1.2.bin", "xps_stop_1.bin")
                .map(InteropVectors::read).toList();
        Outcome java = runFormat(input, context -> context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                Tagger tagger = new Tagger("xps");
                tagger.setCopies(2);
                pipeline("xps").format("json+raw").listen("direct:in").operator(tagger).publish("mock:a");
            }
        }));
        Outcome xml = runFormat(input, context -> load(context, "dsl/format.xml"));
        Outcome yaml = runFormat(input, context -> load(context, "dsl/format.yaml"));
        Outcome blocks = runFormat(input, context -> context.addRoutes(new BlocksRouteBuilder(resource("dsl/format-blocks.yaml"))));

        List<byte[]> expected = expectedXps(input);
        for (Outcome form : List.of(java, xml, yaml, blocks)) {
            assertThat(form.route()).isEqualTo(java.route());
            assertThat(form.publishedToA()).containsExactlyElementsOf(expected);
        }
        assertThat(java.route()).containsExactly("xps from direct:in", "xps-read process", "xps-progress process", "xps-operator process",
                "xps-publish process");
    }

    /** What a form's frame check counted in one run: the stop's summary, the readiness check, the counters. */
    record FramesOutcome(FrameCount summary, HealthCheck.State readiness, Map<String, Object> details, Map<String, Double> counters,
                         int published) {
    }

    @Test
    void aFrameCheckCountsTheSameInEveryForm() throws Exception {
        List<byte[]> input = Run.start(Map.of("run_id", "scan-1"))
                .frames("seq_num", 0, 1, 2, 5, 6, 6, 7, 9, 8, 3)
                .stop(Map.of("run_id", "scan-1", "frames", 10L)).stream()
                .map(WireFormat.MSGPACK.codec()::encodeFrame).toList();
        FramesOutcome java = runFrames(input, context -> context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("saxs").listen("direct:in").checkFrames(new FrameChecking("seq_num", "frames")).publish("mock:a");
            }
        }));
        FramesOutcome xml = runFrames(input, context -> load(context, "dsl/frames.xml"));
        FramesOutcome yaml = runFrames(input, context -> load(context, "dsl/frames.yaml"));
        FramesOutcome blocks = runFrames(input, context -> context.addRoutes(new BlocksRouteBuilder(resource("dsl/frames-blocks.yaml"))));
        FramesOutcome kamelet = runFrames(input, context -> load(context, "dsl/frames-kamelet.yaml"));

        // gaps 3-4 and 8; 8 and 3 come late, so 4 is missing; 6 twice; 9 distinct frames where the stop says 10
        FrameCount expected = new FrameCount("scan-1", 9, 2, 1, 1, 2, 0, 10L);
        for (FramesOutcome form : List.of(java, xml, yaml, blocks, kamelet)) {
            assertThat(form.summary()).isEqualTo(expected);
            assertThat(form.readiness()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(form.details()).containsEntry("missing", 1L).containsEntry("declared", 10L);
            assertThat(form.counters()).containsExactlyInAnyOrderEntriesOf(Map.of("arroyopy.frame.gaps", 2.0,
                    "arroyopy.frames.missing", 1.0, "arroyopy.frame.duplicates", 1.0, "arroyopy.frames.out.of.order", 2.0,
                    "arroyopy.frame.count.mismatches", 1.0));
            assertThat(form.published()).as("every message passes").isEqualTo(input.size());
        }
    }

    private static FramesOutcome runFrames(List<byte[]> input, Form form) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
            form.load(context);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            input.forEach(bytes -> template.sendBody("direct:in", bytes));
            List<Exchange> published = context.getEndpoint("mock:a", MockEndpoint.class).getReceivedExchanges();
            HealthCheck.Result readiness = HealthCheckHelper.invokeReadiness(context).stream()
                    .filter(result -> result.getCheck().getId().equals("arroyo-frames-saxs")).findFirst().orElseThrow();
            Map<String, Double> counters = new TreeMap<>();
            meters.getMeters().stream().map(meter -> meter.getId().getName()).filter(name -> name.startsWith("arroyopy.frame"))
                    .forEach(name -> counters.put(name, meters.get(name).tag("pipeline", "saxs").counter().count()));
            return new FramesOutcome(published.get(published.size() - 1).getProperty(ArroyoConstants.FRAME_COUNT, FrameCount.class),
                    readiness.getState(), readiness.getDetails(), counters, published.size());
        }
    }

    /** The start, each tagged event as its JSON header and its image, the stop: as json+raw writes them. */
    private static List<byte[]> expectedXps(List<byte[]> input) throws Exception {
        Tagger tagger = new Tagger("xps");
        tagger.setCopies(2);
        JsonImageAssembler assembler = new JsonImageAssembler();
        List<byte[]> published = new ArrayList<>();
        for (byte[] frame : input) {
            Optional<ArroyoMessage> message = assembler.accept(ByteBuffer.wrap(frame));
            if (message.isPresent()) {
                for (ArroyoMessage output : tagger.apply(message.get())) {
                    published.addAll(WireFormat.JSON.codec().encode(output));
                }
            }
        }
        assertThat(published).as("start, two headers with their images, stop").hasSize(6);
        return published;
    }

    private static Outcome runFormat(List<byte[]> input, Form form) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            form.load(context);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            input.forEach(bytes -> template.sendBody("direct:in", bytes));
            return new Outcome(bytes(context, "mock:a"), null, null, shape(context.getRouteDefinition("xps")), null, null);
        }
    }

    private static Outcome runStages(List<byte[]> input, Form form) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            form.load(context);
            context.start();
            MockEndpoint published = context.getEndpoint("mock:a", MockEndpoint.class);
            published.expectedMessageCount(4);
            ProducerTemplate template = context.createProducerTemplate();
            input.forEach(bytes -> template.sendBody("direct:in", bytes));
            published.assertIsSatisfied(10_000);
            List<String> routes = new ArrayList<>();
            context.getRouteDefinitions().stream().sorted(java.util.Comparator.comparing(RouteDefinition::getId)).forEach(route -> routes.addAll(shape(route)));
            return new Outcome(null, null, null, routes, null,
                    published.getReceivedExchanges().stream().map(exchange -> String.valueOf(exchange.getMessage().getBody())).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            batchMaxSize | 0       | pipeline saxs: batch maxSize must be a whole number of at least 1, not '0'
            batchMaxSise | 3       | pipeline saxs: unknown parameter 'batchMaxSise' (expected pipeline, description, listener, framesField, framesCountField, operator, stages, decoupleQueueSize, decoupleThreads, batchMaxSize, batchMaxAge, batchMaxIdle, partitionBy, partitionField, partitionOutputs, publishers, format)
            format       | xml     | pipeline saxs: format must be one of msgpack, json, json+raw, multipart, raw, lhhttt, not 'xml'
            """)
    void aBadParameterOfTheTemplateSaysWhichPipelineAndWhatIsWrong(String parameter, String value, String problem) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
            try (DefaultCamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new ArroyoTemplates());
                PluginHelper.getRoutesLoader(context).loadRoutes(org.apache.camel.support.ResourceHelper.fromString("bad.yaml", """
                        - templatedRoute:
                            routeTemplateRef: arroyo-pipeline
                            parameters:
                              - {name: pipeline, value: saxs}
                              - {name: listener, value: direct:in}
                              - {name: stages, value: "decouple, batch"}
                              - {name: %s, value: "%s"}
                        """.formatted(parameter, value)));
                context.start();
            }
        });

        Throwable deepest = thrown;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        assertThat(deepest).as("the message Camel's callers report").hasMessage(problem);
    }

    private static RoutesBuilder javaRoutes() {
        return new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").useOriginalMessage());
                Tagger tagger = new Tagger("saxs");
                tagger.setCopies(2);
                pipeline("saxs").listen("direct:in").operator(tagger).publish("mock:a", "mock:b");
            }
        };
    }

    /** The SAXS sample scan (written by a Python sender) with an event the operator refuses after the second frame. */
    private static List<byte[]> input() throws IOException {
        List<byte[]> input = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../samples/saxs-scan"))) {
            for (Path file : files.sorted().toList()) {
                input.add(Files.readAllBytes(file));
            }
        }
        input.add(3, WireFormat.MSGPACK.codec().encodeFrame(Event.of(Map.of("refuse", true))));
        return input;
    }

    /** The operator applied by hand: what every form must publish. */
    private static Outcome expected(List<byte[]> input) {
        Tagger tagger = new Tagger("saxs");
        tagger.setCopies(2);
        List<byte[]> published = new ArrayList<>();
        List<byte[]> dead = new ArrayList<>();
        for (byte[] bytes : input) {
            try {
                for (ArroyoMessage output : tagger.apply(WireFormat.MSGPACK.codec().decode(bytes))) {
                    published.add(WireFormat.MSGPACK.codec().encodeFrame(output));
                }
            } catch (Exception refused) {
                dead.add(bytes);
            }
        }
        assertThat(published).as("3 frames twice, start and stop").hasSize(8);
        assertThat(dead).hasSize(1);
        return new Outcome(published, published, dead, null, null, null);
    }

    private static Outcome run(List<byte[]> input, Form form) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            form.load(context);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            input.forEach(bytes -> template.sendBody("direct:in", bytes));
            return new Outcome(bytes(context, "mock:a"), bytes(context, "mock:b"), bytes(context, "mock:dead"),
                    shape(context.getRouteDefinition("saxs")),
                    context.getRegistry().lookupByNameAndType("saxs-publishers", Publishers.class).getPublishers(), null);
        }
    }

    /** The route's listener and its steps: id and kind of each node, depth first. */
    private static List<String> shape(RouteDefinition route) {
        List<String> shape = new ArrayList<>(List.of(route.getId() + " from " + route.getInput().getUri()));
        addSteps(route.getOutputs(), shape);
        return shape;
    }

    private static void addSteps(List<ProcessorDefinition<?>> steps, List<String> shape) {
        for (ProcessorDefinition<?> step : steps) {
            shape.add(step.getId() + " " + step.getShortName());
            addSteps(step.getOutputs(), shape);
        }
    }

    private static List<byte[]> bytes(CamelContext context, String mock) {
        return context.getEndpoint(mock, MockEndpoint.class).getReceivedExchanges().stream()
                .map(Exchange::getMessage).map(message -> message.getBody(byte[].class)).toList();
    }

    private static void load(CamelContext context, String... resources) throws Exception {
        context.addRoutes(new ArroyoTemplates());
        for (String resource : resources) {
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("classpath:" + resource));
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SamePipelineInEveryFormTest.class.getClassLoader().getResource(name).toURI());
    }
}
