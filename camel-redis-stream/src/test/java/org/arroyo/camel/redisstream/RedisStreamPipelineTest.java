package org.arroyo.camel.redisstream;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.Deliveries;
import org.arroyo.test.infra.RedisBroker;
import org.arroyo.test.ScanRun;
import org.arroyo.test.TestOperators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pipelines on Redis Streams with the redis-stream component, against a real Redis. */
class RedisStreamPipelineTest {

    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    private final CamelContext context = new DefaultCamelContext();
    private final String in = "arroyo-test-" + UUID.randomUUID() + ".frames";
    private final String out = "arroyo-test-" + UUID.randomUUID() + ".reduced";
    private JedisConnectionFactory redis;
    private RedisConnection connection;

    @BeforeEach
    void connect() {
        redis = new JedisConnectionFactory(new RedisStandaloneConfiguration(REDIS.host(), REDIS.port()));
        redis.afterPropertiesSet();
        connection = redis.getConnection();
    }

    @AfterEach
    void cleanUp() {
        context.stop();
        connection.keyCommands().del(in.getBytes(UTF_8), out.getBytes(UTF_8));
        connection.close();
        redis.destroy();
    }

    private String stream(String key) {
        return "redis-stream:" + key + "?host=" + REDIS.host() + "&port=" + REDIS.port();
    }

    private void startPipeline(Operator operator) throws Exception {
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                // Camel's error handler, not the pipelines' default dead letters: a failed entry stays pending
                errorHandler(defaultErrorHandler());
                pipeline("stream").listen(stream(in) + "&group=pipeline&consumerName=instance-1").operator(operator)
                        .publish(stream(out));
            }
        });
        context.start();
    }

    private void add(List<byte[]> messages) {
        for (byte[] message : messages) {
            connection.streamCommands().xAdd(StreamRecords.newRecord().in(in.getBytes(UTF_8))
                    .ofBytes(Map.of("data".getBytes(UTF_8), message)));
        }
    }

    private List<byte[]> awaitOutput(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> connection.streamCommands().xLen(out.getBytes(UTF_8)) >= count);
        return connection.streamCommands().xRange(out.getBytes(UTF_8), Range.unbounded()).stream()
                .map(RedisStreamPipelineTest::data).toList();
    }

    private static byte[] data(ByteRecord entry) {
        return entry.getValue().entrySet().stream().filter(field -> Arrays.equals(field.getKey(), "data".getBytes(UTF_8)))
                .findFirst().orElseThrow().getValue();
    }

    private long pending() {
        return connection.streamCommands().xPending(in.getBytes(UTF_8), "pipeline").getTotalPendingMessages();
    }

    @Test
    void aRunOfThousandFramesPassesListenerOperatorPublisherInOrderWithIdenticalBytesAndIsAcknowledged() throws Exception {
        List<Long> framesSeen = new CopyOnWriteArrayList<>();
        startPipeline(TestOperators.recordingFrames(framesSeen));
        List<byte[]> sent = ScanRun.encoded("stream-run", 1000);

        add(sent);
        List<byte[]> received = awaitOutput(sent.size());

        assertThat(framesSeen).hasSize(1000).isSorted();
        assertThat(received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
    }

    @Test
    void xmlRouteOfUrisOnlyCarriesArroyoMessagesFromStreamToStream() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("streams.xml", """
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route>
                    <from uri="%s"/>
                    <convertBodyTo type="org.arroyo.camel.message.ArroyoMessage"/>
                    <to uri="%s"/>
                  </route>
                </routes>
                """.formatted(xml(stream(in) + "&group=xml"), xml(stream(out)))));
        context.start();
        List<byte[]> sent = ScanRun.encoded("xml-run", 3);

        add(sent);

        assertThat(awaitOutput(sent.size())).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
    }

    private static String xml(String uri) {
        return uri.replace("&", "&amp;");
    }

    @Test
    void anEntryThatFailedStaysPendingAndIsDeliveredWhenTheRouteStartsAgain() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        startPipeline(TestOperators.failingOnFrame(5, broken, failures));
        List<byte[]> sent = ScanRun.encoded("pending-run", 10);

        add(sent);
        List<byte[]> beforeFix = awaitOutput(sent.size() - 1);
        long pendingBeforeFix = pending();
        context.getRouteController().stopRoute("stream");
        broken.set(false);
        context.getRouteController().startRoute("stream");
        List<byte[]> afterFix = awaitOutput(sent.size());

        assertThat(failures.get()).isEqualTo(1);
        assertThat(pendingBeforeFix).isEqualTo(1);
        assertThat(beforeFix).usingElementComparator(Arrays::compare)
                .doesNotContain(sent.get(6)).containsAll(sent.subList(7, sent.size()));
        assertThat(afterFix).hasSize(sent.size()).usingElementComparator(Arrays::compare).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(afterFix.get(sent.size() - 1)).isEqualTo(sent.get(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
    }

    @Test
    void anEntryWhoseXaddRedisRefusedStaysPendingUntilRedisTakesItAndNothingIsLost() throws Exception {
        // the output key holds a string: Redis refuses every XADD to it (WRONGTYPE)
        connection.stringCommands().set(out.getBytes(UTF_8), "not a stream".getBytes(UTF_8));
        List<byte[]> sent = Deliveries.run("refused-run", 10);
        add(sent);
        // the pipelines' own error handling: a message a publisher did not take is sent again every second
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("refused").listen(stream(in) + "&group=pipeline&consumerName=instance-1")
                        .operator(TestOperators.counting(new AtomicInteger())).publish(stream(out));
            }
        });
        context.start();

        // the first read's XADDs all refused: none of its entries acknowledged
        await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 10);
        Thread.sleep(1500);
        assertThat(pending()).isEqualTo(10);
        assertThat(connection.keyCommands().type(out.getBytes(UTF_8))).isEqualTo(DataType.STRING);
        connection.keyCommands().del(out.getBytes(UTF_8));
        List<byte[]> received = awaitOutput(sent.size());

        assertThat(received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
    }

    @Test
    void aListenerWhoseRouteHasNoRedisStreamPublisherAcknowledgesEachEntryItProcessed() throws Exception {
        List<byte[]> seen = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(stream(in) + "&group=pipeline&consumerName=instance-1").process(exchange -> seen.add(exchange.getMessage().getBody(byte[].class)));
            }
        });
        context.start();
        List<byte[]> sent = Deliveries.run("plain-route-run", 25);

        add(sent);

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == sent.size() && pending() == 0);
        assertThat(seen).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
    }

    @Test
    void anExchangeNotFromAListenerWaitsForItsXaddAndGetsTheNewEntrysId() {
        context.start();

        Exchange sent = context.createProducerTemplate().send(stream(out), exchange -> exchange.getMessage().setBody(new byte[] { 1, 2, 3 }));

        assertThat(sent.getException()).isNull();
        List<ByteRecord> entries = connection.streamCommands().xRange(out.getBytes(UTF_8), Range.unbounded());
        assertThat(entries).hasSize(1);
        assertThat(sent.getMessage().getHeader(RedisStreamConstants.ENTRY_ID)).isEqualTo(entries.get(0).getId().getValue());
    }
}
