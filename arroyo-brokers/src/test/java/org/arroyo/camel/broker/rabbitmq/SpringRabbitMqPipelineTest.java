package org.arroyo.camel.broker.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.broker.rabbitmq.AmqpClient.Delivery;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.PythonPeer;
import org.arroyo.test.infra.RabbitMqBroker;
import org.arroyo.test.ScanRun;
import org.arroyo.test.TestOperators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pipelines on RabbitMQ written with plain camel-spring-rabbitmq URIs, against a real RabbitMQ. */
class SpringRabbitMqPipelineTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();

    private final List<CamelContext> contexts = new ArrayList<>();
    private final String prefix = "arroyo-test-" + UUID.randomUUID() + ".";
    private final String in = prefix + "frames";
    private final String out = prefix + "reduced";
    private final String deadLetters = prefix + "dead";
    private AmqpClient amqp;

    @BeforeEach
    void connect() throws Exception {
        amqp = new AmqpClient(RABBITMQ);
        amqp.declareQueue(out);
    }

    @AfterEach
    void cleanUp() throws Exception {
        contexts.forEach(CamelContext::stop);
        amqp.deleteQueues(in, out, deadLetters);
        amqp.deleteExchange(deadLetters);
        amqp.close();
    }

    private CamelContext camel() {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("arroyo.rabbitmq.uri",
                "amqp://guest:guest@" + RabbitMqBroker.HOST + ":" + RabbitMqBroker.PORT);
        contexts.add(context);
        return context;
    }

    private void startPipeline(String listener, Operator operator) throws Exception {
        startPipeline(listener, operator, out);
    }

    private void startPipeline(String listener, Operator operator, String outQueue) throws Exception {
        CamelContext context = camel();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("rabbitmq").listen(listener).operator(operator).publish("spring-rabbitmq:default?routingKey=" + outQueue);
            }
        });
        context.start();
    }

    private String deadLetterListener() {
        return "spring-rabbitmq:default?queues=" + in + "&deadLetterExchange=" + deadLetters + "&deadLetterQueue=" + deadLetters
                + "&deadLetterRoutingKey=" + deadLetters + "&maximumRetryAttempts=3&retryDelay=10";
    }

    private void awaitConsumers(int count) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> amqp.consumers(in) >= count);
    }

    private static List<byte[]> bodies(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::body).toList();
    }


    @Test
    void aRunOfThousandFramesPassesListenerOperatorPublisherInOrderWithIdenticalBytes() throws Exception {
        List<Long> framesSeen = new CopyOnWriteArrayList<>();
        startPipeline("spring-rabbitmq:default?queues=" + in, TestOperators.recordingFrames(framesSeen));
        awaitConsumers(1);
        List<byte[]> sent = ScanRun.encoded("rabbitmq-run", 1000);

        amqp.send(in, sent);
        List<Delivery> received = amqp.read(out, sent.size(), Duration.ofSeconds(90));

        assertThat(framesSeen).hasSize(1000).isSorted();
        assertThat(bodies(received)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
        assertThat(received.get(1).headers().get("ArroyoMessageType")).asString().isEqualTo("event");
        assertThat(amqp.messages(in)).as("left unacknowledged in " + in).isZero();
    }

    @Test
    void anEventPassedOnUnchangedIsPublishedAsTheSendersVeryBytes() throws Exception {
        startPipeline("spring-rabbitmq:default?queues=" + in, new Operator() { });
        awaitConsumers(1);
        // a sender that writes 1 as an int64 (0xd3), where Arroyo's encoder would write a one-byte fixint
        byte[] sent = { (byte) 0x82, (byte) 0xa8, 'm', 's', 'g', '_', 't', 'y', 'p', 'e', (byte) 0xa5, 'e', 'v', 'e', 'n',
            't', (byte) 0xa1, 'n', (byte) 0xd3, 0, 0, 0, 0, 0, 0, 0, 1 };

        amqp.send(in, List.of(sent));
        List<Delivery> received = amqp.read(out, 1, Duration.ofSeconds(30));

        assertThat(received.get(0).body()).as("not encoded again").isEqualTo(sent);
    }

    @Test
    void theMessagesPropertiesAndHeadersGoOnWithItAsCamelSpringRabbitMqMapsThem() throws Exception {
        startPipeline("spring-rabbitmq:default?queues=" + in, new Operator() { });
        awaitConsumers(1);
        List<byte[]> events = ScanRun.encoded("properties-run", 2).subList(1, 3);
        Date timestamp = new Date(1_700_000_000_000L); // AMQP timestamps are whole seconds
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("detector", "eiger-1");
        headers.put("frame", 7);
        headers.put("exposureNanos", 1_000_000_000_000L);
        headers.put("dark", true);
        headers.put("geometry", Map.of("rows", 128, "unit", "px"));
        headers.put("shape", List.of(128, "columns"));
        headers.put("content-type", "dropped as the component drops it");
        headers.put("CamelDropped", "a Camel header does not come in");
        AMQP.BasicProperties full = new AMQP.BasicProperties.Builder()
                .contentType("application/x-msgpack").contentEncoding("identity").deliveryMode(1).priority(3)
                .correlationId("scan-42").expiration("600000").messageId("event-1").timestamp(timestamp)
                .type("frame").userId("guest").appId("detector-daq").headers(headers).build();

        amqp.send(in, events.subList(0, 1), full);
        amqp.send(in, events.subList(1, 2), null);
        List<Delivery> received = amqp.read(out, 2, Duration.ofSeconds(30));

        AMQP.BasicProperties first = received.get(0).properties();
        assertThat(List.of(first.getContentType(), first.getContentEncoding(), first.getDeliveryMode(), first.getPriority(),
                first.getCorrelationId(), first.getExpiration(), first.getMessageId(), first.getTimestamp(),
                first.getType(), first.getUserId(), first.getAppId()))
                .containsExactly("application/x-msgpack", "identity", 1, 3, "scan-42", "600000", "event-1", timestamp,
                        "frame", "guest", "detector-daq");
        assertThat(first.getClusterId()).isNull();
        assertThat(plain(first.getHeaders())).isEqualTo(Map.of("detector", "eiger-1", "frame", 7,
                "exposureNanos", 1_000_000_000_000L, "dark", true, "geometry", Map.of("rows", 128, "unit", "px"),
                "shape", List.of(128, "columns"), "ArroyoMessageType", "event"));
        AMQP.BasicProperties second = received.get(1).properties();
        assertThat(second.toString()).as("what a message without properties goes on with").isEqualTo(
                new AMQP.BasicProperties.Builder().contentType("application/octet-stream").deliveryMode(2).priority(0)
                        .headers(Map.of("ArroyoMessageType", "event")).build().toString());
        assertThat(plain(second.getHeaders())).isEqualTo(Map.of("ArroyoMessageType", "event"));
    }

    @Test
    void aMessageWithReplyToIsPublishedOnAndAnsweredByNoOne() throws Exception {
        String replies = prefix + "replies";
        amqp.declareQueue(replies);
        try {
            startPipeline("spring-rabbitmq:default?queues=" + in, new Operator() { });
            awaitConsumers(1);
            List<byte[]> sent = ScanRun.encoded("reply-to-run", 3);
            // as an RPC client sends: a pipeline is one way, so this is not taken for a request
            AMQP.BasicProperties request = new AMQP.BasicProperties.Builder().replyTo(replies).correlationId("scan-7").build();

            amqp.send(in, sent, request);
            List<Delivery> received = amqp.read(out, sent.size(), Duration.ofSeconds(30));

            assertThat(bodies(received)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
            assertThat(received.get(1).properties().getReplyTo()).as("the properties go on").isEqualTo(replies);
            await().atMost(Duration.ofSeconds(10)).until(() -> amqp.messages(in) == 0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> amqp.messages(replies) == 0);
        } finally {
            amqp.deleteQueues(replies);
        }
    }

    /** Header values as the application wrote them: the client reads every string as bytes (LongString). */
    private static Object plain(Object value) {
        if (value instanceof LongString string) {
            return string.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SpringRabbitMqPipelineTest::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> plain = new HashMap<>();
            map.forEach((key, entry) -> plain.put(key, plain(entry)));
            return plain;
        }
        return value;
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueWithItsOriginalBytesAndTheErrorWhileTheStreamGoesOn() throws Exception {
        startPipeline(deadLetterListener(), new Operator() { });
        awaitConsumers(1);
        List<byte[]> run = ScanRun.encoded("poisoned-run", 6);
        byte[] poison = "not an arroyo message".getBytes(StandardCharsets.UTF_8);
        List<byte[]> sent = new ArrayList<>(run.subList(0, 4));
        sent.add(poison);
        sent.addAll(run.subList(4, run.size()));

        amqp.send(in, sent);
        List<Delivery> received = amqp.read(out, run.size(), Duration.ofSeconds(60));
        List<Delivery> dead = amqp.read(deadLetters, 1, Duration.ofSeconds(30));

        assertThat(bodies(received)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(run);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).body()).isEqualTo(poison);
        assertThat(dead.get(0).headers().get("x-exception-message")).asString().contains("msgpack");
        assertThat(dead.get(0).headers().get("x-exception-stacktrace")).asString().contains("ArroyoDecodeException");
        assertThat(dead.get(0).headers().get("x-original-routingKey")).asString().isEqualTo(in);
        assertThat(amqp.messages(in)).as("left unacknowledged in " + in).isZero();
    }

    @Test
    void aMessageWhosePublishTheBrokerRefusesIsNotAcknowledgedButDeadLettered() throws Exception {
        String full = prefix + "full";
        // the broker confirms two messages into this queue and refuses (nacks) the rest
        amqp.declareQueue(full, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        try {
            startPipeline(deadLetterListener(), new Operator() { }, full);
            awaitConsumers(1);
            List<byte[]> sent = ScanRun.encoded("overflowing-run", 1);

            amqp.send(in, sent);
            List<Delivery> dead = amqp.read(deadLetters, 1, Duration.ofSeconds(30));

            assertThat(dead.get(0).body()).isEqualTo(sent.get(2));
            assertThat(dead.get(0).headers().get("x-exception-message")).asString().contains("not sent");
            assertThat(amqp.messages(full)).isEqualTo(2);
            assertThat(amqp.messages(in)).as("left unacknowledged in " + in).isZero();
        } finally {
            amqp.deleteQueues(full);
        }
    }

    @Test
    void aMessageWhosePublishTheBrokerRefusesIsNotAcknowledgedAndStaysInItsQueue() throws Exception {
        String full = prefix + "full";
        // the broker confirms two messages into this queue and refuses (nacks) the rest
        amqp.declareQueue(full, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        try {
            startPipeline("spring-rabbitmq:default?queues=" + in, new Operator() { }, full);
            awaitConsumers(1);
            List<byte[]> sent = ScanRun.encoded("overflowing-run", 1);

            amqp.send(in, sent);
            await().atMost(Duration.ofSeconds(30)).until(() -> amqp.messages(full) == 2);
            Thread.sleep(ConfirmChannel.PAUSE_AFTER_REFUSAL_MILLIS); // refused at least once more meanwhile
            contexts.forEach(CamelContext::stop);

            assertThat(amqp.messages(full)).isEqualTo(2);
            assertThat(amqp.messages(in)).as("put back in " + in).isEqualTo(1);
            assertThat(amqp.get(in).getBody()).isEqualTo(sent.get(2));
        } finally {
            amqp.deleteQueues(full);
        }
    }

    @Test
    void twoCompetingPipelineInstancesShareTheQueueAndProcessEachEventOnce() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        startPipeline("spring-rabbitmq:default?queues=" + in + "&prefetchCount=10", TestOperators.counting(first));
        startPipeline("spring-rabbitmq:default?queues=" + in + "&prefetchCount=10", TestOperators.counting(second));
        awaitConsumers(2);
        List<byte[]> sent = new ArrayList<>();
        for (int run = 0; run < 8; run++) {
            sent.addAll(ScanRun.encoded("run-" + run, 30));
        }

        amqp.send(in, sent);
        List<Delivery> received = amqp.read(out, sent.size(), Duration.ofSeconds(60));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> amqp.messages(out) == 0);

        assertThat(bodies(received)).usingElementComparator(Arrays::compare).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(first.get() + second.get()).isEqualTo(8 * 30);
        assertThat(first.get()).as("events of the first instance").isPositive();
        assertThat(second.get()).as("events of the second instance").isPositive();
    }

    @Test
    void pythonPublishesThroughAYamlRouteAndReceivesIdenticalBytes() throws Exception {
        PythonPeer.requireModules("pika", "msgpack");
        CamelContext context = camel();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("rabbitmq.yaml", """
                - route:
                    from:
                      uri: "arroyo:spring-rabbitmq:default?queues=%s"
                      steps:
                        - convertBodyTo:
                            type: org.arroyo.camel.message.ArroyoMessage
                        - to: "arroyo:spring-rabbitmq:default?routingKey=%s"
                """.formatted(in, out)));
        context.start();
        awaitConsumers(1);

        JsonNode result = PythonPeer.start("rabbitmq_peer.py", RabbitMqBroker.HOST, RabbitMqBroker.PORT, in, out, 200,
                InteropVectors.directory()).result(120);

        assertThat(result.get("sent").asInt()).isGreaterThan(200);
        assertThat(result.get("received").asInt()).isEqualTo(result.get("sent").asInt());
        assertThat(result.get("identical").asBoolean()).as("first difference at %s", result.get("first_difference")).isTrue();
    }
}
