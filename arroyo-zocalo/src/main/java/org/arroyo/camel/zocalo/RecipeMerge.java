package org.arroyo.camel.zocalo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.strformat.PythonException;
import org.arroyo.camel.zocalo.strformat.PythonValues;

import static org.arroyo.camel.zocalo.Recipe.ERROR;
import static org.arroyo.camel.zocalo.Recipe.OUTPUT;
import static org.arroyo.camel.zocalo.Recipe.START;

/**
 * python-workflows' {@code merge}: the second recipe's nodes get numbers after the first's
 * highest, their links follow, its start entries and error links are appended.
 */
final class RecipeMerge {

    private final Map<Object, Long> renumbered = new LinkedHashMap<>();

    private RecipeMerge() {
    }

    static Map<Object, Object> merge(Recipe first, Recipe second) {
        if (second.isEmpty()) {
            return first.entries();
        } else if (first.isEmpty()) {
            return second.entries();
        }
        first.validate();
        second.validate();
        return new RecipeMerge().join(first.entries(), second.entries());
    }

    private Map<Object, Object> join(Map<Object, Object> first, Map<Object, Object> second) {
        Map<Object, Object> merged = Recipe.castMap(RecipeJson.mutableCopy(first));
        long next = highestNode(first) + 1;
        for (Map.Entry<Object, Object> entry : second.entrySet()) {
            if (PythonValues.isInt(entry.getKey())) {
                if (!renumbered.containsKey(entry.getKey())) {
                    renumbered.put(entry.getKey(), next++);
                }
                merged.put(renumbered.get(entry.getKey()), RecipeJson.mutableCopy(entry.getValue()));
            }
        }
        for (Long number : renumbered.values()) {
            Object node = merged.get(number);
            for (String link : List.of(OUTPUT, ERROR)) {
                if (PythonValues.contains(node, link)) {
                    Recipe.castMap(node).put(link, renumber(PythonValues.getItem(node, link)));
                }
            }
        }
        List<Object> start = castList(merged.get(START));
        for (Object entry : (List<?>) second.get(START)) {
            List<?> pair = (List<?>) entry;
            start.add(new ArrayList<>(Arrays.asList(renumber(pair.get(0)), pair.get(1))));
        }
        if (second.containsKey(ERROR)) {
            joinErrors(merged, renumber(second.get(ERROR)));
        }
        return merged;
    }

    private static void joinErrors(Map<Object, Object> merged, Object errors) {
        if (!merged.containsKey(ERROR)) {
            merged.put(ERROR, errors);
            return;
        }
        Object existing = merged.get(ERROR);
        List<Object> joined = existing instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(existing));
        if (errors instanceof List<?> list) {
            joined.addAll(list);
        } else {
            joined.add(errors);
        }
        merged.put(ERROR, joined);
    }

    private Object renumber(Object link) {
        if (link instanceof List<?> list) {
            List<Object> renumberedList = new ArrayList<>(list.size());
            list.forEach(item -> renumberedList.add(renumber(item)));
            return renumberedList;
        } else if (link instanceof Map<?, ?> channels) {
            Map<Object, Object> renumberedChannels = new LinkedHashMap<>();
            channels.forEach((channel, target) -> renumberedChannels.put(channel, renumber(target)));
            return renumberedChannels;
        }
        PythonValues.requireHashable(link);
        Object key = PythonValues.findKey(renumbered, link);
        if (key == PythonValues.NOT_FOUND) {
            throw new PythonException("KeyError", PythonValues.repr(link));
        }
        return renumbered.get(key);
    }

    private static long highestNode(Map<Object, Object> recipe) {
        List<Long> numbers = recipe.keySet().stream().filter(PythonValues::isInt).map(key -> ((Number) key).longValue()).toList();
        if (numbers.isEmpty()) {
            // Python's max(1, *[]) is max(1)
            throw new PythonException("TypeError", "'int' object is not iterable");
        }
        return Math.max(1, numbers.stream().mapToLong(Long::longValue).max().getAsLong());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object list) {
        return (List<Object>) list;
    }
}
