package org.arroyo.camel.broker.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.PythonPeer;
import org.arroyo.test.infra.RedisBroker;
import org.arroyo.test.ScanRun;
import org.arroyo.test.TestOperators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pipelines on Redis pub/sub written with plain camel-spring-redis URIs, against a real Redis. */
class SpringRedisPipelineTest {

    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    private final CamelContext context = new DefaultCamelContext();
    private final String prefix = "arroyo-test-" + UUID.randomUUID() + ".";

    @AfterEach
    void stopCamel() {
        context.stop();
    }

    private String uri(String command, String channels) {
        return "spring-redis://" + REDIS.address() + "?command=" + command + "&channels=" + channels;
    }

    private void startPipeline(String in, Operator operator, String out) throws Exception {
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("redis").listen(uri("SUBSCRIBE", in)).operator(operator).publish(uri("PUBLISH", out));
            }
        });
        context.start();
        awaitSubscriber(in);
    }

    private static void awaitSubscriber(String channel) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> jedis.pubsubNumSub(channel).get(channel) >= 1);
        }
    }

    private static void publish(String channel, List<byte[]> messages) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            messages.forEach(message -> jedis.publish(channel.getBytes(UTF_8), message));
        }
    }

    @Test
    void aRunOfThousandFramesPassesListenerOperatorPublisherInOrderWithIdenticalBytes() throws Exception {
        String in = prefix + "frames";
        String out = prefix + "reduced";
        List<Long> framesSeen = new CopyOnWriteArrayList<>();
        startPipeline(in, TestOperators.recordingFrames(framesSeen), out);
        List<byte[]> sent = ScanRun.encoded("redis-run", 1000);

        List<byte[]> received;
        try (RedisChannelReader reader = new RedisChannelReader(REDIS, out)) {
            publish(in, sent);
            received = reader.awaitMessages(sent.size(), Duration.ofSeconds(60));
        }

        assertThat(framesSeen).hasSize(1000).isSorted();
        assertThat(received).hasSameSizeAs(sent);
        assertThat(received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
    }

    @Test
    void aPipelineSlowerThanItsPublisherLeavesTheBacklogInRedisAndLosesNothingItCanCatchUpOn() throws Exception {
        Properties settings = new Properties();
        settings.setProperty(SpringRedisDefaults.LISTENER_QUEUE_SIZE_PROPERTY, "5");
        context.getPropertiesComponent().setInitialProperties(settings);
        String in = prefix + "backlog";
        String out = prefix + "caught-up";
        CountDownLatch gate = new CountDownLatch(1);
        List<Long> framesSeen = new CopyOnWriteArrayList<>();
        Operator recording = TestOperators.recordingFrames(framesSeen);
        startPipeline(in, new Operator() {
            @Override
            public List<? extends ArroyoMessage> onEvent(Event event) throws Exception {
                gate.await();
                return recording.onEvent(event);
            }
        }, out);
        List<byte[]> sent = ScanRun.encoded("redis-backlog", 300);

        List<byte[]> received;
        try (RedisChannelReader reader = new RedisChannelReader(REDIS, out)) {
            publish(in, sent);
            await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(2))
                    .alias("Redis keeps holding what the listener does not take")
                    .until(() -> outputBufferedForSubscriberOf(in) > 0);
            gate.countDown();
            received = reader.awaitMessages(sent.size(), Duration.ofSeconds(60));
        }

        assertThat(framesSeen).hasSize(300).isSorted();
        assertThat(received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(sent);
    }

    /** What Redis has queued for the connection subscribed to the channel (CLIENT LIST's omem), in bytes. */
    private static long outputBufferedForSubscriberOf(String channel) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            return jedis.clientList().lines().filter(client -> client.contains(" cmd=subscribe") && client.contains(" sub=1"))
                    .mapToLong(client -> Long.parseLong(client.replaceAll(".* omem=(\\d+).*", "$1"))).max().orElse(0);
        }
    }

    @Test
    void yamlRouteThatOptsInListensToAPatternAndPublishesArroyoMessages() throws Exception {
        String out = prefix + "merged";
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("redis.yaml", """
                - route:
                    from:
                      uri: "arroyo:%s"
                      steps:
                        - convertBodyTo:
                            type: org.arroyo.camel.message.ArroyoMessage
                        - to: "arroyo:%s"
                """.formatted(uri("PSUBSCRIBE", prefix + "detector-*"), uri("PUBLISH", out))));
        context.start();
        List<byte[]> run = ScanRun.encoded("pattern-run", 3);

        List<byte[]> received;
        try (RedisChannelReader reader = new RedisChannelReader(REDIS, out); Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> jedis.pubsubNumPat() >= 1);
            publish(prefix + "detector-1", run.subList(0, 3));
            publish(prefix + "detector-2", run.subList(3, 5));
            received = reader.awaitMessages(run.size(), Duration.ofSeconds(20));
        }

        assertThat(received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(run);
    }

    @Test
    void pythonPublishesThroughACamelRouteAndReceivesIdenticalBytes() throws Exception {
        PythonPeer.requireModules("redis", "msgpack");
        String in = prefix + "python-in";
        String out = prefix + "python-out";
        startPipeline(in, new Operator() { }, out);

        JsonNode result = PythonPeer.start("redis_peer.py", REDIS.host(), REDIS.port(), in, out, 200,
                InteropVectors.directory()).result(120);

        assertThat(result.get("sent").asInt()).isGreaterThan(200);
        assertThat(result.get("received").asInt()).isEqualTo(result.get("sent").asInt());
        assertThat(result.get("identical").asBoolean()).as("first difference at %s", result.get("first_difference")).isTrue();
    }
}
