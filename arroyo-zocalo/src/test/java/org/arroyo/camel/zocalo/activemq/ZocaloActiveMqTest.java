package org.arroyo.camel.zocalo.activemq;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.jms.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.RecipeOperator;
import org.arroyo.camel.zocalo.RecipeStep;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.test.infra.ActiveMqBroker;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zocalo on ActiveMQ beside python-workflows' STOMP transport: stomp.py (Debian's python3-stomp)
 * runs the Python steps of one recipe whose steps alternate with Camel services; failures reach
 * the broker's DLQ. queues; delays go through the broker's scheduler; status is broadcast.
 */
class ZocaloActiveMqTest {

    @RegisterExtension
    static final ActiveMqBroker BROKER = new ActiveMqBroker();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Sends one message over STOMP as python-workflows does; reads {port, destination, headers, body} from stdin. */
    private static final String STOMP_SEND = """
            import json, sys, stomp
            command = json.loads(sys.stdin.read())
            connection = stomp.Connection([("127.0.0.1", command["port"])])
            connection.connect(wait=True)
            connection.send(command["destination"], command["body"], headers=command["headers"])
            connection.disconnect()
            """;

    private final List<RecipeStep> steps = new CopyOnWriteArrayList<>();
    private String namespace;
    private DefaultCamelContext context;
    private ZocaloActiveMq zocalo;

    @BeforeEach
    void startCamel() throws Exception {
        PythonPeer.requireModules("stomp");
        namespace = BROKER.uniqueName("zocalo");
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        zocalo = new ZocaloActiveMq(context, ZocaloActiveMq.connectionFactory(BROKER.openWireUrl(), null, null))
                .namespace(namespace).statusInterval(Duration.ZERO);
    }

    @AfterEach
    void stopCamel() {
        context.stop();
    }

