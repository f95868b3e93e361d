package org.arroyo.docs;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
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
import org.arroyo.example.AzimuthalIntegration;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.RabbitMqBroker;
import org.example.Tagger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of docs/brokers.md, camel.md, dsl.md, metrics.md and streampy.md, as written there (DocsCoverageTest
 * checks that each of their lines is here). A snippet on loopback runs; one naming hosts that do not exist here
 * (detector, kafka, redis, xps) is validated: its routes built in a CamelContext, every endpoint resolved, nothing
 * started. The metrics receiver runs on the page's ports, fed the page's report. Surefire runs this module in
 * target/docs-working-directory, where dsl.md's blocks.yaml is written.
 */
class PipelinePagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        RoutesBuilt.assertBuilt(context, new SaxsRoutes(), new PongPipeline());

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

        RoutesBuilt.assertBuilt(context);
        assertThat(context.getRoute("saxs")).isNotNull();
    }

    // docs/streampy.md, docs/metrics.md: the queue node and the metrics receiver

    @Test
    void theQueueNodeBuilds() throws Exception {
        context.addRoutes(new QueueNode("mq", "0.0.0.0", 10000)      // route id, listen address, port
                .capacity(50_000)                                    // default 10,000
                .journal(Path.of("/var/lib/arroyo/mq.journal"), false)
                .metrics(MetricsSettings.udp("NODE_1", "127.0.0.1:5001", Duration.ofSeconds(1))));

        RoutesBuilt.assertBuilt(context);
        assertThat(context.getRoute("mq")).isNotNull();
    }

    /** The page's report, sent as a stream-py node sends it, reaches a hub on the page's address as the page's post. */
    @Test
    void theMetricsReceiverPostsThePagesReportAsThePageShows() throws Exception {
        DocsPage metrics = DocsPage.of("metrics.md");
        BlockingQueue<String> posts = new LinkedBlockingQueue<>();
        HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 5555), 0);
        hub.createContext("/post", exchange -> {
            String post = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            posts.add(post);
        });
        hub.start();
        try {
            context.addRoutes(new MetricsReceiver("metrics-receiver", "127.0.0.1", 5001, "http://127.0.0.1:5555/post"));
            context.start();
            byte[] report = metrics.block("json", "\"func\":\"Messagequeue\"").text().getBytes(StandardCharsets.UTF_8);
            try (DatagramSocket node = new DatagramSocket()) {
                node.send(new DatagramPacket(report, report.length, new InetSocketAddress("127.0.0.1", 5001)));
            }

            String post = posts.poll(20, TimeUnit.SECONDS);

            assertThat(post).as("the hub's post").isNotNull();
            assertThat(JSON.readTree(post)).isEqualTo(JSON.readTree(metrics.block("json", "\"pipeline_key\"").text()));
        } finally {
            hub.stop(0);
        }
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
        RoutesBuilt.assertBuilt(context, new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:SUB:tcp://xps:5555").process(new JsonImagePairing()).to("direct:events");
            }
        });
    }
}
