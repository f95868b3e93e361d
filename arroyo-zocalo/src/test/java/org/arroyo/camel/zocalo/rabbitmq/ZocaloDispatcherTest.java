package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher turns a processing_recipe request into a running recipe; a request it cannot
 * serve is dead-lettered, exported to a file, and re-injected once the recipe exists.
 */
class ZocaloDispatcherTest {

    @RegisterExtension
    static final RabbitMqBroker BROKER = new RabbitMqBroker();

    @TempDir
    Path recipes;
    @TempDir
    Path exports;

    @RegisterExtension
    final ZocaloFixture fixture = new ZocaloFixture(BROKER);
    private String requests;
    private String deadLetters;
    private String index;
    private String results;
    private String custom;

    @BeforeEach
    void setUp() throws Exception {
        requests = BROKER.uniqueName("processing_recipe");
        deadLetters = BROKER.declareQueueWithDeadLetters(requests);
        index = BROKER.declareUniqueQueue("zocalo.index");
        results = BROKER.declareUniqueQueue("zocalo.results");
        custom = BROKER.declareUniqueQueue("zocalo.custom");
        fixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from(fixture.zocalo.queue(requests)).process(fixture.zocalo.dispatcher(recipes));
            }
        });
        fixture.startService(index, "index", step -> step.send(Map.of("indexed", step.parameters().get("image"))));
    }

    @Test
    void processingRequestRunsToTheLastStep() throws Exception {
        writeIndexRecipe();
        Map<String, Object> request = Map.of(
                "recipes", List.of("index"),
                "custom_recipe", Map.of("1", Map.of("queue", custom), "start", List.of(List.of(1, Map.of("note", "{dcid}")))),
                "parameters", Map.of("dcid", 1234, "image", "/dls/i03/data/1234.h5"));

        fixture.publish(requests, Map.of(), RecipeJson.write(request));

        RecipeMessage last = fixture.next(results).message();
        assertThat(last.pointer()).isEqualTo(3);
        assertThat(last.path()).containsExactly(2L);
        assertThat(last.payload()).isEqualTo(Map.of("indexed", "/dls/i03/data/1234.h5"));
        String id = (String) last.environment().get("ID");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        RecipeMessage customStart = fixture.next(custom).message();
        assertThat(customStart.payload()).isEqualTo(Map.of("note", "1234"));
        assertThat(customStart.environment()).isEqualTo(Map.of("ID", id));
        assertThat(customStart.recipe().node(3)).containsEntry("queue", results);
    }

    @Test
    void requestForAMissingRecipeIsDeadLetteredExportedAndReinjected() throws Exception {
        Map<String, Object> request = Map.of("recipes", List.of("index"), "parameters", Map.of("guid", "req-7", "image", "a.h5"));
        fixture.publish(requests, Map.of(ZocaloConstants.WORKFLOWS_RECIPE, false), RecipeJson.write(request));

        DeadLetterQueues tool = fixture.zocalo.deadLetters();
        List<Path> files = awaitExport(tool);
        assertThat(files).singleElement().satisfies(file -> assertThat(file).startsWith(exports));
        Map<String, Object> exported = RecipeJson.parseObject(Files.readString(files.get(0)), "export");
        assertThat(exported.get("message")).isEqualTo(request);
        Map<?, ?> header = (Map<?, ?>) exported.get("header");
        assertThat(((Map<?, ?>) ((List<?>) header.get("x-death")).get(0)).get("queue")).isEqualTo(requests);
        assertThat(fixture.count(deadLetters)).isZero();

        writeIndexRecipe();
        tool.reinject(files.get(0), null);

        RecipeMessage last = fixture.next(results).message();
        assertThat(last.environment()).isEqualTo(Map.of("ID", "req-7"));
        assertThat(last.payload()).isEqualTo(Map.of("indexed", "a.h5"));
    }

    private List<Path> awaitExport(DeadLetterQueues tool) {
        return await("the rejected request in " + deadLetters).atMost(ZocaloFixture.TIMEOUT)
                .until(() -> tool.export(deadLetters, exports), files -> !files.isEmpty());
    }

    private void writeIndexRecipe() throws Exception {
        Files.writeString(recipes.resolve("index.json"), """
                {"1": {"service": "index", "queue": "%s", "parameters": {"image": "{image}"}, "output": 2},
                 "2": {"service": "results", "queue": "%s"},
                 "start": [[1, {"guid": "{guid}"}]]}""".formatted(index, results));
    }
}
