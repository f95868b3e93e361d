package org.arroyo.camel.zocalo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.strformat.PythonValues;

import static org.arroyo.camel.zocalo.Recipe.ERROR;
import static org.arroyo.camel.zocalo.Recipe.OUTPUT;
import static org.arroyo.camel.zocalo.Recipe.START;
import static org.arroyo.camel.zocalo.strformat.PythonValues.contains;
import static org.arroyo.camel.zocalo.strformat.PythonValues.getItem;
import static org.arroyo.camel.zocalo.strformat.PythonValues.repr;
import static org.arroyo.camel.zocalo.strformat.PythonValues.str;

/**
 * python-workflows' recipe validation, rule for rule and in the same order. Its search for cycles searches a node once
 * (one searched without a fault is on no cycle): the same verdict, without the time that grows exponentially with
 * steps that fan out and join again.
 */
final class RecipeValidation {

    private final Map<Object, Object> recipe;
    private final List<Object> touched = new ArrayList<>(List.of(START, ERROR));
    /** Nodes searched to the end without a fault: a search that reaches one again would find none either. */
    private final List<Object> searched = new ArrayList<>();

    RecipeValidation(Map<Object, Object> recipe) {
        this.recipe = recipe;
    }

    void validate() {
        if (recipe.isEmpty()) {
            throw RecipeException.invalid("No recipe defined");
        }
        checkStart();
        checkErrorList();
        for (Object key : recipe.keySet()) {
            if (!PythonValues.isInt(key) && !START.equals(key) && !ERROR.equals(key)) {
                throw RecipeException.invalid("Node \"" + str(key) + "\" is not numeric");
            }
        }
        for (Object link : (List<?>) recipe.get(START)) {
            findCycles(path(START, ((List<?>) link).get(0)));
        }
        if (recipe.containsKey(ERROR)) {
            Object error = recipe.get(ERROR);
            if (error instanceof List<?> links) {
                links.forEach(link -> findCycles(path(ERROR, link)));
            } else {
                findCycles(path(ERROR, error));
            }
        }
        for (Object key : recipe.keySet()) {
            if (!contains(touched, key)) {
                throw RecipeException.invalid("Recipe contains unreferenced node \"" + str(key) + "\"");
            }
        }
    }

    private void checkStart() {
        if (!recipe.containsKey(START)) {
            throw RecipeException.invalid("\"start\" node missing");
        }
        List<?> start = (List<?>) recipe.get(START);
        if (start.isEmpty()) {
            throw RecipeException.invalid("\"start\" node empty");
        }
        if (!start.stream().allMatch(entry -> entry instanceof List<?> pair && pair.size() == 2)) {
            throw RecipeException.invalid("\"start\" node invalid");
        }
        if (start.stream().anyMatch(entry -> START.equals(((List<?>) entry).get(0)))) {
            throw RecipeException.invalid("\"start\" node points to itself");
        }
    }

    private void checkErrorList() {
        Object error = recipe.get(ERROR);
        if (error instanceof List || error instanceof String) {
            if (contains(error, START)) {
                throw RecipeException.invalid("\"error\" node points to \"start\" node");
            }
            if (contains(error, ERROR)) {
                throw RecipeException.invalid("\"error\" node points to itself");
            }
        }
    }

    /** Depth-first search from the last node of {@code path}, failing on a loop back into it. */
    private void findCycles(List<Object> path) {
        Object last = path.get(path.size() - 1);
        if (!contains(recipe, last)) {
            throw RecipeException.invalid("Node \"" + str(last) + "\" is referenced via \""
                    + repr(path.subList(0, path.size() - 1)) + "\" but missing");
        }
        if (!contains(touched, last)) {
            touched.add(last);
        }
        if (contains(searched, last)) {
            return;
        }
        Object node = getItem(recipe, last);
        for (String outgoing : List.of(OUTPUT, ERROR)) {
            if (contains(node, outgoing)) {
                for (Object next : links(getItem(node, outgoing))) {
                    if (contains(path, next)) {
                        throw RecipeException.invalid("Recipe contains cycle (" + repr(path) + " -> " + str(next) + ")");
                    }
                    List<Object> longer = new ArrayList<>(path);
                    longer.add(next);
                    findCycles(longer);
                }
            }
        }
        searched.add(last);
    }

    /** The nodes an output or error link names: a number, a list of numbers, or a map of those. */
    private static List<Object> links(Object link) {
        if (link == null) {
            return List.of();
        } else if (PythonValues.isInt(link)) {
            return List.of(link);
        } else if (link instanceof List<?> list) {
            if (!list.stream().allMatch(PythonValues::isInt)) {
                throw invalidLink(link);
            }
            return new ArrayList<>(list);
        } else if (link instanceof Map<?, ?> channels) {
            List<Object> all = new ArrayList<>();
            channels.values().forEach(channel -> all.addAll(links(channel)));
            return all;
        }
        throw invalidLink(link);
    }

    private static RecipeException invalidLink(Object link) {
        return RecipeException.invalid("Invalid link in recipe (" + str(link) + ")");
    }

    private static List<Object> path(Object first, Object second) {
        List<Object> path = new ArrayList<>();
        path.add(first);
        path.add(second);
        return path;
    }
}
