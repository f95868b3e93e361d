package org.arroyo.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.ScanRun;
import org.arroyo.test.infra.ActiveMqBroker;
import org.arroyo.test.infra.KafkaBroker;
import org.arroyo.test.infra.RabbitMqBroker;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two pipelines, each in a CamelContext of its own with its own tracer (as two processes), joined by a Kafka topic, a
 * RabbitMQ queue, a Redis stream or an ActiveMQ queue (JMS): a run followed through both is one trace, and every span says which run and frame it handled.
 */
class TracingAcrossBrokersTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();
    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();
    @RegisterExtension
    static final ActiveMqBroker ACTIVEMQ = new ActiveMqBroker();

    private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey(ArroyoTracer.RUN_ID);
    private static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey(ArroyoTracer.MESSAGE_TYPE);
    private static final AttributeKey<Long> FRAME_NUMBER = AttributeKey.longKey(ArroyoTracer.FRAME_NUMBER);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
        provider.close();
    }

    private static String kafka(String topic, String group) {
        String uri = "kafka:" + topic + "?brokers=" + KAFKA.bootstrapServers();
        return group == null ? uri : uri + "&groupId=" + group + "&autoOffsetReset=earliest";
    }

    /** A pipeline in a context of its own, traced; with {@code traceProcessors} each step gets a span. */
    private void startPipeline(String name, String listener, String publisher, boolean traceProcessors) throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        context.getPropertiesComponent().addInitialProperty("arroyo.rabbitmq.uri", "amqp://guest:guest@" + RabbitMqBroker.HOST + ":" + RabbitMqBroker.PORT);
        context.getRegistry().bind("activemq", new ActiveMQConnectionFactory(ACTIVEMQ.openWireUrl()));
        context.getRegistry().bind("tracer", provider.get(name));
        context.getRegistry().bind("propagators", ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
        ArroyoTracer tracer = new ArroyoTracer();
        tracer.setTraceProcessors(traceProcessors);
        tracer.init(context);
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline(name).listen(listener).operator(new Operator() { }).publish(publisher);
            }
        });
        context.start();
    }

    @Test
    void aRunThroughTwoPipelinesJoinedByKafkaIsOneTraceAndEachSpanNamesItsRunAndFrame() throws Exception {
        KAFKA.createTopic("detector", 1);
        KAFKA.createTopic("reduced", 1);
        KAFKA.createTopic("archived", 1);
        startPipeline("reduce", kafka("detector", "reduce"), kafka("reduced", null), false);
        startPipeline("archive", kafka("reduced", "archive"), kafka("archived", null), false);

        KAFKA.send("detector", null, ScanRun.encoded("run-1", 5));
        KAFKA.send("detector", null, ScanRun.encoded("run-2", 3));
        assertThat(KAFKA.read("archived", 7 + 5, Duration.ofSeconds(60), Duration.ofSeconds(1))).hasSize(12);

        assertRunsAreTracesThroughBothPipelines();
    }

    @Test
    void aRunThroughTwoPipelinesJoinedByRabbitMqIsOneTraceWithASpanPerStep() throws Exception {
        String prefix = "arroyo-tracing-" + UUID.randomUUID() + ".";
        List<String> queues = List.of(prefix + "detector", prefix + "reduced", prefix + "archived");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RabbitMqBroker.HOST);
        factory.setPort(RabbitMqBroker.PORT);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            // the listeners declare their queues; the last one is the test's
            channel.queueDeclare(queues.get(2), false, false, false, null);
            startPipeline("reduce", "spring-rabbitmq:default?queues=" + queues.get(0), "spring-rabbitmq:default?routingKey=" + queues.get(1), true);
            startPipeline("archive", "spring-rabbitmq:default?queues=" + queues.get(1), "spring-rabbitmq:default?routingKey=" + queues.get(2), true);

            for (byte[] message : concat(ScanRun.encoded("run-1", 5), ScanRun.encoded("run-2", 3))) {
                channel.basicPublish("", queues.get(0), null, message);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> channel.messageCount(queues.get(2)) == 12);

            assertRunsAreTracesThroughBothPipelines();
            // the operator's step has a span of its own, a child of the listener's, naming the run and frame
            List<SpanData> operatorSpans = exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals("archive-operator-process"))
                    .filter(span -> "run-1".equals(span.getAttributes().get(RUN_ID))).toList();
            assertThat(operatorSpans).extracting(span -> span.getAttributes().get(FRAME_NUMBER)).containsExactlyInAnyOrder(null, 0L, 1L, 2L, 3L, 4L, null);
            List<String> listenerSpanIds = listenerSpans("archive").stream().map(SpanData::getSpanId).toList();
            assertThat(operatorSpans).allSatisfy(span -> assertThat(listenerSpanIds).contains(span.getParentSpanId()));
        } finally {
            contexts.forEach(CamelContext::stop);
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                for (String queue : queues) {
                    channel.queueDelete(queue);
                }
            }
        }
    }

    @Test
    void aRunThroughTwoPipelinesJoinedByARedisStreamCarryingTheTraceHeadersIsOneTrace() throws Exception {
        String prefix = "arroyo-tracing-" + UUID.randomUUID() + ".";
        String address = "?host=" + REDIS.host() + "&port=" + REDIS.port();
        String carried = "&headers=traceparent,tracestate";
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            try {
                startPipeline("reduce", "redis-stream:" + prefix + "detector" + address + "&group=reduce",
                        "redis-stream:" + prefix + "reduced" + address + carried, false);
                startPipeline("archive", "redis-stream:" + prefix + "reduced" + address + "&group=archive" + carried,
                        "redis-stream:" + prefix + "archived" + address, false);

                for (byte[] message : concat(ScanRun.encoded("run-1", 5), ScanRun.encoded("run-2", 3))) {
                    jedis.xadd((prefix + "detector").getBytes(StandardCharsets.UTF_8), XAddParams.xAddParams(),
                            Map.of("data".getBytes(StandardCharsets.UTF_8), message));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> jedis.xlen(prefix + "archived") == 12);

                assertRunsAreTracesThroughBothPipelines();
            } finally {
                contexts.forEach(CamelContext::stop);
                jedis.del(prefix + "detector", prefix + "reduced", prefix + "archived");
            }
        }
    }

    @Test
    void aRunThroughTwoPipelinesJoinedByAnActiveMqQueueIsOneTrace() throws Exception {
        String detector = ACTIVEMQ.uniqueName("detector");
        String reduced = ACTIVEMQ.uniqueName("reduced");
        String archived = ACTIVEMQ.uniqueName("archived");
        String jms = "?connectionFactory=#activemq";
        startPipeline("reduce", "jms:queue:" + detector + jms, "jms:queue:" + reduced + jms, false);
        startPipeline("archive", "jms:queue:" + reduced + jms, "jms:queue:" + archived + jms, false);

        // a detector's sender, not traced: its messages have no trace context
        CamelContext sender = new DefaultCamelContext();
        contexts.add(sender);
        sender.getRegistry().bind("activemq", new ActiveMQConnectionFactory(ACTIVEMQ.openWireUrl()));
        sender.start();
        try (ProducerTemplate producer = sender.createProducerTemplate()) {
            for (byte[] message : concat(ScanRun.encoded("run-1", 5), ScanRun.encoded("run-2", 3))) {
                producer.sendBody("jms:queue:" + detector + jms, message);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ACTIVEMQ.count(archived) == 12);

        assertRunsAreTracesThroughBothPipelines();
    }

    private static List<byte[]> concat(List<byte[]> first, List<byte[]> second) {
        List<byte[]> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** Runs run-1 (5 frames) and run-2 (3 frames) went through pipelines reduce and archive: their spans. */
    private void assertRunsAreTracesThroughBothPipelines() {
        // a listener span ends after its publish span: wait for the last of both pipelines
        await().atMost(Duration.ofSeconds(10)).until(() -> listenerSpans("archive").size() == 12);

        Map<String, List<SpanData>> byRun = exporter.getFinishedSpanItems().stream().filter(span -> span.getAttributes().get(RUN_ID) != null)
                .collect(Collectors.groupingBy(span -> span.getAttributes().get(RUN_ID)));
        assertThat(byRun).containsOnlyKeys("run-1", "run-2");
        assertThat(traceIds(byRun.get("run-1"))).hasSize(1);
        assertThat(traceIds(byRun.get("run-2"))).hasSize(1).doesNotContainAnyElementsOf(traceIds(byRun.get("run-1")));
        // every span of both pipelines is a span of a run
        assertThat(exporter.getFinishedSpanItems()).allSatisfy(span -> assertThat(span.getAttributes().get(RUN_ID)).isNotNull());

        for (String pipeline : List.of("reduce", "archive")) {
            List<SpanData> run1 = listenerSpans(pipeline).stream().filter(span -> "run-1".equals(span.getAttributes().get(RUN_ID))).toList();
            assertThat(run1).extracting(span -> span.getAttributes().get(MESSAGE_TYPE))
                    .containsExactly("start", "event", "event", "event", "event", "event", "stop");
            assertThat(run1).extracting(span -> span.getAttributes().get(FRAME_NUMBER)).containsExactly(null, 0L, 1L, 2L, 3L, 4L, null);
        }
        // the archive's listener span of each frame is a child of the reduce pipeline's publish span of that frame
        Map<String, SpanData> publishedBySpanId = publishSpans("reduce").stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        for (SpanData received : listenerSpans("archive")) {
            SpanData published = publishedBySpanId.get(received.getParentSpanId());
            assertThat(published).as("the reduce pipeline's publish span of %s", received.getAttributes()).isNotNull();
            assertThat(published.getAttributes().get(RUN_ID)).isEqualTo(received.getAttributes().get(RUN_ID));
            assertThat(published.getAttributes().get(FRAME_NUMBER)).isEqualTo(received.getAttributes().get(FRAME_NUMBER));
        }
    }

    private static List<String> traceIds(List<SpanData> spans) {
        return spans.stream().map(SpanData::getTraceId).distinct().toList();
    }

    /** The spans of a pipeline's listener, in the order they began. */
    private List<SpanData> listenerSpans(String pipeline) {
        return spansOf(pipeline, "EVENT_RECEIVED");
    }

    private List<SpanData> publishSpans(String pipeline) {
        return spansOf(pipeline, "EVENT_SENT");
    }

    private List<SpanData> spansOf(String pipeline, String op) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getInstrumentationScopeInfo().getName().equals(pipeline))
                .filter(span -> op.equals(span.getAttributes().get(AttributeKey.stringKey("op"))))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }
}
