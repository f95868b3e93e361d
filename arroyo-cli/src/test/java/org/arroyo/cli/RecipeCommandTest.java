package org.arroyo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.test.infra.RecipeCases;
import org.arroyo.test.infra.RecipeCases.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code arroyo recipe validate|apply} give python-workflows' verdicts and applied recipes. */
class RecipeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Case> recipes() {
        return RecipeCases.all().stream().filter(c -> c.has("recipe") && c.has("valid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void validatePrintsPythonsVerdictAndApplyItsAppliedRecipe(Case recipe, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(recipe.name() + ".json");
        Files.writeString(file, recipe.get("recipe") instanceof String text ? text : JSON.writeValueAsString(recipe.get("recipe")));

        ArroyoCliTest.Result verdict = arroyo("recipe", "validate", file);

        boolean valid = (Boolean) recipe.get("valid");
        assertThat(verdict.exitCode()).as(verdict.err()).isEqualTo(valid ? 0 : 1);
        JsonNode line = JSON.readTree(verdict.out());
        assertThat(line.get("valid").asBoolean()).isEqualTo(valid);
        if (!valid) {
            assertThat(line.get("error").asText()).isEqualTo(recipe.get("error"));
            return;
        }
        if (recipe.has("applied")) {
            ArroyoCliTest.Result applied = arroyo("recipe", "apply", file, "--parameters",
                    JSON.writeValueAsString(recipe.get("parameters")));
            assertThat(applied.exitCode()).as(applied.err()).isZero();
            assertThat(JSON.readTree(applied.out())).isEqualTo(JSON.readTree(JSON.writeValueAsString(recipe.get("applied"))));
        }
    }

    @Test
    void badParametersAreAOneLineError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "{\"1\": {\"queue\": \"q\"}, \"start\": [[1, []]]}");

        ArroyoCliTest.Result result = arroyo("recipe", "apply", file, "--parameters", "[1, 2]");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("arroyo: ").doesNotContain("\n");
    }
}
