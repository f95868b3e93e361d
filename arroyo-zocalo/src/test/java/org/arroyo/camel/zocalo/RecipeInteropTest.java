package org.arroyo.camel.zocalo;

import java.util.List;
import java.util.Map;

import org.arroyo.test.infra.RecipeCases;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case python-workflows judged gets the same verdict, applied recipe and merged recipe. */
class RecipeInteropTest {

    static Stream<RecipeCases.Case> verdictCases() {
        return RecipeCases.all().stream().filter(c -> c.has("valid"));
    }

    static Stream<RecipeCases.Case> validCases() {
        return verdictCases().filter(c -> (Boolean) c.get("valid"));
    }

    static Stream<RecipeCases.Case> mergeCases() {
        return RecipeCases.all().stream().filter(c -> c.has("merge"));
    }

    @Test
    void theSharedFileHoldsValidInvalidAndMergeCases() {
        assertThat(validCases()).isNotEmpty();
        assertThat(verdictCases().filter(c -> !(Boolean) c.get("valid"))).isNotEmpty();
        assertThat(mergeCases()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdictCases")
    void verdictIsPythons(RecipeCases.Case c) {
        RecipeVerdict verdict = Recipe.check(RecipeJson.write(c.get("recipe")));

        assertThat(verdict.valid()).isEqualTo(c.get("valid"));
        if (!verdict.valid()) {
            assertThat(verdict.error()).isEqualTo(c.get("error"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    @SuppressWarnings("unchecked")
    void appliedRecipeIsPythons(RecipeCases.Case c) {
        Recipe recipe = Recipe.of((Map<?, ?>) c.get("recipe"));

        Recipe applied = recipe.applyParameters((Map<String, Object>) c.get("parameters"));

        assertThat(applied.toJson()).isEqualTo(RecipeJson.write(c.get("applied")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mergeCases")
    void mergedRecipeIsPythons(RecipeCases.Case c) {
        List<?> pair = (List<?>) c.get("merge");

        Recipe merged = Recipe.of((Map<?, ?>) pair.get(0)).merge(Recipe.of((Map<?, ?>) pair.get(1)));

        assertThat(merged.toJson()).isEqualTo(RecipeJson.write(c.get("merged")));
        assertThat(merged.verdict().valid()).isTrue();
    }
}
