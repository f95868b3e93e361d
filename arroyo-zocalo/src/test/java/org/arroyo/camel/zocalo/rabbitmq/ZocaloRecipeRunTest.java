package org.arroyo.camel.zocalo.rabbitmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.RecipeStep;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.test.infra.PythonPeer;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recipe across three Camel services on the real broker: prepare (fan-out to analyse and
 * archive), analyse (named success / failure outputs, an error destination), and a collector
 * serving archive, report and errors. The start message comes from a Python peer publishing as
 * python-workflows does, and a Python peer reads what a Camel service sends.
 */
class ZocaloRecipeRunTest {

    @RegisterExtension
    static final RabbitMqBroker BROKER = new RabbitMqBroker();

    /** Publishes a recipe message as python-workflows' pika transport does, or reads one back. */
    private static final String PYTHON_WORKFLOWS_PEER = """
            import json, sys, time, pika
            connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", 5672))
            channel = connection.channel()
            channel.confirm_delivery()
            for line in sys.stdin:
                command = json.loads(line)
                if command["do"] == "send":
                    channel.basic_publish("", command["queue"], json.dumps(command["message"]),
                        pika.BasicProperties(headers={"workflows-recipe": True}, delivery_mode=2), mandatory=True)
                    print(json.dumps({"sent": command["queue"]}))
                else:
                    deadline = time.time() + 20
                    method = None
                    while method is None and time.time() < deadline:
                        method, properties, body = channel.basic_get(command["queue"], auto_ack=True)
                        if method is None:
                            time.sleep(0.05)
                    header = properties.headers.get("workflows-recipe")
                    print(json.dumps({"header": repr(header), "header_type": type(header).__name__,
                        "delivery_mode": properties.delivery_mode, "message": json.loads(body)}))
            connection.close()
            """;

    @RegisterExtension
    final ZocaloFixture fixture = new ZocaloFixture(BROKER);
    private final List<RecipeStep> prepared = new CopyOnWriteArrayList<>();
    private final List<RecipeStep> analysed = new CopyOnWriteArrayList<>();
    private final List<RecipeStep> collected = new CopyOnWriteArrayList<>();

    @Test
    void recipeRunsThroughThreeServicesWithPathAndPointerRightAtEveryHop() throws Exception {
        String prepare = BROKER.declareUniqueQueue("zocalo.prepare");
        String analyse = BROKER.declareUniqueQueue("zocalo.analyse");
        String collect = BROKER.declareUniqueQueue("zocalo.collect");
        Recipe recipe = Recipe.parse("""
                {"1": {"service": "prepare", "queue": "%s", "output": [2, 3]},
                 "2": {"service": "analyse", "queue": "%s", "parameters": {"threshold": "{threshold}"},
                       "output": {"success": 4, "failure": 3}, "error": 5},
                 "3": {"service": "archive", "queue": "%s"},
                 "4": {"service": "report", "queue": "%s"},
                 "5": {"service": "errors", "queue": "%s"},
                 "start": [[1, {"values": [7, 70, -1]}]]}
                """.formatted(prepare, analyse, collect, collect, collect)).applyParameters(Map.of("threshold", 10));
        recipe.validate();
        fixture.startService(prepare, "prepare", step -> {
            prepared.add(step);
            for (Object value : (List<?>) step.payload(Map.class).get("values")) {
                step.send(Map.of("value", value));
            }
        });
        fixture.startService(analyse, "analyse", step -> {
            analysed.add(step);
            long value = ((Number) step.payload(Map.class).get("value")).longValue();
            if (value < 0) {
                throw new IllegalArgumentException("negative value " + value);
            }
            long threshold = Long.parseLong((String) step.parameters().get("threshold"));
            step.sendTo(value >= threshold ? "success" : "failure", Map.of("value", value, "analysed", true));
        });
        fixture.startService(collect, "collect", collected::add);

        python(Map.of("do", "send", "queue", prepare, "message",
                new RecipeMessage(Map.of("ID", "run-1"), Map.of("values", List.of(7, 70, -1)), recipe, List.of(), 1).toMap()));

        await().atMost(ZocaloFixture.TIMEOUT).until(() -> collected.size() == 6);
        assertThat(prepared).singleElement().satisfies(step -> assertHop(step, 1, List.of()));
        assertThat(analysed).hasSize(3).allSatisfy(step -> assertHop(step, 2, List.of(1L)));
        assertThat(hops(collected)).containsExactlyInAnyOrder(
                "3 [1] {value=7}", "3 [1] {value=70}", "3 [1] {value=-1}",
                "3 [1, 2] {analysed=true, value=7}", "4 [1, 2] {analysed=true, value=70}", "5 [1, 2] {value=-1}");
        assertThat(collected).allSatisfy(step -> assertThat(step.environment()).containsEntry("ID", "run-1"));
    }

