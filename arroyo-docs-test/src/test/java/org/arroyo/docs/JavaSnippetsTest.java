package org.arroyo.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.arroyo.camel.dataformat.JsonImagePairing;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.dsl.BlocksRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Publishers;
import org.arroyo.camel.streampy.QueueNode;
import org.arroyo.camel.streampy.StreamPyText;
import org.arroyo.camel.streampy.metrics.MetricsReceiver;
import org.arroyo.camel.streampy.metrics.MetricsSettings;
import org.arroyo.camel.streampy.metrics.PipelineMetrics;
import org.arroyo.camel.zeromq.ZeroMqConstants;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.camel.zocalo.rabbitmq.DeadLetterQueues;
import org.arroyo.camel.zocalo.rabbitmq.ZocaloRabbitMq;
import org.arroyo.example.AzimuthalIntegration;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.RabbitMqBroker;
import org.example.Tagger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java snippets of the pages that have no guide test of their own, as written there (DocsCoverageTest checks that
 * each of their lines is here). A snippet on loopback or on the brokers of this machine runs; one naming hosts that do
 * not exist here (detector, kafka, rabbitmq.facility, ...) is validated: its routes are built in a CamelContext, every
 * endpoint resolved, and not started. Surefire runs this module in target/docs-working-directory, where the
 * snippets' relative paths (blocks.yaml, per-image-analysis.json, DLQ) are written.
 */
class JavaSnippetsTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template = context.createProducerTemplate();

    @AfterEach
    void stop() {
        context.stop();
    }

    // docs/brokers.md, docs/metrics.md, docs/dsl.md, docs/streampy.md: pipelines of the DSL

    class BrokersPipeline extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            pipeline("saxs").listen("spring-rabbitmq:default?queues=frames")
                    .operator(new AzimuthalIntegration())
                    .publish("kafka:reduced?brokers=kafka:9092", "spring-redis://redis:6379?command=PUBLISH&channels=reduced");
        }
    }

    class MetricsPipeline extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            MetricsSettings settings = MetricsSettings.udp("NODE_2", "127.0.0.1:5001", Duration.ofSeconds(1));
            pipeline("saxs").listen("zeromq:PULL:tcp://detector:5555")
                    .routePolicy(new PipelineMetrics(settings, "AzimuthalIntegration"))
                    .operator(new AzimuthalIntegration())
                    .publish("kafka:reduced");
        }
    }

    public class SaxsRoutes extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            errorHandler(deadLetterChannel("file:failed").useOriginalMessage());
            Tagger tagger = new Tagger("saxs");
            tagger.setCopies(2);
            pipeline("saxs").listen("zeromq:PULL:tcp://detector:5555")
                    .operator(tagger)
                    .publish("zeromq:PUSH:tcp://*:6000?bind=true", "file:reduced");
        }
    }

    public class Pong implements Operator {
        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            return List.of(StreamPyText.event(StreamPyText.text(event).equals("ping") ? "pong" : "ping"));
        }
    }

    class PongPipeline extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            pipeline("pong").listen("streampy:queue:127.0.0.1:10000")
                    .routePolicy(new PipelineMetrics(MetricsSettings.udp("NODE_2", "127.0.0.1:5001", Duration.ofSeconds(1)), "Pong"))
                    .operator(new Pong())
                    .publish("streampy:queue:127.0.0.1:10000");          // or partition(...) over several outputs
        }
    }

    @Test
    void theDslPipelinesOfThePagesBuild() throws Exception {
        assertBuilt(new SaxsRoutes(), new PongPipeline());

        assertThat(context.getRoutes()).extracting(route -> route.getRouteId()).contains("saxs", "pong");
    }

    /**
     * A pipeline's publishers start with the context, and a Kafka producer refuses a host that does not resolve (or no
     * host at all): these pipelines are checked as far as that, their listener's and publishers' endpoints resolved.
     */
    @Test
    void theDslPipelinesPublishingToKafkaResolveTheirEndpoints() throws Exception {
        assertThat(resolvedEndpoints(new BrokersPipeline())).containsExactly("arroyo:spring-rabbitmq:default?queues=frames",
                "kafka:reduced?brokers=kafka:9092", "spring-redis://redis:6379?command=PUBLISH&channels=reduced");
        assertThat(resolvedEndpoints(new MetricsPipeline())).containsExactly("zeromq:PULL:tcp://detector:5555", "kafka:reduced");
    }

    /** The URIs of the pipeline's listener and publishers, each resolved to its endpoint in a context that is not started. */
    private static List<String> resolvedEndpoints(RoutesBuilder pipeline) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.getRegistry().bind("connectionFactory", RABBITMQ.connectionFactory());
            camel.addRoutes(pipeline);
            camel.init();
            List<String> uris = new ArrayList<>();
            ((ModelCamelContext) camel).getRouteDefinitions().forEach(route -> uris.add(route.getInput().getEndpointUri()));
            camel.getRegistry().findByType(Publishers.class).forEach(publishers -> uris.addAll(publishers.getPublishers()));
            uris.forEach(uri -> assertThat(camel.getEndpoint(uri)).as(uri).isNotNull());
            return uris;
        } finally {
            camel.stop();
        }
    }

    @Test
    void theBlocksFileOfTheDslPageLoadsFromTheWorkingDirectory() throws Exception {
        Files.writeString(Path.of("blocks.yaml"), DocsPage.of("dsl.md").block("yaml", "description: tags every frame twice").text());

        context.addRoutes(new BlocksRouteBuilder(Path.of("blocks.yaml")));

        assertBuilt();
        assertThat(context.getRoute("saxs")).isNotNull();
    }

    // docs/streampy.md, docs/metrics.md: the queue node and the metrics receiver

    @Test
    void theQueueNodeAndTheMetricsReceiverBuild() throws Exception {
        context.addRoutes(new QueueNode("mq", "0.0.0.0", 10000)      // route id, listen address, port
                .capacity(50_000)                                    // default 10,000
                .journal(Path.of("/var/lib/arroyo/mq.journal"), false)
                .metrics(MetricsSettings.udp("NODE_1", "127.0.0.1:5001", Duration.ofSeconds(1))));
        context.addRoutes(new MetricsReceiver("metrics-receiver", "127.0.0.1", 5001, "http://127.0.0.1:5555/post"));

        assertBuilt();
        assertThat(context.getRoute("mq")).isNotNull();
        assertThat(context.getRoute("metrics-receiver")).isNotNull();
    }

    // docs/camel.md

    @Test
    void theDataFormatRouteSendsTheEventsOn() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").unmarshal().custom("arroyo")
                    .choice().when(header("ArroyoMessageType").isEqualTo("event")).to("direct:events").end();
                from("direct:events").to("mock:events");
            }
        });
        context.start();
        MockEndpoint events = context.getEndpoint("mock:events", MockEndpoint.class);
        events.expectedMessageCount(2);

        for (ArroyoMessage message : List.of(new Start(Map.of("run_id", "camel-1")), Event.of(Map.of("frame_number", 0), NdArray.ofDoubles(new double[] { 1, 2 })),
                Event.of(Map.of("frame_number", 1), NdArray.ofDoubles(new double[] { 3, 4 })), new Stop(Map.of("run_id", "camel-1")))) {
            template.sendBody("direct:in", context.getTypeConverter().convertTo(byte[].class, message));
        }

        events.assertIsSatisfied(10_000);
        assertThat(events.getReceivedExchanges()).extracting(exchange -> ((Event) exchange.getMessage().getBody()).metadata().get("frame_number"))
                .containsExactly(0L, 1L);
    }

    @Test
    void theArroyoXpsPairingRouteBuilds() throws Exception {
        assertBuilt(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:SUB:tcp://xps:5555").process(new JsonImagePairing()).to("direct:events");
            }
        });
    }

    // docs/zeromq-component.md

    @Test
    void theZeroMqRoutesOfTheComponentPageBuild() throws Exception {
        assertBuilt(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:SUB:tcp://detector:5555?topics=frames").to("direct:frames");
                from("direct:results").to("zeromq:PUSH:tcp://*:6000?bind=true");
                // receive frames
                from("zeromq:PULL:tcp://*:6000?bind=true")
                    .process(e -> {
                        Object body = e.getMessage().getBody();   // byte[] or List<byte[]>
                    });
                // PUB/SUB with topic frames: the topic header becomes the first frame and back
                from("direct:frames").setHeader(ZeroMqConstants.TOPIC, constant("frames")).to("zeromq:PUB:tcp://*:5555");
                from("zeromq:SUB:tcp://127.0.0.1:5555?topics=frames&topicFrame=true").log("${header.CamelZeroMqTopic}");
                // PUSH/PULL pipeline (a detector binds PUSH, workers connect PULL)
                from("zeromq:PULL:tcp://detector:9999").to("direct:process");
                // ROUTER producer: send to one DEALER by its identity
                from("direct:dispatch").setHeader(ZeroMqConstants.IDENTITY, constant("worker-1")).to("zeromq:ROUTER:tcp://*:5561");
                // XSUB/XPUB proxy: publishers connect upstream, subscribers downstream; XPUB filters by their subscriptions
                from("zeromq:XSUB:tcp://*:5600?bind=true").to("zeromq:XPUB:tcp://*:5601");
            }
        });
    }

    @Test
    void theZeroMqSendsReachAPuller() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:PULL:tcp://127.0.0.1:6000?bind=true").to("mock:frames");
            }
        });
        context.start();
        MockEndpoint frames = context.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedMessageCount(2);
        byte[] header = "{\"frame\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] imageBytes = { 1, 2, 3, 4 };

        // one frame
        template.sendBody("zeromq:PUSH:tcp://127.0.0.1:6000", "hello");
        // three frames, the first empty
        template.sendBody("zeromq:PUSH:tcp://127.0.0.1:6000", List.of(new byte[0], header, imageBytes));

        frames.assertIsSatisfied(10_000);
        assertThat(frames.getReceivedExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("hello");
        @SuppressWarnings("unchecked")
        List<byte[]> three = (List<byte[]>) frames.getReceivedExchanges().get(1).getMessage().getBody();
        assertThat(three).containsExactly(new byte[0], header, imageBytes);
    }

    @Test
    void theZeroMqRequestsAreAnswered() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // PAIR both ways
                from("zeromq:PAIR:tcp://*:5580?bind=true&exchangePattern=InOut").transform(simple("got ${bodyAs(String)}"));
                // REQ/REP
                from("zeromq:REP:tcp://*:5570").transform(simple("reply to ${bodyAs(String)}"));
                // DEALER/ROUTER: the reply goes back to the DEALER that asked
                from("zeromq:ROUTER:tcp://*:5560?exchangePattern=InOut").transform(simple("done: ${bodyAs(String)}"));
            }
        });
        context.start();

        String answer = template.requestBody("zeromq:PAIR:tcp://127.0.0.1:5580", "hello", String.class);
        String reply = template.requestBody("zeromq:REQ:tcp://127.0.0.1:5570", "ping", String.class);
        String done = template.requestBody("zeromq:DEALER:tcp://127.0.0.1:5560?identity=worker-1", "job 1", String.class);

        assertThat(List.of(answer, reply, done)).containsExactly("got hello", "reply to ping", "done: job 1");
    }

    @Test
    void theCurveRoutesBuildWithKeysFromProperties() throws Exception {
        Properties keys = new Properties();
        for (String name : List.of("zmq.server", "zmq", "zmq.detector1", "zmq.detector2")) {
            String[] pair = keyPair();
            keys.setProperty(name + ".public", pair[0]);
            keys.setProperty(name + ".secret", pair[1]);
        }
        context.getPropertiesComponent().setInitialProperties(keys);
        assertBuilt(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames")
                    .to("zeromq:PUB:tcp://*:5555?curveServer=true&secretKey=RAW({{zmq.server.secret?nested=false}})");
                from("zeromq:SUB:tcp://beamline:5555?serverKey=RAW({{zmq.server.public?nested=false}})"
                     + "&publicKey=RAW({{zmq.public?nested=false}})&secretKey=RAW({{zmq.secret?nested=false}})")
                    .to("direct:frames");

                // a server that accepts two known detectors only
                from("zeromq:PULL:tcp://*:6000?bind=true&curveServer=true&secretKey=RAW({{zmq.server.secret?nested=false}})"
                     + "&allowedClients=RAW({{zmq.detector1.public?nested=false}},{{zmq.detector2.public?nested=false}})")
                    .to("direct:frames");
            }
        });
    }

    private static String[] keyPair() {
        org.zeromq.ZMQ.Curve.KeyPair pair = org.zeromq.ZMQ.Curve.generateKeyPair();
        return new String[] { pair.publicKey, pair.secretKey };
    }

    // docs/zocalo.md

    @Test
    void aRecipeIsReadValidatedGivenParametersMergedAndWritten() throws Exception {
        Files.writeString(Path.of("per-image-analysis.json"), """
                {"1": {"queue": "per_image_analysis", "parameters": {"dcid": "{ispyb_dcid}", "workdir": "{workdir}"}, "output": 2},
                 "2": {"queue": "results"}, "start": [[1, []]]}""");
        String other = """
                {"1": {"queue": "archive"}, "start": [[1, []]]}""";

        Recipe recipe = Recipe.parse(Files.readString(Path.of("per-image-analysis.json")));
        recipe.validate();                                   // RecipeException when python-workflows would refuse it
        Recipe ready = recipe.applyParameters(Map.of("ispyb_dcid", 1001, "workdir", "/dls/i03/data"));
        Recipe both = ready.merge(Recipe.parse(other));      // other's nodes renumbered after ready's
        String json = both.toJson();                         // as python-workflows writes it

        Recipe written = Recipe.parse(json);
        Map<?, ?> parameters = (Map<?, ?>) written.node(1).get("parameters");
        assertThat(String.valueOf(parameters.get("dcid"))).isEqualTo("1001");
        assertThat(parameters.get("workdir")).isEqualTo("/dls/i03/data");
        assertThat(written.node(3)).containsEntry("queue", "archive");
    }

    /** The service of the page, made to find spots in a payload's "spots" list above its threshold. */
    public class PerImageAnalysisRoute extends RouteBuilder {

        private final String secret = "not-used: the route is built, not started";

        private final ConnectionFactory rabbit = ZocaloRabbitMq.connectionFactory("rabbitmq.facility", 5672, "zocalo", secret);

        @Override
        public void configure() {
            ZocaloRabbitMq zocalo = new ZocaloRabbitMq(getContext(), rabbit);
            from(zocalo.queue("per_image_analysis"))
                .process(zocalo.service("PerImageAnalysis", step -> {
                    Map<?, ?> image = step.payload(Map.class);
                    double threshold = Double.parseDouble((String) step.parameters().get("threshold"));
                    Spots spots = findSpots(image, threshold);
                    step.sendTo(spots.count() > 0 ? "success" : "failure", spots.toMap());
                }));
        }
    }

    /** The dispatcher of the page, on the page's recipe directory. */
    public class DispatcherRoute extends RouteBuilder {

        private final ZocaloRabbitMq zocalo;

        DispatcherRoute(CamelContext context) {
            super(context);
            zocalo = new ZocaloRabbitMq(context, ZocaloRabbitMq.connectionFactory("rabbitmq.facility", 5672, "zocalo", "secret"));
        }

        @Override
        public void configure() {
            from(zocalo.queue("processing_recipe")).process(zocalo.dispatcher(Path.of("/dls_sw/apps/zocalo/live/recipes")));
        }
    }

    record Spots(List<Double> found) {
        long count() {
            return found.size();
        }

        Map<String, Object> toMap() {
            return Map.of("spots", found);
        }
    }

    static Spots findSpots(Map<?, ?> image, double threshold) {
        return new Spots(((List<?>) image.get("spots")).stream().map(spot -> ((Number) spot).doubleValue()).filter(spot -> spot > threshold).toList());
    }

    @Test
    void theZocaloServiceBuilds() throws Exception {
        assertBuilt(new PerImageAnalysisRoute());
    }

    @Test
    void theDispatcherChecksItsRecipeDirectoryAsItIsBuilt() {
        assertThatThrownBy(() -> context.addRoutes(new DispatcherRoute(context)))
                .hasMessage("recipe directory /dls_sw/apps/zocalo/live/recipes does not exist");
    }

    @Test
    void aDeadLetterIsExportedAndReinjectedWhereItDied() throws Exception {
        String deadLetters = RABBITMQ.declareQueueWithDeadLetters("per_image_analysis");
        byte[] body = "{\"payload\": \"x.h5\"}".getBytes(StandardCharsets.UTF_8);
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", "per_image_analysis", null, body);
            GetResponse dying = channel.basicGet("per_image_analysis", false);
            channel.basicNack(dying.getEnvelope().getDeliveryTag(), false, false);
        }
        ZocaloRabbitMq zocalo = new ZocaloRabbitMq(context, RABBITMQ.connectionFactory());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> zocalo.deadLetters().count("dlq.per_image_analysis") == 1);

        DeadLetterQueues dlq = zocalo.deadLetters();
        List<Path> files = dlq.export("dlq.per_image_analysis", Path.of("DLQ"));   // drains the queue
        dlq.reinject(files.get(0), null);                                         // back to where it died

        assertThat(deadLetters).isEqualTo("dlq.per_image_analysis");
        assertThat(files).hasSize(1);
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            GetResponse back = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> channel.basicGet("per_image_analysis", true), response -> response != null);
            assertThat(back.getBody()).isEqualTo(body);
            assertThat(back.getProps().getHeaders()).containsKey(ZocaloConstants.DLQ_REINJECTED);
            assertThat(channel.messageCount("dlq.per_image_analysis")).isZero();
        }
    }

    /** Adds the routes to the context, which starts without starting them: every route is built, every endpoint resolved. */
    private void assertBuilt(RoutesBuilder... routes) throws Exception {
        for (RoutesBuilder builder : routes) {
            context.addRoutes(builder);
        }
        context.setAutoStartup(false);
        context.start();
        assertThat(context.getRoutes()).isNotEmpty();
        context.getRoutes().forEach(route -> assertThat(context.getRouteController().getRouteStatus(route.getRouteId()))
                .as(route.getRouteId()).isNotEqualTo(ServiceStatus.Started));
    }
}
