package org.arroyo.camel.zocalo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipeStepTest {

    private static final Recipe RECIPE = Recipe.parse("""
            {"1": {"queue": "a", "output": [2, 3], "parameters": {"x": 1}},
             "2": {"queue": "b", "output": {"success": 4, "failure": [5]}, "error": 6},
             "3": {"queue": "c", "topic": "t.c", "transport-delay": 1.5},
             "4": {"queue": "d", "exchange": "results"},
             "5": {"queue": "e"},
             "6": {"queue": "dead"},
             "start": [[1, {"go": true}]]}
            """);

    private static RecipeStep at(long pointer, List<Object> path) {
        return RecipeStep.of(new RecipeMessage(Map.of("ID", "abc"), "in", RECIPE, path, pointer));
    }

    @Test
    void sendFansOutToUnnamedOutputsAddingThisStepToThePath() {
        RecipeStep step = at(1, List.of());

        step.send(Map.of("n", 1));

        assertThat(step.deliveries()).extracting(RecipeDelivery::destination).containsExactly("b", "c", "t.c");
        assertThat(step.deliveries()).allSatisfy(d -> {
            assertThat(d.message().path()).containsExactly(1L);
            assertThat(d.message().environment()).containsEntry("ID", "abc");
            assertThat(d.message().payload()).isEqualTo(Map.of("n", 1));
            assertThat(d.headers()).containsEntry("workflows-recipe", true);
        });
        assertThat(step.deliveries()).extracting(d -> d.message().pointer()).containsExactly(2L, 3L, 3L);
        assertThat(step.deliveries()).extracting(RecipeDelivery::kind)
                .containsExactly(RecipeDelivery.Kind.QUEUE, RecipeDelivery.Kind.QUEUE, RecipeDelivery.Kind.TOPIC);
        assertThat(step.deliveries().get(1).delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(step.parameters()).containsEntry("x", 1L);
    }

    @Test
    void namedOutputsNeedTheirChannelOrTheDefaultChannel() {
        RecipeStep step = at(2, List.of(1L));

        step.send("ignored without a default channel");
        step.sendTo("nonexistent", "ignored");
        assertThat(step.deliveries()).isEmpty();

        step.sendTo("success", "ok");
        step.setDefaultChannel("failure");
        step.send("bad");

        assertThat(step.deliveries()).extracting(RecipeDelivery::destination).containsExactly("d", "e");
        assertThat(step.deliveries().get(0).exchange()).isEqualTo("results");
        assertThat(step.deliveries()).allSatisfy(d -> assertThat(d.message().path()).containsExactly(1L, 2L));
    }

    @Test
    void checkpointComesBackToThisStepWithThePathUnchangedAndItsOwnDelay() {
        RecipeStep step = at(3, List.of(1L));

        step.checkpoint("later", Duration.ofSeconds(4));

        assertThat(step.deliveries()).extracting(RecipeDelivery::destination).containsExactly("c", "t.c");
        assertThat(step.deliveries()).allSatisfy(d -> {
            assertThat(d.message().pointer()).isEqualTo(3);
            assertThat(d.message().path()).containsExactly(1L);
            assertThat(d.delay()).isEqualTo(Duration.ofSeconds(4));
        });
    }

    @Test
    void errorGoesToTheNodesErrorDestinationWithTheFailure() {
        RecipeStep step = at(2, List.of(1L));

        assertThat(step.hasErrorDestination()).isTrue();
        step.error("in", "IllegalStateException: broken");

        RecipeDelivery delivery = step.deliveries().get(0);
        assertThat(delivery.destination()).isEqualTo("dead");
        assertThat(delivery.headers()).containsEntry(ZocaloConstants.ARROYO_ERROR, "IllegalStateException: broken");
        assertThat(delivery.message().path()).containsExactly(1L, 2L);
        assertThat(at(5, List.of()).hasErrorDestination()).isFalse();
    }

    @Test
    void recipeWideErrorListServesNodesWithoutTheirOwn() {
        Recipe recipe = Recipe.parse("""
                {"1": {"queue": "a"}, "2": {"queue": "errors"}, "start": [[1, null]], "error": [2]}""");
        RecipeStep step = RecipeStep.of(new RecipeMessage(Map.of(), null, recipe, List.of(), 1));

        step.error(null, "boom");

        assertThat(step.deliveries()).extracting(RecipeDelivery::destination).containsExactly("errors");
    }

    @Test
    void startSendsEachStartPayloadWithAnEmptyPath() {
        RecipeStep step = RecipeStep.withoutRecipe(Map.of());

        step.start(RECIPE, Map.of("ID", "new"));

        RecipeDelivery delivery = step.deliveries().get(0);
        assertThat(delivery.destination()).isEqualTo("a");
        assertThat(delivery.message().pointer()).isEqualTo(1);
        assertThat(delivery.message().path()).isEmpty();
        assertThat(delivery.message().payload()).isEqualTo(Map.of("go", true));
        assertThat(delivery.message().environment()).containsEntry("ID", "new");
    }

    @Test
    void messageWithoutRecipeHasNoOutputs() {
        RecipeStep step = RecipeStep.withoutRecipe("plain");

        assertThat(step.payload()).isEqualTo("plain");
        assertThat(step.hasErrorDestination()).isFalse();
        assertThatThrownBy(() -> step.send("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("carries no recipe");
    }

    @Test
    void messageReadsAndWritesPythonWorkflowsJson() {
        String json = "{\"environment\":{\"ID\":\"x\"},\"payload\":[1,2.5],\"recipe\":{\"1\":{\"queue\":\"a\",\"output\":2},"
                + "\"2\":{\"queue\":\"b\"},\"start\":[[1,null]]},\"recipe-path\":[],\"recipe-pointer\":\"2\"}";

        RecipeMessage message = RecipeMessage.parse(json);

        assertThat(message.pointer()).isEqualTo(2);
        assertThat(message.toJson()).isEqualTo("{\"environment\": {\"ID\": \"x\"}, \"payload\": [1, 2.5], \"recipe\": {\"start\": [[1, null]], "
                + "\"1\": {\"queue\": \"a\", \"output\": [2]}, \"2\": {\"queue\": \"b\"}}, \"recipe-path\": [], \"recipe-pointer\": 2}");
        assertThatThrownBy(() -> RecipeMessage.parse("{\"payload\": 1}")).isInstanceOf(RecipeException.class)
                .hasMessageContaining("'recipe'");
        assertThatThrownBy(() -> RecipeStep.of(RecipeMessage.parse(json.replace("\"2\"}", "\"9\"}"))))
                .isInstanceOf(RecipeException.class).hasMessageContaining("no node 9");
    }

    @Test
    void recipeHeaderValuesAreThoseWorkflowsAccepts() {
        assertThat(List.of(true, "True", "true", 1, 1L, 1.0)).allMatch(RecipeMessage::isRecipeHeader);
        assertThat(java.util.Arrays.asList(false, "yes", 0, 2, null)).noneMatch(RecipeMessage::isRecipeHeader);
    }
}
