package org.arroyo.camel.zocalo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.strformat.PythonException;
import org.arroyo.camel.zocalo.strformat.PythonValues;

/**
 * A Zocalo processing recipe with the semantics of python-workflows' {@code Recipe}: numbered
 * steps (node keys become integers), a {@code start} list of {@code [node, payload]} pairs and
 * an optional {@code error} list; {@link #validate()}, {@link #applyParameters(Map)} and
 * {@link #merge(Recipe)} give what Python gives, errors included. Instances never change.
 */
public final class Recipe {

    static final String START = "start";
    static final String ERROR = "error";
    static final String OUTPUT = "output";

    private final Map<Object, Object> entries;

    @SuppressWarnings("unchecked")
    private Recipe(Map<Object, Object> sanitized) {
        this.entries = (Map<Object, Object>) RecipeJson.frozenCopy(sanitized);
    }

    /** Reads a recipe from JSON, as {@code Recipe(json_text)} does. */
    public static Recipe parse(String json) {
        Object value = RecipeJson.parse(json);
        if (!(value instanceof Map<?, ?> map)) {
            throw RecipeException.invalid("a recipe is a JSON object, not " + PythonValues.typeName(value));
        }
        return of(map);
    }

    /** A recipe from a map as JSON reads it, as {@code Recipe(dict)} does. */
    public static Recipe of(Map<?, ?> recipe) {
        try {
            return new Recipe(sanitize(recipe));
        } catch (PythonException e) {
            throw RecipeException.of(e);
        }
    }

    /** What python-workflows says of this JSON recipe: parsed and validated, or the error. */
    public static RecipeVerdict check(String json) {
        try {
            parse(json).validate();
            return RecipeVerdict.accepted();
        } catch (RecipeException e) {
            return RecipeVerdict.rejected(e);
        }
    }

    /**
     * Checks that the recipe is a directed acyclic graph whose every link exists and every node
     * is reachable from {@code start} or {@code error}.
     */
    public void validate() {
        try {
            new RecipeValidation(entries).validate();
        } catch (PythonException e) {
            throw RecipeException.of(e);
        }
    }

    public RecipeVerdict verdict() {
        try {
            validate();
            return RecipeVerdict.accepted();
        } catch (RecipeException e) {
            return RecipeVerdict.rejected(e);
        }
    }

    /**
     * The recipe with {@code {name}} placeholders in every string replaced from
     * {@code parameters} (unknown names stay as they are), and strings that are a whole
     * {@code {$REPLACE:name}} replaced by a copy of that parameter's value.
     */
    public Recipe applyParameters(Map<String, ?> parameters) {
        try {
            return new Recipe(RecipeParameters.apply(entries, parameters));
        } catch (PythonException e) {
            throw RecipeException.of(e);
        }
    }

    /** Both recipes in one: the other's nodes renumbered after this one's, starts and errors joined. */
    public Recipe merge(Recipe other) {
        try {
            return of(RecipeMerge.merge(this, other));
        } catch (PythonException e) {
            throw RecipeException.of(e);
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The node (step) with this number, e.g. to read its queue, parameters and outputs. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> node(long number) {
        Object key = PythonValues.findKey(entries, number);
        if (key == PythonValues.NOT_FOUND) {
            throw new RecipeException("KeyError", number + " (the recipe has no node " + number + ")");
        }
        Object node = entries.get(key);
        if (!(node instanceof Map)) {
            throw RecipeException.invalid("node " + number + " is not a JSON object");
        }
        return (Map<String, Object>) node;
    }

    /** The {@code [node, payload]} pairs the recipe starts with. */
    @SuppressWarnings("unchecked")
    public List<List<Object>> start() {
        Object start = entries.get(START);
        return start == null ? List.of() : (List<List<Object>>) start;
    }

    /** The recipe-wide error destinations, or null. */
    public Object error() {
        return entries.get(ERROR);
    }

    /** The entries in Python's order, node keys as integers. */
    Map<Object, Object> entries() {
        return entries;
    }

    /** The JSON form: node keys as strings, in the order python-workflows writes them. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach((key, value) -> map.put(jsonKey(key), value));
        return map;
    }

    public String toJson() {
        return RecipeJson.write(toMap());
    }

    public String toPrettyJson() {
        return RecipeJson.writePretty(toMap());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recipe recipe && PythonValues.equal(entries, recipe.entries);
    }

    @Override
    public int hashCode() {
        return entries.size();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** What json.dumps writes for a dict key. */
    private static String jsonKey(Object key) {
        if (key instanceof Boolean b) {
            return b.toString();
        } else if (key == null) {
            return "null";
        }
        return PythonValues.str(key);
    }

    /**
     * As python-workflows' {@code _sanitize}: numeric-string keys become integers (moved to the
     * end, in order), a single {@code output} becomes a list, start entries become pairs.
     */
    private static Map<Object, Object> sanitize(Map<?, ?> input) {
        Map<Object, Object> recipe = new LinkedHashMap<>();
        input.forEach((k, v) -> recipe.put(k, RecipeJson.mutableCopy(v)));
        for (Object key : new ArrayList<>(recipe.keySet())) {
            if (START.equals(key) || ERROR.equals(key)) {
                continue;
            }
            Number number = asInt(key);
            if (PythonValues.truthy(number) && key instanceof String) {
                recipe.put(number, recipe.remove(key));
            }
        }
        for (Object key : new ArrayList<>(recipe.keySet())) {
            Object node = recipe.get(key);
            if (PythonValues.contains(node, OUTPUT)) {
                Object output = PythonValues.getItem(node, OUTPUT);
                if (!(output instanceof List) && !(output instanceof Map)) {
                    List<Object> single = new ArrayList<>();
                    single.add(output);
                    castMap(node).put(OUTPUT, single);
                }
            }
        }
        if (recipe.containsKey(START)) {
            List<Object> pairs = new ArrayList<>();
            for (Object entry : PythonValues.iterate(recipe.get(START))) {
                pairs.add(PythonValues.iterate(entry));
            }
            recipe.put(START, pairs);
        }
        return recipe;
    }

    private static Number asInt(Object key) {
        if (key instanceof String text) {
            return PythonValues.parseInt(text);
        } else if (PythonValues.isInt(key)) {
            return key instanceof Boolean b ? (Number) (b ? 1L : 0L) : (Number) key;
        }
        throw new PythonException("TypeError",
                "int() argument must be a string, a bytes-like object or a real number, not '" + PythonValues.typeName(key) + "'");
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> castMap(Object node) {
        return (Map<Object, Object>) node;
    }
}
