package org.arroyo.camel.zocalo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.test.infra.DecoderFuzzer;
import org.arroyo.test.infra.DecoderFuzzer.Outcome;
import org.arroyo.test.infra.RecipeCases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipes and recipe messages as JSON meet random bytes and mutations of python-workflows' recipe cases, of a long
 * chain of steps and of a ladder whose every rung doubles the paths through it: the only exception that may come out
 * is {@link RecipeException}, within the fuzzer's time bound. Bytes are read as UTF-8, as a transport reads a body.
 */
class RecipeFuzzTest {

    private static final int INPUTS = 10_000;
    private static final int CHAIN_STEPS = 100;
    private static final int LADDER_RUNGS = 40;

    /** What the dispatcher does with a recipe in a request: validated, then its parameters applied. */
    @Test
    void recipesAreRefusedOnlyWithARecipeException() throws Exception {
        Map<String, Object> parameters = Map.of("ispyb_dcid", 1001L, "workdir", "/dls/x1", "job_params", Map.of("n", 1L));
        Outcome outcome = new DecoderFuzzer(recipes()).run("recipe", INPUTS, RecipeException.class, (json, random) -> {
            Recipe recipe = Recipe.parse(text(json));
            recipe.validate();
            recipe.applyParameters(parameters);
        });

        assertThat(outcome.decoded()).as("recipes accepted").isPositive();
        assertThat(outcome.refused()).as("recipes refused").isPositive();
    }

    /** What a service does with a message it receives: the step its pointer names, with its parameters. */
    @Test
    void recipeMessagesAreRefusedOnlyWithARecipeException() throws Exception {
        List<byte[]> messages = recipes().stream().map(recipe -> message(RecipeJson.parse(text(recipe)))).toList();
        Outcome outcome = new DecoderFuzzer(messages).run("recipe message", INPUTS, RecipeException.class,
                (json, random) -> RecipeStep.of(RecipeMessage.parse(text(json))).parameters());

        assertThat(outcome.decoded()).as("messages read").isPositive();
        assertThat(outcome.refused()).as("messages refused").isPositive();
    }

    /** python-workflows' recipe cases, a chain and a ladder. */
    private static List<byte[]> recipes() {
        List<byte[]> recipes = new ArrayList<>();
        RecipeCases.all().stream().filter(c -> c.has("recipe")).forEach(c -> recipes.add(json(c.get("recipe"))));
        recipes.add(json(chain()));
        recipes.add(json(ladder()));
        return recipes;
    }

    /** Steps 1 to CHAIN_STEPS, each sending to the next. */
    private static Map<String, Object> chain() {
        Map<String, Object> recipe = new LinkedHashMap<>();
        for (long step = 1; step <= CHAIN_STEPS; step++) {
            recipe.put(Long.toString(step), step < CHAIN_STEPS ? Map.of("queue", "q", "output", step + 1) : Map.of("queue", "q"));
        }
        recipe.put("start", List.of(List.of(1L, Map.of())));
        return recipe;
    }

    /** Two steps per rung, each sending to both steps of the next rung: 2^LADDER_RUNGS paths from the start. */
    private static Map<String, Object> ladder() {
        Map<String, Object> recipe = new LinkedHashMap<>();
        for (long step = 1; step <= 2 * LADDER_RUNGS; step++) {
            long nextRung = (step + 1) / 2 * 2 + 1;
            recipe.put(Long.toString(step), step <= 2 * (LADDER_RUNGS - 1)
                    ? Map.of("queue", "q", "output", List.of(nextRung, nextRung + 1)) : Map.of("queue", "q"));
        }
        recipe.put("start", List.of(List.of(1L, Map.of()), List.of(2L, Map.of())));
        return recipe;
    }

    private static byte[] message(Object recipe) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("environment", Map.of("ID", "fuzz"));
        message.put("payload", Map.of("frame", 1L));
        message.put("recipe", recipe);
        message.put("recipe-path", List.of());
        message.put("recipe-pointer", 1L);
        return json(message);
    }

    private static byte[] json(Object value) {
        return RecipeJson.write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
