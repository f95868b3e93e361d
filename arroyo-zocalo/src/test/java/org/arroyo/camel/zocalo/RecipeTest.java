package org.arroyo.camel.zocalo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Corners of python-workflows' Recipe beyond the shared cases; expectations are CPython's. */
class RecipeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"0": {"queue": "a"}, "1": {"queue": "b"}, "start": [[1, null]]}        | Error: Invalid recipe: Node "0" is not numeric
            {"1": {"queue": "a"}, "start": [[1, null]], "error": 3}                 | TypeError: argument of type 'int' is not iterable
            {"1": {"queue": "a", "output": ["x"]}, "start": [[1, null]]}            | Error: Invalid recipe: Invalid link in recipe (['x'])
            {"1": {"queue": "a"}, "start": ["12"]}                                  | Error: Invalid recipe: Node "1" is referenced via "['start']" but missing
            {"1": {"queue": "a"}, "start": [[1, null, 2]]}                          | Error: Invalid recipe: "start" node invalid
            {"1": {"queue": "a"}, "start": [[1, null]], "error": "restart"}         | Error: Invalid recipe: "error" node points to "start" node
            {}                                                                      | Error: Invalid recipe: No recipe defined
            [1]                                                                     | Error: Invalid recipe: a recipe is a JSON object, not list
            {"1": {"queue": "a"}                                                    | JSONDecodeError
            """)
    void rejectsAsPythonDoes(String json, String error) {
        RecipeVerdict verdict = Recipe.check(json);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.error()).startsWith(error);
    }

    @Test
    void acceptsWhatPythonAccepts() {
        assertThat(Recipe.check("{\"start\": [[\"error\", {}]], \"error\": []}").valid()).isTrue();
        assertThat(Recipe.check("{\"2\": {\"output\": {\"a\": [3], \"b\": null}}, \"3\": {}, \"start\": [[2, 1]]}").valid()).isTrue();
    }

    @Test
    void replaceTakesTheValueItselfAndUnknownReplaceBecomesNull() {
        Recipe recipe = Recipe.parse("{\"1\": {\"queue\": \"{$REPLACE:nope}\", \"p\": \"{$REPLACE:l}\", \"k\": \"{a} {b!r} {c}\"},"
                + " \"start\": [[1, null]]}");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("l", List.of(1L, java.util.Collections.singletonMap("x", null)));
        parameters.put("a", 1.0);
        parameters.put("b", "q");

        Recipe applied = recipe.applyParameters(parameters);

        assertThat(applied.toJson())
                .isEqualTo("{\"start\": [[1, null]], \"1\": {\"queue\": null, \"p\": [1, {\"x\": null}], \"k\": \"1.0 'q' {c}\"}}");
        assertThat(recipe.toJson()).contains("{$REPLACE:nope}");
    }

    @Test
    void failuresWhileApplyingCarryPythonsError() {
        Recipe recipe = Recipe.parse("{\"1\": {\"queue\": \"{c:>4}\"}, \"start\": [[1, null]]}");

        assertThatThrownBy(() -> recipe.applyParameters(Map.of()))
                .isInstanceOf(RecipeException.class)
                .hasMessage("TypeError: unsupported format string passed to SafeString.__format__");
    }

    @Test
    void mergingIntoARecipeWithoutNumberedNodesFailsAsInPython() {
        Recipe noNodes = Recipe.parse("{\"start\": [[\"error\", {}]], \"error\": []}");

        assertThatThrownBy(() -> noNodes.merge(Recipe.parse("{\"1\": {}, \"start\": [[1, 2]]}")))
                .isInstanceOf(RecipeException.class)
                .hasMessage("TypeError: 'int' object is not iterable");
    }

    @Test
    void mergingWithAnEmptyRecipeKeepsTheOther() {
        Recipe recipe = Recipe.parse("{\"1\": {\"queue\": \"a\"}, \"start\": [[1, null]]}");

        assertThat(Recipe.of(Map.of()).merge(recipe)).isEqualTo(recipe);
        assertThat(recipe.merge(Recipe.of(Map.of()))).isEqualTo(recipe);
    }

    @Test
    void applyAsTheCommandLineDoesPrintsIndentedJson() {
        Recipe recipe = Recipe.parse("{\"1\": {\"queue\": \"q.{n}\"}, \"start\": [[1, {\"at\": \"{n}\"}]]}");

        String printed = recipe.applyParameters(RecipeJson.parseObject("{\"n\": 7}", "--parameters")).toPrettyJson();

        assertThat(RecipeJson.parse(printed)).isEqualTo(RecipeJson.parse(
                "{\"start\": [[1, {\"at\": \"7\"}]], \"1\": {\"queue\": \"q.7\"}}"));
        assertThat(printed).contains("\n  \"1\": {").contains("\"queue\": \"q.7\"");
        assertThatThrownBy(() -> RecipeJson.parseObject("[1]", "--parameters"))
                .isInstanceOf(RecipeException.class)
                .hasMessage("TypeError: --parameters must be a JSON object, not list");
    }
}
