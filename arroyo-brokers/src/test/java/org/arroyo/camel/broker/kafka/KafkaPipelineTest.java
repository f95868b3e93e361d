package org.arroyo.camel.broker.kafka;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.internal.Values;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.Deliveries;
import org.arroyo.test.infra.KafkaBroker;
import org.arroyo.test.ScanRun;
import org.arroyo.test.TestOperators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pipelines on Kafka written with plain camel-kafka URIs, against a Kafka broker in this JVM. */
class KafkaPipelineTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stopCamel() {
        contexts.forEach(CamelContext::stop);
    }

    private static String kafka(String topic, String group) {
        String uri = "kafka:" + topic + "?brokers=" + KAFKA.bootstrapServers();
        return group == null ? uri : uri + "&groupId=" + group + "&autoOffsetReset=earliest";
    }

    private CamelContext startPipeline(String name, String in, String group, Operator operator, String out) throws Exception {
        return startPipeline(name, in, group, operator, out, false);
    }

    /**
     * @param ownErrorHandler whether the pipeline has Camel's default error handler of its own instead of the default
     *                        dead letters: a failed record is then not committed but read again
     */
    private CamelContext startPipeline(String name, String in, String group, Operator operator, String out, boolean ownErrorHandler)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        context.getPropertiesComponent().addInitialProperty("arroyo.deadLetterUri", kafka(in + ".dlq", null));
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                if (ownErrorHandler) {
                    errorHandler(defaultErrorHandler());
                }
                pipeline(name).listen(kafka(in, group)).operator(operator).publish(kafka(out, null));
            }
        });
        context.start();
        return context;
    }

    private static List<byte[]> values(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String digest(byte[] value) {
        return Values.sha256(ByteBuffer.wrap(value));
    }


    @Test
    void aRunOfThousandFramesPassesInOrderKeyedByItsRunIdWithIdenticalBytes() throws Exception {
        KAFKA.createTopic("frames", 1);
        KAFKA.createTopic("reduced", 4);
        List<Long> framesSeen = new CopyOnWriteArrayList<>();
        startPipeline("kafka", "frames", "pipeline", TestOperators.recordingFrames(framesSeen), "reduced");
        List<byte[]> sent = ScanRun.encoded("kafka-run", 1000);

        KAFKA.send("frames", null, sent);
        List<ConsumerRecord<String, byte[]>> out = KAFKA.read("reduced", sent.size(), Duration.ofSeconds(90), Duration.ofSeconds(1));

        assertThat(framesSeen).hasSize(1000).isSorted();
        assertThat(out).hasSameSizeAs(sent);
        assertThat(out).extracting(ConsumerRecord::key).containsOnly("kafka-run");
        assertThat(out).extracting(ConsumerRecord::partition).containsOnly(out.get(0).partition());
        assertThat(values(out)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
        assertThat(headers(out.get(0))).containsEntry("ArroyoMessageType", "start").containsEntry("ArroyoRunId", "kafka-run");
        assertThat(headers(out.get(8))).containsEntry("ArroyoMessageType", "event").containsEntry("ArroyoRunId", "kafka-run")
                .containsEntry("ArroyoMeta.frame_number", "7")
                .containsEntry("ArroyoMeta.tiled_url", "http://tiled.local/kafka-run?slice=7");
        assertThat(headers(out.get(1001))).containsEntry("ArroyoMessageType", "stop");
    }

    @Test
    void aFailingOperatorCommitsNothingPastItsFailureAndAfterARestartEveryEventIsDelivered() throws Exception {
        KAFKA.createTopic("retry-in", 1);
        KAFKA.createTopic("retry-out", 1);
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        CamelContext context = startPipeline("retry", "retry-in", "retry", TestOperators.failingOnFrame(500, broken, failures), "retry-out", true);
        List<byte[]> sent = ScanRun.encoded("retry-run", 1000);

        KAFKA.send("retry-in", "retry-run", sent);
        // the failing record is read again, not skipped
        await().atMost(Duration.ofSeconds(60)).until(() -> failures.get() >= 2);
        List<ConsumerRecord<String, byte[]>> beforeFix = KAFKA.read("retry-out", 501, Duration.ofSeconds(30), Duration.ofSeconds(1));
        context.getRouteController().stopRoute("retry");
        broken.set(false);
        context.getRouteController().startRoute("retry");
        List<ConsumerRecord<String, byte[]>> out = KAFKA.read("retry-out", sent.size(), Duration.ofSeconds(90), Duration.ofSeconds(2));

        // start and frames 0..499 were published before the fault, nothing after it
        assertThat(values(beforeFix)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent.subList(0, 501));
        List<String> firstOccurrences = out.stream().map(record -> digest(record.value())).distinct().toList();
        assertThat(firstOccurrences).containsExactlyElementsOf(sent.stream().map(KafkaPipelineTest::digest).toList());
        int duplicates = out.size() - firstOccurrences.size();
        System.out.printf("Kafka at-least-once: %d failures on frame 500 before the fix, %d records out for %d in, %d duplicates%n",
                failures.get(), out.size(), sent.size(), duplicates);
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsBytesAndCommittedSoThePartitionGoesOn() throws Exception {
        KAFKA.createTopic("poison-in", 1);
        KAFKA.createTopic("poison-in.dlq", 1);
        KAFKA.createTopic("poison-out", 1);
        AtomicInteger failures = new AtomicInteger();
        startPipeline("poison", "poison-in", "poison", TestOperators.failingOnFrame(50, new AtomicBoolean(true), failures), "poison-out");
        List<byte[]> run = ScanRun.encoded("poison-run", 100);
        List<byte[]> sent = new ArrayList<>(run.subList(0, 30));
        byte[] notMsgpack = "{\"msg_type\": \"event\"}".getBytes(StandardCharsets.UTF_8);
        sent.add(notMsgpack);
        sent.addAll(run.subList(30, run.size()));

        KAFKA.send("poison-in", "poison-run", sent);
        List<ConsumerRecord<String, byte[]>> out = KAFKA.read("poison-out", run.size() - 1, Duration.ofSeconds(60), Duration.ofSeconds(1));
        List<ConsumerRecord<String, byte[]>> dead = KAFKA.read("poison-in.dlq", 2, Duration.ofSeconds(30), Duration.ofSeconds(1));

        byte[] frame50 = run.get(51); // after the start
        assertThat(values(out)).usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(run.stream().filter(value -> value != frame50).toList());
        assertThat(values(dead)).usingElementComparator(Arrays::compare).containsExactly(notMsgpack, frame50);
        assertThat(headers(dead.get(0)).get("ArroyoFailureReason")).startsWith("ArroyoDecodeException: ");
        assertThat(headers(dead.get(1))).containsEntry("ArroyoFailureReason", "IllegalStateException: operator fault on frame 50")
                .containsEntry("ArroyoFailureRoute", "poison");
        assertThat(failures).hasValue(1);
        try (Admin admin = KAFKA.admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listConsumerGroupOffsets("poison").partitionsToOffsetAndMetadata().get()
                    .values().stream().mapToLong(offset -> offset.offset()).sum() == sent.size());
        }
    }

    @Test
    void twoPipelineInstancesInOneConsumerGroupShareTheRunsAndProcessEachEventOnce() throws Exception {
        KAFKA.createTopic("shared-in", 4);
        KAFKA.createTopic("shared-out", 4);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        startPipeline("shared", "shared-in", "shared", TestOperators.counting(first), "shared-out");
        startPipeline("shared", "shared-in", "shared", TestOperators.counting(second), "shared-out");
        awaitGroupOfTwoWithPartitionsEach("shared");
        Map<String, List<byte[]>> runs = new LinkedHashMap<>();
        for (int run = 0; run < 8; run++) {
            runs.put("run-" + run, ScanRun.encoded("run-" + run, 30));
        }

        for (Map.Entry<String, List<byte[]>> run : runs.entrySet()) {
            KAFKA.send("shared-in", run.getKey(), run.getValue());
        }
        int total = runs.values().stream().mapToInt(List::size).sum();
        List<ConsumerRecord<String, byte[]>> out = KAFKA.read("shared-out", total, Duration.ofSeconds(90), Duration.ofSeconds(2));

        assertThat(out).hasSize(total);
        Map<String, List<String>> outByRun = out.stream().collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                Collectors.mapping(record -> digest(record.value()), Collectors.toList())));
        runs.forEach((runId, messages) -> assertThat(outByRun.get(runId)).as(runId)
                .containsExactlyElementsOf(messages.stream().map(KafkaPipelineTest::digest).toList()));
        assertThat(first.get() + second.get()).isEqualTo(8 * 30);
        assertThat(first.get()).as("events of the first instance").isPositive();
        assertThat(second.get()).as("events of the second instance").isPositive();
    }


    @Test
    void theRecordsOfAPollGoOutTogetherInFewProduceRequestsAndAreCommittedOnceAcknowledged() throws Exception {
        KAFKA.createTopic("together-in", 1);
        KAFKA.createTopic("together-out", 1);
        List<byte[]> sent = Deliveries.run("together-run", 2000);
        KAFKA.send("together-in", "together-run", sent);
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("together").listen(kafka("together-in", "together")).operator(TestOperators.counting(new AtomicInteger()))
                        .publish(kafka("together-out", null) + "&clientId=together-publisher");
            }
        });
        context.start();

        List<ConsumerRecord<String, byte[]>> out = KAFKA.read("together-out", sent.size(), Duration.ofSeconds(60), Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> KAFKA.committedOffset("together", new TopicPartition("together-in", 0)) == sent.size());

        assertThat(values(out)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
        // the producer's own figure, as JMX shows it: a publisher waiting for each acknowledgement sends one record per request
        double perRequest = (Double) ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("kafka.producer:type=producer-metrics,client-id=together-publisher"), "records-per-request-avg");
        System.out.printf("Kafka pipeline: %.1f records per produce request%n", perRequest);
        assertThat(perRequest).as("records per produce request").isGreaterThan(5);
    }

    @Test
    void aRecordThePublisherCannotTakeStopsItsPartitionAloneUntilItIsTakenAndNothingIsLost() throws Exception {
        KAFKA.createTopic("large-in", 1);
        TopicPartition input = new TopicPartition("large-in", 0);
        TopicPartition output = new TopicPartition("large-out", 0);
        ConfigResource outputTopic = new ConfigResource(ConfigResource.Type.TOPIC, output.topic());
        try (Admin admin = KAFKA.admin()) {
            // a 64 KiB frame is larger than the output topic takes: the broker refuses it after the send
            admin.createTopics(List.of(new NewTopic(output.topic(), 1, (short) 1).configs(Map.of("max.message.bytes", "20000"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        startPipeline("large", input.topic(), "large", TestOperators.counting(new AtomicInteger()), output.topic());
        List<byte[]> sent = new ArrayList<>(Deliveries.run("large-run", 300));
        int large = 101;
        sent.set(large, ScanRun.encoded("large-run", 1).get(1));

        KAFKA.send(input.topic(), "large-run", sent);
        // refused twice: the second time it was read again alone, after every record published with it the first time
        await("committed up to the record, refused twice").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> KAFKA.committedOffset("large", input) == large && refusedSends(output.topic()) >= 2);
        long publishedWhileRefused = KAFKA.endOffset(output);
        assertThat(publishedWhileRefused).as("the records before it published").isGreaterThanOrEqualTo(large);
        // read again and refused again, alone: nothing past it is committed, nothing published again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> KAFKA.committedOffset("large", input) == large && KAFKA.endOffset(output) == publishedWhileRefused);
        try (Admin admin = KAFKA.admin()) {
            admin.incrementalAlterConfigs(Map.of(outputTopic, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1000000"),
                    AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        }
        await("the run committed to its end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> KAFKA.committedOffset("large", input) == sent.size());

        List<byte[]> received = values(KAFKA.read(output.topic(), sent.size(), Duration.ofSeconds(30), Duration.ofSeconds(1)));
        Deliveries deliveries = Deliveries.of(sent, received);
        System.out.printf("Kafka record refused by the broker: %d records published while it was, then %s%n", publishedWhileRefused, deliveries);
        assertThat(deliveries.lost()).isEmpty();
        assertThat(received.stream().collect(Collectors.groupingBy(ByteBuffer::wrap, Collectors.counting())).values())
                .as("each record published at most twice").allMatch(count -> count <= 2);
        assertThat(received.subList(0, large)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent.subList(0, large));
    }

    /** The sends to the topic that failed, as the producers' own metrics count them (JMX). */
    private static double refusedSends(String topic) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double refused = 0;
        for (ObjectName name : server.queryNames(new ObjectName("kafka.producer:type=producer-topic-metrics,client-id=*,topic=" + topic), null)) {
            refused += (Double) server.getAttribute(name, "record-error-total");
        }
        return refused;
    }

    private static void awaitGroupOfTwoWithPartitionsEach(String group) {
        try (Admin admin = KAFKA.admin()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                        .get(group).get();
                return description.members().size() == 2
                        && description.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty());
            });
        }
    }

    @Test
    void yamlRouteThatOptsInReceivesArroyoRecordHeadersAsTextAndTheRunIdAsKey() throws Exception {
        KAFKA.createTopic("yaml", 2);
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("kafka.yaml", """
                - route:
                    from:
                      uri: "arroyo:%s"
                      steps:
                        - to: mock:yaml
                """.formatted(kafka("yaml", "yaml"))));
        context.start();
        MockEndpoint mock = context.getEndpoint("mock:yaml", MockEndpoint.class);
        mock.expectedMessageCount(4);
        List<ArroyoMessage> run = ScanRun.messages("yaml-run", 2);

        ProducerTemplate template = context.createProducerTemplate();
        run.forEach(message -> template.sendBody("arroyo:" + kafka("yaml", null), message));

        mock.assertIsSatisfied(60_000);
        List<Message> received = mock.getReceivedExchanges().stream().map(Exchange::getMessage).toList();
        assertThat(received).extracting(message -> message.getHeader(KafkaConstants.KEY)).containsOnly("yaml-run");
        assertThat(received).extracting(message -> message.getHeader("ArroyoMessageType"))
                .containsExactly("start", "event", "event", "stop");
        assertThat(received.get(2).getHeader("ArroyoMeta.frame_number")).isEqualTo("1");
        assertThat(received).extracting(message -> WireFormat.MSGPACK.codec().decode(message.getBody(byte[].class)))
                .containsExactlyElementsOf(run);
        assertThat(HexFormat.of().formatHex(received.get(1).getBody(byte[].class), 0, 4))
                .isEqualTo(HexFormat.of().formatHex(WireFormat.MSGPACK.codec().encodeFrame(run.get(1)), 0, 4));
    }
}
