package org.arroyo.camel.zocalo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.strformat.PythonException;
import org.arroyo.camel.zocalo.strformat.PythonValues;
import org.arroyo.camel.zocalo.strformat.StringFormatter;

/** python-workflows' {@code apply_parameters}: every string of the recipe, keys included. */
final class RecipeParameters {

    private static final String REPLACE = "{$REPLACE";
    /** Python slices {@code item[10:-1]}: the marker and the one character after it go. */
    private static final int REPLACE_NAME_OFFSET = 10;

    private final Map<String, ?> parameters;

    private RecipeParameters(Map<String, ?> parameters) {
        this.parameters = parameters;
    }

    static Map<Object, Object> apply(Map<Object, Object> recipe, Map<String, ?> parameters) {
        return Recipe.castMap(new RecipeParameters(parameters).apply(recipe));
    }

    private Object apply(Object item) {
        if (item instanceof String text) {
            return text.startsWith(REPLACE) && text.endsWith("}") ? replaceWhole(text) : StringFormatter.format(text, parameters);
        } else if (item instanceof Map<?, ?> map) {
            Map<Object, Object> applied = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object newKey = apply(key);
                PythonValues.requireHashable(newKey);
                Object existing = PythonValues.findKey(applied, newKey);
                applied.put(existing == PythonValues.NOT_FOUND ? newKey : existing, apply(value));
            });
            return applied;
        } else if (item instanceof List<?> list) {
            List<Object> applied = new ArrayList<>(list.size());
            list.forEach(element -> applied.add(apply(element)));
            return applied;
        }
        return item;
    }

    /** {@code {$REPLACE:name}}: a copy of the parameter itself; None when it is not given. */
    private Object replaceWhole(String text) {
        int[] codePoints = text.codePoints().toArray();
        int end = codePoints.length - 1;
        String name = end > REPLACE_NAME_OFFSET ? new String(codePoints, REPLACE_NAME_OFFSET, end - REPLACE_NAME_OFFSET) : "";
        try {
            return RecipeJson.mutableCopy(StringFormatter.fieldValue("{" + name + "}", parameters));
        } catch (PythonException e) {
            if ("KeyError".equals(e.type())) {
                return null;
            }
            throw e;
        }
    }
}