    @Test
    void failingStepSendsItsInputToTheErrorStepWithTheFailure() throws Exception {
        String work = BROKER.declareUniqueQueue("zocalo.work");
        String next = BROKER.declareUniqueQueue("zocalo.next");
        String errors = BROKER.declareUniqueQueue("zocalo.errors");
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "%s", "output": 2}, "2": {"queue": "%s"}, "3": {"queue": "%s"},
                 "start": [[1, {"file": "broken.h5"}]], "error": [3]}""".formatted(work, next, errors));
        fixture.startService(work, "work", step -> {
            step.send("half done");
            throw new IllegalStateException("cannot open " + step.payload(Map.class).get("file"));
        });

        fixture.startRecipe(recipe, Map.of("ID", "run-2"));

        ZocaloFixture.Received error = fixture.next(errors);
        assertThat(error.message().pointer()).isEqualTo(3);
        assertThat(error.message().path()).containsExactly(1L);
        assertThat(error.message().payload()).isEqualTo(Map.of("file", "broken.h5"));
        assertThat(error.header(ZocaloConstants.ARROYO_ERROR).toString()).isEqualTo("IllegalStateException: cannot open broken.h5");
        assertThat(fixture.count(next)).as("the failed step's partial sends are dropped").isZero();
        assertThat(fixture.count(work)).isZero();
    }

    @Test
    void pythonWorkflowsPeerReadsWhatACamelServiceSends() throws Exception {
        String camel = BROKER.declareUniqueQueue("zocalo.camel");
        String python = BROKER.declareUniqueQueue("zocalo.python");
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "%s", "output": [2]}, "2": {"queue": "%s"}, "start": [[1, "x"]]}"""
                .formatted(camel, python));
        fixture.startService(camel, "camel", step -> step.send(List.of(1.5, "é")));

        fixture.startRecipe(recipe, Map.of("ID", "run-3"));

        Map<String, Object> read = python(Map.of("do", "receive", "queue", python));
        assertThat(read).containsEntry("header", "True").containsEntry("header_type", "bool").containsEntry("delivery_mode", 2L);
        Map<?, ?> message = (Map<?, ?>) read.get("message");
        assertThat(message.get("recipe-pointer")).isEqualTo(2L);
        assertThat(message.get("recipe-path")).isEqualTo(List.of(1L));
        assertThat(message.get("payload")).isEqualTo(List.of(1.5, "é"));
        assertThat(message.get("environment")).isEqualTo(Map.of("ID", "run-3"));
        assertThat(Recipe.of((Map<?, ?>) message.get("recipe"))).isEqualTo(recipe);
    }

    private static Map<String, Object> python(Map<String, Object> command) throws Exception {
        List<String> output = PythonPeer.run(PYTHON_WORKFLOWS_PEER, RecipeJson.write(command) + "\n", "python3-pika");
        return RecipeJson.parseObject(output.get(0), "peer answer");
    }

    private static void assertHop(RecipeStep step, long pointer, List<Long> path) {
        assertThat(step.pointer()).isEqualTo(pointer);
        assertThat(step.message().path()).isEqualTo(path);
    }

    private static List<String> hops(List<RecipeStep> steps) {
        List<String> hops = new ArrayList<>();
        steps.forEach(step -> hops.add(step.pointer() + " " + step.message().path() + " "
                + new java.util.TreeMap<>(step.payload(Map.class))));
        return hops;
    }
}
