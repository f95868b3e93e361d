package org.arroyo.camel.zocalo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.strformat.PythonException;
import org.arroyo.camel.zocalo.strformat.PythonValues;

/**
 * The body of a recipe-wrapped message, as python-workflows writes it: {@code environment},
 * {@code payload}, {@code recipe}, {@code recipe-path} (the nodes passed so far) and
 * {@code recipe-pointer} (the node this message is for). Such messages carry the AMQP header
 * {@link ZocaloConstants#WORKFLOWS_RECIPE workflows-recipe} = true.
 */
public record RecipeMessage(Map<String, Object> environment, Object payload, Recipe recipe, List<Object> path,
        long pointer) {

    @SuppressWarnings("unchecked")
    public RecipeMessage {
        environment = (Map<String, Object>) RecipeJson.frozenCopy(environment);
        path = (List<Object>) RecipeJson.frozenCopy(path);
    }

    /** Reads a message as python-workflows' RecipeWrapper does; a missing recipe or pointer fails. */
    public static RecipeMessage parse(String json) {
        Map<String, Object> message = RecipeJson.parseObject(json, "a recipe message");
        Object recipe = require(message, "recipe");
        if (!(recipe instanceof Map<?, ?> recipeMap)) {
            throw new RecipeException("TypeError", "the message's recipe must be a JSON object, not "
                    + PythonValues.typeName(recipe));
        }
        Object environment = message.getOrDefault("environment", Map.of());
        Object path = message.getOrDefault("recipe-path", List.of());
        if (!(environment instanceof Map<?, ?> environmentMap) || !(path instanceof List<?> pathList)) {
            throw new RecipeException("TypeError", "the message's environment must be an object and its recipe-path a list");
        }
        return new RecipeMessage(stringKeys(environmentMap), message.get("payload"), Recipe.of(recipeMap),
                new ArrayList<>(pathList), pointer(require(message, "recipe-pointer")));
    }

    /** True when a header value marks a recipe message: python-workflows accepts True, "True", "true" and 1. */
    public static boolean isRecipeHeader(Object value) {
        return Boolean.TRUE.equals(value) || "True".equals(value) || "true".equals(value)
                || (value instanceof Number n && new BigDecimal(n.toString()).compareTo(BigDecimal.ONE) == 0);
    }

    /** The JSON object, keys in python-workflows' order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("environment", environment);
        map.put("payload", payload);
        map.put("recipe", recipe.toMap());
        map.put("recipe-path", path);
        map.put("recipe-pointer", pointer);
        return map;
    }

    public String toJson() {
        return RecipeJson.write(toMap());
    }

    private static Object require(Map<String, Object> message, String field) {
        if (!message.containsKey(field)) {
            throw new RecipeException("KeyError", PythonValues.repr(field) + " (a recipe message needs " + field + ")");
        }
        return message.get(field);
    }

    /** Python's int(): of an integer, a float (truncated) or a numeric string. */
    private static long pointer(Object value) {
        if (value instanceof String text) {
            try {
                return PythonValues.parseInt(text).longValue();
            } catch (PythonException e) {
                throw RecipeException.of(e);
            }
        } else if (value instanceof Number n && !(value instanceof Double d && !Double.isFinite(d))) {
            return n.longValue();
        }
        throw new RecipeException("TypeError", "recipe-pointer must be a number, not " + PythonValues.typeName(value));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
