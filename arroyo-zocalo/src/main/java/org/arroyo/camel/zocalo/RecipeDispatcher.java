package org.arroyo.camel.zocalo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.arroyo.camel.zocalo.strformat.PythonValues;

/**
 * Zocalo's dispatcher as a service operator: a {@code processing_recipe} request
 * {@code {"recipes": [names], "custom_recipe": {...}, "parameters": {...}}} becomes one recipe
 * (the custom recipe, then the named ones read from {@code <directory>/<name>.json}, each
 * validated and merged), parameters applied, a recipe ID ({@code parameters.guid} or a new UUID)
 * set as {@code environment.ID}, and the recipe started.
 */
public final class RecipeDispatcher implements RecipeOperator {

    private final Path recipeDirectory;

    public RecipeDispatcher(Path recipeDirectory) {
        if (!Files.isDirectory(recipeDirectory)) {
            throw new IllegalArgumentException("recipe directory " + recipeDirectory + " does not exist");
        }
        this.recipeDirectory = recipeDirectory;
    }

    @Override
    public void process(RecipeStep step) {
        Map<String, Object> request = object(step.payload(), "a processing request");
        Map<String, Object> parameters = new LinkedHashMap<>(object(request.getOrDefault("parameters", Map.of()), "parameters"));
        Object id = PythonValues.truthy(parameters.get("guid")) ? parameters.get("guid") : UUID.randomUUID().toString();
        parameters.put("guid", id);

        Recipe recipe = Recipe.of(Map.of());
        if (PythonValues.truthy(request.get("custom_recipe"))) {
            recipe = recipe.merge(validated(Recipe.of(object(request.get("custom_recipe"), "custom_recipe")), "custom recipe"));
        }
        for (Object name : list(request.getOrDefault("recipes", List.of()))) {
            recipe = recipe.merge(validated(named(PythonValues.str(name)), "named recipe " + name));
        }
        if (recipe.isEmpty()) {
            throw new RecipeException("ValueError", "the request names no recipe (neither recipes nor custom_recipe)");
        }
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("ID", id);
        step.start(recipe.applyParameters(parameters), environment);
    }

    private Recipe named(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new RecipeException("ValueError", "recipe name " + PythonValues.repr(name) + " is not a plain file name");
        }
        Path file = recipeDirectory.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            throw new RecipeException("ValueError",
                    "Message references non-existing recipe " + name + ". Recipe path is " + recipeDirectory);
        }
        try {
            return Recipe.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recipe " + file, e);
        }
    }

    private static Recipe validated(Recipe recipe, String what) {
        try {
            recipe.validate();
            return recipe;
        } catch (RecipeException e) {
            throw new RecipeException("ValueError", what + " failed validation. " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new RecipeException("TypeError", what + " must be a JSON object, not " + PythonValues.typeName(value));
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        if (!(value instanceof List<?> names)) {
            throw new RecipeException("TypeError", "recipes must be a list of names, not " + PythonValues.typeName(value));
        }
        return names;
    }
}