    @Test
    void recipeAlternatesPythonAndCamelStepsWithPointerPathAndPayloadRightAtEveryHop() throws Exception {
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "py.first", "output": [2]}, "2": {"queue": "camel.second", "output": [3]},
                 "3": {"queue": "py.third", "output": [4]}, "4": {"queue": "camel.fourth", "output": [5]},
                 "5": {"queue": "results"}, "start": [[1, null]]}""");
        RecipeOperator camelStep = step -> {
            steps.add(step);
            Map<String, Object> sent = new LinkedHashMap<>();
            sent.put("camel", step.pointer());
            sent.put("seen", step.payload());
            step.send(sent);
        };
        startService("camel.second", camelStep);
        startService("camel.fourth", camelStep);
        Map<String, Object> payload = RecipeJson.parseObject(
                "{\"big\": 9223372036854775808, \"small\": -9223372036854775809, \"text\": \"caf\\u00e9 \\u2603\", \"f\": 0.1}", "payload");

        Map<String, Object> run = RecipeJson.parseObject(PythonPeer.start("zocalo_stomp_peer.py", BROKER.stompPort(), namespace,
                recipe.toJson(), RecipeJson.write(payload), "py.first,py.third", "results").result(60).toString(), "peer");

        assertThat(run).containsEntry("finished", true);
        assertThat(payload.get("big")).isEqualTo(new BigInteger("9223372036854775808"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hops = (List<Map<String, Object>>) run.get("hops");
        assertThat(hops).hasSize(3);
        Map<String, Object> first = hops.get(0);
        Map<String, Object> third = hops.get(1);
        Map<String, Object> results = hops.get(2);
        assertThat(first).containsEntry("pointer", 1L).containsEntry("path", List.of()).containsEntry("payload", payload);
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).pointer()).isEqualTo(2);
        assertThat(steps.get(0).message().path()).containsExactly(1L);
        assertThat(steps.get(0).payload()).isEqualTo(Map.of("python", 1L, "seen", payload));
        assertThat(steps.get(0).environment()).containsEntry("ID", "stomp-run");
        assertThat(third).containsEntry("pointer", 3L).containsEntry("path", List.of(1L, 2L))
                .containsEntry("payload", Map.of("camel", 2L, "seen", Map.of("python", 1L, "seen", payload)));
        assertThat(steps.get(1).pointer()).isEqualTo(4);
        assertThat(steps.get(1).message().path()).containsExactly(1L, 2L, 3L);
        assertThat(results).containsEntry("pointer", 5L).containsEntry("path", List.of(1L, 2L, 3L, 4L))
                .containsEntry("environment", Map.of("ID", "stomp-run"))
                .containsEntry("payload", Map.of("camel", 4L, "seen", steps.get(1).payload()));
        for (Map<String, Object> fromCamel : List.of(third, results)) {
            assertThat(fromCamel).as("what a Camel step sent, as a STOMP peer receives it")
                    .containsEntry("workflows-recipe", "True").containsEntry("persistent", "true")
                    .containsEntry("as_json_dumps", true);
        }
    }

    @Test
    void failedAndNonRecipeMessagesReachTheDeadLetterQueueWithTheirBodyAndHeaders() throws Exception {
        startService("fails", step -> {
            throw new IllegalStateException("cannot open the file");
        });
        String body = new RecipeMessage(Map.of("ID", "dead"), Map.of("file", "x.h5"),
                Recipe.parse("{\"1\": {\"queue\": \"fails\"}, \"start\": [[1, null]]}"), List.of(), 1).toJson();

        stompSend("fails", Map.of("workflows-recipe", true, "persistent", "true", "beamline", "i03"), body);
        stompSend("fails", Map.of("persistent", "true"), "not a recipe message");

        String deadLetters = zocalo.queues().deadLetterQueue("fails");
        assertThat(deadLetters).isEqualTo("DLQ." + namespace + ".fails");
        Message failed = BROKER.next(deadLetters, TIMEOUT);
        assertThat(ActiveMqBroker.text(failed)).isEqualTo(body);
        assertThat(failed.getStringProperty(ZocaloConstants.WORKFLOWS_RECIPE)).isEqualTo("True");
        assertThat(failed.getStringProperty("beamline")).isEqualTo("i03");
        assertThat(ActiveMqBroker.text(BROKER.next(deadLetters, TIMEOUT))).isEqualTo("not a recipe message");
        assertThat(BROKER.count(zocalo.destination("fails"))).isZero();
    }

    @Test
    void transportDelayGoesThroughTheBrokersScheduler() throws Exception {
        startService("now", step -> step.send("later"));
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "now", "output": [2]}, "2": {"queue": "delayed", "transport-delay": 1.5},
                 "start": [[1, null]]}""");
        long started = System.nanoTime();

        startRecipe(recipe);

        Message delayed = BROKER.next(zocalo.destination("delayed"), TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(RecipeMessage.parse(ActiveMqBroker.text(delayed)).payload()).isEqualTo("later");
    }

    @Test
    void statusIsBroadcastOnTheNamespacedTopicExpiringAfter15Seconds() throws Exception {
        List<org.apache.camel.Message> status = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(zocalo.topic("transient.status")).process(exchange -> status.add(exchange.getMessage().copy()));
            }
        });
        context.start();
        zocalo.statusInterval(Duration.ofMillis(200));
        startService("busy", step -> { });

        await().atMost(TIMEOUT).until(() -> !status.isEmpty());
        org.apache.camel.Message report = status.get(0);
        Map<String, Object> json = RecipeJson.parseObject(report.getBody(String.class), "status");
        assertThat(json).containsEntry("service", "busy").containsEntry("workflows", "camel-arroyo");
        assertThat((String) json.get("host")).endsWith(".busy");
        assertThat(report.getHeader("JMSExpiration", Long.class) - report.getHeader("JMSTimestamp", Long.class)).isEqualTo(15_000);
    }

    /** The snippet of docs/zocalo.md, as written there, on the default namespace; the page shows nothing else. */
    @Test
    void theGuidesServiceAnswersAPythonPeer() throws Exception {
        String brokerUrl = BROKER.openWireUrl();
        String user = null;
        String password = null;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                ZocaloActiveMq zocalo = new ZocaloActiveMq(getContext(), ZocaloActiveMq.connectionFactory(brokerUrl, user, password));
                from(zocalo.queue("per_image_analysis"))
                    .process(zocalo.service("PerImageAnalysis", step -> step.send(Map.of("seen", step.payload()))));
            }
        });
        context.start();
        zocalo.namespace(ZocaloActiveMq.DEFAULT_NAMESPACE);
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "per_image_analysis", "output": [2]}, "2": {"queue": "guide.results"}, "start": [[1, null]]}""");

        stompSend("per_image_analysis", Map.of("workflows-recipe", true, "persistent", "true"),
                new RecipeMessage(Map.of("ID", "guide"), "x.h5", recipe, List.of(), 1).toJson());

        RecipeMessage result = RecipeMessage.parse(ActiveMqBroker.text(BROKER.next("zocalo.guide.results", TIMEOUT)));
        assertThat(result.payload()).isEqualTo(Map.of("seen", "x.h5"));
        assertThat(result.path()).containsExactly(1L);
        assertThat(DocsPage.of("zocalo.md").block("java", "ZocaloActiveMq zocalo").isIn(java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/org/arroyo/camel/zocalo/activemq/ZocaloActiveMqTest.java")))).isTrue();
    }

    private void startService(String queue, RecipeOperator operator) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(zocalo.queue(queue)).routeId(queue).process(zocalo.service(queue, operator));
            }
        });
        context.start();
    }

    /** Sends a recipe's start message from Python, as python-workflows would. */
    private void startRecipe(Recipe recipe) {
        stompSend("now", Map.of("workflows-recipe", true, "persistent", "true"),
                new RecipeMessage(Map.of("ID", "started"), null, recipe, List.of(), 1).toJson());
    }

    private void stompSend(String queue, Map<String, Object> headers, String body) {
        Map<String, Object> command = Map.of("port", BROKER.stompPort(), "destination", "/queue/" + zocalo.destination(queue),
                "headers", headers, "body", body);
        PythonPeer.run(STOMP_SEND, RecipeJson.write(command), "python3-stomp");
    }
}
