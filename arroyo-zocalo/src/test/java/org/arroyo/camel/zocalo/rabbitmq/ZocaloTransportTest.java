package org.arroyo.camel.zocalo.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.RecipeStep;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delays, topics, refused and unroutable messages, and status broadcasts on the real broker. */
class ZocaloTransportTest {

    @RegisterExtension
    static final RabbitMqBroker BROKER = new RabbitMqBroker();

    @RegisterExtension
    final ZocaloFixture fixture = new ZocaloFixture(BROKER);
    private String input;
    private String deadLetters;

    @BeforeEach
    void setUp() throws Exception {
        input = BROKER.uniqueName("zocalo.input");
        deadLetters = BROKER.declareQueueWithDeadLetters(input);
    }

    @Test
    void transportDelayGoesThroughTheDelayedExchangeWithXDelay() throws Exception {
        String output = BROKER.declareUniqueQueue("zocalo.later");
        String delayed = BROKER.declareExchange(BROKER.uniqueName("zocalo.delayed"), "direct", output);
        ZocaloRabbitMq zocalo = fixture.zocalo.delayedExchange(delayed);
        forwardingService(zocalo);

        fixture.startRecipe(forwardTo("\"queue\": \"" + output + "\", \"transport-delay\": 0.25"), Map.of());

        ZocaloFixture.Received received = fixture.next(output);
        assertThat(received.header(ZocaloConstants.X_DELAY)).isEqualTo(250);
        assertThat(received.message().pointer()).isEqualTo(2);
    }

    @Test
    void withoutDelayedExchangeTheDelayWaitsInAHoldingQueue() throws Exception {
        String output = BROKER.declareUniqueQueue("zocalo.later");
        BROKER.track(RecipePublisher.HOLDING_QUEUE_PREFIX + output + ".1000");
        forwardingService(fixture.zocalo.delayedExchange(BROKER.uniqueName("no.such.exchange")));

        fixture.startRecipe(forwardTo("\"queue\": \"" + output + "\", \"transport-delay\": 1"), Map.of());
        await().atMost(ZocaloFixture.TIMEOUT).until(() -> fixture.count(RecipePublisher.HOLDING_QUEUE_PREFIX + output + ".1000") == 1);
        long held = System.nanoTime();

        ZocaloFixture.Received received = fixture.next(output);
        assertThat(Duration.ofNanos(System.nanoTime() - held)).isGreaterThan(Duration.ofMillis(500));
        assertThat(received.message().pointer()).isEqualTo(2);
        assertThat(received.header("x-death").toString()).contains(RecipePublisher.HOLDING_QUEUE_PREFIX + output + ".1000");
    }

    @Test
    void topicNodesBroadcastToSubscribedServicesAsWellAsTheirQueue() throws Exception {
        String output = BROKER.declareUniqueQueue("zocalo.out");
        String topic = BROKER.declareExchange(BROKER.uniqueName("zocalo.topic"), "fanout");
        List<RecipeStep> heard = new CopyOnWriteArrayList<>();
        forwardingService(fixture.zocalo);
        fixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from(fixture.zocalo.topic(topic)).process(fixture.zocalo.service("listener", heard::add));
            }
        });

        fixture.startRecipe(forwardTo("\"queue\": \"" + output + "\", \"topic\": \"" + topic + "\""), Map.of());

        assertThat(fixture.next(output).message().pointer()).isEqualTo(2);
        await().atMost(ZocaloFixture.TIMEOUT).until(() -> heard.size() == 1);
        assertThat(heard.get(0).pointer()).isEqualTo(2);
        assertThat(heard.get(0).message().path()).containsExactly(1L);
    }

    @Test
    void sendToAQueueThatDoesNotExistDeadLettersTheInputInsteadOfLosingIt() throws Exception {
        forwardingService(fixture.zocalo);
        Recipe recipe = forwardTo("\"queue\": \"" + BROKER.uniqueName("not.declared") + "\"");

        fixture.startRecipe(recipe, Map.of("ID", "lost?"));

        RecipeMessage dead = fixture.next(deadLetters).message();
        assertThat(dead.pointer()).isEqualTo(1);
        assertThat(dead.environment()).containsEntry("ID", "lost?");
    }

    @Test
    void messageWithoutRecipeHeaderIsRejectedUnlessAllowed() throws Exception {
        String lenient = BROKER.declareUniqueQueue("zocalo.lenient");
        List<Object> payloads = new CopyOnWriteArrayList<>();
        forwardingService(fixture.zocalo);
        fixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from(fixture.zocalo.queue(lenient))
                        .process(fixture.zocalo.service("lenient", step -> payloads.add(step.payload())).allowNonRecipeMessages());
            }
        });

        fixture.publish(input, Map.of(), "{\"not\": \"a recipe\"}");
        fixture.publish(lenient, Map.of(), "{\"not\": \"a recipe\"}");
        fixture.publish(lenient, Map.of(), "plain text");

        assertThat(fixture.next(deadLetters).body()).isEqualTo("{\"not\": \"a recipe\"}");
        await().atMost(ZocaloFixture.TIMEOUT).until(() -> payloads.size() == 2);
        assertThat(payloads).containsExactlyInAnyOrder(Map.of("not", "a recipe"), "plain text");
    }

    @Test
    void servicesBroadcastTheirStatusLikeWorkflowsServices() throws Exception {
        String statusQueue = BROKER.declareUniqueQueue("zocalo.status");
        String statusTopic = BROKER.declareExchange(BROKER.uniqueName("transient.status"), "fanout");
        try (Connection connection = BROKER.rawConnection(); Channel channel = connection.createChannel()) {
            channel.queueBind(statusQueue, statusTopic, "");
        }
        CountDownLatch busy = new CountDownLatch(1);
        ZocaloRabbitMq zocalo = new ZocaloRabbitMq(fixture.context, BROKER.connectionFactory())
                .statusTopic(statusTopic).statusInterval(Duration.ofMillis(200));
        fixture.startService(zocalo, input, "Slow Service", step -> busy.await(20, TimeUnit.SECONDS));

        ZocaloFixture.Received idle = fixture.next(statusQueue);
        Map<String, Object> status = RecipeJson.parseObject(idle.body(), "status");
        assertThat(idle.properties().getExpiration()).isEqualTo("15000");
        assertThat(status).containsEntry("status", 2L).containsEntry("statustext", "idle")
                .containsEntry("service", "Slow Service").containsKeys("utilization", "serviceclass", "workflows");
        assertThat((String) status.get("host")).endsWith("." + ProcessHandle.current().pid() + ".Slow_Service");

        fixture.startRecipe(forwardTo("\"queue\": \"" + input + "\""), Map.of());
        await().atMost(ZocaloFixture.TIMEOUT).until(() -> Long.valueOf(4).equals(
                RecipeJson.parseObject(fixture.next(statusQueue).body(), "status").get("status")));
        busy.countDown();
    }

    /** Node 1 is the service on the input queue, forwarding its payload to node 2. */
    private Recipe forwardTo(String node2) {
        return Recipe.parse("{\"1\": {\"queue\": \"" + input + "\", \"output\": [2]}, \"2\": {" + node2 + "},"
                + " \"start\": [[1, {\"n\": 1}]]}");
    }

    private void forwardingService(ZocaloRabbitMq zocalo) throws Exception {
        fixture.startService(zocalo, input, "forward", step -> step.send(step.payload()));
    }
}
